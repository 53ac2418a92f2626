"""HTTP request and response bodies (DESIGN.md "Contract: HTTP"), also the OpenAPI schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from server.clock import rfc3339
from server.domain.models import Conversation, ConversationSummary, KbArticle, Message, User
from server.domain.tickets import Ticket, TicketComment


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


class PrincipalOut(Strict):
    kind: str
    id: str
    tenant_id: str
    role: str
    name: str | None = None


class SenderOut(Strict):
    kind: str
    id: str | None = None
    name: str | None = None


class MessageOut(Strict):
    """PROTOCOL.md's message object."""

    id: str
    conversation_id: str
    seq: int
    sender: SenderOut
    body: str
    private: bool
    client_msg_id: str | None = None
    citations: list[dict[str, Any]] | None = None
    created_at: str

    @classmethod
    def of(cls, message: Message) -> MessageOut:
        return cls(
            id=str(message.id),
            conversation_id=str(message.conversation_id),
            seq=message.seq,
            sender=SenderOut(
                kind=message.sender.kind, id=message.sender.id, name=message.sender.name
            ),
            body=message.body,
            private=message.private,
            client_msg_id=message.client_msg_id,
            citations=list(message.citations) if message.citations is not None else None,
            created_at=rfc3339(message.created_at),
        )


class MessagesPage(Strict):
    messages: list[MessageOut]
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
    ai_enabled: bool
    ai_tokens_per_conversation: int | None = Field(
        description="LLM tokens one conversation may use; null: no limit"
    )
    ai_tokens_per_month: int | None = Field(
        description="LLM tokens the tenant may use per calendar month (UTC); null: no limit"
    )
    escalation_message: str = Field(description="what the visitor reads when a person takes over")
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
    unanswered_escalation_s: int | None = Field(default=None, ge=0)
    escalate_on_disconnect: bool | None = None
    auto_assign: bool | None = None
    sla: dict[str, dict[str, int | None]] | None = None
    business_hours: dict[str, Any] | None = None
    ticket_fields: list[dict[str, Any]] | None = None


class TicketOut(Strict):
    """PROTOCOL.md's ticket, plus how it came to be and its SLA clock."""

    id: str
    tenant_id: str
    conversation_id: str | None
    number: int
    subject: str
    status: str
    priority: str
    requester_contact_id: str
    requester: dict[str, str | None] = Field(description='{"id", "name", "email"}')
    assignee_id: str | None
    tags: list[str]
    custom_fields: dict[str, Any]
    due_at: str | None = Field(
        description="the next SLA deadline (first response, then resolution)"
    )
    escalation_reason: str | None
    summary: str | None = Field(description="the handoff summary written at escalation")
    first_response_due_at: str | None
    resolution_due_at: str | None
    first_responded_at: str | None
    solved_at: str | None
    breaches: list[str] = Field(description="SLA targets missed: first_response, resolution")
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, t: Ticket) -> TicketOut:
        return cls(
            id=str(t.id),
            tenant_id=str(t.tenant_id),
            conversation_id=_str(t.conversation_id),
            number=t.number,
            subject=t.subject,
            status=t.status,
            priority=t.priority,
            requester_contact_id=str(t.requester_contact_id),
            requester={
                "id": str(t.requester_contact_id),
                "name": t.requester_name,
                "email": t.requester_email,
            },
            assignee_id=_str(t.assignee_id),
            tags=list(t.tags),
            custom_fields=t.custom_fields,
            due_at=_time(t.due_at),
            escalation_reason=t.escalation_reason,
            summary=t.summary,
            first_response_due_at=_time(t.first_response_due_at),
            resolution_due_at=_time(t.resolution_due_at),
            first_responded_at=_time(t.first_responded_at),
            solved_at=_time(t.solved_at),
            breaches=list(t.breaches),
            created_at=rfc3339(t.created_at),
            updated_at=rfc3339(t.updated_at),
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


class TicketWithComments(TicketOut):
    comments: list[CommentOut] = Field(description="oldest first; customers see public ones only")


class TicketPageOut(Strict):
    tickets: list[TicketOut]
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


def _str(value: object | None) -> str | None:
    return None if value is None else str(value)


def _time(value: datetime | None) -> str | None:
    return None if value is None else rfc3339(value)


class UserList(Strict):
    users: list[UserOut]


class ConversationOut(Strict):
    """PROTOCOL.md's conversation object."""

    id: str
    tenant_id: str
    status: str
    channel: str
    subject: str | None
    contact_id: str
    assignee_id: str | None
    priority: str
    tags: list[str]
    ticket_id: str | None
    ai_enabled: bool
    created_at: str
    updated_at: str
    last_seq: int

    @classmethod
    def of(cls, c: Conversation) -> ConversationOut:
        return cls(
            id=str(c.id),
            tenant_id=str(c.tenant_id),
            status=c.status,
            channel=c.channel,
            subject=c.subject,
            contact_id=str(c.contact_id),
            assignee_id=_str(c.assignee_id),
            priority=c.priority,
            tags=list(c.tags),
            ticket_id=_str(c.ticket_id),
            ai_enabled=c.ai_enabled,
            created_at=rfc3339(c.created_at),
            updated_at=rfc3339(c.updated_at),
            last_seq=c.last_seq,
        )


class ContactBrief(Strict):
    id: str
    name: str | None
    email: str | None


class Preview(Strict):
    body: str = Field(description="the start of the last public message")
    sender_kind: str
    created_at: str


class ConversationListItem(ConversationOut):
    contact: ContactBrief
    preview: Preview | None

    @classmethod
    def of_summary(cls, s: ConversationSummary) -> ConversationListItem:
        c = s.conversation
        preview = None
        if s.preview_body is not None and s.preview_at is not None:
            preview = Preview(
                body=s.preview_body,
                sender_kind=s.preview_sender_kind or "",
                created_at=rfc3339(s.preview_at),
            )
        return cls(
            **ConversationOut.of(c).model_dump(),
            contact=ContactBrief(id=str(c.contact_id), name=s.contact_name, email=s.contact_email),
            preview=preview,
        )


class ConversationPage(Strict):
    conversations: list[ConversationListItem]
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page")


class ContactOut(Strict):
    id: str
    name: str | None
    email: str | None
    external_id: str | None
    attributes: dict[str, Any]
    created_at: str


class ContactProfileOut(Strict):
    contact: ContactOut
    conversations: list[ConversationListItem] = Field(description="most recent first")
    tickets: list[TicketOut]
