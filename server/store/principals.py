"""Users and API keys: the staff and bot identities, and their pre-auth look-ups."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from server.domain.accounts import ApiKey, StaffMember
from server.domain.models import ApiKeyRecord, LoginRecord, Role, User
from server.errors import Conflict
from server.ids import ApiKeyId, TenantId, UserId
from server.store.db import Connection

USER_COLUMNS = "id, tenant_id, email, name, role, created_at"
MEMBER_COLUMNS = f"{USER_COLUMNS}, disabled_at, last_sign_in_at"
API_KEY_COLUMNS = "id, tenant_id, name, created_at, last_used_at, revoked_at"


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


async def staff_members(
    conn: Connection, tenant_id: TenantId, limit: int, *, include_inactive: bool = False
) -> list[StaffMember]:
    """The tenant's staff by name: enabled ones, and deactivated ones when asked."""
    rows = await conn.fetch(
        f"SELECT {MEMBER_COLUMNS} FROM users WHERE tenant_id = $1 "
        "AND ($3 OR disabled_at IS NULL) "
        "ORDER BY lower(coalesce(nullif(name, ''), email)), id LIMIT $2",
        tenant_id,
        limit,
        include_inactive,
    )
    return [_member(r) for r in rows]


async def get_member(conn: Connection, tenant_id: TenantId, user_id: UserId) -> StaffMember | None:
    """One user of the tenant, deactivated or not."""
    row = await conn.fetchrow(
        f"SELECT {MEMBER_COLUMNS} FROM users WHERE tenant_id = $1 AND id = $2",
        tenant_id,
        user_id,
    )
    return _member(row) if row else None


async def member_by_email(conn: Connection, tenant_id: TenantId, email: str) -> StaffMember | None:
    row = await conn.fetchrow(
        f"SELECT {MEMBER_COLUMNS} FROM users WHERE tenant_id = $1 AND email = lower($2)",
        tenant_id,
        email,
    )
    return _member(row) if row else None


async def lock_active_admins(conn: Connection, tenant_id: TenantId) -> list[UserId]:
    """The tenant's enabled admins, locked until the transaction ends, so two admins
    demoting each other at once cannot both succeed and leave the tenant without one."""
    rows = await conn.fetch(
        "SELECT id FROM users WHERE tenant_id = $1 AND role = 'admin' AND disabled_at IS NULL "
        "ORDER BY id FOR UPDATE",
        tenant_id,
    )
    return [UserId(r["id"]) for r in rows]


async def update_user(
    conn: Connection,
    tenant_id: TenantId,
    user_id: UserId,
    *,
    role: Role | None = None,
    name: str | None = None,
) -> StaffMember | None:
    row = await conn.fetchrow(
        f"""
        UPDATE users SET role = coalesce($3, role), name = coalesce($4, name)
        WHERE tenant_id = $1 AND id = $2 RETURNING {MEMBER_COLUMNS}
        """,
        tenant_id,
        user_id,
        role.value if role else None,
        name,
    )
    return _member(row) if row else None


async def disable_user(
    conn: Connection, tenant_id: TenantId, user_id: UserId, now: datetime
) -> bool:
    done = await conn.fetchval(
        "UPDATE users SET disabled_at = $3 WHERE tenant_id = $1 AND id = $2 "
        "AND disabled_at IS NULL RETURNING id",
        tenant_id,
        user_id,
        now,
    )
    return done is not None


async def password_hash(conn: Connection, user_id: UserId) -> str | None:
    value = await conn.fetchval(
        "SELECT password_hash FROM users WHERE id = $1 AND disabled_at IS NULL", user_id
    )
    return str(value) if value is not None else None


async def set_own_password(conn: Connection, password_hash: str) -> bool:
    """The context's own user gets a new password hash (users are otherwise admins' to
    write); False when that user is gone or disabled."""
    return bool(await conn.fetchval("SELECT auth_set_own_password($1)", password_hash))


async def email_taken(conn: Connection, email: str) -> bool:
    """Pre-authentication: whether any user on the platform has this address (logins name
    no tenant, so an address is one account everywhere)."""
    found = await conn.fetchval("SELECT count(*) FROM auth_user_by_email($1)", email)
    return int(found) > 0


async def api_keys(conn: Connection, tenant_id: TenantId) -> list[ApiKey]:
    """The tenant's API keys, revoked ones too, newest first."""
    rows = await conn.fetch(
        f"SELECT {API_KEY_COLUMNS} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at DESC, id",
        tenant_id,
    )
    return [_api_key(r) for r in rows]


async def get_api_key(conn: Connection, tenant_id: TenantId, key_id: ApiKeyId) -> ApiKey | None:
    row = await conn.fetchrow(
        f"SELECT {API_KEY_COLUMNS} FROM api_keys WHERE tenant_id = $1 AND id = $2",
        tenant_id,
        key_id,
    )
    return _api_key(row) if row else None


async def revoke_api_keys(
    conn: Connection,
    tenant_id: TenantId,
    now: datetime,
    *,
    key_id: ApiKeyId | None = None,
    name: str | None = None,
) -> list[str]:
    """Revoke the tenant's live key with this id, or every live key with this name; the ids
    revoked now."""
    rows = await conn.fetch(
        "UPDATE api_keys SET revoked_at = $2 WHERE tenant_id = $1 AND revoked_at IS NULL "
        "AND ($3::uuid IS NULL OR id = $3) AND ($4::text IS NULL OR name = $4) RETURNING id",
        tenant_id,
        now,
        key_id,
        name,
    )
    return [str(r["id"]) for r in rows]


async def api_key_used(conn: Connection, key_id: ApiKeyId, now: datetime) -> None:
    """Pre-authentication: record a key's use (the database keeps it to once a minute)."""
    await conn.execute("SELECT auth_api_key_used($1, $2)", key_id, now)


def _user(row: asyncpg.Record) -> User:
    return User(
        id=UserId(row["id"]),
        tenant_id=TenantId(row["tenant_id"]),
        email=row["email"],
        name=row["name"],
        role=Role(row["role"]),
        created_at=row["created_at"],
    )


def _member(row: asyncpg.Record) -> StaffMember:
    return StaffMember(
        user=_user(row),
        active=row["disabled_at"] is None,
        last_sign_in_at=row["last_sign_in_at"],
    )


def _api_key(row: asyncpg.Record) -> ApiKey:
    return ApiKey(
        id=ApiKeyId(row["id"]),
        tenant_id=TenantId(row["tenant_id"]),
        name=row["name"],
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
        revoked_at=row["revoked_at"],
    )
