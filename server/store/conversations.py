"""Conversations and their per-conversation event sequence."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import asyncpg

from server.domain.models import Conversation, ConversationSummary, Csat
from server.ids import ContactId, ConversationId, TenantId, UserId
from server.store.db import Connection

FIELDS = (
    "id, tenant_id, contact_id, status, channel, subject, assignee_id, priority, tags, "
    "ai_enabled, last_seq, created_at, updated_at, ticket_id, channel_id, "
    "previous_conversation_id, resolved_at, resolutions, snoozed_until"
)


def columns(alias: str = "conversations") -> str:
    """The select list of a conversation row named `alias`, with the rating of its latest
    resolution (a csat_ratings row, or NULL)."""
    own = ", ".join(f"{alias}.{name.strip()}" for name in FIELDS.split(","))
    return (
        f"{own}, (SELECT r FROM csat_ratings r WHERE r.conversation_id = {alias}.id "
        f"AND r.resolution = {alias}.resolutions) AS csat"
    )


COLUMNS = columns()


async def insert(
    conn: Connection,
    *,
    tenant_id: TenantId,
    contact_id: ContactId,
    channel: str = "web",
    subject: str | None = None,
    ai_enabled: bool = True,
    channel_id: uuid.UUID | None = None,
    previous_conversation_id: ConversationId | None = None,
    start_key: str | None = None,
) -> Conversation:
    """A new conversation; one whose `start_key` is taken raises a unique violation (the
    caller's retry then finds it with `by_start_key`)."""
    row = await conn.fetchrow(
        f"""
        INSERT INTO conversations (tenant_id, contact_id, channel, subject, ai_enabled,
                                   channel_id, previous_conversation_id, start_key)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {FIELDS}
        """,
        tenant_id,
        contact_id,
        channel,
        subject,
        ai_enabled,
        channel_id,
        previous_conversation_id,
        start_key,
    )
    assert row is not None
    return from_row(row)


async def by_start_key(
    conn: Connection, tenant_id: TenantId, start_key: str
) -> Conversation | None:
    """The conversation a `conversation.start` with this key already made, if any."""
    row = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM conversations WHERE tenant_id = $1 AND start_key = $2",
        tenant_id,
        start_key,
    )
    return from_row(row) if row else None


async def get(
    conn: Connection, conversation_id: ConversationId, *, lock: bool = False
) -> Conversation | None:
    """The conversation if visible; `lock` takes its row lock for this transaction (as
    `lock()` does, so everything that appends to it waits)."""
    suffix = " FOR UPDATE OF conversations" if lock else ""
    row = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM conversations WHERE id = $1{suffix}", conversation_id
    )
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


UPDATABLE = (
    "status",
    "assignee_id",
    "priority",
    "tags",
    "ticket_id",
    "resolved_at",
    "resolutions",
    "snoozed_until",
)


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
    """A conversation from a select of `columns()` (or a bare row, as append_message
    returns it: without the rating)."""
    assignee = row["assignee_id"]
    rating = row.get("csat")
    previous = row["previous_conversation_id"]
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
        previous_conversation_id=ConversationId(previous) if previous else None,
        resolved_at=row["resolved_at"],
        resolutions=row["resolutions"],
        snoozed_until=row.get("snoozed_until"),
        csat=None
        if rating is None or rating["rating"] is None
        else Csat(
            rating=rating["rating"],
            comment=rating["comment"],
            at=rating["updated_at"],
            resolution=rating["resolution"],
        ),
    )


async def waiting_tenants(conn: Connection) -> dict[TenantId, dict[str, Any]]:
    """The stored settings of every tenant with an open conversation whose visitor waits
    for a reply (the unanswered sweep reads each one's limit through TenantSettings)."""
    rows = await conn.fetch(
        """
        SELECT t.id, t.settings FROM tenants t
        WHERE t.id IN (SELECT c.tenant_id FROM conversations c
                       WHERE c.awaiting_reply_since IS NOT NULL
                         AND c.status IN ('open', 'pending'))
        """
    )
    return {TenantId(r["id"]): json.loads(r["settings"]) for r in rows}


async def awaiting_reply(
    conn: Connection, *, waits: Mapping[TenantId, float], now: datetime, limit: int
) -> list[Conversation]:
    """Open conversations whose visitor has, at `now`, waited longer than their tenant's
    limit in `waits` (seconds) for a reply from anyone (agent, bot or AI), oldest wait
    first. A tenant not in `waits` is not swept, nor a snoozed conversation (until its
    snooze ends). For the operator's timer sweep."""
    if not waits:
        return []
    rows = await conn.fetch(
        f"""
        SELECT {columns("c")}
        FROM conversations c
        JOIN unnest($1::uuid[], $2::float8[]) AS w (tenant_id, wait_s)
          ON w.tenant_id = c.tenant_id
        WHERE c.awaiting_reply_since IS NOT NULL AND c.status IN ('open', 'pending')
          AND c.snoozed_until IS NULL  -- put aside on purpose: its sweep is the snooze's
          AND c.awaiting_reply_since < $3::timestamptz - make_interval(secs => w.wait_s)
        ORDER BY c.awaiting_reply_since LIMIT $4
        """,
        list(waits),
        [float(wait) for wait in waits.values()],
        now,
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
    label: str | None = None,
    snoozed: bool | None = None,
) -> list[ConversationSummary]:
    """The inbox list, most recently active first, keyset-paged by (updated_at, id), with
    each conversation's contact and last public message. `text` matches the subject, the
    contact's name or e-mail, or any public message (trigram word similarity or substring);
    `label` keeps those carrying that tag; `snoozed` True only snoozed ones, False none."""
    await conn.execute("SET LOCAL pg_trgm.word_similarity_threshold = 0.5")
    rows = await conn.fetch(
        f"""
        SELECT {columns("c")}, k.name AS contact_name, k.email AS contact_email,
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
          AND ($10::text IS NULL OR $10 = ANY(c.tags))
          AND ($11::boolean IS NULL OR (c.snoozed_until IS NOT NULL) = $11)
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
        label,
        snoozed,
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


async def latest_on_channel(
    conn: Connection, contact_id: ContactId, channel_id: uuid.UUID
) -> Conversation | None:
    """The contact's latest conversation through this channel, whatever its status (a
    resolved one reopens when they write again, a closed one is continued by a new one)."""
    row = await conn.fetchrow(
        f"""
        SELECT {COLUMNS} FROM conversations
        WHERE contact_id = $1 AND channel_id = $2
        ORDER BY created_at DESC, id DESC LIMIT 1
        """,
        contact_id,
        channel_id,
    )
    return from_row(row) if row else None


async def follow_up_of(conn: Connection, closed_id: ConversationId) -> Conversation | None:
    """The conversation that continues a closed one (its customer wrote again after)."""
    row = await conn.fetchrow(
        f"""
        SELECT {COLUMNS} FROM conversations WHERE previous_conversation_id = $1
        ORDER BY created_at DESC, id DESC LIMIT 1
        """,
        closed_id,
    )
    return from_row(row) if row else None


async def unread_counts(
    conn: Connection,
    conversation_ids: list[ConversationId],
    reader_kind: str,
    reader_id: uuid.UUID,
) -> dict[ConversationId, int]:
    """Per conversation, the customer's messages after the reader's read position (0 when
    they read everything, or there is nothing from the customer)."""
    if not conversation_ids:
        return {}
    rows = await conn.fetch(
        """
        SELECT c.id, count(m.id) AS unread
        FROM unnest($1::uuid[]) AS c (id)
        LEFT JOIN read_positions r
               ON r.conversation_id = c.id AND r.reader_kind = $2 AND r.reader_id = $3
        LEFT JOIN messages m
               ON m.conversation_id = c.id AND m.sender_kind = 'visitor'
              AND m.seq > coalesce(r.seq, 0)
        GROUP BY c.id
        """,
        conversation_ids,
        reader_kind,
        reader_id,
    )
    return {ConversationId(r["id"]): int(r["unread"]) for r in rows}


async def set_read(
    conn: Connection,
    *,
    tenant_id: TenantId,
    conversation_id: ConversationId,
    reader_kind: str,
    reader_id: uuid.UUID,
    seq: int,
) -> None:
    """Move the reader's position forward to `seq` (never back: a late, older read from
    another tab or node changes nothing)."""
    await conn.execute(
        """
        INSERT INTO read_positions (tenant_id, conversation_id, reader_kind, reader_id, seq)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (conversation_id, reader_kind, reader_id) DO UPDATE
            SET seq = greatest(read_positions.seq, excluded.seq), updated_at = now()
            WHERE read_positions.seq < excluded.seq
        """,
        tenant_id,
        conversation_id,
        reader_kind,
        reader_id,
        seq,
    )


async def rate(
    conn: Connection,
    *,
    conversation: Conversation,
    resolution: int,
    rating: int,
    comment: str | None,
    via: str,
) -> None:
    """The customer's rating of one resolution; a second one for it replaces the first."""
    await conn.execute(
        """
        INSERT INTO csat_ratings (tenant_id, conversation_id, resolution, contact_id, rating,
                                  comment, via)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (conversation_id, resolution) DO UPDATE
            SET rating = excluded.rating, comment = excluded.comment, via = excluded.via,
                updated_at = now()
        """,
        conversation.tenant_id,
        conversation.id,
        resolution,
        conversation.contact_id,
        rating,
        comment,
        via,
    )


async def of_contact(conn: Connection, contact_id: ContactId, limit: int) -> list[Conversation]:
    """A customer's own conversations, newest first (the widget's past conversations)."""
    rows = await conn.fetch(
        f"""
        SELECT {COLUMNS} FROM conversations WHERE contact_id = $1
        ORDER BY created_at DESC, id DESC LIMIT $2
        """,
        contact_id,
        limit,
    )
    return [from_row(r) for r in rows]


async def snoozed_due(conn: Connection, now: datetime, limit: int) -> list[Conversation]:
    """Snoozed conversations whose time has come, the longest overdue first (the worker's
    snooze sweep; RLS decides whose: the operator's context sees every tenant's)."""
    rows = await conn.fetch(
        f"""
        SELECT {COLUMNS} FROM conversations
        WHERE snoozed_until IS NOT NULL AND snoozed_until <= $1
        ORDER BY snoozed_until, id LIMIT $2
        """,
        now,
        limit,
    )
    return [from_row(r) for r in rows]
