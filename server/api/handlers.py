"""Thin HTTP handlers: decode, call a service, encode. No SQL, no business rules."""

from __future__ import annotations

from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.api.body import query_int, read_json
from server.api.schemas import (
    ArticleIn,
    ArticleList,
    ArticleListItem,
    ArticleOut,
    CommentIn,
    CommentOut,
    ContactPatch,
    ConversationPatch,
    Health,
    IdentitySecretOut,
    LoginRequest,
    LoginResponse,
    PrincipalOut,
    SearchResult,
    SearchResults,
    SetupRequest,
    SetupResponse,
    SetupStatus,
    TenantSettingsOut,
    TenantSettingsPatch,
    TicketIn,
    TicketPatch,
    UserOut,
    WidgetConfigOut,
    WidgetPatch,
    list_item,
)
from server.clock import rfc3339
from server.domain import widget as looks
from server.domain.access import Principal
from server.domain.models import Tenant
from server.domain.tenant_settings import TenantSettings
from server.errors import BadRequest, Unauthorized, ValidationFailed
from server.ids import ConversationId, parse_uuid
from server.metrics import Metrics
from server.protocol import objects
from server.services.admin import actor_of
from server.services.auth import LoginResult, SignInFrom
from server.services.container import Services
from server.services.conversations import InboxFilter
from server.services.scrape_access import check_scrape
from server.services.setup import Caller, Workspace
from server.services.tickets import TicketFilter

MAX_PAGE = 1000


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


# A super_admin names the tenant it acts in (under a support-access grant) with this header.
SUPPORT_TENANT_HEADER = "x-flowsupport-tenant"


async def principal(request: Request) -> Principal:
    """The caller named by ``Authorization: Bearer <access token | API key>``, acting in the
    tenant of ``X-FlowSupport-Tenant`` when given (a super_admin holding a support-access
    grant there; services/support_access.py)."""
    scheme, _, credential = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credential.strip():
        raise Unauthorized("missing bearer credential")
    who = await services(request).auth.authenticate(credential.strip())
    tenant = request.headers.get(SUPPORT_TENANT_HEADER)
    if tenant is None:
        return who
    return await services(request).support_access.enter(
        who, tenant, method=request.method, path=request.url.path
    )


async def login(request: Request) -> JSONResponse:
    svc = services(request)
    body = await read_json(request, LoginRequest, svc.settings.max_body_bytes)
    result = await svc.auth.login(body.email, body.password, sign_in_from(request))
    return JSONResponse(login_response(result).model_dump())


def login_response(result: LoginResult) -> LoginResponse:
    return LoginResponse(
        access_token=result.access_token, expires_in=result.expires_in, user=UserOut.of(result.user)
    )


def sign_in_from(request: Request) -> SignInFrom:
    """The client address (uvicorn puts a trusted proxy's X-Forwarded-For there) and agent a
    new session records; failures count per address unless it is the loopback itself."""
    return SignInFrom(
        address=request.client.host if request.client else None,
        user_agent=request.headers.get("user-agent", ""),
        counted=not setup_caller(request, None).on_loopback,
    )


async def me(request: Request) -> JSONResponse:
    who = await principal(request)
    out = PrincipalOut(
        kind=who.kind, id=who.id, tenant_id=str(who.tenant_id), role=who.role.value, name=who.name
    )
    return JSONResponse(out.model_dump())


async def conversation_messages(request: Request) -> JSONResponse:
    who = await principal(request)
    conversation_id = ConversationId(parse_uuid(request.path_params["id"], "conversation"))
    after = query_int(request, "after_seq", 0, low=0, high=2**62)
    limit = query_int(request, "limit", 100, low=1, high=MAX_PAGE)
    found = await services(request).conversations.messages_after(
        who, conversation_id, after, limit + 1
    )
    page = found[:limit]
    more = len(found) > limit
    return JSONResponse(
        {
            "messages": [objects.message(m) for m in page],
            "next_after_seq": page[-1].seq if more else None,
        }
    )


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse(Health(status="ok").model_dump())


async def readyz(request: Request) -> JSONResponse:
    """503 only when this node cannot serve; a lost broker is `degraded` (server/health)."""
    report = await services(request).health.check()
    body = Health(status=report.status, checks=report.checks)
    return JSONResponse(body.model_dump(), status_code=200 if report.ready else 503)


async def metrics(request: Request) -> Response:
    """Prometheus's text exposition format (server/metrics.py lists what is in it): this
    app's own registry, its state gauges read now. Off the loopback it needs the bearer
    FLOWSUPPORT_METRICS_TOKEN (services/scrape_access.py)."""
    check_scrape(
        setup_caller(request, None),
        request.headers.get("authorization", ""),
        services(request).settings.metrics_token,
    )
    await services(request).health.check()  # flowsupport_dependency_up, now
    await services(request).scrape()
    registry: Metrics = request.app.state.metrics
    return Response(registry.render(), media_type=CONTENT_TYPE_LATEST)


SNIPPET_CHARS = 300


async def kb_search(request: Request) -> JSONResponse:
    who = await principal(request)
    query = request.query_params.get("q", "")
    limit = query_int(request, "limit", 5, low=1, high=20)
    hits = await services(request).knowledge.search(who, query, limit)
    out = SearchResults(
        results=[
            SearchResult(
                article_id=str(hit.article_id),
                title=hit.title,
                source_path=hit.source_path,
                url=hit.url,
                snippet=hit.content[:SNIPPET_CHARS],
                heading_path=hit.heading_path,
                score=round(hit.score, 6),
            )
            for hit in hits
        ]
    )
    return JSONResponse(out.model_dump(exclude_none=True))


async def list_articles(request: Request) -> JSONResponse:
    who = await principal(request)
    limit = query_int(request, "limit", 100, low=1, high=500)
    text = request.query_params.get("q") or None
    found = await services(request).knowledge.list_articles(who, limit, text)
    out = ArticleList(articles=[ArticleListItem.of(a, chunks) for a, chunks in found])
    return JSONResponse(out.model_dump())


async def get_article(request: Request) -> JSONResponse:
    who = await principal(request)
    found = await services(request).knowledge.get_article(who, request.path_params["id"])
    return JSONResponse(ArticleOut.of(found, with_body=True).model_dump(exclude_none=True))


async def create_article(request: Request) -> JSONResponse:
    return await _save_article(request, None, status=201)


async def replace_article(request: Request) -> JSONResponse:
    return await _save_article(request, request.path_params["id"], status=200)


async def _save_article(request: Request, article_id: str | None, status: int) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, ArticleIn, svc.settings.max_body_bytes)
    saved = await svc.knowledge.save_article(
        who, article_id, title=body.title, body=body.body, url=body.url, tags=body.tags
    )
    out = ArticleOut.of(saved, with_body=True).model_dump(exclude_none=True)
    return JSONResponse(out, status_code=status)


async def delete_article(request: Request) -> Response:
    who = await principal(request)
    await services(request).knowledge.delete_article(who, request.path_params["id"])
    return Response(status_code=204)


async def get_settings(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    tenant = await svc.admin.tenant_of(who)
    current = await svc.admin.settings(tenant, actor_of(who))
    return JSONResponse(_settings_out(tenant, current, svc.settings.public_url))


async def patch_settings(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, TenantSettingsPatch, svc.settings.max_body_bytes)
    changes = {key: getattr(body, key) for key in body.model_fields_set}
    if isinstance(changes.get("widget"), WidgetPatch):
        given = changes["widget"]
        changes["widget"] = {key: getattr(given, key) for key in given.model_fields_set}
    tenant = await svc.admin.tenant_of(who)
    updated = await svc.admin.change_settings(tenant, changes, actor_of(who))
    tenant = await svc.admin.tenant_of(who)  # its allowed origins as now stored
    return JSONResponse(_settings_out(tenant, updated, svc.settings.public_url))


def _settings_out(tenant: Tenant, current: TenantSettings, public_url: str) -> dict[str, Any]:
    return TenantSettingsOut(
        name=tenant.name,
        widget_key=tenant.widget_key,
        widget_snippet=looks.snippet(public_url, tenant.widget_key),
        allowed_origins=list(tenant.allowed_origins),
        **current.as_dict(),
    ).model_dump()


async def rotate_identity_secret(request: Request) -> JSONResponse:
    """A new identity secret, shown once; the replaced one verifies for 24 h more."""
    who = await principal(request)
    admin = services(request).admin
    tenant = await admin.tenant_of(who)
    secret, until = await admin.rotate_identity_secret(tenant, actor_of(who))
    out = IdentitySecretOut(identity_secret=secret, previous_valid_until=rfc3339(until))
    return JSONResponse(out.model_dump(), headers={"Cache-Control": "no-store"})


WIDGET_CONFIG_MAX_AGE_S = 60


async def widget_config(request: Request) -> JSONResponse:
    """Public: the look the widget draws itself with, cacheable for a minute."""
    key = request.query_params.get("key", "").strip()
    if not key:
        raise BadRequest("key (the widget key) is required")
    name, look = await services(request).admin.widget_look(key)
    return JSONResponse(
        WidgetConfigOut(name=name, **look).model_dump(),
        headers={"Cache-Control": f"public, max-age={WIDGET_CONFIG_MAX_AGE_S}"},
    )


async def setup_status(request: Request) -> JSONResponse:
    first_run = services(request).first_run
    needed = await first_run.needed()
    token_required = needed and not first_run.admits(setup_caller(request, None))
    return JSONResponse(SetupStatus(needed=needed, token_required=token_required).model_dump())


async def setup(request: Request) -> JSONResponse:
    """First run: the first tenant and its admin, signed in (DESIGN.md `POST /v1/setup`)."""
    svc = services(request)
    body = await read_json(request, SetupRequest, svc.settings.max_body_bytes)
    workspace = Workspace(
        name=body.workspace,
        website=body.allowed_origins,
        admin_name=body.name,
        email=body.email,
        password=body.password,
    )
    tenant, signed_in = await svc.first_run.complete(workspace, setup_caller(request, body.token))
    out = SetupResponse(
        access_token=signed_in.access_token,
        expires_in=signed_in.expires_in,
        user=UserOut.of(signed_in.user),
        widget_key=tenant.widget_key,
    )
    return JSONResponse(out.model_dump(), status_code=201)


def setup_caller(request: Request, token: str | None) -> Caller:
    return Caller(
        host=request.client.host if request.client else None,
        headers=request.headers,
        token=token,
    )


async def list_tickets(request: Request) -> JSONResponse:
    who = await principal(request)
    params = request.query_params
    wanted = TicketFilter(
        status=params.get("status") or None,
        assignee=params.get("assignee") or None,
        priority=params.get("priority") or None,
        tag=params.get("tag") or None,
        text=params.get("q") or None,
    )
    limit = query_int(request, "limit", 50, low=1, high=200)
    page = await services(request).tickets.search(who, wanted, limit, params.get("cursor"))
    return JSONResponse(
        {"tickets": [objects.ticket(t) for t in page.tickets], "next_cursor": page.next_cursor}
    )


async def get_ticket(request: Request) -> JSONResponse:
    who = await principal(request)
    view = await services(request).tickets.get(who, request.path_params["id"])
    return JSONResponse(
        {
            **objects.ticket(view.ticket),
            "comments": [CommentOut.of(c).model_dump() for c in view.comments],
        }
    )


async def create_ticket(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, TicketIn, svc.settings.max_body_bytes)
    ticket = await svc.tickets.create(
        who,
        subject=body.subject,
        requester_contact_id=body.requester_contact_id,
        conversation_id=body.conversation_id,
        # Left out: the conversation's (it is the case's source of truth), else normal.
        priority=body.priority if "priority" in body.model_fields_set else None,
        tags=body.tags,
        custom_fields=body.custom_fields,
        assignee_id=body.assignee_id,
    )
    return JSONResponse(objects.ticket(ticket), status_code=201)


async def patch_ticket(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, TicketPatch, svc.settings.max_body_bytes)
    changes = {key: getattr(body, key) for key in body.model_fields_set}
    for key in ("status", "priority", "tags", "subject", "custom_fields"):
        if key in changes and changes[key] is None:
            raise ValidationFailed(f"{key} cannot be null")
    ticket = await svc.tickets.change(who, request.path_params["id"], changes)
    return JSONResponse(objects.ticket(ticket))


async def add_comment(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, CommentIn, svc.settings.max_body_bytes)
    comment = await svc.tickets.comment(
        who, request.path_params["id"], body.body, public=body.public
    )
    return JSONResponse(CommentOut.of(comment).model_dump(), status_code=201)


async def list_conversations(request: Request) -> JSONResponse:
    who = await principal(request)
    params = request.query_params
    statuses = [v for v in params.get("status", "").split(",") if v] or None
    wanted = InboxFilter(statuses=statuses, assignee=params.get("assignee") or None)
    snoozed = params.get("snoozed")
    if snoozed not in (None, "", "true", "false"):
        raise ValidationFailed("snoozed must be true or false")
    found, next_cursor = await services(request).conversations.listing(
        who,
        wanted,
        channel=params.get("channel") or None,
        text=params.get("q") or None,
        label=params.get("label") or None,
        snoozed=None if not snoozed else snoozed == "true",
        limit=query_int(request, "limit", 50, low=1, high=200),
        cursor=params.get("cursor"),
    )
    return JSONResponse(
        {"conversations": [list_item(s) for s in found], "next_cursor": next_cursor}
    )


async def get_conversation(request: Request) -> JSONResponse:
    who = await principal(request)
    found = await services(request).conversations.get(who, request.path_params["id"])
    return JSONResponse(objects.conversation(found))


async def patch_conversation(request: Request) -> JSONResponse:
    """The `conversation.update` frame over HTTP: the same service, rules, audit, events."""
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, ConversationPatch, svc.settings.max_body_bytes)
    changes = {key: getattr(body, key) for key in body.model_fields_set}
    for key in ("status", "priority"):
        if key in changes and changes[key] is None:
            raise ValidationFailed(f"{key} cannot be null")
    if "tags" in changes and changes["tags"] is None:
        changes["tags"] = []
    updated = await svc.conversations.update(who, request.path_params["id"], changes)
    return JSONResponse(objects.conversation(updated))


async def patch_contact(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, ContactPatch, svc.settings.max_body_bytes)
    changes = {key: getattr(body, key) for key in body.model_fields_set}
    updated = await svc.contacts.update(who, request.path_params["id"], changes)
    return JSONResponse(objects.contact(updated))


async def get_contact(request: Request) -> JSONResponse:
    who = await principal(request)
    profile = await services(request).contacts.profile(who, request.path_params["id"])
    return JSONResponse(
        {
            "contact": objects.contact(profile.contact),
            "conversations": [list_item(s) for s in profile.conversations],
            "tickets": [objects.ticket(t) for t in profile.tickets],
        }
    )
