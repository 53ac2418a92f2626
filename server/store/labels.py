"""A tenant's managed labels, and the rewriting of their tag on its conversations."""

from __future__ import annotations

import uuid

import asyncpg

from server.domain.labels import Label
from server.errors import Conflict
from server.ids import TenantId
from server.store.db import Connection

COLUMNS = "id, tenant_id, name, colour, description, created_at, updated_at"


def _label(row: asyncpg.Record) -> Label:
    return Label(
        id=row["id"],
        tenant_id=TenantId(row["tenant_id"]),
        name=row["name"],
        colour=row["colour"],
        description=row["description"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


async def listing(conn: Connection) -> list[Label]:
    """The visible labels (RLS: the caller's tenant), by name."""
    rows = await conn.fetch(f"SELECT {COLUMNS} FROM labels ORDER BY lower(name), name")
    return [_label(r) for r in rows]


async def count(conn: Connection) -> int:
    """How many labels the caller's tenant has (the per-tenant cap)."""
    return int(await conn.fetchval("SELECT count(*) FROM labels"))


async def get(conn: Connection, label_id: uuid.UUID, *, lock: bool = False) -> Label | None:
    """One label if visible; `lock` holds it for this transaction (a rename and a delete
    of one label run one at a time)."""
    suffix = " FOR UPDATE" if lock else ""
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM labels WHERE id = $1{suffix}", label_id)
    return _label(row) if row else None


async def insert(
    conn: Connection, *, tenant_id: TenantId, name: str, colour: str, description: str
) -> Label:
    """A new label; Conflict when the tenant already has one of that name."""
    try:
        row = await conn.fetchrow(
            f"INSERT INTO labels (tenant_id, name, colour, description) "
            f"VALUES ($1, $2, $3, $4) RETURNING {COLUMNS}",
            tenant_id,
            name,
            colour,
            description,
        )
    except asyncpg.UniqueViolationError as exc:
        raise Conflict(f"a label named {name!r} exists already") from exc
    assert row is not None
    return _label(row)


async def update(
    conn: Connection, label_id: uuid.UUID, *, name: str, colour: str, description: str
) -> Label:
    """Set a label's fields; Conflict when the new name is another label's."""
    try:
        row = await conn.fetchrow(
            f"UPDATE labels SET name = $2, colour = $3, description = $4, updated_at = now() "
            f"WHERE id = $1 RETURNING {COLUMNS}",
            label_id,
            name,
            colour,
            description,
        )
    except asyncpg.UniqueViolationError as exc:
        raise Conflict(f"a label named {name!r} exists already") from exc
    assert row is not None
    return _label(row)


async def delete(conn: Connection, label_id: uuid.UUID) -> None:
    """Remove the label row (its tag is the caller's to remove first: `retag`)."""
    await conn.execute("DELETE FROM labels WHERE id = $1", label_id)


async def retag(
    conn: Connection, tenant_id: TenantId, old: str, new: str | None
) -> list[uuid.UUID]:
    """On the tenant's conversations carrying tag `old`: replace it by `new` (None: remove
    it), keeping tags sorted and distinct. Returns the ids of the conversations changed."""
    rows = await conn.fetch(
        """
        UPDATE conversations
        SET tags = ARRAY(SELECT DISTINCT t FROM unnest(
                       CASE WHEN $3::text IS NULL THEN array_remove(tags, $2)
                            ELSE array_replace(tags, $2, $3) END) AS t ORDER BY t),
            updated_at = now()
        WHERE tenant_id = $1 AND $2 = ANY(tags)
        RETURNING id
        """,
        tenant_id,
        old,
        new,
    )
    return [r["id"] for r in rows]
