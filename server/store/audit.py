"""The append-only audit log (SOC 2). Entries name ids and actions, never personal data.

Each entry also records the client address of the request or WebSocket session it was
written in: not an argument of `record`, but the column's default, which reads the unit's
`app.client_address` (server/store/db.py; migration 0017), so the SQL functions that write
entries themselves record it too. Admins read their tenant's entries (`page`), newest first
by (created_at, id); row-level security keeps every other tenant's out.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import asyncpg

from server.domain.access import Principal
from server.domain.audit import AuditEntry, AuditQuery
from server.ids import TenantId
from server.store.db import Connection

# Actor and target kinds that name a contact: stored as `audit_subject_ref`, not raw ids.
PSEUDONYMOUS_KINDS = frozenset({"visitor", "contact"})


async def record(
    conn: Connection,
    *,
    tenant_id: TenantId | None,
    actor_kind: str,
    actor_id: str | None,
    action: str,
    target_kind: str | None = None,
    target_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one entry in the caller's transaction, so it commits or vanishes with the change.

    A contact (visitor) named as actor or target is stored as its pseudonym, the tenant's
    `audit_subject_ref` (migration 0018), never as its raw id: the log is immutable, and an
    erased contact must leave nothing in it that leads back to them."""
    await conn.execute(
        """
        INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, target_kind, target_id,
                               details)
        VALUES ($1, $2, CASE WHEN $8 THEN audit_subject_ref($1, $3) ELSE $3 END, $4, $5,
                CASE WHEN $9 THEN audit_subject_ref($1, $6) ELSE $6 END, $7::jsonb)
        """,
        tenant_id,
        actor_kind,
        actor_id,
        action,
        target_kind,
        target_id,
        json.dumps(details or {}),
        actor_kind in PSEUDONYMOUS_KINDS,
        target_kind in PSEUDONYMOUS_KINDS,
    )


async def record_by(
    conn: Connection,
    principal: Principal,
    action: str,
    target_kind: str,
    target_id: object,
    details: dict[str, Any] | None = None,
    *,
    tenant_id: TenantId | None = None,
) -> None:
    """`record` for what an authenticated principal did: the actor is the principal, the
    target `target_kind` `target_id`, the tenant the target's (`tenant_id`) or else the
    principal's."""
    await record(
        conn,
        tenant_id=tenant_id or principal.tenant_id,
        actor_kind=principal.kind,
        actor_id=principal.id,
        action=action,
        target_kind=target_kind,
        target_id=str(target_id),
        details=details,
    )


COLUMNS = """id, created_at, tenant_id, actor_kind, actor_id, action, target_kind, target_id,
    host(client_address) AS client_address, details"""


async def page(
    conn: Connection,
    wanted: AuditQuery,
    *,
    after: tuple[datetime, int] | None,
    limit: int,
) -> list[AuditEntry]:
    """Up to `limit` entries matching `wanted` that row-level security lets the caller read,
    newest first, those strictly older than `after` ((created_at, id) of the last one seen)."""
    clauses: list[str] = []
    args: list[Any] = []

    def arg(value: Any) -> str:
        args.append(value)
        return f"${len(args)}"

    if wanted.actor_id is not None:
        clauses.append(f"actor_id = {arg(wanted.actor_id)}")
    if wanted.action is not None and wanted.action_prefix:
        clauses.append(f"starts_with(action, {arg(wanted.action)})")
    elif wanted.action is not None:
        clauses.append(f"action = {arg(wanted.action)}")
    if wanted.target_kind is not None:
        clauses.append(f"target_kind = {arg(wanted.target_kind)}")
    if wanted.target_id is not None and wanted.target_kind in PSEUDONYMOUS_KINDS:
        # Stored as the reader's tenant's pseudonym of the contact (see `record`).
        clauses.append(f"target_id = audit_subject_ref(app_tenant_id(), {arg(wanted.target_id)})")
    elif wanted.target_id is not None:
        clauses.append(f"target_id = {arg(wanted.target_id)}")
    if wanted.since is not None:
        clauses.append(f"created_at >= {arg(wanted.since)}")
    if wanted.until is not None:
        clauses.append(f"created_at < {arg(wanted.until)}")
    if after is not None:
        clauses.append(f"(created_at, id) < ({arg(after[0])}, {arg(after[1])})")
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = await conn.fetch(
        f"SELECT {COLUMNS} FROM audit_log {where} "
        f"ORDER BY created_at DESC, id DESC LIMIT {arg(limit)}",
        *args,
    )
    return [_entry(row) for row in rows]


async def exists_in_other_tenant(conn: Connection, kind: str, object_id: str) -> bool:
    """Whether a conversation, ticket or contact with this id lives in another tenant than
    the caller's (and nothing more about it); False for an id that is no UUID."""
    try:
        ident = uuid.UUID(object_id)
    except ValueError:
        return False
    found = await conn.fetchval("SELECT app_exists_in_other_tenant($1, $2)", kind, ident)
    return bool(found)


def _entry(row: asyncpg.Record) -> AuditEntry:
    details = row["details"]
    return AuditEntry(
        id=row["id"],
        at=row["created_at"],
        tenant_id=TenantId(row["tenant_id"]) if row["tenant_id"] else None,
        actor_kind=row["actor_kind"],
        actor_id=row["actor_id"],
        action=row["action"],
        target_kind=row["target_kind"],
        target_id=row["target_id"],
        client_address=row["client_address"],
        details=json.loads(details) if isinstance(details, str) else dict(details),
    )
