"""Staff sign-in sessions (``user_sessions``): made at sign-in, checked on every request.

Row-level security lets a user reach its own sessions and an admin those of its tenant's
users; every query still names the tenant, because a super_admin context spans tenants.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from server.domain.accounts import UserSession
from server.domain.models import Role, User
from server.ids import ApiKeyId, TenantId, UserId
from server.store.db import Connection

COLUMNS = "id, tenant_id, user_id, created_at, last_seen_at, user_agent, address"


async def insert(
    conn: Connection,
    *,
    tenant_id: TenantId,
    user_id: UserId,
    now: datetime,
    expires_at: datetime,
    user_agent: str,
    address: str | None,
) -> uuid.UUID:
    value = await conn.fetchval(
        """
        INSERT INTO user_sessions (tenant_id, user_id, created_at, last_seen_at, expires_at,
                                   user_agent, address)
        VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING id
        """,
        tenant_id,
        user_id,
        now,
        expires_at,
        user_agent,
        address,
    )
    assert isinstance(value, uuid.UUID)
    return value


async def session_user(
    conn: Connection, session_id: uuid.UUID, user_id: UserId
) -> tuple[User, datetime] | None:
    """The enabled user of a live (unrevoked) session and when the session was last seen:
    the one indexed look-up an authenticated request makes."""
    row = await conn.fetchrow(
        """
        SELECT u.id, u.tenant_id, u.email, u.name, u.role, u.created_at, s.last_seen_at
        FROM user_sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND u.disabled_at IS NULL
        """,
        session_id,
        user_id,
    )
    if row is None:
        return None
    user = User(
        id=UserId(row["id"]),
        tenant_id=TenantId(row["tenant_id"]),
        email=row["email"],
        name=row["name"],
        role=Role(row["role"]),
        created_at=row["created_at"],
    )
    return user, row["last_seen_at"]


async def touch(conn: Connection, session_id: uuid.UUID, now: datetime) -> None:
    await conn.execute(
        "UPDATE user_sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2",
        session_id,
        now,
    )


async def live(
    conn: Connection, tenant_id: TenantId, user_id: UserId, now: datetime
) -> list[UserSession]:
    """A user's sessions that are neither revoked nor expired, most recently seen first."""
    rows = await conn.fetch(
        f"""
        SELECT {COLUMNS} FROM user_sessions
        WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3
        ORDER BY last_seen_at DESC, id
        """,
        tenant_id,
        user_id,
        now,
    )
    return [_session(r) for r in rows]


async def get_live(
    conn: Connection, tenant_id: TenantId, session_id: uuid.UUID, now: datetime
) -> UserSession | None:
    row = await conn.fetchrow(
        f"""
        SELECT {COLUMNS} FROM user_sessions
        WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL AND expires_at > $3
        """,
        tenant_id,
        session_id,
        now,
    )
    return _session(row) if row else None


async def revoke(
    conn: Connection, tenant_id: TenantId, session_id: uuid.UUID, now: datetime
) -> bool:
    done = await conn.fetchval(
        "UPDATE user_sessions SET revoked_at = $3 "
        "WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id",
        tenant_id,
        session_id,
        now,
    )
    return done is not None


async def revoke_all(
    conn: Connection,
    tenant_id: TenantId,
    user_id: UserId,
    now: datetime,
    *,
    keep: uuid.UUID | None = None,
) -> list[str]:
    """Revoke a user's live sessions (but `keep`); the ids of those revoked now."""
    rows = await conn.fetch(
        """
        UPDATE user_sessions SET revoked_at = $3
        WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3
          AND id IS DISTINCT FROM $4
        RETURNING id
        """,
        tenant_id,
        user_id,
        now,
        keep,
    )
    return [str(r["id"]) for r in rows]


async def revoked_among(
    conn: Connection, sessions: list[uuid.UUID], api_keys: list[ApiKeyId]
) -> tuple[set[str], set[str]]:
    """Pre-authentication (any tenant): of these sessions and API keys, the ones no longer
    valid, as (session ids, API key ids)."""
    rows = await conn.fetch(
        "SELECT kind, id FROM auth_revoked_credentials($1::uuid[], $2::uuid[])",
        sessions,
        api_keys,
    )
    ended = {str(r["id"]) for r in rows if r["kind"] == "session"}
    keys = {str(r["id"]) for r in rows if r["kind"] == "api_key"}
    return ended, keys


def _session(row: asyncpg.Record) -> UserSession:
    return UserSession(
        id=row["id"],
        tenant_id=TenantId(row["tenant_id"]),
        user_id=UserId(row["user_id"]),
        created_at=row["created_at"],
        last_seen_at=row["last_seen_at"],
        user_agent=row["user_agent"],
        address=row["address"],
    )
