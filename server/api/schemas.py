"""HTTP request and response bodies (DESIGN.md "Contract: HTTP"), also the OpenAPI schemas.

PROTOCOL.md's objects (conversation, message, ticket, contact) are not defined here: they
are ``protocol.objects``', the same for HTTP bodies and WebSocket frames."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from server.clock import rfc3339
from server.domain.models import ConversationSummary, KbArticle, User
from server.domain.tenant_settings import MAX_RETENTION_DAYS
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


class ArticleListItem(Strict):
    id: str
    title: str
    source_path: str | None = Field(description="the file it was ingested from; null: by hand")
    url: str | None
    tags: list[str]
    updated_at: str
    chunks: int = Field(description="the passages it is searched by")

    @classmethod
    def of(cls, article: KbArticle, chunks: int) -> ArticleListItem:
        return cls(
            id=str(article.id),
            title=article.title,
            source_path=article.source_path,
            url=article.url,
            tags=list(article.tags),
            updated_at=rfc3339(article.updated_at),
            chunks=chunks,
        )


class ArticleList(Strict):
    articles: list[ArticleListItem]


class KbUploadForm(Strict):
    """multipart/form-data: the file parts (any field name), and an optional base_url."""

    files: list[bytes] = Field(
        description="articles (.md, .mdx, .markdown, .html, .htm, .txt) or .zip archives of "
        "them; an archive's paths are the articles' source paths",
        json_schema_extra={"items": {"type": "string", "format": "binary"}},
    )
    base_url: str | None = Field(
        default=None, description="where the help center is published (kb_ingest --base-url)"
    )


class UploadSummary(Strict):
    articles: int = Field(description="articles written: new or changed")
    chunks: int = Field(description="passages written")
    skipped: int = Field(description="articles unchanged since they were last ingested")


class ReingestSummary(Strict):
    articles: int
    chunks: int


class CitedQuestionOut(Strict):
    conversation_id: str
    text: str
    asked_at: str


class CitedQuestions(Strict):
    questions: list[CitedQuestionOut] = Field(description="newest first")


class ChannelOut(Strict):
    id: str
    kind: Literal["email", "sms", "whatsapp"]
    provider: str = Field(description="smtp (e-mail), twilio or meta")
    address: str = Field(description="the e-mail address, number or Meta phone number id")
    webhook_url: str | None = Field(description="where the provider calls; null for e-mail")
    created_at: str
    sealed_ok: bool = Field(
        description="its credentials open with the server's current key (false: give them "
        "again through POST /v1/channels/{id}/credentials)"
    )


class ChannelList(Strict):
    channels: list[ChannelOut]


class ChannelIn(Strict):
    """`flowsupport channel add`'s fields: kind email + address; sms or whatsapp by twilio +
    number, account_sid, auth_token; whatsapp by meta + phone_number_id, app_secret,
    verify_token, access_token; api_base for either provider."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    kind: Literal["email", "sms", "whatsapp"]
    provider: Literal["twilio", "meta"] | None = None
    address: str | None = None
    number: str | None = None
    account_sid: str | None = None
    auth_token: str | None = None
    phone_number_id: str | None = None
    app_secret: str | None = None
    verify_token: str | None = None
    access_token: str | None = None
    api_base: str | None = None


class ChannelCreated(Strict):
    channel: ChannelOut
    webhook_url: str | None


class ChannelCredentialsIn(Strict):
    """The provider's secrets, all of them: twilio auth_token; meta app_secret,
    verify_token and access_token."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    auth_token: str | None = None
    app_secret: str | None = None
    verify_token: str | None = None
    access_token: str | None = None


class WidgetLook(Strict):
    greeting: str = Field(description="the first line the visitor reads in the panel")
    brand_color: str = Field(description="#rrggbb: launcher, header and the visitor's bubbles")
    theme: Literal["light", "dark", "auto"] = Field(description="auto: prefers-color-scheme")
    launcher_position: Literal["right", "left"]


class WidgetPatch(Strict):
    """Only the keys present change."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    greeting: str | None = Field(default=None, max_length=500)
    brand_color: str | None = Field(default=None, pattern=r"^#[0-9a-fA-F]{6}$")
    theme: Literal["light", "dark", "auto"] | None = None
    launcher_position: Literal["right", "left"] | None = None


class WidgetConfigOut(Strict):
    """What the widget reads, with no credential, before it draws its launcher."""

    name: str = Field(description="the tenant's name")
    greeting: str
    brand_color: str
    theme: Literal["light", "dark", "auto"]
    launcher_position: Literal["right", "left"]


class IdentitySecretOut(Strict):
    identity_secret: str = Field(description="the new secret: shown this once, never again")
    previous_valid_until: str = Field(
        description="until then (RFC 3339) the replaced secret still verifies identity HMACs"
    )


class TenantSettingsOut(Strict):
    name: str = Field(description="read-only: the tenant's name (the CLI's --tenant)")
    widget_key: str = Field(description="read-only: the key the widget snippet carries")
    widget_snippet: str = Field(description="read-only: the <script> tag to paste into a site")
    allowed_origins: list[str] = Field(description="the websites the widget may run on")
    widget: WidgetLook
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
    retention_days: int | None = Field(
        description="conversations resolved longer ago than this many days lose their messages "
        "and attachments to the worker's sweep; null: kept forever"
    )


class TenantSettingsPatch(Strict):
    """Only the keys present change; null lifts a token limit or business hours."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    allowed_origins: list[Annotated[str, Field(max_length=300)]] | None = Field(
        default=None, max_length=50, description="replaces the list: https://example.com[:port]"
    )
    widget: WidgetPatch | None = None
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
    retention_days: int | None = Field(
        default=None,
        ge=1,
        le=MAX_RETENTION_DAYS,
        description="whole days after resolution before a conversation's content is deleted; "
        "null: keep forever",
    )


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


class ContactPatch(Strict):
    """Only the keys present change; an empty string clears one."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: str | None = Field(default=None, max_length=400)
    email: str | None = Field(default=None, max_length=400)


class ConversationPatch(Strict):
    """Only the keys present change (as `conversation.update`); assignee_id null unassigns."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    status: Literal["open", "pending", "waiting_human", "resolved", "closed"] | None = None
    assignee_id: str | None = Field(default=None, max_length=100)
    priority: Literal["low", "normal", "high", "urgent"] | None = None
    tags: list[Annotated[str, Field(min_length=1, max_length=50)]] | None = Field(
        default=None, max_length=50
    )
    snoozed_until: str | None = Field(
        default=None,
        max_length=40,
        description="snooze until then (RFC 3339 with offset, in the future): the status "
        "becomes pending and the worker reopens it then; null ends a snooze",
    )
