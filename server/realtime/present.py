"""Domain objects and events as PROTOCOL.md frames, per viewer.

The only place server frames are built. A persisted event becomes one staff frame; a
visitor sees the same frame unless the event is private, in which case it sees nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from server import __version__
from server.clock import rfc3339
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
from server.domain.models import Conversation, Message, Sender
from server.domain.tickets import Ticket
from server.errors import FlowSupportError, RateLimited
from server.protocol.codes import HEARTBEAT_S, MAX_FRAME_BYTES

SERVER = f"flowsupport/{__version__}"


def conversation(c: Conversation) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "tenant_id": str(c.tenant_id),
        "status": c.status,
        "channel": c.channel,
        "subject": c.subject,
        "contact_id": str(c.contact_id),
        "assignee_id": str(c.assignee_id) if c.assignee_id else None,
        "priority": c.priority,
        "tags": list(c.tags),
        "ticket_id": str(c.ticket_id) if c.ticket_id else None,
        "ai_enabled": c.ai_enabled,
        "created_at": rfc3339(c.created_at),
        "updated_at": rfc3339(c.updated_at),
        "last_seq": c.last_seq,
    }


def ticket(t: Ticket) -> dict[str, Any]:
    """PROTOCOL.md's ticket object, plus the escalation reason, handoff summary and SLA."""
    return {
        "id": str(t.id),
        "tenant_id": str(t.tenant_id),
        "conversation_id": str(t.conversation_id) if t.conversation_id else None,
        "number": t.number,
        "subject": t.subject,
        "status": t.status,
        "priority": t.priority,
        "requester_contact_id": str(t.requester_contact_id),
        "assignee_id": str(t.assignee_id) if t.assignee_id else None,
        "tags": list(t.tags),
        "custom_fields": t.custom_fields,
        "due_at": rfc3339(t.due_at) if t.due_at else None,
        "escalation_reason": t.escalation_reason,
        "summary": t.summary,
        "first_response_due_at": _time(t.first_response_due_at),
        "resolution_due_at": _time(t.resolution_due_at),
        "first_responded_at": _time(t.first_responded_at),
        "solved_at": _time(t.solved_at),
        "breaches": list(t.breaches),
        "created_at": rfc3339(t.created_at),
        "updated_at": rfc3339(t.updated_at),
    }


def ticket_frame(event: TicketChanged) -> dict[str, Any]:
    return {"type": event.kind, "ticket": ticket(event.ticket), "changes": list(event.changes)}


def _time(value: datetime | None) -> str | None:
    return rfc3339(value) if value else None


def participant(sender: Sender) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": sender.kind, "id": sender.id}
    if sender.name:
        out["name"] = sender.name
    return out


def message(m: Message) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": str(m.id),
        "conversation_id": str(m.conversation_id),
        "seq": m.seq,
        "sender": participant(m.sender),
        "body": m.body,
        "private": m.private,
        "client_msg_id": m.client_msg_id,
        "created_at": rfc3339(m.created_at),
    }
    if m.citations is not None:
        out["citations"] = list(m.citations)
    return out


def event_frame(event: PersistedEvent) -> dict[str, Any]:
    """The frame every staff viewer gets for a persisted event."""
    if isinstance(event, MessageCreated):
        return {
            "type": "message.created",
            "conversation_id": str(event.message.conversation_id),
            "seq": event.seq,
            "message": message(event.message),
        }
    if isinstance(event, TicketCreated):
        return {
            "type": "ticket.created",
            "conversation_id": str(event.conversation.id),
            "seq": event.seq,
            "ticket": ticket(event.ticket),
        }
    assert isinstance(event, ConversationUpdated)
    return {
        "type": "conversation.updated",
        "conversation_id": str(event.conversation.id),
        "seq": event.seq,
        "conversation": conversation(event.conversation),
        "changes": list(event.changes),
    }


def signal_frame(signal: Signal) -> dict[str, Any]:
    if isinstance(signal, TypingSignal):
        return {
            "type": "typing",
            "conversation_id": str(signal.conversation_id),
            "participant": participant(signal.participant),
            "state": signal.state,
        }
    assert isinstance(signal, ReadSignal)
    return {
        "type": "read",
        "conversation_id": str(signal.conversation_id),
        "participant": participant(signal.participant),
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
        "citations": [
            {"article_id": c.article_id, "title": c.title, **({"url": c.url} if c.url else {})}
            for c in event.citations
        ],
        "confidence": event.confidence,
    }
    if event.message is not None:
        frame["message"] = message(event.message)
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
