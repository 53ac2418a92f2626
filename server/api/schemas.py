"""HTTP request and response bodies (DESIGN.md "Contract: HTTP"), also the OpenAPI schemas.

PROTOCOL.md's objects (conversation, message, ticket, contact) are not defined here: they
are ``protocol.objects``', the same for HTTP bodies and WebSocket frames."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from server.clock import rfc3339
from server.domain.models import ConversationSummary, KbArticle, User
from server.domain.tickets import TicketComment
from server.protocol import objects
from server.protocol.objects import ContactObject, ConversationObject, MessageObject, TicketObject


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LoginRequest(Strict):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)


class UserOut(Strict):
    id: str
    tenant_id: str
    email: str
    name: str
    role: str

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(
            id=str(user.id),
            tenant_id=str(user.tenant_id),
            email=user.email,
            name=user.name,
            role=user.role.value,
        )


class LoginResponse(Strict):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    user: UserOut


class SetupStatus(Strict):
    needed: bool = Field(description="true while no tenant exists")
    token_required: bool = Field(
        description="this caller must offer the token from the server's log line"
    )


class SetupRequest(Strict):
    token: str | None = Field(default=None, max_length=200, description="from the log line")
    workspace: str = Field(max_length=200, description="the company or team name")
    allowed_origins: list[str] = Field(
        max_length=20, description="the website(s) the widget will run on: https://example.com"
    )
    name: str = Field(max_length=200, description="the admin's name")
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)


class SetupResponse(LoginResponse):
    widget_key: str = Field(description="what the widget snippet carries")


class PrincipalOut(Strict):
    kind: str
    id: str
    tenant_id: str
    role: str
    name: str | None = None


class MessagesPage(Strict):
    messages: list[MessageObject]
    next_after_seq: int | None = Field(
        description="pass as after_seq for the next page; null when this page is the last"
    )


class ErrorDetail(Strict):
    code: str
    message: str


class ErrorBody(Strict):
    error: ErrorDetail


class Health(Strict):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)


class SearchResult(Strict):
    article_id: str
    title: str
    source_path: str | None = None
    url: str | None = None
    snippet: str
    heading_path: str = ""
    score: float


class SearchResults(Strict):
    results: list[SearchResult]


class ArticleIn(Strict):
    title: str = Field(min_length=1, max_length=500)
    body: str = Field(min_length=1, max_length=200_000)
    url: str | None = Field(default=None, max_length=2000)
    tags: list[str] = Field(default_factory=list, max_length=50)


class ArticleOut(Strict):
    id: str
    title: str
    body: str | None = None  # in the single-article view only
    source_path: str | None = None
    url: str | None = None
    tags: list[str]
    updated_at: str

    @classmethod
    def of(cls, article: KbArticle, *, with_body: bool) -> ArticleOut:
        return cls(
            id=str(article.id),
            title=article.title,
            body=article.body if with_body else None,
            source_path=article.source_path,
            url=article.url,
            tags=list(article.tags),
            updated_at=rfc3339(article.updated_at),
        )


class ArticleList(Strict):
    articles: list[ArticleOut]


class TenantSettingsOut(Strict):
    name: str = Field(description="read-only: the tenant's name (the CLI's --tenant)")
    widget_key: str = Field(description="read-only: the key the widget snippet carries")
    allowed_origins: list[str] = Field(
        description="read-only here: the websites the widget may run on"
    )
    ai_enabled: bool
    ai_tokens_per_conversation: int | None = Field(
        description="LLM tokens one conversation may use; null: no limit"
    )
    ai_tokens_per_month: int | None = Field(
        description="LLM tokens the tenant may use per calendar month (UTC); null: no limit"
    )
    escalation_message: str = Field(description="what the visitor reads when a person takes over")
    ai_greeting: str = Field(description="the assistant's reply to a visitor's greeting")
    unanswered_escalation_s: int = Field(
        description="a question unanswered this long escalates; 0: never"
    )
    escalate_on_disconnect: bool
    auto_assign: bool = Field(description="escalated tickets go round the agents online")
    sla: dict[str, dict[str, int | None]] = Field(
        description="per priority: first_response_minutes and resolution_minutes (null: none)"
    )
    business_hours: dict[str, Any] | None = Field(
        description='null: SLAs run round the clock; else {"timezone", "days" (0 = Monday), '
        '"start", "end"} (HH:MM)'
    )
    ticket_fields: list[dict[str, Any]] = Field(
        description='ticket custom fields: [{"key", "label"?, "type": text|number|boolean|choice, '
        '"choices"?}]'
    )


class TenantSettingsPatch(Strict):
    """Only the keys present change; null lifts a token limit or business hours."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    ai_enabled: bool | None = None
    ai_tokens_per_conversation: int | None = Field(default=None, ge=0)
    ai_tokens_per_month: int | None = Field(default=None, ge=0)
    escalation_message: str | None = Field(default=None, max_length=1000)
    ai_greeting: str | None = Field(default=None, max_length=1000)
    unanswered_escalation_s: int | None = Field(default=None, ge=0)
    escalate_on_disconnect: bool | None = None
    auto_assign: bool | None = None
    sla: dict[str, dict[str, int | None]] | None = None
    business_hours: dict[str, Any] | None = None
    ticket_fields: list[dict[str, Any]] | None = None


class CommentOut(Strict):
    id: str
    author: dict[str, str | None]
    body: str
    public: bool
    created_at: str

    @classmethod
    def of(cls, c: TicketComment) -> CommentOut:
        return cls(
            id=str(c.id),
            author={"kind": c.author_kind, "id": c.author_id, "name": c.author_name},
            body=c.body,
            public=c.public,
            created_at=rfc3339(c.created_at),
        )


class TicketWithComments(TicketObject):
    comments: list[CommentOut] = Field(description="oldest first; customers see public ones only")


class TicketPageOut(Strict):
    tickets: list[TicketObject]
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page")


class TicketIn(Strict):
    subject: str = Field(min_length=1, max_length=300)
    requester_contact_id: str | None = None
    conversation_id: str | None = None
    priority: str = "normal"
    tags: list[str] = Field(default_factory=list, max_length=50)
    custom_fields: dict[str, Any] = Field(default_factory=dict)
    assignee_id: str | None = None


class TicketPatch(Strict):
    """Only the keys present change; assignee_id null unassigns, a custom field null clears."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    status: str | None = None
    priority: str | None = None
    assignee_id: str | None = None
    tags: list[str] | None = None
    subject: str | None = None
    custom_fields: dict[str, Any] | None = None


class CommentIn(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    body: str = Field(min_length=1, max_length=20_000)
    public: bool = Field(description="true: the customer reads it; false: agents only")


class UserList(Strict):
    users: list[UserOut]


class ContactBrief(Strict):
    id: str
    name: str | None
    email: str | None


class Preview(Strict):
    body: str = Field(description="the start of the last public message")
    sender_kind: str
    created_at: str


class ConversationListItem(ConversationObject):
    """A row of the inbox list: PROTOCOL.md's conversation, who it is with, its last words."""

    contact: ContactBrief
    preview: Preview | None


def list_item(s: ConversationSummary) -> dict[str, Any]:
    """The inbox row of a conversation: its protocol object, plus contact and preview."""
    c = s.conversation
    preview = None
    if s.preview_body is not None and s.preview_at is not None:
        preview = {
            "body": s.preview_body,
            "sender_kind": s.preview_sender_kind or "",
            "created_at": rfc3339(s.preview_at),
        }
    return {
        **objects.conversation(c),
        "contact": {"id": str(c.contact_id), "name": s.contact_name, "email": s.contact_email},
        "preview": preview,
    }


class ConversationPage(Strict):
    conversations: list[ConversationListItem]
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page")


class ContactProfileOut(Strict):
    contact: ContactObject
    conversations: list[ConversationListItem] = Field(description="most recent first")
    tickets: list[TicketObject]


class ConversationPatch(Strict):
    """Only the keys present change (as `conversation.update`); assignee_id null unassigns."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    status: Literal["open", "pending", "waiting_human", "resolved", "closed"] | None = None
    assignee_id: str | None = Field(default=None, max_length=100)
    priority: Literal["low", "normal", "high", "urgent"] | None = None
    tags: list[Annotated[str, Field(min_length=1, max_length=50)]] | None = Field(
        default=None, max_length=50
    )
