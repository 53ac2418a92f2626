"""Canned replies and macros over HTTP (DESIGN.md "Contract: HTTP"; README "Canned replies
and macros"). Thin handlers and their bodies; the rules are server/services/replies.py's,
server/services/macros.py's and row-level security's."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.api.body import read_json
from server.api.handlers import principal, services
from server.api.schemas import Strict
from server.clock import rfc3339
from server.domain.replies import ACTION_TYPES, MAX_ACTIONS, MAX_BODY, VARIABLES, CannedReply, Macro
from server.protocol import objects
from server.protocol.objects import ConversationObject


class CannedReplyIn(Strict):
    code: str = Field(max_length=40, description="what follows / in the composer: a-z 0-9 - _")
    title: str = Field(max_length=100)
    body: str = Field(max_length=MAX_BODY, description="with {variables}: see `variables`")
    shared: bool = Field(default=False, description="the tenant's (admins only), not the caller's")


class CannedReplyPatch(Strict):
    code: str | None = Field(default=None, max_length=40)
    title: str | None = Field(default=None, max_length=100)
    body: str | None = Field(default=None, max_length=MAX_BODY)


class CannedReplyOut(Strict):
    id: str
    code: str
    title: str
    body: str
    shared: bool = Field(description="false: the caller's personal reply")
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, r: CannedReply) -> CannedReplyOut:
        return cls(
            id=str(r.id),
            code=r.code,
            title=r.title,
            body=r.body,
            shared=r.owner_id is None,
            created_at=rfc3339(r.created_at),
            updated_at=rfc3339(r.updated_at),
        )


class VariableOut(Strict):
    name: str = Field(description="written {name} in a body")
    description: str


class CannedReplyList(Strict):
    replies: list[CannedReplyOut] = Field(description="shared first, then the caller's own")
    variables: list[VariableOut] = Field(description="the variables a body may use")


class RenderIn(Strict):
    conversation_id: str = Field(max_length=100)


class RenderedOut(Strict):
    body: str = Field(description="the body with its variables filled in")
    missing: list[str] = Field(description="known variables without a value: left empty")
    unknown: list[str] = Field(description="unknown variables: left as written")


ACTIONS_DOC = (
    f"1 to {MAX_ACTIONS} actions, applied in order; each an object with `type` one of "
    f"{', '.join(ACTION_TYPES)}: send_reply {{body}} (variables as canned replies), "
    "add_tags / remove_tags {tags: [..]}, set_status {status}, assign {assignee_id: "
    '"me" | user id | null}, set_priority {priority}'
)


class MacroIn(Strict):
    name: str = Field(max_length=100)
    actions: list[dict[str, Any]] = Field(max_length=MAX_ACTIONS, description=ACTIONS_DOC)
    shared: bool = Field(default=False, description="the tenant's (admins only), not the caller's")


class MacroPatch(Strict):
    name: str | None = Field(default=None, max_length=100)
    actions: list[dict[str, Any]] | None = Field(
        default=None, max_length=MAX_ACTIONS, description=ACTIONS_DOC
    )


class MacroOut(Strict):
    id: str
    name: str
    actions: list[dict[str, Any]]
    shared: bool = Field(description="false: the caller's personal macro")
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, m: Macro) -> MacroOut:
        return cls(
            id=str(m.id),
            name=m.name,
            actions=m.actions,
            shared=m.owner_id is None,
            created_at=rfc3339(m.created_at),
            updated_at=rfc3339(m.updated_at),
        )


class MacroList(Strict):
    macros: list[MacroOut] = Field(description="shared first, then the caller's own")


class ApplyIn(Strict):
    conversation_id: str = Field(max_length=100)


class AppliedOut(Strict):
    conversation: ConversationObject = Field(description="as it is after the last action")
    applied: list[str] = Field(description="the action types applied, in order")
    missing: list[str] = Field(description="variables of its replies that had no value")


async def list_replies(request: Request) -> JSONResponse:
    found = await services(request).replies.visible(await principal(request))
    body = CannedReplyList(
        replies=[CannedReplyOut.of(r) for r in found],
        variables=[VariableOut(name=k, description=v) for k, v in VARIABLES.items()],
    )
    return JSONResponse(body.model_dump())


async def create_reply(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, CannedReplyIn, svc.settings.max_body_bytes)
    made = await svc.replies.create(
        who, code=body.code, title=body.title, body=body.body, shared=body.shared
    )
    return JSONResponse(CannedReplyOut.of(made).model_dump(), status_code=201)


async def patch_reply(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, CannedReplyPatch, svc.settings.max_body_bytes)
    changes = {k: getattr(body, k) for k in body.model_fields_set if getattr(body, k) is not None}
    updated = await svc.replies.update(who, request.path_params["id"], changes)
    return JSONResponse(CannedReplyOut.of(updated).model_dump())


async def delete_reply(request: Request) -> Response:
    await services(request).replies.delete(await principal(request), request.path_params["id"])
    return Response(status_code=204)


async def render_reply(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, RenderIn, svc.settings.max_body_bytes)
    done = await svc.replies.render(who, request.path_params["id"], body.conversation_id)
    out = RenderedOut(body=done.body, missing=done.missing, unknown=done.unknown)
    return JSONResponse(out.model_dump())


async def list_macros(request: Request) -> JSONResponse:
    found = await services(request).macros.visible(await principal(request))
    return JSONResponse(MacroList(macros=[MacroOut.of(m) for m in found]).model_dump())


async def create_macro(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, MacroIn, svc.settings.max_body_bytes)
    made = await svc.macros.create(who, name=body.name, actions=body.actions, shared=body.shared)
    return JSONResponse(MacroOut.of(made).model_dump(), status_code=201)


async def patch_macro(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, MacroPatch, svc.settings.max_body_bytes)
    changes = {k: getattr(body, k) for k in body.model_fields_set if getattr(body, k) is not None}
    updated = await svc.macros.update(who, request.path_params["id"], changes)
    return JSONResponse(MacroOut.of(updated).model_dump())


async def delete_macro(request: Request) -> Response:
    await services(request).macros.delete(await principal(request), request.path_params["id"])
    return Response(status_code=204)


async def apply_macro(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, ApplyIn, svc.settings.max_body_bytes)
    done = await svc.macros.apply(who, request.path_params["id"], body.conversation_id)
    return JSONResponse(
        {
            "conversation": objects.conversation(done.conversation),
            "applied": done.applied,
            "missing": done.missing,
        }
    )
