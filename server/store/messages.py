"""Messages: appended with their seq and event in one transaction, idempotent per sender."""

from __future__ import annotations

import json
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
)
COLUMNS = ", ".join(FIELDS)


async def append(
    conn: Connection,
    *,
    conversation_id: ConversationId,
    sender: Sender,
    body: str,
    private: bool = False,
    client_msg_id: str | None = None,
    citations: list[dict[str, Any]] | None = None,
    expects_reply: bool = True,
) -> tuple[AppendResult, Conversation]:
    """Store a message and its `message.created` event under the next seq, in one round
    trip (migrations 0005, 0009); return it with the conversation as of this message. A
    visitor's message that `expects_reply` starts the unanswered-question clock.

    Call inside a unit of work; the caller acknowledges and publishes only after commit.
    The same (sender, client_msg_id) again returns the first message with ``created=False``
    and allocates nothing; in another conversation it is a Conflict. A conversation this
    context cannot see is NotFound. Two racing first sends into different conversations:
    the loser gets a Conflict and, retried (``db.retry_on_conflict``), the reason.
    """
    row = await conn.fetchrow(
        "SELECT * FROM append_message($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)",
        conversation_id,
        sender.kind,
        sender.id,
        sender.name,
        body,
        private,
        client_msg_id,
        json.dumps(citations) if citations is not None else None,
        expects_reply,
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
    )


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
