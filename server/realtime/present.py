"""Domain objects and events as PROTOCOL.md frames, per viewer.

The only place server frames are built; the objects inside them (conversation, message,
ticket) come from ``protocol.objects``, as HTTP bodies do. A persisted event becomes one
staff frame; a visitor sees the same frame unless the event is private, in which case it
sees nothing.
"""

from __future__ import annotations

from typing import Any

from server import __version__
from server.domain.access import Principal
from server.domain.events import (
    AiDelta,
    AiDone,
    AiEvent,
    AiStarted,
    ConversationUpdated,
    MessageCreated,
    PersistedEvent,
    ReadSignal,
    Signal,
    TicketChanged,
    TicketCreated,
    TypingSignal,
)
from server.domain.models import Conversation, Message
from server.errors import FlowSupportError, RateLimited
from server.protocol import objects
from server.protocol.codes import HEARTBEAT_S, MAX_FRAME_BYTES

SERVER = f"flowsupport/{__version__}"


def ticket_frame(event: TicketChanged) -> dict[str, Any]:
    """`ticket.updated` / `ticket.sla_breached`; and `ticket.created` for a ticket opened
    without a conversation (no seq: there is no conversation to order it in)."""
    if event.kind == "ticket.created":
        return {
            "type": "ticket.created",
            "conversation_id": None,
            "ticket": objects.ticket(event.ticket),
        }
    return {
        "type": event.kind,
        "ticket": objects.ticket(event.ticket),
        "changes": list(event.changes),
    }


def message_updated_frame(message: Message, changes: tuple[str, ...]) -> dict[str, Any]:
    """`message.updated` (PROTOCOL.md additions): the whole message, live-only."""
    return {
        "type": "message.updated",
        "conversation_id": str(message.conversation_id),
        "message": objects.message(message),
        "changes": list(changes),
    }


def created_frame(conversation: Conversation) -> dict[str, Any]:
    """`conversation.created` (PROTOCOL.md additions): live-only, so no seq."""
    return {"type": "conversation.created", "conversation": objects.conversation(conversation)}


def event_frame(event: PersistedEvent) -> dict[str, Any]:
    """The frame every staff viewer gets for a persisted event."""
    if isinstance(event, MessageCreated):
        return {
            "type": "message.created",
            "conversation_id": str(event.message.conversation_id),
            "seq": event.seq,
            "message": objects.message(event.message),
        }
    if isinstance(event, TicketCreated):
        return {
            "type": "ticket.created",
            "conversation_id": str(event.conversation.id),
            "seq": event.seq,
            "ticket": objects.ticket(event.ticket),
        }
    assert isinstance(event, ConversationUpdated)
    return {
        "type": "conversation.updated",
        "conversation_id": str(event.conversation.id),
        "seq": event.seq,
        "conversation": objects.conversation(event.conversation),
        "changes": list(event.changes),
    }


def signal_frame(signal: Signal) -> dict[str, Any]:
    if isinstance(signal, TypingSignal):
        return {
            "type": "typing",
            "conversation_id": str(signal.conversation_id),
            "participant": objects.participant(signal.participant),
            "state": signal.state,
        }
    assert isinstance(signal, ReadSignal)
    return {
        "type": "read",
        "conversation_id": str(signal.conversation_id),
        "participant": objects.participant(signal.participant),
        "seq": signal.seq,
    }


def ai_frame(event: AiEvent) -> dict[str, Any]:
    """PROTOCOL.md ai.started / ai.delta / ai.done (live-only: no seq)."""
    base: dict[str, Any] = {
        "conversation_id": str(event.conversation_id),
        "stream_id": event.stream_id,
    }
    if isinstance(event, AiStarted):
        return {"type": "ai.started", **base}
    if isinstance(event, AiDelta):
        return {"type": "ai.delta", **base, "index": event.index, "text": event.text}
    assert isinstance(event, AiDone)
    frame: dict[str, Any] = {
        "type": "ai.done",
        **base,
        "reason": event.reason,
        "citations": [objects.citation(c) for c in event.citations],
        "confidence": event.confidence,
    }
    if event.message is not None:
        frame["message"] = objects.message(event.message)
    if event.problem is not None:
        frame["error"] = {"code": event.problem.code, "message": event.problem.message}
        if event.problem.retry_after_ms is not None:
            frame["error"]["retry_after_ms"] = event.problem.retry_after_ms
    return frame


def welcome(session_id: str, who: Principal, visitor_token: str | None) -> dict[str, Any]:
    principal: dict[str, Any] = {"kind": who.kind, "id": who.id, "tenant_id": str(who.tenant_id)}
    if who.name:
        principal["name"] = who.name
    frame: dict[str, Any] = {
        "type": "welcome",
        "session_id": session_id,
        "principal": principal,
        "heartbeat_s": HEARTBEAT_S,
        "max_frame_bytes": MAX_FRAME_BYTES,
        "server": SERVER,
    }
    if visitor_token is not None:
        frame["visitor_token"] = visitor_token
    return frame


def presence(count: int, agents: list[dict[str, Any]] | None) -> dict[str, Any]:
    frame: dict[str, Any] = {"type": "presence", "agents_online": count}
    if agents is not None:
        frame["agents"] = agents
    return frame


def ack(request_id: str, **fields: Any) -> dict[str, Any]:
    return {"type": "ack", "id": request_id, **fields}


def error(exc: FlowSupportError, request_id: str | None) -> dict[str, Any]:
    """The one function that turns an error into a frame."""
    frame: dict[str, Any] = {"type": "error", "code": exc.code, "message": exc.message}
    if request_id is not None:
        frame["id"] = request_id
    if isinstance(exc, RateLimited):
        frame["retry_after_ms"] = exc.retry_after_ms
    return frame
