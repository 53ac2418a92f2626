"""Contacts: the customers, identified anonymously or by the tenant's external id."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import asyncpg

from server.domain.models import Contact
from server.ids import ContactId, TenantId
from server.store.db import Connection

COLUMNS = (
    "id, tenant_id, external_id, email, name, attributes, created_at, phone, visits, "
    "last_seen_at, seen"
)


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
    phone: str | None = None,
) -> Contact:
    row = await conn.fetchrow(
        f"""
        INSERT INTO contacts (id, tenant_id, external_id, email, name, attributes, phone)
        VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING {COLUMNS}
        """,
        contact_id,
        tenant_id,
        external_id,
        email,
        name,
        json.dumps(attributes or {}),
        phone,
    )
    assert row is not None
    return _contact(row)


async def upsert_identified(
    conn: Connection,
    *,
    tenant_id: TenantId,
    external_id: str,
    email: str | None,
    name: str | None,
) -> Contact:
    """The contact the tenant knows as `external_id`, created on first sight; newer e-mail
    and name replace older ones."""
    row = await conn.fetchrow(
        f"""
        INSERT INTO contacts (id, tenant_id, external_id, email, name)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (tenant_id, external_id) DO UPDATE
            SET email = coalesce(EXCLUDED.email, contacts.email),
                name = coalesce(EXCLUDED.name, contacts.name),
                updated_at = now()
        RETURNING {COLUMNS}
        """,
        new_id(),
        tenant_id,
        external_id,
        email,
        name,
    )
    assert row is not None
    return _contact(row)


async def merge_attributes(
    conn: Connection, contact_id: ContactId, attributes: dict[str, Any]
) -> None:
    """Add or replace attributes (top-level keys) on a contact."""
    await conn.execute(
        "UPDATE contacts SET attributes = attributes || $2::jsonb, updated_at = now() "
        "WHERE id = $1",
        contact_id,
        json.dumps(attributes),
    )


async def record_visit(
    conn: Connection,
    contact_id: ContactId,
    seen: dict[str, str],
    now: datetime,
    gap: timedelta,
) -> None:
    """The contact's widget connected: a new visit after `gap` away. A report naming its
    page replaces the last one; one without (a client that reports nothing but its
    User-Agent) only updates the browser and OS."""
    await conn.execute(
        """
        UPDATE contacts
        SET visits = visits + CASE
                WHEN last_seen_at IS NULL OR last_seen_at < $3::timestamptz - $4::interval
                THEN 1 ELSE 0 END,
            last_seen_at = greatest(last_seen_at, $3::timestamptz),
            seen = CASE WHEN $2::jsonb ? 'page' THEN $2::jsonb ELSE seen || $2::jsonb END
        WHERE id = $1
        """,
        contact_id,
        json.dumps(seen),
        now,
        gap,
    )


async def update_details(
    conn: Connection, contact_id: ContactId, changes: dict[str, str | None]
) -> Contact | None:
    """Set the name and/or e-mail (the keys given; None clears one); None when not visible."""
    assert changes, "nothing to change"
    assert set(changes) <= {"name", "email"}, "only the name and e-mail are edited here"
    keys = sorted(changes)
    assignments = ", ".join(f"{key} = ${n}" for n, key in enumerate(keys, start=2))
    row = await conn.fetchrow(
        f"UPDATE contacts SET {assignments}, updated_at = now() WHERE id = $1 RETURNING {COLUMNS}",
        contact_id,
        *(changes[key] for key in keys),
    )
    return _contact(row) if row else None


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
        phone=row["phone"],
        visits=row["visits"],
        last_seen_at=row["last_seen_at"],
        seen=json.loads(row["seen"]),
    )


async def lock_address(conn: Connection, tenant_id: TenantId, address: str) -> None:
    """Serialises, until the transaction ends, everything done for one tenant's e-mail address
    or number: providers deliver one first message several times at once, and each delivery
    must find the contact (and conversation) the first one made instead of making its own."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
        f"flowsupport.contact:{tenant_id}:{address.lower()}",
    )


async def by_email(conn: Connection, email: str) -> Contact | None:
    """The context tenant's oldest contact with this address (case-insensitive)."""
    row = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM contacts WHERE lower(email) = lower($1) "
        "ORDER BY created_at, id LIMIT 1",
        email,
    )
    return _contact(row) if row else None


async def by_phone(conn: Connection, phone: str) -> Contact | None:
    """The context tenant's oldest contact with this E.164 number."""
    row = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM contacts WHERE phone = $1 ORDER BY created_at, id LIMIT 1", phone
    )
    return _contact(row) if row else None
