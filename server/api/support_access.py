"""Support access over HTTP (DESIGN.md "Contract: HTTP"): a super_admin opens a grant on a
tenant, that tenant's admins list and end it. Thin handlers and their bodies; the rules
are server/services/support_access.py's and, again, row-level security's."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.api.body import read_json
from server.api.handlers import principal, services
from server.api.schemas import Strict
from server.clock import rfc3339
from server.domain.support_access import MAX_MINUTES, SupportGrant


class SupportAccessIn(Strict):
    tenant_id: str = Field(max_length=64, description="the tenant to open (its id)")
    reason: str = Field(
        min_length=10, max_length=500, description="why: shown to the tenant's admins"
    )
    minutes: int = Field(ge=1, le=MAX_MINUTES, description="how long, at most 24 hours")


class GrantHolder(Strict):
    """The super_admin, as it was named when the grant was made."""

    id: str
    email: str
    name: str


class SupportGrantOut(Strict):
    id: str
    tenant_id: str
    user: GrantHolder
    reason: str
    created_at: str
    expires_at: str
    revoked_at: str | None
    active: bool = Field(description="not revoked and not yet expired, on the server's clock")

    @classmethod
    def of(cls, grant: SupportGrant, now: datetime) -> SupportGrantOut:
        return cls(
            id=str(grant.id),
            tenant_id=str(grant.tenant_id),
            user=GrantHolder(id=str(grant.user_id), email=grant.user_email, name=grant.user_name),
            reason=grant.reason,
            created_at=rfc3339(grant.created_at),
            expires_at=rfc3339(grant.expires_at),
            revoked_at=rfc3339(grant.revoked_at) if grant.revoked_at else None,
            active=grant.active(now),
        )


class SupportGrantList(Strict):
    grants: list[SupportGrantOut]


async def open_grant(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, SupportAccessIn, svc.settings.max_body_bytes)
    grant = await svc.support_access.grant(who, body.tenant_id, body.reason, body.minutes)
    out = SupportGrantOut.of(grant, svc.support_access.now())
    return JSONResponse(out.model_dump(), status_code=201)


async def list_grants(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    found = await svc.support_access.grants(who)
    now = svc.support_access.now()
    return JSONResponse(
        SupportGrantList(grants=[SupportGrantOut.of(g, now) for g in found]).model_dump()
    )


async def end_grant(request: Request) -> Response:
    who = await principal(request)
    await services(request).support_access.revoke(who, request.path_params["id"])
    return Response(status_code=204)
