"""Contacts: the customers, identified anonymously or by the tenant's external id."""

from __future__ import annotations

import json
import uuid
from typing import Any

import asyncpg

from server.domain.models import Contact
from server.ids import ContactId, TenantId
from server.store.db import Connection

COLUMNS = "id, tenant_id, external_id, email, name, attributes, created_at"


def new_id() -> ContactId:
    """Ids are chosen before insert so a customer context can create its own row."""
    return ContactId(uuid.uuid4())


async def insert(
    conn: Connection,
    *,
    contact_id: ContactId,
    tenant_id: TenantId,
    external_id: str | None = None,
    email: str | None = None,
    name: str | None = None,
    attributes: dict[str, Any] | None = None,
) -> Contact:
    row = await conn.fetchrow(
        f"""
        INSERT INTO contacts (id, tenant_id, external_id, email, name, attributes)
        VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING {COLUMNS}
        """,
        contact_id,
        tenant_id,
        external_id,
        email,
        name,
        json.dumps(attributes or {}),
    )
    assert row is not None
    return _contact(row)


async def get(conn: Connection, contact_id: ContactId) -> Contact | None:
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM contacts WHERE id = $1", contact_id)
    return _contact(row) if row else None


def _contact(row: asyncpg.Record) -> Contact:
    return Contact(
        id=ContactId(row["id"]),
        tenant_id=TenantId(row["tenant_id"]),
        external_id=row["external_id"],
        email=row["email"],
        name=row["name"],
        attributes=json.loads(row["attributes"]),
        created_at=row["created_at"],
    )
