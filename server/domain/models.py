"""Domain objects: plain frozen dataclasses the store returns and services pass around."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from server.domain import case, markdown
from server.ids import (
    ApiKeyId,
    ContactId,
    ConversationId,
    MessageId,
    TenantId,
    UserId,
)


class Role(enum.StrEnum):
    """The database roles of DESIGN.md; each has its own row-level-security policies."""

    CUSTOMER = "customer"
    AGENT = "agent"
    ADMIN = "admin"
    SUPER_ADMIN = "super_admin"


STAFF_ROLES = (Role.AGENT, Role.ADMIN, Role.SUPER_ADMIN)


@dataclass(frozen=True)
class Tenant:
    id: TenantId
    name: str
    settings: dict[str, Any]
    allowed_origins: tuple[str, ...]
    widget_key: str
    identity_secret: str
    created_at: datetime
    # After a rotation the secret it replaced still verifies identities until then.
    previous_identity_secret: str | None = None
    previous_identity_valid_until: datetime | None = None

    def identity_secrets(self, now: datetime) -> tuple[str, ...]:
        """The secrets an identity HMAC may be made with at `now`: the current one, and
        the one it replaced during the grace after a rotation."""
        until = self.previous_identity_valid_until
        if self.previous_identity_secret and until is not None and now < until:
            return (self.identity_secret, self.previous_identity_secret)
        return (self.identity_secret,)


@dataclass(frozen=True)
class User:
    id: UserId
    tenant_id: TenantId
    email: str
    name: str
    role: Role
    created_at: datetime


@dataclass(frozen=True)
class LoginRecord:
    """What a login needs to verify a password, found before any tenant is known."""

    user_id: UserId
    tenant_id: TenantId
    password_hash: str
    role: Role
    name: str
    disabled: bool


@dataclass(frozen=True)
class ApiKeyRecord:
    id: ApiKeyId
    tenant_id: TenantId
    name: str
    secret_hash: bytes
    revoked: bool


@dataclass(frozen=True)
class Contact:
    id: ContactId
    tenant_id: TenantId
    external_id: str | None
    email: str | None
    name: str | None
    attributes: dict[str, Any]
    created_at: datetime
    phone: str | None = None  # E.164, for SMS and WhatsApp
    visits: int = 0  # widget connections after VISIT_GAP away (domain/visits.py)
    last_seen_at: datetime | None = None
    seen: dict[str, str] = field(default_factory=dict)  # page, browser, os, language...


@dataclass(frozen=True)
class Conversation:
    id: ConversationId
    tenant_id: TenantId
    contact_id: ContactId
    status: str
    channel: str
    subject: str | None
    assignee_id: UserId | None
    priority: str
    tags: tuple[str, ...]
    ai_enabled: bool
    last_seq: int
    created_at: datetime
    updated_at: datetime
    ticket_id: uuid.UUID | None = None
    channel_id: uuid.UUID | None = None  # the address or number it came in through
    # The closed conversation this one continues (a customer wrote again after it ended).
    previous_conversation_id: uuid.UUID | None = None
    resolved_at: datetime | None = None  # the latest resolution, while it stands
    resolutions: int = 0  # how often it was resolved: a rating belongs to one resolution
    csat: Csat | None = None  # the customer's rating of the latest resolution
    # Until when an agent put this pending conversation aside (None: not snoozed).
    snoozed_until: datetime | None = None
    # Messages from the customer the viewing agent has not read (per viewer; None: not
    # computed, or not for this viewer). Never stored on the row.
    unread_count: int | None = None

    @property
    def ai_may_answer(self) -> bool:
        """Whether the AI answers the customer here (domain/case.py): its AI is on and no
        person has taken over."""
        return case.ai_may_answer(self.status, self.assignee_id, self.ai_enabled)


@dataclass(frozen=True)
class Csat:
    """A customer's satisfaction rating of one resolution of a conversation."""

    rating: int  # 1..5
    comment: str | None
    at: datetime
    resolution: int


@dataclass(frozen=True)
class Sender:
    kind: str  # visitor | agent | bot | ai | system
    id: str | None
    name: str | None = None


@dataclass(frozen=True)
class Message:
    id: MessageId
    tenant_id: TenantId
    conversation_id: ConversationId
    seq: int
    sender: Sender
    body: str
    private: bool
    client_msg_id: str | None
    created_at: datetime
    citations: tuple[dict[str, Any], ...] | None = None
    attachments: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    event: str | None = None  # system messages: the case event they announce (domain/case)
    status: str | None = None  # a reply sent on a channel: sent, delivered, read or failed
    status_reason: str | None = None  # failed: the provider's (or the relay's) reason


@dataclass(frozen=True)
class AppendResult:
    """A stored message and whether this call created it (False: an idempotent resend)."""

    message: Message
    created: bool


@dataclass(frozen=True)
class Chunk:
    """A piece of a knowledge-base article, small enough to embed whole."""

    ordinal: int
    heading_path: str
    text: str

    def embedding_input(self, title: str) -> str:
        """What gets embedded: the chunk placed under its article and headings, as plain
        text (link targets and bold markers out: a URL says nothing about the meaning)."""
        where = f"{title} > {self.heading_path}" if self.heading_path else title
        return f"{where}\n{markdown.plain_text(self.text)}"


@dataclass(frozen=True)
class CitedQuestion:
    """A visitor's question an AI answer citing some article answered."""

    conversation_id: ConversationId
    text: str
    asked_at: datetime


@dataclass(frozen=True)
class StoredArticle:
    """What ingestion needs to know of an article already stored from a file."""

    id: uuid.UUID
    title: str
    source_path: str | None
    url: str | None
    content_hash: str


@dataclass(frozen=True)
class KbArticle:
    id: uuid.UUID
    title: str
    body: str
    source_path: str | None
    url: str | None
    tags: tuple[str, ...]
    updated_at: datetime


@dataclass(frozen=True)
class SearchHit:
    """A knowledge-base passage found for a query, with its article."""

    article_id: uuid.UUID
    title: str
    source_path: str | None
    url: str | None
    heading_path: str
    content: str
    score: float  # fused reciprocal-rank score
    similarity: float  # cosine similarity of this passage to the query (0 when not ranked)
    # English stems of the passage (with its heading path) and of the article's title, for
    # the second-stage ranking and the answerability check (domain/answerability.py).
    lexemes: frozenset[str] = frozenset()
    title_lexemes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ConversationSummary:
    """A row of the inbox list: the conversation, who it is with, its last public words."""

    conversation: Conversation
    contact_name: str | None
    contact_email: str | None
    preview_body: str | None
    preview_sender_kind: str | None
    preview_at: datetime | None


@dataclass(frozen=True)
class Channel:
    """An address (or number) through which a tenant's customers write in."""

    id: uuid.UUID
    tenant_id: TenantId
    kind: str  # email | sms | whatsapp
    address: str
    created_at: datetime
    provider: str = "smtp"  # smtp (e-mail) | twilio | meta


@dataclass(frozen=True)
class ConfiguredChannel:
    """A provider channel as its webhook and its outbound delivery need it: credentials
    still sealed (opened only by whoever must use them)."""

    id: uuid.UUID
    tenant_id: TenantId
    kind: str
    provider: str
    address: str
    settings: dict[str, Any]
    sealed: bytes | None
