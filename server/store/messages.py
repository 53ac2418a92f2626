"""Messages: appended with their seq and event in one transaction, idempotent per sender."""

from __future__ import annotations

import json
from typing import Any

import asyncpg

from server.domain.models import AppendResult, Message, Sender
from server.errors import Conflict, NotFound
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
    tenant_id: TenantId,
    conversation_id: ConversationId,
    sender: Sender,
    body: str,
    private: bool = False,
    client_msg_id: str | None = None,
    citations: list[dict[str, Any]] | None = None,
) -> AppendResult:
    """Store a message and its `message.created` event under the next seq.

    Call inside a unit of work; the caller acknowledges and publishes only after commit.
    A second call with the same (sender, client_msg_id) returns the first message with
    ``created=False`` and allocates nothing. The same client_msg_id in another conversation
    is a Conflict. Two racing first sends: the loser gets a Conflict from the unique index
    and succeeds on retry (see ``db.retry_on_conflict``) by finding the winner's row.
    """
    if await conversations.lock(conn, conversation_id) is None:
        raise NotFound("conversation not found")
    if client_msg_id is not None:
        existing = await _by_client_msg_id(conn, tenant_id, sender, client_msg_id)
        if existing is not None:
            if existing.conversation_id != conversation_id:
                raise Conflict("client_msg_id already used in another conversation")
            return AppendResult(existing, created=False)
    seq = await conversations.next_seq(conn, conversation_id)
    try:
        row = await conn.fetchrow(
            f"""
            INSERT INTO messages (tenant_id, conversation_id, seq, sender_kind, sender_id,
                                  sender_name, body, private, client_msg_id, citations)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING {COLUMNS}
            """,
            tenant_id,
            conversation_id,
            seq,
            sender.kind,
            sender.id,
            sender.name,
            body,
            private,
            client_msg_id,
            json.dumps(citations) if citations is not None else None,
        )
    except asyncpg.UniqueViolationError as exc:
        raise Conflict("message raced with an identical send; retry") from exc
    assert row is not None
    await conn.execute(
        """
        INSERT INTO conversation_events (tenant_id, conversation_id, seq, kind, message_id,
                                         private)
        VALUES ($1, $2, $3, 'message.created', $4, $5)
        """,
        tenant_id,
        conversation_id,
        seq,
        row["id"],
        private,
    )
    return AppendResult(from_row(row), created=True)


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


async def _by_client_msg_id(
    conn: Connection, tenant_id: TenantId, sender: Sender, client_msg_id: str
) -> Message | None:
    row = await conn.fetchrow(
        f"""
        SELECT {COLUMNS} FROM messages
        WHERE tenant_id = $1 AND sender_kind = $2 AND sender_id IS NOT DISTINCT FROM $3::uuid
          AND client_msg_id = $4
        """,
        tenant_id,
        sender.kind,
        sender.id,
        client_msg_id,
    )
    return from_row(row) if row else None


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
