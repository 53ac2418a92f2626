"""Invitations to join a tenant: single-use, expiring, kept as the SHA-256 of their token.

Admins reach their tenant's rows (row-level security); every query also names the tenant,
because a super_admin context spans tenants. ``by_token`` is the one look-up made before
anyone is signed in.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from server.domain.accounts import Invitation, InvitationPreview
from server.domain.models import Role
from server.errors import Conflict
from server.ids import TenantId, UserId
from server.store.db import Connection

COLUMNS = """i.id, i.tenant_id, i.email, i.role, i.created_at, i.expires_at, i.invited_by,
             nullif(coalesce(nullif(u.name, ''), u.email), '') AS invited_by_name"""
FROM = "invitations i LEFT JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.invited_by"
OPEN = "i.accepted_at IS NULL AND i.revoked_at IS NULL"


async def insert(
    conn: Connection,
    *,
    tenant_id: TenantId,
    email: str,
    role: Role,
    token_hash: bytes,
    invited_by: UserId | None,
    now: datetime,
    expires_at: datetime,
) -> uuid.UUID:
    """A new open invitation; one already open for this address is a Conflict."""
    try:
        value = await conn.fetchval(
            """
            INSERT INTO invitations (tenant_id, email, role, token_hash, invited_by,
                                     created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """,
            tenant_id,
            email,
            role.value,
            token_hash,
            invited_by,
            now,
            expires_at,
        )
    except asyncpg.UniqueViolationError as exc:
        raise Conflict("this address already has an open invitation: resend it instead") from exc
    assert isinstance(value, uuid.UUID)
    return value


async def close_expired(conn: Connection, tenant_id: TenantId, email: str, now: datetime) -> None:
    """An expired open invitation for `email` gives way to a new one."""
    await conn.execute(
        "UPDATE invitations SET revoked_at = $3 WHERE tenant_id = $1 AND email = $2 "
        "AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= $3",
        tenant_id,
        email,
        now,
    )


async def get_open(
    conn: Connection, tenant_id: TenantId, invitation_id: uuid.UUID, *, lock: bool = False
) -> Invitation | None:
    row = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM {FROM} WHERE i.tenant_id = $1 AND i.id = $2 AND {OPEN}"
        + (" FOR UPDATE OF i" if lock else ""),
        tenant_id,
        invitation_id,
    )
    return _invitation(row) if row else None


async def open_ones(conn: Connection, tenant_id: TenantId) -> list[Invitation]:
    """Neither accepted nor revoked (expired ones too: `expires_at` says), newest first."""
    rows = await conn.fetch(
        f"SELECT {COLUMNS} FROM {FROM} WHERE i.tenant_id = $1 AND {OPEN} "
        "ORDER BY i.created_at DESC, i.id",
        tenant_id,
    )
    return [_invitation(r) for r in rows]


async def renew(
    conn: Connection,
    tenant_id: TenantId,
    invitation_id: uuid.UUID,
    token_hash: bytes,
    expires_at: datetime,
) -> None:
    """A new token (the old link stops working) and a new expiry."""
    await conn.execute(
        "UPDATE invitations SET token_hash = $3, expires_at = $4 WHERE tenant_id = $1 AND id = $2",
        tenant_id,
        invitation_id,
        token_hash,
        expires_at,
    )


async def revoke(
    conn: Connection, tenant_id: TenantId, invitation_id: uuid.UUID, now: datetime
) -> bool:
    done = await conn.fetchval(
        "UPDATE invitations SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 "
        "AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id",
        tenant_id,
        invitation_id,
        now,
    )
    return done is not None


async def by_token(conn: Connection, token_hash: bytes, now: datetime) -> InvitationPreview | None:
    """Pre-authentication: the open, unexpired invitation a link's token names."""
    row = await conn.fetchrow("SELECT * FROM auth_invitation_by_token($1, $2)", token_hash, now)
    if row is None:
        return None
    return InvitationPreview(
        id=row["id"],
        tenant_id=TenantId(row["tenant_id"]),
        tenant_name=row["tenant_name"],
        email=row["email"],
        role=Role(row["role"]),
        invited_by=UserId(row["invited_by"]) if row["invited_by"] else None,
        expires_at=row["expires_at"],
    )


async def claim(
    conn: Connection,
    tenant_id: TenantId,
    invitation_id: uuid.UUID,
    token_hash: bytes,
    now: datetime,
) -> bool:
    """Spend the invitation (once: a second claim, even a concurrent one, finds nothing)."""
    done = await conn.fetchval(
        """
        UPDATE invitations SET accepted_at = $4
        WHERE tenant_id = $1 AND id = $2 AND token_hash = $3 AND accepted_at IS NULL
          AND revoked_at IS NULL AND expires_at > $4
        RETURNING id
        """,
        tenant_id,
        invitation_id,
        token_hash,
        now,
    )
    return done is not None


async def accepted_by(
    conn: Connection, tenant_id: TenantId, invitation_id: uuid.UUID, user_id: UserId
) -> None:
    await conn.execute(
        "UPDATE invitations SET user_id = $3 WHERE tenant_id = $1 AND id = $2",
        tenant_id,
        invitation_id,
        user_id,
    )


def _invitation(row: asyncpg.Record) -> Invitation:
    return Invitation(
        id=row["id"],
        tenant_id=TenantId(row["tenant_id"]),
        email=row["email"],
        role=Role(row["role"]),
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        invited_by=UserId(row["invited_by"]) if row["invited_by"] else None,
        invited_by_name=row["invited_by_name"],
    )
