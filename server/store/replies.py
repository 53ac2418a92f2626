"""Canned replies and macros (migration 0022). Row-level security decides what a context
sees and may change: the shared rows and its own personal ones; a row it may not touch
reads as missing, so every write here reports whether it found its row."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import asyncpg

from server.domain.replies import CannedReply, Macro
from server.ids import TenantId
from server.store.db import Connection

REPLY_COLUMNS = "id, owner_id, code, title, body, created_at, updated_at"
MACRO_COLUMNS = "id, owner_id, name, actions, created_at, updated_at"


async def list_replies(conn: Connection) -> list[CannedReply]:
    """Every reply the context may read: shared first, then personal, by code."""
    rows = await conn.fetch(
        f"SELECT {REPLY_COLUMNS} FROM canned_replies "
        "ORDER BY owner_id IS NOT NULL, code, created_at"
    )
    return [_reply(r) for r in rows]


async def get_reply(conn: Connection, reply_id: uuid.UUID) -> CannedReply | None:
    row = await conn.fetchrow(f"SELECT {REPLY_COLUMNS} FROM canned_replies WHERE id = $1", reply_id)
    return _reply(row) if row else None


async def insert_reply(
    conn: Connection,
    *,
    tenant_id: TenantId,
    owner_id: uuid.UUID | None,
    code: str,
    title: str,
    body: str,
    now: datetime,
) -> CannedReply:
    row = await conn.fetchrow(
        f"""
        INSERT INTO canned_replies (tenant_id, owner_id, code, title, body, created_at,
                                    updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING {REPLY_COLUMNS}
        """,
        tenant_id,
        owner_id,
        code,
        title,
        body,
        now,
    )
    assert row is not None
    return _reply(row)


async def update_reply(
    conn: Connection, reply_id: uuid.UUID, *, code: str, title: str, body: str, now: datetime
) -> CannedReply | None:
    """None: no such reply that this context may change."""
    row = await conn.fetchrow(
        f"""
        UPDATE canned_replies SET code = $2, title = $3, body = $4, updated_at = $5
        WHERE id = $1 RETURNING {REPLY_COLUMNS}
        """,
        reply_id,
        code,
        title,
        body,
        now,
    )
    return _reply(row) if row else None


async def delete_reply(conn: Connection, reply_id: uuid.UUID) -> bool:
    status = await conn.execute("DELETE FROM canned_replies WHERE id = $1", reply_id)
    return status.endswith(" 1")


async def list_macros(conn: Connection) -> list[Macro]:
    rows = await conn.fetch(
        f"SELECT {MACRO_COLUMNS} FROM macros ORDER BY owner_id IS NOT NULL, name, created_at"
    )
    return [_macro(r) for r in rows]


async def get_macro(conn: Connection, macro_id: uuid.UUID) -> Macro | None:
    row = await conn.fetchrow(f"SELECT {MACRO_COLUMNS} FROM macros WHERE id = $1", macro_id)
    return _macro(row) if row else None


async def insert_macro(
    conn: Connection,
    *,
    tenant_id: TenantId,
    owner_id: uuid.UUID | None,
    name: str,
    actions: list[dict[str, Any]],
    now: datetime,
) -> Macro:
    row = await conn.fetchrow(
        f"""
        INSERT INTO macros (tenant_id, owner_id, name, actions, created_at, updated_at)
        VALUES ($1, $2, $3, $4::jsonb, $5, $5) RETURNING {MACRO_COLUMNS}
        """,
        tenant_id,
        owner_id,
        name,
        json.dumps(actions),
        now,
    )
    assert row is not None
    return _macro(row)


async def update_macro(
    conn: Connection,
    macro_id: uuid.UUID,
    *,
    name: str,
    actions: list[dict[str, Any]],
    now: datetime,
) -> Macro | None:
    row = await conn.fetchrow(
        f"""
        UPDATE macros SET name = $2, actions = $3::jsonb, updated_at = $4
        WHERE id = $1 RETURNING {MACRO_COLUMNS}
        """,
        macro_id,
        name,
        json.dumps(actions),
        now,
    )
    return _macro(row) if row else None


async def delete_macro(conn: Connection, macro_id: uuid.UUID) -> bool:
    status = await conn.execute("DELETE FROM macros WHERE id = $1", macro_id)
    return status.endswith(" 1")


def _reply(row: asyncpg.Record) -> CannedReply:
    return CannedReply(
        id=row["id"],
        owner_id=row["owner_id"],
        code=row["code"],
        title=row["title"],
        body=row["body"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _macro(row: asyncpg.Record) -> Macro:
    actions = row["actions"]
    return Macro(
        id=row["id"],
        owner_id=row["owner_id"],
        name=row["name"],
        actions=json.loads(actions) if isinstance(actions, str) else list(actions),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
