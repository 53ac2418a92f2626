"""PROTOCOL.md's objects (conversation, message, ticket, contact), built once for every
transport: WebSocket frames (``realtime.present``) and HTTP bodies (``api``) both call
these, so the same object is the same JSON over both.

The builders return plain dicts (fanned-out frames are encoded once per viewer kind and
skip model validation); the pydantic models below describe exactly those dicts, for the
OpenAPI document, and a test validates every builder's output against its model.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from server.clock import rfc3339
from server.domain.events import Citation
from server.domain.models import Contact, Conversation, Csat, Message, Sender
from server.domain.tickets import Ticket


def conversation(c: Conversation) -> dict[str, Any]:
    """PROTOCOL.md's conversation. `unread_count` only when computed for its viewer."""
    out: dict[str, Any] = {
        "id": str(c.id),
        "tenant_id": str(c.tenant_id),
        "status": c.status,
        "channel": c.channel,
        "subject": c.subject,
        "contact_id": str(c.contact_id),
        "assignee_id": _str(c.assignee_id),
        "priority": c.priority,
        "tags": list(c.tags),
        "ticket_id": _str(c.ticket_id),
        "ai_enabled": c.ai_enabled,
        "created_at": rfc3339(c.created_at),
        "updated_at": rfc3339(c.updated_at),
        "last_seq": c.last_seq,
        "resolved_at": _time(c.resolved_at),
        "csat": csat(c.csat) if c.csat is not None else None,
        "previous_conversation_id": _str(c.previous_conversation_id),
        "snoozed_until": _time(c.snoozed_until),
    }
    if c.unread_count is not None:
        out["unread_count"] = c.unread_count
    return out


def csat(rating: Csat) -> dict[str, Any]:
    out: dict[str, Any] = {"rating": rating.rating, "at": rfc3339(rating.at)}
    if rating.comment is not None:
        out["comment"] = rating.comment
    return out


def participant(sender: Sender) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": sender.kind, "id": sender.id}
    if sender.name:
        out["name"] = sender.name
    return out


def own_conversation(c: Conversation, last: Message | None) -> dict[str, Any]:
    """A row of a visitor's `conversations.list`: the conversation, with `last_message`
    (the last one it may see) when it has one."""
    out = conversation(c)
    if last is not None:
        out["last_message"] = message(last)
    return out


def citation(c: Citation) -> dict[str, str]:
    """PROTOCOL.md's citation: `{"article_id", "title", "url"?}` (stored on AI messages, in
    `ai.done`, and beside an agent's suggested reply)."""
    out = {"article_id": c.article_id, "title": c.title}
    if c.url:
        out["url"] = c.url
    return out


def message(m: Message) -> dict[str, Any]:
    """PROTOCOL.md's message; `citations` and `event` only when the message has them."""
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
    if m.event is not None:
        out["event"] = m.event
    if m.status is not None:
        out["status"] = m.status
    if m.status_reason:
        out["status_reason"] = m.status_reason
    if m.attachments:
        out["attachments"] = [attachment(a) for a in m.attachments]
    return out


def attachment(listed: dict[str, Any]) -> dict[str, Any]:
    """PROTOCOL.md additions: a message's attachment, with the url it downloads from."""
    return {
        "id": listed["id"],
        "name": listed["name"],
        "content_type": listed["content_type"],
        "size": listed["size"],
        "url": f"/v1/attachments/{listed['id']}",
    }


def ticket(t: Ticket) -> dict[str, Any]:
    """PROTOCOL.md's ticket, plus who asked, how it came to be and its SLA clock."""
    return {
        "id": str(t.id),
        "tenant_id": str(t.tenant_id),
        "conversation_id": _str(t.conversation_id),
        "number": t.number,
        "subject": t.subject,
        "status": t.status,
        "priority": t.priority,
        "requester_contact_id": str(t.requester_contact_id),
        "requester": {
            "id": str(t.requester_contact_id),
            "name": t.requester_name,
            "email": t.requester_email,
        },
        "assignee_id": _str(t.assignee_id),
        "tags": list(t.tags),
        "custom_fields": t.custom_fields,
        "due_at": _time(t.due_at),
        "escalation_reason": t.escalation_reason,
        "summary": t.summary,
        "first_response_due_at": _time(t.first_response_due_at),
        "resolution_due_at": _time(t.resolution_due_at),
        "first_responded_at": _time(t.first_responded_at),
        "solved_at": _time(t.solved_at),
        "sla_paused_at": _time(t.sla_paused_at),
        "breaches": list(t.breaches),
        "created_at": rfc3339(t.created_at),
        "updated_at": rfc3339(t.updated_at),
    }


def contact(c: Contact) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "name": c.name,
        "email": c.email,
        "phone": c.phone,
        "external_id": c.external_id,
        "attributes": c.attributes,
        "created_at": rfc3339(c.created_at),
        "visits": c.visits,
        "last_seen_at": _time(c.last_seen_at),
        "seen": c.seen,
    }


def _str(value: object | None) -> str | None:
    return None if value is None else str(value)


def _time(value: datetime | None) -> str | None:
    return None if value is None else rfc3339(value)


# -- the models describing the dicts above (OpenAPI, and the test that they agree) -------


class _Object(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class CsatObject(_Object):
    rating: int = Field(ge=1, le=5)
    comment: str | None = Field(default=None, description="absent when none was given")
    at: str


class ConversationObject(_Object):
    """PROTOCOL.md's conversation object."""

    id: str
    tenant_id: str
    status: str = Field(description="open, pending, waiting_human, resolved or closed")
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
    resolved_at: str | None = Field(description="when it was resolved; null unless resolved")
    csat: CsatObject | None = Field(description="the customer's rating of its latest resolution")
    previous_conversation_id: str | None = Field(
        description="the closed conversation this one continues"
    )
    snoozed_until: str | None = Field(
        default=None,
        description="a snoozed (pending) conversation reopens by itself then; null otherwise",
    )
    unread_count: int | None = Field(
        default=None,
        description="staff: the customer's messages the viewing agent has not read, in "
        "conversations assigned to them or waiting for a person nobody holds (else 0); "
        "absent for visitors and bots",
    )


class SenderObject(_Object):
    kind: str = Field(description="visitor, agent, bot, ai or system")
    id: str | None
    name: str | None = None


class MessageObject(_Object):
    """PROTOCOL.md's message object."""

    id: str
    conversation_id: str
    seq: int
    sender: SenderObject
    body: str
    private: bool
    client_msg_id: str | None
    created_at: str
    citations: list[dict[str, Any]] | None = Field(
        default=None, description="AI answers: the articles cited"
    )
    event: str | None = Field(
        default=None,
        description="system messages: escalated, agent_joined, resolved, reopened, csat_requested",
    )
    status: str | None = Field(
        default=None, description="channel replies: queued, sent, delivered, read or failed"
    )
    status_reason: str | None = Field(
        default=None, description="a failed reply: the provider's reason"
    )


class RequesterObject(_Object):
    id: str
    name: str | None
    email: str | None


class TicketObject(_Object):
    """PROTOCOL.md's ticket, plus how it came to be and its SLA clock."""

    id: str
    tenant_id: str
    conversation_id: str | None
    number: int
    subject: str
    status: str
    priority: str
    requester_contact_id: str
    requester: RequesterObject
    assignee_id: str | None
    tags: list[str]
    custom_fields: dict[str, Any]
    due_at: str | None = Field(
        description="the next SLA deadline (first response, then resolution); null while "
        "the clock is paused or the ticket is done"
    )
    escalation_reason: str | None
    summary: str | None = Field(description="the handoff summary written at escalation")
    first_response_due_at: str | None
    resolution_due_at: str | None
    first_responded_at: str | None
    solved_at: str | None
    sla_paused_at: str | None = Field(
        description="since when the SLA clock is paused (pending or solved); null: running"
    )
    breaches: list[str] = Field(description="SLA targets missed: first_response, resolution")
    created_at: str
    updated_at: str


class ContactObject(_Object):
    id: str
    name: str | None
    email: str | None
    phone: str | None
    external_id: str | None
    attributes: dict[str, Any]
    created_at: str
    visits: int = Field(description="widget visits (a connection after 30 minutes away)")
    last_seen_at: str | None
    seen: dict[str, str] = Field(
        description="what the widget last reported: page?, referrer?, language?, timezone?, "
        "browser?, os?"
    )
