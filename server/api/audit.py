"""The audit log and the access review over HTTP (DESIGN.md "Contract: HTTP"), and the
guard that audits an id-addressed request for another tenant's object. Thin handlers and
their bodies; the rules are server/services/audit_log.py's and row-level security's."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from server.api.body import query_int
from server.api.handlers import principal, services
from server.api.schemas import Strict
from server.clock import rfc3339
from server.domain import audit as rules
from server.domain import audit_csv
from server.domain.audit import AuditEntry
from server.errors import BadRequest, FlowSupportError, NotFound

Handler = Callable[[Request], Awaitable[Response]]
CSV = "text/csv; charset=utf-8"


class ActorOut(Strict):
    kind: str = Field(description="user | bot | visitor | operator | webhook | anonymous …")
    id: str | None


class TargetOut(Strict):
    kind: str
    id: str | None


class AuditEntryOut(Strict):
    id: str
    at: str
    tenant_id: str | None
    actor: ActorOut
    action: str
    target: TargetOut | None
    client_address: str | None = Field(description="of the request or WebSocket session")
    details: dict[str, Any] = Field(description="ids and facts only, never personal data")

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditEntryOut:
        target = (
            TargetOut(kind=entry.target_kind, id=entry.target_id)
            if entry.target_kind is not None
            else None
        )
        return cls(
            id=str(entry.id),
            at=rfc3339(entry.at),
            tenant_id=str(entry.tenant_id) if entry.tenant_id else None,
            actor=ActorOut(kind=entry.actor_kind, id=entry.actor_id),
            action=entry.action,
            target=target,
            client_address=entry.client_address,
            details=entry.details,
        )


class AuditPageOut(Strict):
    entries: list[AuditEntryOut]
    next_cursor: str | None = Field(description="pass as ?cursor= for older entries")


class ReviewUserOut(Strict):
    user_id: str
    email: str
    name: str
    role: str
    status: str = Field(description="active | deactivated")
    created_at: str
    last_sign_in_at: str | None
    last_activity_at: str | None = Field(description="last use of any of its sessions")


class AccessReviewOut(Strict):
    users: list[ReviewUserOut]


def _format(request: Request, default: str) -> str:
    wanted = request.query_params.get("format") or default
    if wanted not in ("json", "csv"):
        raise BadRequest("format must be json or csv")
    return wanted


async def list_audit(request: Request) -> Response:
    who = await principal(request)
    svc = services(request).audit_log
    params = request.query_params
    wanted = rules.query(
        actor=params.get("actor"),
        action=params.get("action"),
        target=params.get("target"),
        since=params.get("since"),
        until=params.get("until"),
    )
    if _format(request, "json") == "csv":
        export = await svc.export(who, wanted)
        headers = {
            "Content-Disposition": 'attachment; filename="audit-log.csv"',
            "X-Truncated": "true" if export.truncated else "false",
            "Cache-Control": "no-store",
        }
        return StreamingResponse(_csv(export.batches), media_type=CSV, headers=headers)
    limit = query_int(request, "limit", rules.DEFAULT_LIMIT, low=1, high=rules.MAX_LIMIT)
    page = await svc.page(who, wanted, params.get("cursor"), limit)
    out = AuditPageOut(
        entries=[AuditEntryOut.of(e) for e in page.entries], next_cursor=page.next_cursor
    )
    return JSONResponse(out.model_dump())


async def _csv(batches: AsyncIterator[list[AuditEntry]]) -> AsyncIterator[str]:
    yield audit_csv.lines([audit_csv.ENTRY_COLUMNS])
    async for batch in batches:
        yield audit_csv.lines(audit_csv.entry_row(e) for e in batch)


async def access_review(request: Request) -> Response:
    who = await principal(request)
    form = _format(request, "csv")
    rows = await services(request).audit_log.access_review(who)
    if form == "json":
        users = [ReviewUserOut(**audit_csv.review_record(r)) for r in rows]
        return JSONResponse(AccessReviewOut(users=users).model_dump())
    return Response(
        audit_csv.review_csv(rows),
        media_type=CSV,
        headers={
            "Content-Disposition": 'attachment; filename="access-review.csv"',
            "Cache-Control": "no-store",
        },
    )


def cross_tenant_guard(kind: str, handler: Handler) -> Handler:
    """`handler` (addressed by `{id}`), whose not-found path also asks whether the id is
    another tenant's and then audits `access.cross_tenant`. The answer stays the same 404
    as for a missing id: nothing in the response tells the two apart."""

    @functools.wraps(handler)
    async def guarded(request: Request) -> Response:
        try:
            return await handler(request)
        except NotFound:
            await _note_denial(request, kind)
            raise

    return guarded


async def _note_denial(request: Request, kind: str) -> None:
    object_id = request.path_params.get("id", "")
    try:
        who = await principal(request)
        await services(request).audit_log.denied_elsewhere(who, kind, object_id)
    except FlowSupportError:
        return  # the caller still gets its 404; the probe is best effort
