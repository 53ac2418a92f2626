"""Messages: appended with their seq and event in one transaction, idempotent per sender."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import asyncpg

from server.domain.models import AppendResult, Conversation, Message, Sender
from server.ids import ConversationId, MessageId, TenantId
from server.store import conversations
from server.store.db import Connection

FIELDS = (
    "id",
    "tenant_id",
    "conversation_id",
    "seq",
    "sender_kind",
    "sender_id",
    "sender_name",
    "body",
    "private",
    "client_msg_id",
    "citations",
    "attachments",
    "created_at",
    "event",
    "delivery_status",
    "delivery_error",
)
COLUMNS = ", ".join(FIELDS)


async def append(
    conn: Connection,
    *,
    conversation_id: ConversationId,
    sender: Sender,
    body: str,
    now: datetime,
    private: bool = False,
    client_msg_id: str | None = None,
    citations: list[dict[str, Any]] | None = None,
    expects_reply: bool = True,
    event: str | None = None,
) -> tuple[AppendResult, Conversation]:
    """Store a message and its `message.created` event under the next seq, in one round
    trip (migrations 0005, 0009, 0012, 0013); return it with the conversation as of this
    message. A visitor's message that `expects_reply` starts the unanswered-question clock;
    a system message may carry the case `event` it announces. `now`, the caller's clock, is
    the message's time, the start of that wait and when its delivery job is due.

    Call inside a unit of work; the caller acknowledges and publishes only after commit.
    The same (sender, client_msg_id) again returns the first message with ``created=False``
    and allocates nothing; in another conversation it is a Conflict. A conversation this
    context cannot see is NotFound. Two racing first sends into different conversations:
    the loser gets a Conflict and, retried (``db.retry_on_conflict``), the reason.
    """
    row = await conn.fetchrow(
        "SELECT * FROM append_message($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)",
        conversation_id,
        sender.kind,
        sender.id,
        sender.name,
        body,
        private,
        client_msg_id,
        json.dumps(citations) if citations is not None else None,
        expects_reply,
        event,
        now,
    )
    assert row is not None
    return (
        AppendResult(from_row(row["message"]), created=row["created"]),
        conversations.from_row(row["conversation"]),
    )


async def after_seq(
    conn: Connection, conversation_id: ConversationId, seq: int, limit: int
) -> list[Message]:
    """Messages with seq > `seq`, oldest first; visibility is row-level security's."""
    rows = await conn.fetch(
        f"""
        SELECT {COLUMNS} FROM messages
        WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
        """,
        conversation_id,
        seq,
        limit,
    )
    return [from_row(r) for r in rows]


def from_row(row: asyncpg.Record) -> Message:
    citations = row["citations"]
    stored = row["delivery_status"]
    status = WIRE_STATUS.get(stored) if stored else None
    return Message(
        id=MessageId(row["id"]),
        tenant_id=TenantId(row["tenant_id"]),
        conversation_id=ConversationId(row["conversation_id"]),
        seq=row["seq"],
        sender=Sender(
            kind=row["sender_kind"],
            id=str(row["sender_id"]) if row["sender_id"] else None,
            name=row["sender_name"],
        ),
        body=row["body"],
        private=row["private"],
        client_msg_id=row["client_msg_id"],
        citations=tuple(json.loads(citations)) if citations else None,
        attachments=tuple(json.loads(row["attachments"])),
        created_at=row["created_at"],
        event=row["event"],
        status=status,
        status_reason=row["delivery_error"] if status == "failed" else None,
    )


async def last_public(
    conn: Connection, conversation_ids: list[ConversationId]
) -> dict[ConversationId, Message]:
    """Each conversation's last message that is not a private note (what a customer saw
    last), for those that have one."""
    rows = await conn.fetch(
        f"""
        SELECT DISTINCT ON (conversation_id) {COLUMNS} FROM messages
        WHERE conversation_id = ANY($1::uuid[]) AND NOT private
        ORDER BY conversation_id, seq DESC
        """,
        conversation_ids,
    )
    found = (from_row(r) for r in rows)
    return {m.conversation_id: m for m in found}


async def latest(conn: Connection, conversation_id: ConversationId, limit: int) -> list[Message]:
    """The conversation's last `limit` messages the context may see, oldest first."""
    rows = await conn.fetch(
        f"""
        SELECT * FROM (
            SELECT {COLUMNS} FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2
        ) recent ORDER BY seq
        """,
        conversation_id,
        limit,
    )
    return [from_row(r) for r in rows]


async def get(conn: Connection, message_id: uuid.UUID) -> Message | None:
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM messages WHERE id = $1", message_id)
    return from_row(row) if row else None


# Delivery statuses in the order they happen; a callback never moves a message backwards
# ("read" arriving before "delivered" stays "read"). Failures rank below "delivered".
DELIVERY_RANK = {
    "accepted": 0,
    "scheduled": 0,
    "queued": 0,
    "sending": 1,
    "sent": 2,
    "undelivered": 3,
    "failed": 3,
    "delivered": 4,
    "read": 5,
}


# PROTOCOL.md's message `status` for each stored delivery status (providers say more).
WIRE_STATUS = {
    "scheduled": "queued",
    "queued": "queued",
    "sending": "queued",
    "sent": "sent",
    "undelivered": "failed",
    "failed": "failed",
    "delivered": "delivered",
    "read": "read",
}


async def set_external(conn: Connection, message_id: uuid.UUID, external_id: str) -> Message | None:
    """The provider's id of a message we sent (for its status callbacks): it is now sent,
    unless a callback already said more. Returns the message (None: erased since)."""
    row = await conn.fetchrow(
        f"""
        UPDATE messages SET external_id = $2, delivery_status = coalesce(delivery_status, 'sent')
        WHERE id = $1 RETURNING {COLUMNS}
        """,
        message_id,
        external_id,
    )
    return from_row(row) if row is not None else None


async def advance_delivery(
    conn: Connection, external_id: str, status: str, error: str | None
) -> Message | None:
    """Move a sent message's delivery status forward; the message, or None when unknown,
    older or equal."""
    rank = DELIVERY_RANK.get(status)
    if rank is None:
        return None
    cases = " ".join(f"WHEN '{name}' THEN {value}" for name, value in DELIVERY_RANK.items())
    row = await conn.fetchrow(
        f"""
        UPDATE messages SET delivery_status = $2, delivery_error = $3
        WHERE external_id = $1
          AND coalesce(CASE delivery_status {cases} END, -1) < $4
        RETURNING {COLUMNS}
        """,
        external_id,
        status,
        error,
        rank,
    )
    return from_row(row) if row is not None else None


async def mark_failed(conn: Connection, message_id: uuid.UUID, why: str) -> Message | None:
    """A reply that will never reach the customer (refused, or retries exhausted)."""
    row = await conn.fetchrow(
        f"""
        UPDATE messages SET delivery_status = 'failed', delivery_error = $2
        WHERE id = $1 RETURNING {COLUMNS}
        """,
        message_id,
        why[:500],
    )
    return from_row(row) if row is not None else None


async def last_from_visitor(conn: Connection, conversation_id: ConversationId) -> datetime | None:
    """When the customer last wrote in this conversation (WhatsApp's 24-hour window)."""
    value = await conn.fetchval(
        "SELECT max(created_at) FROM messages WHERE conversation_id = $1 AND sender_kind = "
        "'visitor'",
        conversation_id,
    )
    return None if value is None else value
