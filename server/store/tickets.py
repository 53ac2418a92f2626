"""Tickets and their comments: numbering, look-ups, filtered lists with text search."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import asyncpg

from server.domain.tickets import Ticket, TicketComment
from server.ids import ContactId, ConversationId, TenantId, UserId
from server.store.db import Connection

COLUMNS = (
    "id, tenant_id, number, conversation_id, subject, status, priority, requester_contact_id, "
    "assignee_id, tags, custom_fields, escalation_reason, summary, first_response_due_at, "
    "resolution_due_at, first_responded_at, solved_at, breaches, created_at, updated_at, "
    "sla_paused_at, sla_paused_minutes, "
    # Who asked, for lists (unqualified: the ticket row of whichever query this is in).
    "(SELECT k.name FROM contacts k WHERE k.id = requester_contact_id) AS requester_name, "
    "(SELECT k.email FROM contacts k WHERE k.id = requester_contact_id) AS requester_email"
)
COMMENT_COLUMNS = "id, ticket_id, author_kind, author_id, author_name, body, public, created_at"
UPDATABLE = {
    "subject",
    "status",
    "priority",
    "assignee_id",
    "tags",
    "custom_fields",
    "first_response_due_at",
    "resolution_due_at",
    "first_responded_at",
    "solved_at",
    "breaches",
    "summary",
    "sla_paused_at",
    "sla_paused_minutes",
}


async def next_number(conn: Connection, tenant_id: TenantId) -> int:
    """The tenant's next ticket number; the counter row stays locked until commit, so
    concurrent creations queue here and a rolled-back one gives its number back."""
    number = await conn.fetchval(
        """
        INSERT INTO ticket_counters (tenant_id, last_number) VALUES ($1, 1)
        ON CONFLICT (tenant_id) DO UPDATE SET last_number = ticket_counters.last_number + 1
        RETURNING last_number
        """,
        tenant_id,
    )
    return int(number)


async def insert(
    conn: Connection,
    *,
    tenant_id: TenantId,
    number: int,
    conversation_id: ConversationId | None,
    subject: str,
    priority: str,
    requester_contact_id: ContactId,
    tags: list[str],
    custom_fields: dict[str, Any],
    escalation_reason: str | None,
    summary: str | None,
    first_response_due_at: datetime | None,
    resolution_due_at: datetime | None,
    created_at: datetime,
    status: str = "new",
    assignee_id: UserId | None = None,
    solved_at: datetime | None = None,
    sla_paused_at: datetime | None = None,
) -> Ticket:
    row = await conn.fetchrow(
        f"""
        INSERT INTO tickets (tenant_id, number, conversation_id, subject, priority,
                             requester_contact_id, tags, custom_fields, escalation_reason,
                             summary, first_response_due_at, resolution_due_at, status,
                             assignee_id, solved_at, sla_paused_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15, $16,
                $17)
        RETURNING {COLUMNS}
        """,
        tenant_id,
        number,
        conversation_id,
        subject,
        priority,
        requester_contact_id,
        tags,
        json.dumps(custom_fields),
        escalation_reason,
        summary,
        first_response_due_at,
        resolution_due_at,
        status,
        assignee_id,
        solved_at,
        sla_paused_at,
        created_at,
    )
    assert row is not None
    return from_row(row)


async def get(conn: Connection, ticket_id: uuid.UUID, *, lock: bool = False) -> Ticket | None:
    suffix = " FOR UPDATE" if lock else ""
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM tickets WHERE id = $1{suffix}", ticket_id)
    return from_row(row) if row else None


async def of_conversation(conn: Connection, conversation_id: ConversationId) -> Ticket | None:
    row = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM tickets WHERE conversation_id = $1", conversation_id
    )
    return from_row(row) if row else None


async def update(conn: Connection, ticket_id: uuid.UUID, values: dict[str, Any]) -> Ticket:
    """Set the given columns (names from UPDATABLE only) and bump updated_at."""
    assert values, "nothing to update"
    assert set(values) <= UPDATABLE, values
    names = sorted(values)
    assignments = ", ".join(
        f"{name} = ${i}::jsonb" if name == "custom_fields" else f"{name} = ${i}"
        for i, name in enumerate(names, start=2)
    )
    params = [json.dumps(values[n]) if n == "custom_fields" else values[n] for n in names]
    row = await conn.fetchrow(
        f"UPDATE tickets SET {assignments}, updated_at = now() WHERE id = $1 RETURNING {COLUMNS}",
        ticket_id,
        *params,
    )
    assert row is not None
    return from_row(row)


async def search(
    conn: Connection,
    tenant_id: TenantId,
    *,
    status: str | None,
    assignee_id: UserId | None,
    unassigned: bool,
    priority: str | None,
    tag: str | None,
    text: str | None,
    before: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Ticket]:
    """Newest-updated first, keyset-paged by (updated_at, id). `text` matches the subject
    or any comment by trigram word similarity (typos tolerated), or as a substring."""
    # 0.5 rather than pg_trgm's 0.6: one wrong letter in a 6-letter word ("invoce") scores 0.57.
    await conn.execute("SET LOCAL pg_trgm.word_similarity_threshold = 0.5")
    rows = await conn.fetch(
        f"""
        SELECT {COLUMNS} FROM tickets t
        WHERE t.tenant_id = $1
          AND ($2::text IS NULL OR t.status = $2)
          AND ($3::uuid IS NULL OR t.assignee_id = $3)
          AND (NOT $4 OR t.assignee_id IS NULL)
          AND ($5::text IS NULL OR t.priority = $5)
          AND ($6::text IS NULL OR $6 = ANY (t.tags))
          AND ($7::text IS NULL
               OR t.subject ILIKE '%' || $7 || '%' OR $7 <% t.subject
               OR EXISTS (SELECT 1 FROM ticket_comments c WHERE c.ticket_id = t.id
                          AND (c.body ILIKE '%' || $7 || '%' OR $7 <% c.body)))
          AND ($8::timestamptz IS NULL OR (t.updated_at, t.id) < ($8, $9::uuid))
        ORDER BY t.updated_at DESC, t.id DESC
        LIMIT $10
        """,
        tenant_id,
        status,
        assignee_id,
        unassigned,
        priority,
        tag,
        text,
        before[0] if before else None,
        before[1] if before else None,
        limit,
    )
    return [from_row(r) for r in rows]


async def add_comment(
    conn: Connection,
    *,
    tenant_id: TenantId,
    ticket_id: uuid.UUID,
    author_kind: str,
    author_id: str | None,
    author_name: str | None,
    body: str,
    public: bool,
) -> TicketComment:
    row = await conn.fetchrow(
        f"""
        INSERT INTO ticket_comments (tenant_id, ticket_id, author_kind, author_id, author_name,
                                     body, public)
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COMMENT_COLUMNS}
        """,
        tenant_id,
        ticket_id,
        author_kind,
        author_id,
        author_name,
        body,
        public,
    )
    assert row is not None
    return _comment(row)


async def comments(conn: Connection, ticket_id: uuid.UUID) -> list[TicketComment]:
    """Oldest first; row-level security hides internal ones from customers."""
    rows = await conn.fetch(
        f"SELECT {COMMENT_COLUMNS} FROM ticket_comments WHERE ticket_id = $1 "
        "ORDER BY created_at, id",
        ticket_id,
    )
    return [_comment(r) for r in rows]


def from_row(row: asyncpg.Record) -> Ticket:
    fields = row["custom_fields"]
    return Ticket(
        id=row["id"],
        tenant_id=TenantId(row["tenant_id"]),
        number=row["number"],
        conversation_id=ConversationId(row["conversation_id"]) if row["conversation_id"] else None,
        subject=row["subject"],
        status=row["status"],
        priority=row["priority"],
        requester_contact_id=ContactId(row["requester_contact_id"]),
        assignee_id=UserId(row["assignee_id"]) if row["assignee_id"] else None,
        tags=tuple(row["tags"]),
        custom_fields=json.loads(fields) if isinstance(fields, str) else dict(fields),
        escalation_reason=row["escalation_reason"],
        summary=row["summary"],
        first_response_due_at=row["first_response_due_at"],
        resolution_due_at=row["resolution_due_at"],
        first_responded_at=row["first_responded_at"],
        solved_at=row["solved_at"],
        breaches=tuple(row["breaches"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        requester_name=row["requester_name"],
        requester_email=row["requester_email"],
        sla_paused_at=row["sla_paused_at"],
        sla_paused_minutes=float(row["sla_paused_minutes"]),
    )


def _comment(row: asyncpg.Record) -> TicketComment:
    return TicketComment(
        id=row["id"],
        ticket_id=row["ticket_id"],
        author_kind=row["author_kind"],
        author_id=row["author_id"],
        author_name=row["author_name"],
        body=row["body"],
        public=row["public"],
        created_at=row["created_at"],
    )


async def breached(conn: Connection, now: datetime, limit: int) -> list[tuple[Ticket, str]]:
    """Open tickets past an SLA target not yet marked, with the target missed
    (`first_response` or `resolution`), earliest deadline first. A paused clock (pending,
    solved) misses nothing."""
    rows = await conn.fetch(
        f"""
        SELECT * FROM (
            SELECT {COLUMNS}, 'first_response' AS target, first_response_due_at AS due
            FROM tickets
            WHERE status NOT IN ('solved', 'closed') AND first_responded_at IS NULL
              AND sla_paused_at IS NULL
              AND first_response_due_at < $1 AND NOT 'first_response' = ANY (breaches)
            UNION ALL
            SELECT {COLUMNS}, 'resolution', resolution_due_at
            FROM tickets
            WHERE status NOT IN ('solved', 'closed') AND sla_paused_at IS NULL
              AND resolution_due_at < $1 AND NOT 'resolution' = ANY (breaches)
        ) due ORDER BY due LIMIT $2
        """,
        now,
        limit,
    )
    return [(from_row(r), r["target"]) for r in rows]


async def last_assignee(conn: Connection, tenant_id: TenantId) -> UserId | None:
    """Who the tenant's most recent assigned ticket went to (by number: taken under the
    tenant's counter lock, it orders creations whatever the clocks of the nodes said)."""
    value = await conn.fetchval(
        "SELECT assignee_id FROM tickets WHERE tenant_id = $1 AND assignee_id IS NOT NULL "
        "ORDER BY number DESC LIMIT 1",
        tenant_id,
    )
    return None if value is None else UserId(value)


async def of_requester(conn: Connection, contact_id: ContactId, limit: int) -> list[Ticket]:
    rows = await conn.fetch(
        f"SELECT {COLUMNS} FROM tickets WHERE requester_contact_id = $1 "
        "ORDER BY created_at DESC, number DESC LIMIT $2",
        contact_id,
        limit,
    )
    return [from_row(r) for r in rows]


async def by_number(conn: Connection, number: int) -> Ticket | None:
    """The context tenant's ticket with this number (row-level security picks the tenant)."""
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM tickets WHERE number = $1", number)
    return from_row(row) if row else None


async def count_by_status(conn: Connection) -> dict[str, int]:
    rows = await conn.fetch("SELECT status, count(*) AS n FROM tickets GROUP BY status")
    return {r["status"]: int(r["n"]) for r in rows}
