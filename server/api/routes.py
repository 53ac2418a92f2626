"""The HTTP route table, with the metadata the OpenAPI document is generated from."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from server import __version__
from server.api import handlers, rating, webhooks
from server.api.schemas import (
    ArticleIn,
    ArticleList,
    ArticleOut,
    CommentIn,
    CommentOut,
    ContactProfileOut,
    ConversationPage,
    ConversationPatch,
    ErrorBody,
    Health,
    LoginRequest,
    LoginResponse,
    MessagesPage,
    PrincipalOut,
    SearchResults,
    SetupRequest,
    SetupResponse,
    SetupStatus,
    TenantSettingsOut,
    TenantSettingsPatch,
    TicketIn,
    TicketPageOut,
    TicketPatch,
    TicketWithComments,
    UserList,
)
from server.api.web import web_routes
from server.protocol.objects import ConversationObject, TicketObject

Handler = Callable[[Request], Awaitable[Response]]
INTEGER_PARAMETERS = {"limit", "after_seq"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    handler: Handler
    summary: str
    response: type[BaseModel]
    request: type[BaseModel] | None = None
    auth: bool = False
    errors: tuple[int, ...] = ()
    query: tuple[tuple[str, str], ...] = ()  # (name, description)
    tags: tuple[str, ...] = field(default=())
    status: int = 200  # of a success


ENDPOINTS = (
    Endpoint(
        "POST",
        "/v1/auth/login",
        handlers.login,
        "Exchange an e-mail and password for an expiring access token",
        LoginResponse,
        request=LoginRequest,
        errors=(400, 401, 413, 422),
        tags=("auth",),
    ),
    Endpoint(
        "GET",
        "/v1/setup",
        handlers.setup_status,
        "First run: whether setup is still open, and whether this caller needs the token",
        SetupStatus,
        tags=("setup",),
    ),
    Endpoint(
        "POST",
        "/v1/setup",
        handlers.setup,
        "First run only (no tenant yet), from the loopback or with the token `serve` logs: "
        "create the first tenant and its admin, signed in",
        SetupResponse,
        request=SetupRequest,
        errors=(400, 403, 409, 413, 422),
        tags=("setup",),
        status=201,
    ),
    Endpoint(
        "GET",
        "/v1/me",
        handlers.me,
        "The principal the bearer credential belongs to",
        PrincipalOut,
        auth=True,
        errors=(401,),
        tags=("auth",),
    ),
    Endpoint(
        "GET",
        "/v1/conversations",
        handlers.list_conversations,
        "The inbox list: most recently active first, with contact and last public message",
        ConversationPage,
        auth=True,
        errors=(400, 401, 403, 422),
        query=(
            ("status", "comma-separated: open, pending, waiting_human, resolved, closed"),
            ("assignee", "a user id, `me` or `none`"),
            ("channel", "web, email, sms, whatsapp or api"),
            ("q", "words in the subject, the contact's name or e-mail, or any public message"),
            ("limit", "1..200, default 50"),
            ("cursor", "next_cursor of the previous page"),
        ),
        tags=("conversations",),
    ),
    Endpoint(
        "GET",
        "/v1/conversations/{id}",
        handlers.get_conversation,
        "One conversation (staff: with their unread count; a visitor: its own)",
        ConversationObject,
        auth=True,
        errors=(401, 404),
        tags=("conversations",),
    ),
    Endpoint(
        "PATCH",
        "/v1/conversations/{id}",
        handlers.patch_conversation,
        "Change status, assignee, priority, tags: the rules, audit and events of the "
        "`conversation.update` frame; its ticket moves in step (staff)",
        ConversationObject,
        request=ConversationPatch,
        auth=True,
        errors=(400, 401, 403, 404, 409, 413, 422),
        tags=("conversations",),
    ),
    Endpoint(
        "GET",
        "/v1/users",
        handlers.list_users,
        "The tenant's agents and admins, for assignment (staff)",
        UserList,
        auth=True,
        errors=(401, 403),
        tags=("auth",),
    ),
    Endpoint(
        "GET",
        "/v1/contacts/{id}",
        handlers.get_contact,
        "A contact with their conversations and tickets (staff)",
        ContactProfileOut,
        auth=True,
        errors=(401, 403, 404),
        tags=("contacts",),
    ),
    Endpoint(
        "GET",
        "/v1/conversations/{id}/messages",
        handlers.conversation_messages,
        "Messages after a seq, oldest first (pages what a `subscribe` replay truncated)",
        MessagesPage,
        auth=True,
        errors=(400, 401, 404),
        query=(("after_seq", "return messages with seq > after_seq"), ("limit", "1..1000")),
        tags=("conversations",),
    ),
    Endpoint(
        "GET",
        "/v1/kb/search",
        handlers.kb_search,
        "Hybrid knowledge-base search (meaning, words, exact tokens), best first",
        SearchResults,
        auth=True,
        errors=(400, 401, 403, 409, 422),
        query=(("q", "the question, 1..500 characters"), ("limit", "1..20, default 5")),
        tags=("knowledge base",),
    ),
    Endpoint(
        "GET",
        "/v1/kb/articles",
        handlers.list_articles,
        "The tenant's knowledge-base articles, by title (staff)",
        ArticleList,
        auth=True,
        errors=(401, 403),
        query=(("limit", "1..500, default 100"),),
        tags=("knowledge base",),
    ),
    Endpoint(
        "POST",
        "/v1/kb/articles",
        handlers.create_article,
        "Write an article by hand (admins); it is chunked and embedded at once",
        ArticleOut,
        request=ArticleIn,
        auth=True,
        errors=(400, 401, 403, 413, 422),
        tags=("knowledge base",),
        status=201,
    ),
    Endpoint(
        "GET",
        "/v1/kb/articles/{id}",
        handlers.get_article,
        "One article with its body (staff)",
        ArticleOut,
        auth=True,
        errors=(401, 403, 404),
        tags=("knowledge base",),
    ),
    Endpoint(
        "PUT",
        "/v1/kb/articles/{id}",
        handlers.replace_article,
        "Replace an article's content (admins); re-chunked and re-embedded",
        ArticleOut,
        request=ArticleIn,
        auth=True,
        errors=(400, 401, 403, 404, 413, 422),
        tags=("knowledge base",),
    ),
    Endpoint(
        "DELETE",
        "/v1/kb/articles/{id}",
        handlers.delete_article,
        "Remove an article and its chunks (admins)",
        ArticleOut,
        auth=True,
        errors=(401, 403, 404),
        tags=("knowledge base",),
    ),
    Endpoint(
        "GET",
        "/v1/settings",
        handlers.get_settings,
        "The caller's tenant settings, defaults filled in (admins)",
        TenantSettingsOut,
        auth=True,
        errors=(401, 403),
        tags=("settings",),
    ),
    Endpoint(
        "PATCH",
        "/v1/settings",
        handlers.patch_settings,
        "Change some tenant settings, all or none, audited (admins)",
        TenantSettingsOut,
        request=TenantSettingsPatch,
        auth=True,
        errors=(400, 401, 403, 413, 422),
        tags=("settings",),
    ),
    Endpoint(
        "GET",
        "/v1/tickets",
        handlers.list_tickets,
        "Tickets, most recently updated first, filtered (staff)",
        TicketPageOut,
        auth=True,
        errors=(400, 401, 403, 422),
        query=(
            ("status", "new, open, pending, solved or closed"),
            ("assignee", "a user id, `me` or `none`"),
            ("priority", "low, normal, high or urgent"),
            ("tag", "tickets carrying this tag"),
            ("q", "words in the subject or any comment (typos tolerated)"),
            ("limit", "1..200, default 50"),
            ("cursor", "next_cursor of the previous page"),
        ),
        tags=("tickets",),
    ),
    Endpoint(
        "POST",
        "/v1/tickets",
        handlers.create_ticket,
        "Open a ticket for a contact or a conversation (staff); announced `ticket.created`",
        TicketObject,
        request=TicketIn,
        auth=True,
        errors=(400, 401, 403, 404, 413, 422),
        tags=("tickets",),
        status=201,
    ),
    Endpoint(
        "GET",
        "/v1/tickets/{id}",
        handlers.get_ticket,
        "A ticket and its comments (customers: their own, public comments only)",
        TicketWithComments,
        auth=True,
        errors=(401, 404),
        tags=("tickets",),
    ),
    Endpoint(
        "PATCH",
        "/v1/tickets/{id}",
        handlers.patch_ticket,
        "Change status (allowed moves only), priority, assignee, tags, subject, custom fields; "
        "a ticket's status, assignee and priority move its conversation too (one case)",
        TicketObject,
        request=TicketPatch,
        auth=True,
        errors=(400, 401, 403, 404, 409, 413, 422),
        tags=("tickets",),
    ),
    Endpoint(
        "POST",
        "/v1/tickets/{id}/comments",
        handlers.add_comment,
        "Comment on a ticket: public ones reach the customer, internal ones never do",
        CommentOut,
        request=CommentIn,
        auth=True,
        errors=(400, 401, 403, 404, 413, 422),
        tags=("tickets",),
        status=201,
    ),
    Endpoint("GET", "/healthz", handlers.healthz, "Liveness", Health, tags=("operations",)),
    Endpoint(
        "GET",
        "/readyz",
        handlers.readyz,
        "Readiness: the database (and broker) answer",
        Health,
        errors=(503,),
        tags=("operations",),
    ),
)


def openapi_document() -> dict[str, Any]:
    """OpenAPI 3.1 for ENDPOINTS, with pydantic's JSON schemas as components."""
    schemas: dict[str, Any] = {}

    def ref(model: type[BaseModel]) -> dict[str, str]:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
        return {"$ref": f"#/components/schemas/{model.__name__}"}

    paths: dict[str, dict[str, Any]] = {}
    error_ref = ref(ErrorBody)
    for ep in ENDPOINTS:
        operation: dict[str, Any] = {
            "summary": ep.summary,
            "operationId": ep.handler.__name__,
            "tags": list(ep.tags),
            "responses": {
                str(ep.status): {
                    "description": "Created" if ep.status == 201 else "OK",
                    "content": {"application/json": {"schema": ref(ep.response)}},
                },
                **{
                    str(status): {
                        "description": "error",
                        "content": {"application/json": {"schema": error_ref}},
                    }
                    for status in ep.errors
                },
            },
        }
        parameters = [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": text,
                "schema": {"type": "integer" if name in INTEGER_PARAMETERS else "string"},
            }
            for name, text in ep.query
        ]
        if "{id}" in ep.path:
            parameters.insert(
                0, {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            )
        if parameters:
            operation["parameters"] = parameters
        if ep.request is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": ref(ep.request)}},
            }
        if ep.auth:
            operation["security"] = [{"bearer": []}]
        paths.setdefault(ep.path, {})[ep.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "FlowSupport", "version": __version__},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "an access token from /v1/auth/login, or a tenant API key",
                }
            },
        },
    }


async def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.state.openapi)


def routes() -> list[BaseRoute]:
    table: list[BaseRoute] = [Route(ep.path, ep.handler, methods=[ep.method]) for ep in ENDPOINTS]
    table.append(Route("/openapi.json", openapi, methods=["GET"]))
    table.append(Route("/metrics", handlers.metrics, methods=["GET"]))
    table += [
        # Providers' webhooks: not JSON APIs, so not in the OpenAPI document (README).
        Route("/v1/channels/email/inbound", webhooks.mailgun_inbound, methods=["POST"]),
        Route("/v1/channels/twilio/{channel_id}", webhooks.twilio_webhook, methods=["POST"]),
        Route("/v1/channels/whatsapp/{channel_id}", webhooks.whatsapp_verify, methods=["GET"]),
        Route("/v1/channels/whatsapp/{channel_id}", webhooks.whatsapp_webhook, methods=["POST"]),
    ]
    # The rating page a signed link opens (HTML for the customer, not a JSON API).
    table.append(Route("/v1/csat/{token}", rating.rating_page, methods=["GET", "POST"]))
    table += web_routes()
    return table
