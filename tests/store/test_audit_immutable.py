"""The audit log is append-only for everyone: the application role has no privilege to
change or remove an entry, and the table owner is stopped by the trigger (migration 0002).
Also: each entry records the unit's client address (migration 0017)."""

from __future__ import annotations

import asyncpg
import pytest

from server.domain import client_address
from server.store import audit
from server.store.db import Database
from tests.helpers import Seeded


async def an_entry(db: Database, seeded: Seeded) -> int:
    async with db.unit(seeded.as_admin) as conn:
        await audit.record(
            conn,
            tenant_id=seeded.tenant.id,
            actor_kind="user",
            actor_id=str(seeded.admin.id),
            action="test.immutable",
        )
        entry_id = await conn.fetchval(
            "SELECT max(id) FROM audit_log WHERE action = 'test.immutable'"
        )
    assert isinstance(entry_id, int)
    return entry_id


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET action = 'tampered' WHERE id = $1",
        "DELETE FROM audit_log WHERE id = $1",
    ],
)
async def test_the_application_role_may_not_change_an_entry(
    db: Database, app_conn: asyncpg.Connection, tenant_a: Seeded, statement: str
) -> None:
    """As flowsupport_app, even an admin's context: UPDATE and DELETE are permission errors."""
    entry_id = await an_entry(db, tenant_a)
    async with app_conn.transaction():
        await app_conn.execute(
            "SELECT set_config('app.tenant_id', $1, true), set_config('app.role', 'admin', true)",
            str(tenant_a.tenant.id),
        )
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied"):
            await app_conn.execute(statement, entry_id)


async def test_the_application_role_may_not_truncate(app_conn: asyncpg.Connection) -> None:
    """TRUNCATE, which no row trigger sees, is refused to flowsupport_app by privilege."""
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied"):
        await app_conn.execute("TRUNCATE audit_log")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET action = 'tampered' WHERE id = $1",
        "UPDATE audit_log SET client_address = '10.0.0.1' WHERE id = $1",
        "DELETE FROM audit_log WHERE id = $1",
    ],
)
async def test_the_owner_is_stopped_by_the_trigger(
    db: Database, owner_conn: asyncpg.Connection, tenant_a: Seeded, statement: str
) -> None:
    """The table owner holds every privilege; the append-only trigger refuses it anyway."""
    entry_id = await an_entry(db, tenant_a)
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
        await owner_conn.execute(statement, entry_id)
    assert await owner_conn.fetchval("SELECT action FROM audit_log WHERE id = $1", entry_id) == (
        "test.immutable"
    )


async def test_the_application_role_holds_only_select_and_insert(
    owner_conn: asyncpg.Connection,
) -> None:
    """information_schema shows SELECT and INSERT for flowsupport_app on audit_log, nothing
    more (no UPDATE, DELETE, TRUNCATE, REFERENCES or TRIGGER)."""
    granted = await owner_conn.fetch(
        """
        SELECT privilege_type FROM information_schema.role_table_grants
        WHERE grantee = 'flowsupport_app' AND table_name = 'audit_log'
        """
    )
    assert sorted(row["privilege_type"] for row in granted) == ["INSERT", "SELECT"]
    columns = await owner_conn.fetch(
        """
        SELECT DISTINCT privilege_type FROM information_schema.column_privileges
        WHERE grantee = 'flowsupport_app' AND table_name = 'audit_log'
        """
    )
    assert {row["privilege_type"] for row in columns} <= {"INSERT", "SELECT"}


async def test_an_entry_records_the_units_client_address(db: Database, tenant_a: Seeded) -> None:
    """The address bound for the request (IPv4 or IPv6) lands in the entry; outside a
    request, or for a host that is no address, the entry records none."""
    for host, expected in (("203.0.113.9", "203.0.113.9"), ("[2001:db8::7]", "2001:db8::7")):
        token = client_address.bind(host)
        try:
            entry_id = await an_entry(db, tenant_a)
        finally:
            client_address.CLIENT_ADDRESS.reset(token)
        async with db.unit(tenant_a.as_admin) as conn:
            got = await conn.fetchval(
                "SELECT host(client_address) FROM audit_log WHERE id = $1", entry_id
            )
        assert got == expected
    token = client_address.bind("testclient")
    try:
        entry_id = await an_entry(db, tenant_a)
    finally:
        client_address.CLIENT_ADDRESS.reset(token)
    async with db.unit(tenant_a.as_admin) as conn:
        got = await conn.fetchval("SELECT client_address FROM audit_log WHERE id = $1", entry_id)
    assert got is None
