"""Tenants: creation by the operator, look-ups by id, name and widget key."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import asyncpg

from server.domain.models import Tenant
from server.errors import Conflict
from server.ids import TenantId
from server.store.db import Connection

COLUMNS = (
    "id, name, settings, allowed_origins, widget_key, identity_secret, created_at, "
    "previous_identity_secret, previous_identity_valid_until"
)


async def insert(
    conn: Connection,
    *,
    name: str,
    allowed_origins: list[str],
    widget_key: str,
    identity_secret: str,
) -> Tenant:
    """Create a tenant; a name already taken (any letter case) is a Conflict."""
    try:
        row = await conn.fetchrow(
            f"""
            INSERT INTO tenants (name, allowed_origins, widget_key, identity_secret)
            VALUES ($1, $2, $3, $4) RETURNING {COLUMNS}
            """,
            name,
            allowed_origins,
            widget_key,
            identity_secret,
        )
    except asyncpg.UniqueViolationError as exc:
        raise Conflict(f"a tenant named {name!r} already exists") from exc
    assert row is not None
    return _tenant(row)


async def any_exist(conn: Connection) -> bool:
    """Whether any tenant exists (the operator's context sees them all)."""
    return bool(await conn.fetchval("SELECT EXISTS (SELECT 1 FROM tenants)"))


async def lock_first_run(conn: Connection) -> None:
    """Serialises first-run setups until the transaction ends (two browsers, two nodes)."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext('flowsupport.first_run'))")


async def get(conn: Connection, tenant_id: TenantId) -> Tenant | None:
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM tenants WHERE id = $1", tenant_id)
    return _tenant(row) if row else None


async def find(conn: Connection, id_or_name: str) -> Tenant | None:
    """By id, or else by name (case-insensitive): what the CLI's --tenant accepts."""
    try:
        as_id: uuid.UUID | None = uuid.UUID(id_or_name)
    except ValueError:
        as_id = None
    row = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM tenants WHERE id = $1 OR lower(name) = lower($2)",
        as_id,
        id_or_name,
    )
    return _tenant(row) if row else None


async def id_by_widget_key(
    conn: Connection, widget_key: str
) -> tuple[TenantId, tuple[str, ...]] | None:
    """Pre-authentication: the tenant and its allowed origins for a public widget key."""
    row = await conn.fetchrow("SELECT * FROM auth_tenant_by_widget_key($1)", widget_key)
    if row is None:
        return None
    return TenantId(row["id"]), tuple(row["allowed_origins"])


def _tenant(row: asyncpg.Record) -> Tenant:
    settings: dict[str, Any] = json.loads(row["settings"])
    return Tenant(
        id=TenantId(row["id"]),
        name=row["name"],
        settings=settings,
        allowed_origins=tuple(row["allowed_origins"]),
        widget_key=row["widget_key"],
        identity_secret=row["identity_secret"],
        created_at=row["created_at"],
        previous_identity_secret=row["previous_identity_secret"],
        previous_identity_valid_until=row["previous_identity_valid_until"],
    )


async def rotate_identity_secret(
    conn: Connection, tenant_id: TenantId, secret: str, previous_valid_until: datetime
) -> bool:
    """Make `secret` the identity secret, keeping the one it replaces until
    `previous_valid_until` (one statement: the row lock orders concurrent rotations);
    False: no such tenant in sight."""
    status = await conn.execute(
        """
        UPDATE tenants SET previous_identity_secret = identity_secret,
               previous_identity_valid_until = $3, identity_secret = $2
        WHERE id = $1
        """,
        tenant_id,
        secret,
        previous_valid_until,
    )
    return status.split()[-1] == "1"


async def merge_settings(conn: Connection, tenant_id: TenantId, values: dict[str, Any]) -> None:
    """Set top-level settings keys, keeping the others."""
    await conn.execute(
        "UPDATE tenants SET settings = settings || $2::jsonb WHERE id = $1",
        tenant_id,
        json.dumps(values),
    )


async def set_allowed_origins(conn: Connection, tenant_id: TenantId, origins: list[str]) -> None:
    await conn.execute("UPDATE tenants SET allowed_origins = $2 WHERE id = $1", tenant_id, origins)
