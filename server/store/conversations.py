"""Conversations and their per-conversation event sequence."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from server.domain.models import Conversation, ConversationSummary
from server.ids import ContactId, ConversationId, TenantId, UserId
from server.store.db import Connection

COLUMNS = (
    "id, tenant_id, contact_id, status, channel, subject, assignee_id, priority, tags, "
    "ai_enabled, last_seq, created_at, updated_at, ticket_id, channel_id"
)


async def insert(
    conn: Connection,
    *,
    tenant_id: TenantId,
    contact_id: ContactId,
    channel: str = "web",
    subject: str | None = None,
    ai_enabled: bool = True,
    channel_id: uuid.UUID | None = None,
) -> Conversation:
    row = await conn.fetchrow(
        f"""
        INSERT INTO conversations (tenant_id, contact_id, channel, subject, ai_enabled,
                                   channel_id)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}
        """,
        tenant_id,
        contact_id,
        channel,
        subject,
        ai_enabled,
        channel_id,
    )
    assert row is not None
    return from_row(row)


async def get(conn: Connection, conversation_id: ConversationId) -> Conversation | None:
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM conversations WHERE id = $1", conversation_id)
    return from_row(row) if row else None


async def lock(conn: Connection, conversation_id: ConversationId) -> int | None:
    """Lock the conversation row for this transaction; return its last_seq (None: not visible).

    Everything that appends to one conversation takes this lock first, so seq allocation and
    the idempotency check happen one writer at a time per conversation.
    """
    value = await conn.fetchval(
        "SELECT last_seq FROM conversations WHERE id = $1 FOR UPDATE", conversation_id
    )
    return None if value is None else int(value)


async def next_seq(conn: Connection, conversation_id: ConversationId) -> int:
    """Allocate the next seq in the caller's transaction (after `lock`): no gap, no repeat."""
    value = await conn.fetchval(
        """
        UPDATE conversations SET last_seq = last_seq + 1, updated_at = now()
        WHERE id = $1 RETURNING last_seq
        """,
        conversation_id,
    )
    assert value is not None, "next_seq needs a conversation locked by lock()"
    return int(value)


UPDATABLE = ("status", "assignee_id", "priority", "tags", "ticket_id")


async def update(
    conn: Connection, conversation_id: ConversationId, values: dict[str, Any]
) -> tuple[str, ...]:
    """Set the given fields (keys from UPDATABLE); return the names whose value changed."""
    unknown = set(values) - set(UPDATABLE)
    assert not unknown, f"not updatable: {unknown}"
    if not values:
        return ()
    names = list(values)
    assignments = ", ".join(f"{name} = ${i + 2}" for i, name in enumerate(names))
    distinct = " OR ".join(f"{name} IS DISTINCT FROM ${i + 2}" for i, name in enumerate(names))
    before = await conn.fetchrow(
        f"SELECT {', '.join(names)} FROM conversations WHERE id = $1", conversation_id
    )
    if before is None:
        return ()
    changed = tuple(name for name in names if before[name] != values[name])
    if changed:
        await conn.execute(
            f"UPDATE conversations SET {assignments}, updated_at = now() "
            f"WHERE id = $1 AND ({distinct})",
            conversation_id,
            *values.values(),
        )
    return changed


async def inbox(
    conn: Connection,
    *,
    statuses: list[str] | None,
    assignee: UserId | None,
    unassigned: bool,
    limit: int,
) -> list[Conversation]:
    """The tenant's conversations, most recently active first (visibility is RLS's)."""
    rows = await conn.fetch(
        f"""
        SELECT {COLUMNS} FROM conversations
        WHERE ($1::text[] IS NULL OR status = ANY($1::text[]))
          AND ($2::uuid IS NULL OR assignee_id = $2)
          AND (NOT $3 OR assignee_id IS NULL)
        ORDER BY updated_at DESC, id LIMIT $4
        """,
        statuses,
        assignee,
        unassigned,
        limit,
    )
    return [from_row(r) for r in rows]


def from_row(row: asyncpg.Record) -> Conversation:
    assignee = row["assignee_id"]
    return Conversation(
        id=ConversationId(row["id"]),
        tenant_id=TenantId(row["tenant_id"]),
        contact_id=ContactId(row["contact_id"]),
        status=row["status"],
        channel=row["channel"],
        subject=row["subject"],
        assignee_id=UserId(assignee) if assignee else None,
        priority=row["priority"],
        tags=tuple(row["tags"]),
        ai_enabled=row["ai_enabled"],
        last_seq=row["last_seq"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        ticket_id=row["ticket_id"],
        channel_id=row["channel_id"],
    )


async def awaiting_reply(conn: Connection, older_than_s: float, limit: int) -> list[Conversation]:
    """Open conversations whose visitor has waited over `older_than_s` seconds for a reply
    from anyone (agent, bot or AI), oldest wait first; the tenant's own setting, when set,
    replaces `older_than_s` (0 there: never). For the operator's timer sweep."""
    rows = await conn.fetch(
        f"""
        SELECT {", ".join("c." + col.strip() for col in COLUMNS.split(","))}
        FROM conversations c JOIN tenants t ON t.id = c.tenant_id
        WHERE c.awaiting_reply_since IS NOT NULL AND c.status IN ('open', 'pending')
          AND coalesce((t.settings ->> 'unanswered_escalation_s')::int, $1) > 0
          AND c.awaiting_reply_since < now() - make_interval(
                secs => coalesce((t.settings ->> 'unanswered_escalation_s')::int, $1))
        ORDER BY c.awaiting_reply_since LIMIT $2
        """,
        older_than_s,
        limit,
    )
    return [from_row(r) for r in rows]


async def waiting_since(conn: Connection, conversation_id: ConversationId) -> bool:
    """Whether the visitor's last question in this conversation is still unanswered."""
    value = await conn.fetchval(
        "SELECT awaiting_reply_since IS NOT NULL AND status IN ('open', 'pending') "
        "FROM conversations WHERE id = $1",
        conversation_id,
    )
    return bool(value)


PREVIEW_CHARS = 200


async def listing(
    conn: Connection,
    *,
    statuses: list[str] | None,
    assignee: UserId | None,
    unassigned: bool,
    channel: str | None,
    text: str | None,
    contact_id: ContactId | None,
    before: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[ConversationSummary]:
    """The inbox list, most recently active first, keyset-paged by (updated_at, id), with
    each conversation's contact and last public message. `text` matches the subject, the
    contact's name or e-mail, or any public message (trigram word similarity or substring)."""
    await conn.execute("SET LOCAL pg_trgm.word_similarity_threshold = 0.5")
    columns = ", ".join("c." + col.strip() for col in COLUMNS.split(","))
    rows = await conn.fetch(
        f"""
        SELECT {columns}, k.name AS contact_name, k.email AS contact_email,
               p.body AS preview_body, p.sender_kind AS preview_sender_kind,
               p.created_at AS preview_at
        FROM conversations c
        JOIN contacts k ON k.id = c.contact_id
        LEFT JOIN LATERAL (
            SELECT left(m.body, {PREVIEW_CHARS}) AS body, m.sender_kind, m.created_at
            FROM messages m WHERE m.conversation_id = c.id AND NOT m.private
            ORDER BY m.seq DESC LIMIT 1
        ) p ON true
        WHERE ($1::text[] IS NULL OR c.status = ANY($1::text[]))
          AND ($2::uuid IS NULL OR c.assignee_id = $2)
          AND (NOT $3 OR c.assignee_id IS NULL)
          AND ($4::text IS NULL OR c.channel = $4)
          AND ($5::text IS NULL
               OR c.subject ILIKE '%' || $5 || '%' OR k.name ILIKE '%' || $5 || '%'
               OR k.email ILIKE '%' || $5 || '%'
               OR EXISTS (SELECT 1 FROM messages m
                          WHERE m.conversation_id = c.id AND NOT m.private
                            AND (m.body ILIKE '%' || $5 || '%' OR $5 <% m.body)))
          AND ($6::uuid IS NULL OR c.contact_id = $6)
          AND ($7::timestamptz IS NULL OR (c.updated_at, c.id) < ($7, $8::uuid))
        ORDER BY c.updated_at DESC, c.id DESC
        LIMIT $9
        """,
        statuses,
        assignee,
        unassigned,
        channel,
        text,
        contact_id,
        before[0] if before else None,
        before[1] if before else None,
        limit,
    )
    return [
        ConversationSummary(
            from_row(r),
            r["contact_name"],
            r["contact_email"],
            r["preview_body"],
            r["preview_sender_kind"],
            r["preview_at"],
        )
        for r in rows
    ]


async def open_on_channel(
    conn: Connection, contact_id: ContactId, channel_id: uuid.UUID
) -> Conversation | None:
    """The contact's latest conversation through this channel that is not over."""
    row = await conn.fetchrow(
        f"""
        SELECT {COLUMNS} FROM conversations
        WHERE contact_id = $1 AND channel_id = $2 AND status NOT IN ('resolved', 'closed')
        ORDER BY updated_at DESC, id DESC LIMIT 1
        """,
        contact_id,
        channel_id,
    )
    return from_row(row) if row else None
