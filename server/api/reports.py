"""GET /v1/reports/{name} (DESIGN.md "Contract: HTTP"; README "Reports"): a thin handler.
The figures are server/services/reports.py's, the period and the CSV table
server/domain/reports.py's."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.api.handlers import principal, services
from server.api.schemas import Strict
from server.domain import reports as rules
from server.errors import BadRequest

CSV = "text/csv; charset=utf-8"


class PeriodOut(Strict):
    since: str
    until: str


class ReportOut(BaseModel):
    """Every report's head; the rest depends on the report (README "Reports")."""

    model_config = ConfigDict(extra="allow")
    name: str = Field(description="volume | ai | team | csat")
    since: str
    until: str = Field(description="exclusive")
    previous: PeriodOut = Field(description="the period of the same length just before")


async def report(request: Request) -> Response:
    who = await principal(request)
    params = request.query_params
    wanted = params.get("format") or "json"
    if wanted not in ("json", "csv"):
        raise BadRequest("format must be json or csv")
    svc = services(request).reports
    name = request.path_params["name"]
    body: dict[str, Any] = await svc.report(
        who, name, params.get("since"), params.get("until"), params.get("interval")
    )
    headers = {"Cache-Control": "no-store"}
    if wanted == "csv":
        headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return Response(rules.csv_text(name, body), media_type=CSV, headers=headers)
    return JSONResponse(body, headers=headers)
