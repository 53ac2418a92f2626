"""Channels (the addresses customers write to), mail threading references, attachments,
and inbound webhook tokens."""

from __future__ import annotations

import json
import uuid
from typing import Any

import asyncpg

from server.domain.models import Channel, ConfiguredChannel
from server.errors import Conflict
from server.ids import ConversationId, TenantId
from server.store.db import Connection

COLUMNS = "id, tenant_id, kind, address, created_at, provider"


async def insert(
    conn: Connection,
    *,
    tenant_id: TenantId,
    kind: str,
    address: str,
    provider: str = "smtp",
    settings: dict[str, Any] | None = None,
    channel_id: uuid.UUID | None = None,
) -> Channel:
    try:
        row = await conn.fetchrow(
            f"INSERT INTO channels (id, tenant_id, kind, address, provider, settings) "
            f"VALUES (coalesce($5, gen_random_uuid()), $1, $2, $3, $4, $6::jsonb) "
            f"RETURNING {COLUMNS}",
            tenant_id,
            kind,
            address,
            provider,
            channel_id,
            json.dumps(settings or {}),
        )
    except asyncpg.UniqueViolationError as exc:
        raise Conflict(
            f"{address} is already a {kind} channel (of this or another tenant)"
        ) from exc
    assert row is not None
    return _channel(row)


async def set_credentials(conn: Connection, channel_id: uuid.UUID, sealed: bytes) -> None:
    await conn.execute("UPDATE channels SET credentials = $2 WHERE id = $1", channel_id, sealed)


async def configured(conn: Connection, channel_id: uuid.UUID) -> ConfiguredChannel | None:
    """Pre-authentication (a provider's webhook names the channel): everything needed to
    check the call and answer through it, credentials still sealed."""
    row = await conn.fetchrow("SELECT * FROM auth_channel($1)", channel_id)
    if row is None:
        return None
    settings = row["settings"]
    return ConfiguredChannel(
        id=row["id"],
        tenant_id=TenantId(row["tenant_id"]),
        kind=row["kind"],
        provider=row["provider"],
        address=row["address"],
        settings=json.loads(settings) if isinstance(settings, str) else dict(settings),
        sealed=bytes(row["credentials"]) if row["credentials"] is not None else None,
    )


async def get(conn: Connection, channel_id: uuid.UUID) -> Channel | None:
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM channels WHERE id = $1", channel_id)
    return _channel(row) if row else None


async def with_credentials(
    conn: Connection, channel_id: uuid.UUID | None = None
) -> list[tuple[Channel, bytes | None]]:
    """The channels in sight (or the one named), oldest first, each with its sealed
    credentials (for the caller to check they still open, never to show)."""
    rows = await conn.fetch(
        f"SELECT {COLUMNS}, credentials FROM channels "
        "WHERE $1::uuid IS NULL OR id = $1 ORDER BY created_at, id",
        channel_id,
    )
    return [(_channel(r), bytes(r["credentials"]) if r["credentials"] else None) for r in rows]


async def delete(conn: Connection, channel_id: uuid.UUID) -> bool:
    """Remove a channel: its conversations stay (their channel_id becomes null) and its
    webhook URL stops answering. False when it is not in sight."""
    status = await conn.execute("DELETE FROM channels WHERE id = $1", channel_id)
    return status.split()[-1] == "1"


async def owner_of(conn: Connection, kind: str, address: str) -> tuple[uuid.UUID, TenantId] | None:
    """Pre-authentication: the channel and tenant an inbound address belongs to."""
    row = await conn.fetchrow("SELECT * FROM auth_channel_by_address($1, $2)", kind, address)
    return None if row is None else (row["id"], TenantId(row["tenant_id"]))


async def claim_token(conn: Connection, provider: str, token: str) -> bool:
    """True the first time a webhook token is seen; False on a replay."""
    return bool(await conn.fetchval("SELECT claim_webhook_token($1, $2)", provider, token))


async def remember_refs(
    conn: Connection, tenant_id: TenantId, conversation_id: ConversationId, refs: list[str]
) -> None:
    """Message-IDs that belong to a conversation, so replies to them thread into it."""
    await conn.executemany(
        "INSERT INTO mail_refs (tenant_id, ref, conversation_id) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING",
        [(tenant_id, ref[:998], conversation_id) for ref in refs if ref],
    )


async def conversation_for_refs(conn: Connection, refs: list[str]) -> ConversationId | None:
    """The conversation the newest of these Message-IDs belongs to (refs oldest first)."""
    if not refs:
        return None
    value = await conn.fetchval(
        """
        SELECT r.conversation_id FROM unnest($1::text[]) WITH ORDINALITY AS x(ref, position)
        JOIN mail_refs r ON r.ref = x.ref
        ORDER BY x.position DESC LIMIT 1
        """,
        refs,
    )
    return None if value is None else ConversationId(value)


async def last_ref(conn: Connection, conversation_id: ConversationId) -> list[str]:
    """The conversation's Message-IDs, oldest first (for In-Reply-To and References)."""
    rows = await conn.fetch(
        "SELECT ref FROM mail_refs WHERE conversation_id = $1 ORDER BY created_at, ref LIMIT 50",
        conversation_id,
    )
    return [r["ref"] for r in rows]


def _channel(row: asyncpg.Record) -> Channel:
    return Channel(
        id=row["id"],
        tenant_id=TenantId(row["tenant_id"]),
        kind=row["kind"],
        address=row["address"],
        created_at=row["created_at"],
        provider=row["provider"],
    )
