"""Support-access grants (migration 0016). Writes go through its SECURITY DEFINER functions,
which check the caller and audit in the opened tenant's log in the same statement; reads
are plain queries under the table's row-level security (the operator, the tenant's admins,
the super_admin its own)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import asyncpg

from server.domain.support_access import SupportGrant
from server.ids import TenantId, UserId
from server.store.db import Connection

COLUMNS = (
    "id, tenant_id, user_id, user_email, user_name, reason, created_at, expires_at, revoked_at"
)
MAX_LISTED = 200


async def grant(
    conn: Connection,
    *,
    user_id: UserId,
    tenant_id: TenantId,
    reason: str,
    now: datetime,
    expires_at: datetime,
) -> SupportGrant:
    """Open `tenant_id` to the super_admin `user_id` (itself, or any for the operator)."""
    row = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM support_access_grant($1, $2, $3, $4, $5)",
        user_id,
        tenant_id,
        reason,
        now,
        expires_at,
    )
    assert row is not None
    return _grant(row)


async def revoke(conn: Connection, grant_id: uuid.UUID, now: datetime) -> SupportGrant:
    """End a grant now (NotFound when the caller may not see it); one already over stays."""
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM support_access_revoke($1, $2)", grant_id, now)
    assert row is not None
    return _grant(row)


async def use(
    conn: Connection, tenant_id: TenantId, now: datetime, *, write: bool, details: dict[str, Any]
) -> uuid.UUID | None:
    """The caller's active grant on `tenant_id`, its use audited (each write, the first
    read of an hour); None without one."""
    row = await conn.fetchrow(
        "SELECT id FROM support_access_use($1, $2, $3, $4::jsonb)",
        tenant_id,
        now,
        write,
        json.dumps(details),
    )
    return uuid.UUID(str(row["id"])) if row else None


async def of_tenant(conn: Connection, tenant_id: TenantId) -> list[SupportGrant]:
    """The grants on a tenant, newest first (its admins')."""
    rows = await conn.fetch(
        f"SELECT {COLUMNS} FROM support_grants WHERE tenant_id = $1 "
        "ORDER BY created_at DESC, id LIMIT $2",
        tenant_id,
        MAX_LISTED,
    )
    return [_grant(r) for r in rows]


async def of_user(conn: Connection, user_id: UserId) -> list[SupportGrant]:
    """The grants a super_admin holds or held, on every tenant, newest first."""
    rows = await conn.fetch(
        f"SELECT {COLUMNS} FROM support_grants WHERE user_id = $1 "
        "ORDER BY created_at DESC, id LIMIT $2",
        user_id,
        MAX_LISTED,
    )
    return [_grant(r) for r in rows]


async def super_admins(conn: Connection, email: str | None) -> list[tuple[UserId, str]]:
    """Active super_admins (id, e-mail), or the one with `email`: whom the CLI grants to."""
    rows = await conn.fetch(
        "SELECT id, email FROM users WHERE role = 'super_admin' AND disabled_at IS NULL "
        "AND ($1::text IS NULL OR email = lower($1)) ORDER BY email LIMIT 20",
        email,
    )
    return [(UserId(r["id"]), r["email"]) for r in rows]


def _grant(row: asyncpg.Record) -> SupportGrant:
    return SupportGrant(
        id=row["id"],
        tenant_id=TenantId(row["tenant_id"]),
        user_id=UserId(row["user_id"]),
        user_email=row["user_email"],
        user_name=row["user_name"],
        reason=row["reason"],
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        revoked_at=row["revoked_at"],
    )
