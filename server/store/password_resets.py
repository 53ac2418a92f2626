"""Password reset links: single-use, expiring, kept as the SHA-256 of their token.

A link is made and found before anyone is signed in (migration 0014's functions); it is
spent in the security context of the user it is for.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.domain.models import Role
from server.ids import TenantId, UserId
from server.store.db import Connection


@dataclass(frozen=True)
class ResetMail:
    """Whom a new reset link goes to."""

    user_id: UserId
    tenant_id: TenantId
    email: str
    name: str
    tenant_name: str


@dataclass(frozen=True)
class ResetLink:
    id: uuid.UUID
    user_id: UserId
    tenant_id: TenantId
    role: Role
    email: str


async def request(
    conn: Connection,
    *,
    email: str,
    token_hash: bytes,
    now: datetime,
    expires_at: datetime,
    min_interval_s: int,
    details: dict[str, Any],
) -> ResetMail | None:
    """A link for the active user with this address (audited either way); None when there
    is nobody, or a link was made for them within `min_interval_s`."""
    row = await conn.fetchrow(
        "SELECT * FROM auth_password_reset_request($1, $2, $3, $4, $5, $6::jsonb)",
        email,
        token_hash,
        now,
        expires_at,
        min_interval_s,
        json.dumps(details),
    )
    if row is None:
        return None
    return ResetMail(
        UserId(row["user_id"]),
        TenantId(row["tenant_id"]),
        row["email"],
        row["name"],
        row["tenant_name"],
    )


async def by_token(conn: Connection, token_hash: bytes, now: datetime) -> ResetLink | None:
    """Pre-authentication: the unused, unexpired link of an active user."""
    row = await conn.fetchrow("SELECT * FROM auth_password_reset_by_token($1, $2)", token_hash, now)
    if row is None:
        return None
    return ResetLink(
        row["id"],
        UserId(row["user_id"]),
        TenantId(row["tenant_id"]),
        Role(row["role"]),
        row["email"],
    )


async def spend(conn: Connection, link_id: uuid.UUID, now: datetime) -> bool:
    """Use the link (the user's own context); False when it was used or expired meanwhile."""
    done = await conn.fetchval(
        "UPDATE password_resets SET used_at = $2 "
        "WHERE id = $1 AND used_at IS NULL AND expires_at > $2 RETURNING id",
        link_id,
        now,
    )
    return done is not None


async def spend_all(conn: Connection, user_id: UserId, now: datetime) -> None:
    """Every open link of the user stops working (its password just changed)."""
    await conn.execute(
        "UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL",
        user_id,
        now,
    )
