"""Domain events: what services announce after a commit, and the seam they announce through.

Persisted events carry the conversation's ``seq``; signals (typing, read) are ephemeral.
``realtime`` turns them into PROTOCOL.md frames per viewer and fans them out; services
never see frames, sockets or the broker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from server.domain.models import Conversation, Message, Sender
from server.domain.tickets import Ticket
from server.ids import ConversationId, TenantId


@dataclass(frozen=True)
class MessageCreated:
    message: Message
    conversation: Conversation  # as of this event (inbox filters use status and assignee)

    @property
    def seq(self) -> int:
        return self.message.seq

    @property
    def private(self) -> bool:
        return self.message.private


@dataclass(frozen=True)
class ConversationUpdated:
    seq: int
    conversation: Conversation
    changes: tuple[str, ...]
    private: bool = False


@dataclass(frozen=True)
class TicketCreated:
    """A conversation became a ticket. Staff-only (visitors see the system message)."""

    seq: int
    conversation: Conversation
    ticket: Ticket
    private: bool = True


PersistedEvent = MessageCreated | ConversationUpdated | TicketCreated


@dataclass(frozen=True)
class TicketChanged:
    """Live-only, to agents watching the inbox: `ticket.updated` (changes name the fields)
    or `ticket.sla_breached` (changes name the missed target)."""

    kind: str  # ticket.updated | ticket.sla_breached
    ticket: Ticket
    changes: tuple[str, ...]


@dataclass(frozen=True)
class TypingSignal:
    tenant_id: TenantId
    conversation_id: ConversationId
    participant: Sender
    state: bool


@dataclass(frozen=True)
class ReadSignal:
    tenant_id: TenantId
    conversation_id: ConversationId
    participant: Sender
    seq: int


Signal = TypingSignal | ReadSignal


@dataclass(frozen=True)
class Citation:
    article_id: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class AiStarted:
    tenant_id: TenantId
    conversation_id: ConversationId
    stream_id: str


@dataclass(frozen=True)
class AiDelta:
    tenant_id: TenantId
    conversation_id: ConversationId
    stream_id: str
    index: int  # 0, 1, 2, ... with no gaps (PROTOCOL.md)
    text: str


@dataclass(frozen=True)
class AiProblem:
    """Why an answer ended without one (PROTOCOL.md error codes), for clients to show."""

    code: str
    message: str
    retry_after_ms: int | None = None


@dataclass(frozen=True)
class AiDone:
    tenant_id: TenantId
    conversation_id: ConversationId
    stream_id: str
    reason: str  # complete | stopped | escalated | error
    citations: tuple[Citation, ...]
    confidence: float
    message: Message | None = None
    problem: AiProblem | None = None


AiEvent = AiStarted | AiDelta | AiDone


class EventSink(Protocol):
    """Where services announce events. Call only after the transaction committed:
    announcing earlier would tell clients about a row they cannot read yet."""

    async def persisted(self, event: PersistedEvent) -> None: ...

    async def signal(self, event: Signal) -> None: ...

    async def ai(self, event: AiEvent) -> None:
        """Live-only answer stream frames: never persisted, never replayed."""
        ...

    async def ticket(self, event: TicketChanged) -> None:
        """Live-only ticket changes for the tenant's inbox."""
        ...

    async def message_updated(self, message: Message, changes: tuple[str, ...]) -> None:
        """Live-only `message.updated` to the conversation's subscribers (a reply's
        delivery status moved); HTTP is the truth after a reconnect."""
        ...

    async def created(self, conversation: Conversation) -> None:
        """Live-only `conversation.created` for the tenant's inbox: a new conversation,
        before (or without) its first message."""
        ...
