"""Users and API keys: the staff and bot identities, and their pre-auth look-ups."""

from __future__ import annotations

import asyncpg

from server.domain.models import ApiKeyRecord, LoginRecord, Role, User
from server.errors import Conflict
from server.ids import ApiKeyId, TenantId, UserId
from server.store.db import Connection

USER_COLUMNS = "id, tenant_id, email, name, role, created_at"


async def insert_user(
    conn: Connection,
    *,
    tenant_id: TenantId,
    email: str,
    name: str,
    password_hash: str,
    role: Role,
) -> User:
    """Create a user; an e-mail address already registered anywhere is a Conflict."""
    try:
        row = await conn.fetchrow(
            f"""
            INSERT INTO users (tenant_id, email, name, password_hash, role)
            VALUES ($1, $2, $3, $4, $5) RETURNING {USER_COLUMNS}
            """,
            tenant_id,
            email,
            name,
            password_hash,
            role.value,
        )
    except asyncpg.UniqueViolationError as exc:
        raise Conflict("a user with this e-mail address already exists") from exc
    assert row is not None
    return _user(row)


async def get_user(conn: Connection, user_id: UserId) -> User | None:
    row = await conn.fetchrow(
        f"SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND disabled_at IS NULL", user_id
    )
    return _user(row) if row else None


async def login_record(conn: Connection, email: str) -> LoginRecord | None:
    """Pre-authentication: what verifying a password for `email` needs."""
    row = await conn.fetchrow("SELECT * FROM auth_user_by_email($1)", email)
    if row is None:
        return None
    return LoginRecord(
        user_id=UserId(row["id"]),
        tenant_id=TenantId(row["tenant_id"]),
        password_hash=row["password_hash"],
        role=Role(row["role"]),
        name=row["name"],
        disabled=row["disabled"],
    )


async def insert_api_key(
    conn: Connection,
    *,
    key_id: ApiKeyId,
    tenant_id: TenantId,
    name: str,
    secret_hash: bytes,
) -> None:
    await conn.execute(
        "INSERT INTO api_keys (id, tenant_id, name, secret_hash) VALUES ($1, $2, $3, $4)",
        key_id,
        tenant_id,
        name,
        secret_hash,
    )


async def api_key_record(conn: Connection, key_id: ApiKeyId) -> ApiKeyRecord | None:
    """Pre-authentication: the stored hash and tenant of an API key."""
    row = await conn.fetchrow("SELECT * FROM auth_api_key($1)", key_id)
    if row is None:
        return None
    return ApiKeyRecord(
        id=key_id,
        tenant_id=TenantId(row["tenant_id"]),
        name=row["name"],
        secret_hash=bytes(row["secret_hash"]),
        revoked=row["revoked"],
    )


async def active_users(conn: Connection, limit: int) -> list[User]:
    """The context's tenant's enabled staff, by name (row-level security picks the tenant)."""
    rows = await conn.fetch(
        f"SELECT {USER_COLUMNS} FROM users WHERE disabled_at IS NULL "
        "ORDER BY lower(coalesce(nullif(name, ''), email)), id LIMIT $1",
        limit,
    )
    return [_user(r) for r in rows]


def _user(row: asyncpg.Record) -> User:
    return User(
        id=UserId(row["id"]),
        tenant_id=TenantId(row["tenant_id"]),
        email=row["email"],
        name=row["name"],
        role=Role(row["role"]),
        created_at=row["created_at"],
    )
