"""GDPR over HTTP (DESIGN.md "Contract: HTTP"; README "Privacy (GDPR)"): a contact's export
and erasure, and the tenant's register of privacy requests. Thin handlers and their
bodies; the rules are server/services/gdpr.py's and row-level security's."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.api.body import query_int
from server.api.handlers import principal, services
from server.api.schemas import Strict
from server.clock import rfc3339
from server.domain.privacy import PrivacyRequest
from server.errors import BadRequest
from server.services.gdpr import requester_of


class ContactExportOut(Strict):
    """The export document (`?format=zip`: a zip holding it as export.json, and the files)."""

    format: str = Field(description="flowsupport.contact-export/1")
    exported_at: str
    tenant_id: str
    request_id: str = Field(description="its entry in GET /v1/privacy-requests")
    subject_ref: str = Field(description="the contact's pseudonym in the audit log")
    contact: dict[str, Any] = Field(
        description="the contact object, with identities: [{kind: email|phone|whatsapp|"
        "external_id, value}]"
    )
    conversations: list[dict[str, Any]] = Field(
        description="conversation objects, each with every message (sender.kind, private)"
    )
    tickets: list[dict[str, Any]] = Field(
        description="ticket objects, each with its comments (public false: internal)"
    )
    csat_ratings: list[dict[str, Any]]
    attachments: list[dict[str, Any]] = Field(
        description="metadata; `file` names the member of the zip holding its bytes"
    )
    audit_events: list[dict[str, Any]] = Field(
        description="audit entries whose actor or target is the contact"
    )


class ErasedOut(Strict):
    contact_id: str
    erased: dict[str, int] = Field(description="rows changed or removed, per table")


class RequesterOut(Strict):
    id: str
    name: str


class PrivacyRequestOut(Strict):
    id: str
    kind: str = Field(description="export or erasure")
    contact_id: str | None = Field(description="null once the contact is erased")
    subject_ref: str = Field(description="the contact's pseudonym (hex SHA-256, salted)")
    requested_by: RequesterOut | None = Field(description="null: the operator's CLI")
    requested_at: str
    due_at: str = Field(description="a calendar month after requested_at")
    status: str = Field(description="received, completed or failed")
    completed_at: str | None
    summary: dict[str, Any] = Field(description="counts only")

    @classmethod
    def of(cls, r: PrivacyRequest) -> PrivacyRequestOut:
        return cls(
            id=str(r.id),
            kind=r.kind,
            contact_id=str(r.contact_id) if r.contact_id else None,
            subject_ref=r.subject_ref,
            requested_by=(
                RequesterOut(id=str(r.requested_by), name=r.requester_name or "")
                if r.requested_by
                else None
            ),
            requested_at=rfc3339(r.requested_at),
            due_at=rfc3339(r.due_at),
            status=r.status,
            completed_at=rfc3339(r.completed_at) if r.completed_at else None,
            summary=r.summary,
        )


class PrivacyRequestList(Strict):
    requests: list[PrivacyRequestOut] = Field(description="newest first")
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page")


async def export_contact(request: Request) -> Response:
    wanted = request.query_params.get("format", "json")
    if wanted not in ("json", "zip"):
        raise BadRequest("format must be json or zip")
    who = requester_of(await principal(request))
    done = await services(request).gdpr.export(who, request.path_params["id"])
    if wanted == "json":
        return JSONResponse(done.document)
    name = f"contact-{done.contact_id}.zip"
    return Response(
        done.zip_bytes(),
        media_type="application/zip",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


async def erase_contact(request: Request) -> JSONResponse:
    who = requester_of(await principal(request))
    done = await services(request).gdpr.erase(who, request.path_params["id"])
    return JSONResponse({"contact_id": str(done.contact_id), "erased": done.erased})


async def list_requests(request: Request) -> JSONResponse:
    who = await principal(request)
    limit = query_int(request, "limit", 50, low=1, high=200)
    page = await services(request).gdpr.requests(who, request.query_params.get("cursor"), limit)
    body = PrivacyRequestList(
        requests=[PrivacyRequestOut.of(r) for r in page.requests], next_cursor=page.next_cursor
    )
    return JSONResponse(body.model_dump())
