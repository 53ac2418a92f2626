"""The privacy-request register (migration 0018) and the reconciliation scan: every text,
jsonb, uuid, inet and text-array column of every table the caller may read, searched for
what identifies a contact."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import asyncpg

from server.domain.privacy import Finding, Needles, PrivacyRequest
from server.ids import ContactId, TenantId
from server.store.db import Connection

COLUMNS = """r.id, r.kind, r.contact_id, r.subject_ref, r.requested_by, r.requested_at,
    r.due_at, r.status, r.completed_at, r.summary,
    (SELECT u.name FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.requested_by)
        AS requester_name"""


async def subject_ref(conn: Connection, tenant_id: TenantId, contact_id: ContactId) -> str:
    """The contact's pseudonym in the audit log and the register (one SQL function)."""
    value = await conn.fetchval("SELECT audit_subject_ref($1, $2)", tenant_id, str(contact_id))
    assert value is not None, "audit_subject_ref: tenant not found"
    return str(value)


async def open_request(
    conn: Connection,
    *,
    tenant_id: TenantId,
    kind: str,
    contact_id: ContactId,
    requested_by: uuid.UUID | None,
    now: datetime,
) -> PrivacyRequest:
    """Record a request as received; due a calendar month later."""
    row = await conn.fetchrow(
        f"""
        WITH made AS (
            INSERT INTO privacy_requests AS r (tenant_id, kind, contact_id, subject_ref, actor,
                                               requested_by, requested_at, due_at)
            VALUES ($1, $2, $3::uuid, audit_subject_ref($1, $3::uuid::text), $4, $5,
                    $6::timestamptz, $6::timestamptz + interval '1 month')
            RETURNING *
        )
        SELECT {COLUMNS} FROM made r
        """,
        tenant_id,
        kind,
        contact_id,
        "user" if requested_by is not None else "cli",
        requested_by,
        now,
    )
    assert row is not None
    return _request(row)


async def finish_request(
    conn: Connection, request_id: uuid.UUID, *, status: str, now: datetime, summary: dict[str, Any]
) -> None:
    """Mark a request completed or failed, with its counts (never personal data)."""
    await conn.execute(
        "UPDATE privacy_requests SET status = $2, completed_at = $3, summary = $4::jsonb "
        "WHERE id = $1",
        request_id,
        status,
        now,
        json.dumps(summary),
    )


async def forget_contact(conn: Connection, contact_id: ContactId) -> int:
    """Clear the contact from every request naming it (their subject_ref stays)."""
    status = await conn.execute(
        "UPDATE privacy_requests SET contact_id = NULL WHERE contact_id = $1", contact_id
    )
    return int(status.split()[-1])


async def page(
    conn: Connection, *, after: tuple[datetime, uuid.UUID] | None, limit: int
) -> list[PrivacyRequest]:
    """The context tenant's requests, newest first, strictly after the cursor's."""
    rows = await conn.fetch(
        f"""
        SELECT {COLUMNS} FROM privacy_requests r
        WHERE $1::timestamptz IS NULL OR (r.requested_at, r.id) < ($1, $2)
        ORDER BY r.requested_at DESC, r.id DESC LIMIT $3
        """,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )
    return [_request(r) for r in rows]


async def was_erased(conn: Connection, tenant_id: TenantId, contact_id: ContactId) -> bool:
    """Whether this contact id was erased (a completed erasure with its pseudonym): any
    context may ask, the answer is one boolean."""
    return bool(await conn.fetchval("SELECT contact_was_erased($1, $2)", tenant_id, contact_id))


def _request(row: asyncpg.Record) -> PrivacyRequest:
    summary = row["summary"]
    return PrivacyRequest(
        id=row["id"],
        kind=row["kind"],
        contact_id=row["contact_id"],
        subject_ref=row["subject_ref"],
        requested_by=row["requested_by"],
        requester_name=row["requester_name"],
        requested_at=row["requested_at"],
        due_at=row["due_at"],
        status=row["status"],
        completed_at=row["completed_at"],
        summary=json.loads(summary) if isinstance(summary, str) else dict(summary),
    )


# -- the reconciliation scan -------------------------------------------------------------

SEARCHABLE_COLUMNS = """
SELECT c.table_name, c.column_name,
       EXISTS (SELECT 1 FROM information_schema.columns t
               WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name
                 AND t.column_name = 'tenant_id') AS tenanted
FROM information_schema.columns c
JOIN information_schema.tables tb
  ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE'
  AND (c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'uuid',
                       'inet')
       OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
  AND has_table_privilege(current_user,
                          format('%I.%I', c.table_schema, c.table_name), 'SELECT')
ORDER BY c.table_name, c.ordinal_position
"""


async def scan(conn: Connection, tenant_id: TenantId, needles: Needles) -> list[Finding]:
    """Rows per (table, column) whose value holds one of `needles`: case-insensitive,
    as text (jsonb and arrays cast), within `tenant_id` where a table has a tenant. Only
    what row-level security lets the caller read: run it in the tenant's admin context."""
    likes, words = needles.like_patterns(), needles.word_patterns()
    tables: dict[str, tuple[bool, list[str]]] = {}
    for row in await conn.fetch(SEARCHABLE_COLUMNS):
        tenanted, names = tables.setdefault(row["table_name"], (row["tenanted"], []))
        names.append(row["column_name"])
    found: list[Finding] = []
    for table, (tenanted, names) in tables.items():
        counts = ", ".join(
            f"count(*) FILTER (WHERE lower({_ident(n)}::text) LIKE ANY ($1::text[]) "
            f"OR lower({_ident(n)}::text) ~ ANY ($2::text[])) AS {_ident(n)}"
            for n in names
        )
        where = "WHERE tenant_id = $3" if tenanted else "WHERE $3::uuid IS NOT NULL"
        totals = await conn.fetchrow(
            f"SELECT {counts} FROM {_ident(table)} {where}", likes, words, tenant_id
        )
        assert totals is not None
        found += [Finding(table, n, int(totals[n])) for n in names if totals[n]]
    return found


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
