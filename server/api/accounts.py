"""Thin handlers of the account endpoints: sessions, passwords, reset links, the team,
invitations and API keys. Decode, call a service, encode; the rules are the services'."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.api.account_schemas import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyList,
    ApiKeyOut,
    Deactivated,
    InvitationAccept,
    InvitationIssued,
    InvitationList,
    InvitationOut,
    InvitationPreviewOut,
    InviteIn,
    MemberList,
    MemberOut,
    MemberPatch,
    PasswordChange,
    PasswordResetConfirm,
    PasswordResetIn,
    RevokedOut,
    SessionList,
    SessionOut,
)
from server.api.body import read_json
from server.api.handlers import login_response, principal, services, sign_in_from
from server.clock import rfc3339
from server.domain.accounts import UserSession
from server.errors import BadRequest
from server.services.admin import actor_of
from server.services.invitations import IssuedInvitation

TRUE = ("1", "true", "yes")


# -- sessions and passwords ------------------------------------------------------------------


async def my_sessions(request: Request) -> JSONResponse:
    who = await principal(request)
    found = await services(request).accounts.sessions(who)
    return _sessions(found, who.session_id)


async def end_session(request: Request) -> Response:
    who = await principal(request)
    await services(request).accounts.end_session(who, request.path_params["id"])
    return Response(status_code=204)


async def user_sessions(request: Request) -> JSONResponse:
    who = await principal(request)
    found = await services(request).accounts.sessions_of(
        actor_of(who), who.tenant_id, request.path_params["id"]
    )
    return _sessions(found, who.session_id)


async def change_password(request: Request) -> Response:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, PasswordChange, svc.settings.max_body_bytes)
    await svc.accounts.change_password(who, body.current_password, body.new_password)
    return Response(status_code=204)


async def request_password_reset(request: Request) -> Response:
    svc = services(request)
    body = await read_json(request, PasswordResetIn, svc.settings.max_body_bytes)
    await svc.accounts.request_reset(body.email)
    return Response(status_code=202)


async def confirm_password_reset(request: Request) -> Response:
    svc = services(request)
    body = await read_json(request, PasswordResetConfirm, svc.settings.max_body_bytes)
    await svc.accounts.confirm_reset(body.token, body.password)
    return Response(status_code=204)


# -- the team ----------------------------------------------------------------------------------


async def list_users(request: Request) -> JSONResponse:
    """Staff for assignment (agents, bots); admins may add `?include_inactive=true`."""
    who = await principal(request)
    everyone = request.query_params.get("include_inactive", "").lower() in TRUE
    found = await services(request).team.members(who, include_inactive=everyone)
    return JSONResponse(MemberList(users=[MemberOut.of_member(m) for m in found]).model_dump())


async def invite_user(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, InviteIn, svc.settings.max_body_bytes)
    issued = await svc.invitations.invite(actor_of(who), who.tenant_id, body.email, body.role)
    return _issued(issued)


async def patch_user(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, MemberPatch, svc.settings.max_body_bytes)
    if not body.model_fields_set:
        raise BadRequest("give role or name")
    for key in body.model_fields_set:
        if getattr(body, key) is None:
            raise BadRequest(f"{key} cannot be null")
    member = await svc.team.change(
        actor_of(who), who.tenant_id, request.path_params["id"], role=body.role, name=body.name
    )
    return JSONResponse(MemberOut.of_member(member).model_dump())


async def deactivate_user(request: Request) -> JSONResponse:
    who = await principal(request)
    done = await services(request).team.deactivate(
        actor_of(who), who.tenant_id, request.path_params["id"]
    )
    out = Deactivated(user_id=str(done.user_id), sessions_closed=done.sessions_closed)
    return JSONResponse(out.model_dump())


# -- invitations -------------------------------------------------------------------------------


async def list_invitations(request: Request) -> JSONResponse:
    who = await principal(request)
    found = await services(request).invitations.open_ones(actor_of(who), who.tenant_id)
    out = InvitationList(invitations=[InvitationOut.of(i) for i in found])
    return JSONResponse(out.model_dump())


async def resend_invitation(request: Request) -> JSONResponse:
    who = await principal(request)
    issued = await services(request).invitations.resend(
        actor_of(who), who.tenant_id, request.path_params["id"]
    )
    return _issued(issued)


async def delete_invitation(request: Request) -> Response:
    who = await principal(request)
    await services(request).invitations.revoke(
        actor_of(who), who.tenant_id, request.path_params["id"]
    )
    return Response(status_code=204)


async def preview_invitation(request: Request) -> JSONResponse:
    found = await services(request).invitations.preview(request.query_params.get("token", ""))
    out = InvitationPreviewOut(
        email=found.email, tenant_name=found.tenant_name, expires_at=rfc3339(found.expires_at)
    )
    return JSONResponse(out.model_dump())


async def accept_invitation(request: Request) -> JSONResponse:
    svc = services(request)
    body = await read_json(request, InvitationAccept, svc.settings.max_body_bytes)
    result = await svc.invitations.accept(
        body.token, body.name, body.password, sign_in_from(request)
    )
    return JSONResponse(login_response(result).model_dump())


# -- API keys ----------------------------------------------------------------------------------


async def list_api_keys(request: Request) -> JSONResponse:
    who = await principal(request)
    found = await services(request).team.api_keys(actor_of(who), who.tenant_id)
    return JSONResponse(ApiKeyList(api_keys=[ApiKeyOut.of(k) for k in found]).model_dump())


async def create_api_key(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, ApiKeyIn, svc.settings.max_body_bytes)
    made = await svc.team.create_api_key(actor_of(who), who.tenant_id, body.name)
    out = ApiKeyCreated(id=str(made.id), name=made.name, api_key=made.api_key)
    return JSONResponse(out.model_dump(), status_code=201)


async def revoke_api_key(request: Request) -> JSONResponse:
    who = await principal(request)
    await services(request).team.revoke_api_key(
        actor_of(who), who.tenant_id, request.path_params["id"]
    )
    return JSONResponse(RevokedOut(revoked=True).model_dump())


def _sessions(found: list[UserSession], current: str | None) -> JSONResponse:
    out = SessionList(sessions=[SessionOut.of(s, current) for s in found])
    return JSONResponse(out.model_dump())


def _issued(issued: IssuedInvitation) -> JSONResponse:
    out = InvitationIssued(invitation=InvitationOut.of(issued.invitation), invite_url=issued.url)
    return JSONResponse(out.model_dump(), status_code=201)
