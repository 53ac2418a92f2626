"""Attachments (migrations 0010, 0021): pending uploads, attaching them to a message, the
rows a download reads, and the stored objects left behind by deletions.

Visibility is row-level security's: staff see their tenant's, a visitor its own pending
uploads and the attachments of its own conversations' public messages.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

import asyncpg

from server.domain.models import Message
from server.ids import TenantId
from server.store.db import Connection
from server.store.messages import COLUMNS, from_row

FIELDS = (
    "id, tenant_id, message_id, filename, content_type, size, sha256, storage_key, "
    "uploader_kind, uploader_id, created_at"
)


@dataclass(frozen=True)
class AttachmentRow:
    id: uuid.UUID
    tenant_id: TenantId
    message_id: uuid.UUID | None
    filename: str
    content_type: str
    size: int
    sha256: str
    storage_key: str | None  # None: the bytes are in the row (e-mail attachments of 0010)
    uploader_kind: str | None
    uploader_id: uuid.UUID | None

    def listed(self) -> dict[str, Any]:
        """What messages.attachments holds for it (the wire adds the url)."""
        return {
            "id": str(self.id),
            "name": self.filename,
            "content_type": self.content_type,
            "size": self.size,
        }


async def insert(
    conn: Connection,
    *,
    tenant_id: TenantId,
    filename: str,
    content_type: str,
    size: int,
    sha256: str,
    storage_key: str,
    message_id: uuid.UUID | None = None,
    uploader_kind: str | None = None,
    uploader_id: uuid.UUID | None = None,
) -> AttachmentRow:
    """A row for bytes already written to the object store under ``storage_key``: a
    pending upload (no message, an uploader) or an e-mail attachment (its message)."""
    row = await conn.fetchrow(
        f"""
        INSERT INTO attachments (tenant_id, message_id, filename, content_type, size, sha256,
                                 storage_key, uploader_kind, uploader_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {FIELDS}
        """,
        tenant_id,
        message_id,
        filename,
        content_type,
        size,
        sha256,
        storage_key,
        uploader_kind,
        uploader_id,
    )
    assert row is not None
    return _row(row)


async def get(conn: Connection, attachment_id: uuid.UUID) -> AttachmentRow | None:
    """The attachment if this context may see it (its tenant's and, for a visitor, its
    own): None otherwise, whether or not it exists elsewhere."""
    row = await conn.fetchrow(f"SELECT {FIELDS} FROM attachments WHERE id = $1", attachment_id)
    return _row(row) if row else None


async def inline_bytes(conn: Connection, attachment_id: uuid.UUID) -> bytes | None:
    """The bytes of a row that keeps them itself (0010's e-mail attachments)."""
    value = await conn.fetchval("SELECT data FROM attachments WHERE id = $1", attachment_id)
    return None if value is None else bytes(value)


async def attach(
    conn: Connection,
    *,
    ids: list[uuid.UUID],
    message_id: uuid.UUID,
    uploader_kind: str,
    uploader_id: uuid.UUID,
) -> list[AttachmentRow]:
    """Attach these pending uploads of this uploader to the message, in the order given;
    only those that were pending and theirs (the caller compares the counts)."""
    rows = await conn.fetch(
        f"""
        UPDATE attachments SET message_id = $2
        WHERE id = ANY($1::uuid[]) AND message_id IS NULL
          AND uploader_kind = $3 AND uploader_id = $4
        RETURNING {FIELDS}
        """,
        ids,
        message_id,
        uploader_kind,
        uploader_id,
    )
    found = {r["id"]: _row(r) for r in rows}
    return [found[i] for i in ids if i in found]


async def list_on_message(
    conn: Connection, message_id: uuid.UUID, listed: list[dict[str, Any]]
) -> Message:
    """Set the message's attachments list (what every reader of the message sees)."""
    row = await conn.fetchrow(
        f"UPDATE messages SET attachments = $2::jsonb WHERE id = $1 RETURNING {COLUMNS}",
        message_id,
        json.dumps(listed),
    )
    assert row is not None
    return from_row(row)


async def keys_of_messages(conn: Connection, message_ids: list[uuid.UUID]) -> list[str]:
    """The storage keys of these messages' attachments (to delete after the rows go)."""
    rows = await conn.fetch(
        "SELECT storage_key FROM attachments WHERE message_id = ANY($1::uuid[]) "
        "AND storage_key IS NOT NULL",
        message_ids,
    )
    return [r["storage_key"] for r in rows]


async def keys_of_contact(conn: Connection, contact_id: uuid.UUID) -> list[str]:
    """The storage keys of a contact's attachments: of their conversations' messages, and
    their own pending uploads (an erasure deletes both)."""
    rows = await conn.fetch(
        """
        SELECT a.storage_key FROM attachments a
        LEFT JOIN messages m ON m.id = a.message_id
        LEFT JOIN conversations c ON c.id = m.conversation_id
        WHERE a.storage_key IS NOT NULL
          AND (c.contact_id = $1
               OR (a.message_id IS NULL AND a.uploader_kind = 'visitor' AND a.uploader_id = $1))
        """,
        contact_id,
    )
    return [r["storage_key"] for r in rows]


async def record_orphans(conn: Connection, tenant_id: TenantId, keys: list[str]) -> None:
    """Stored objects whose delete failed: the next retention sweep tries them again."""
    await conn.execute(
        """
        INSERT INTO storage_orphans (storage_key, tenant_id)
        SELECT unnest($2::text[]), $1
        ON CONFLICT (storage_key) DO UPDATE
            SET attempts = storage_orphans.attempts + 1, failed_at = now()
        """,
        tenant_id,
        keys,
    )


async def orphans(conn: Connection, limit: int) -> list[tuple[TenantId, str]]:
    """Recorded orphans, oldest failure first."""
    rows = await conn.fetch(
        "SELECT tenant_id, storage_key FROM storage_orphans ORDER BY failed_at LIMIT $1", limit
    )
    return [(TenantId(r["tenant_id"]), r["storage_key"]) for r in rows]


async def forget_orphans(conn: Connection, keys: list[str]) -> None:
    await conn.execute("DELETE FROM storage_orphans WHERE storage_key = ANY($1::text[])", keys)


def _row(row: asyncpg.Record) -> AttachmentRow:
    return AttachmentRow(
        id=row["id"],
        tenant_id=TenantId(row["tenant_id"]),
        message_id=row["message_id"],
        filename=row["filename"],
        content_type=row["content_type"],
        size=row["size"],
        sha256=row["sha256"],
        storage_key=row["storage_key"],
        uploader_kind=row["uploader_kind"],
        uploader_id=row["uploader_id"],
    )
