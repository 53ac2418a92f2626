"""Row-level security at the SQL level, connected as the application role."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import asyncpg
import pytest

from server.domain.access import SecurityContext
from server.domain.models import Role, Sender
from server.errors import Forbidden, NotFound
from server.store import messages
from server.store.db import Database, context_settings
from tests.helpers import Seeded

TENANT_TABLES = {
    "tenants": "id",
    "users": "tenant_id",
    "api_keys": "tenant_id",
    "contacts": "tenant_id",
    "conversations": "tenant_id",
    "messages": "tenant_id",
    "conversation_events": "tenant_id",
    "audit_log": "tenant_id",
    "report_message_counts": "tenant_id",
}


async def set_context(conn: asyncpg.Connection, ctx: SecurityContext) -> None:
    await conn.execute(
        context_settings(
            str(ctx.tenant_id) if ctx.tenant_id else "",
            str(ctx.user_id) if ctx.user_id else "",
            ctx.role.value,
            datetime.now(UTC).isoformat(),
            "",
        )
    )


async def count_of(conn: asyncpg.Connection, table: str, tenant_id: uuid.UUID) -> int:
    column = TENANT_TABLES[table]
    return int(await conn.fetchval(f"SELECT count(*) FROM {table} WHERE {column} = $1", tenant_id))


@pytest.mark.parametrize("role", [Role.AGENT, Role.ADMIN, Role.CUSTOMER])
async def test_tenant_a_reads_no_row_of_tenant_b(
    app_conn: asyncpg.Connection, tenant_a: Seeded, tenant_b: Seeded, role: Role
) -> None:
    """Every tenant table: A's context, any role, sees zero rows of B."""
    async with app_conn.transaction():
        await set_context(app_conn, tenant_a.context(role, tenant_a.agent.id))
        for table in TENANT_TABLES:
            assert await count_of(app_conn, table, tenant_b.tenant.id) == 0, table


async def test_admin_sees_own_tenant_rows(
    app_conn: asyncpg.Connection, tenant_a: Seeded, tenant_b: Seeded
) -> None:
    """The policies are not simply closed: A's admin sees A's rows in every table."""
    async with app_conn.transaction():
        await set_context(app_conn, tenant_a.as_admin)
        for table in TENANT_TABLES:
            assert await count_of(app_conn, table, tenant_a.tenant.id) > 0, table


async def test_no_context_sees_nothing(app_conn: asyncpg.Connection, tenant_a: Seeded) -> None:
    """A transaction that set no tenant, user or role reads no row of any table."""
    async with app_conn.transaction():
        for table in TENANT_TABLES:
            assert await app_conn.fetchval(f"SELECT count(*) FROM {table}") == 0, table


async def test_tenant_only_without_role_sees_nothing(
    app_conn: asyncpg.Connection, tenant_a: Seeded
) -> None:
    """A tenant id with no role set still opens no rows."""
    async with app_conn.transaction():
        await app_conn.execute(
            "SELECT set_config('app.tenant_id', $1, true)", str(tenant_a.tenant.id)
        )
        for table in TENANT_TABLES:
            assert await app_conn.fetchval(f"SELECT count(*) FROM {table}") == 0, table


async def test_cannot_insert_into_other_tenant(
    app_conn: asyncpg.Connection, tenant_a: Seeded, tenant_b: Seeded
) -> None:
    """WITH CHECK refuses a row for tenant B written from A's context."""
    async with app_conn.transaction():
        await set_context(app_conn, tenant_a.as_admin)
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await app_conn.execute(
                "INSERT INTO contacts (tenant_id, email) VALUES ($1, 'x@y.z')", tenant_b.tenant.id
            )


async def test_cannot_move_row_into_other_tenant(
    app_conn: asyncpg.Connection, tenant_a: Seeded, tenant_b: Seeded
) -> None:
    """UPDATE of A's own row to tenant B is refused by WITH CHECK."""
    async with app_conn.transaction():
        await set_context(app_conn, tenant_a.as_admin)
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await app_conn.execute(
                "UPDATE contacts SET tenant_id = $1 WHERE id = $2",
                tenant_b.tenant.id,
                tenant_a.contact.id,
            )


async def test_cannot_update_or_delete_other_tenant(
    app_conn: asyncpg.Connection, tenant_a: Seeded, tenant_b: Seeded
) -> None:
    """UPDATE and DELETE aimed at B's rows from A's context touch nothing."""
    async with app_conn.transaction():
        await set_context(app_conn, tenant_a.as_admin)
        updated = await app_conn.execute(
            "UPDATE conversations SET status = 'closed' WHERE id = $1", tenant_b.conversation.id
        )
        deleted = await app_conn.execute(
            "DELETE FROM messages WHERE tenant_id = $1", tenant_b.tenant.id
        )
        assert (updated, deleted) == ("UPDATE 0", "DELETE 0")
    async with app_conn.transaction():
        await set_context(app_conn, tenant_b.as_admin)
        status = await app_conn.fetchval(
            "SELECT status FROM conversations WHERE id = $1", tenant_b.conversation.id
        )
        assert status == "open"


async def test_pooled_connection_never_keeps_context(
    shared_urls: object, tenant_a: Seeded, tenant_b: Seeded
) -> None:
    """One pooled connection serves A, B, a unit of A's that fails half way, then nobody:
    each sees only its own context and settings (the pool runs no reset query on release:
    server/store/db.py)."""
    from tests.conftest import DatabaseUrls

    assert isinstance(shared_urls, DatabaseUrls)
    single = await Database.connect(
        shared_urls.app, max_size=1, transaction_pooler=shared_urls.transaction_pooler
    )
    try:
        async with single.unit(tenant_a.as_agent) as conn:
            first_pid = conn.get_server_pid()
            seen_a = await conn.fetchval("SELECT count(*) FROM conversations")
        async with single.unit(tenant_b.as_agent) as conn:
            assert conn.get_server_pid() == first_pid
            rows = await conn.fetch("SELECT tenant_id FROM conversations")
        with pytest.raises(RuntimeError):
            async with single.unit(tenant_a.as_agent) as conn:
                await conn.execute("SET LOCAL statement_timeout = 1234")
                raise RuntimeError("the unit fails half way")
        async with single.anonymous() as conn:
            assert conn.get_server_pid() == first_pid
            leftover = await conn.fetchval("SELECT current_setting('app.tenant_id', true)")
            timeout = await conn.fetchval("SHOW statement_timeout")
            nothing = await conn.fetchval("SELECT count(*) FROM conversations")
    finally:
        await single.close()
    assert seen_a >= 1
    assert {r["tenant_id"] for r in rows} == {tenant_b.tenant.id}
    assert leftover in (None, "")
    assert timeout != "1234ms"
    assert nothing == 0


async def test_customer_sees_own_conversation_without_private_notes(
    db: Database, tenant_a: Seeded
) -> None:
    """A customer reads its own messages but never an internal note."""
    async with db.unit(tenant_a.as_customer) as conn:
        bodies = await conn.fetch("SELECT body, private FROM messages")
        events = await conn.fetch("SELECT seq FROM conversation_events")
    assert [(r["body"], r["private"]) for r in bodies] == [("hello from A", False)]
    assert [r["seq"] for r in events] == [1]


async def test_customer_sees_no_other_customer(db: Database, tenant_a: Seeded) -> None:
    """Another contact of the same tenant sees none of the first contact's conversation."""
    stranger = SecurityContext(tenant_a.tenant.id, Role.CUSTOMER, uuid.uuid4())
    async with db.unit(stranger) as conn:
        assert await conn.fetchval("SELECT count(*) FROM conversations") == 0
        assert await conn.fetchval("SELECT count(*) FROM messages") == 0
        assert await conn.fetchval("SELECT count(*) FROM contacts") == 0
        assert await conn.fetchval("SELECT count(*) FROM users") == 0


async def test_customer_cannot_send_private_or_as_someone_else(
    db: Database, tenant_a: Seeded
) -> None:
    """The policy itself refuses a customer's private note or a message in another's name."""
    for sender, private in (
        (Sender("visitor", str(tenant_a.contact.id)), True),
        (Sender("agent", str(tenant_a.agent.id)), False),
    ):
        with pytest.raises(Forbidden):
            async with db.unit(tenant_a.as_customer) as conn:
                await messages.append(
                    conn,
                    conversation_id=tenant_a.conversation.id,
                    sender=sender,
                    body="sneaky",
                    private=private,
                    now=datetime.now(UTC),
                )


async def test_cross_tenant_reference_looks_missing(
    db: Database, tenant_a: Seeded, tenant_b: Seeded
) -> None:
    """Appending to B's conversation from A's context fails exactly like a missing one."""
    with pytest.raises(NotFound):
        async with db.unit(tenant_a.as_agent) as conn:
            await messages.append(
                conn,
                conversation_id=tenant_b.conversation.id,
                sender=Sender("agent", str(tenant_a.agent.id)),
                body="hi",
                now=datetime.now(UTC),
            )


async def test_agent_cannot_manage_users_or_keys(db: Database, tenant_a: Seeded) -> None:
    """User and API-key writes need admin; an agent's insert is refused by WITH CHECK."""
    with pytest.raises(Forbidden):
        async with db.unit(tenant_a.as_agent) as conn:
            await conn.execute(
                "INSERT INTO users (tenant_id, email, password_hash, role) "
                "VALUES ($1, $2, 'x', 'agent')",
                tenant_a.tenant.id,
                f"{uuid.uuid4().hex}@example.com",
            )
    async with db.unit(tenant_a.as_agent) as conn:
        assert await conn.fetchval("SELECT count(*) FROM api_keys") == 0


async def test_admin_cannot_mint_super_admin(db: Database, tenant_a: Seeded) -> None:
    """A tenant admin may add admins and agents, never a super_admin."""
    with pytest.raises(Forbidden):
        async with db.unit(tenant_a.as_admin) as conn:
            await conn.execute(
                "INSERT INTO users (tenant_id, email, password_hash, role) "
                "VALUES ($1, $2, 'x', 'super_admin')",
                tenant_a.tenant.id,
                f"{uuid.uuid4().hex}@example.com",
            )


async def test_super_admin_crosses_tenants(
    db: Database, tenant_a: Seeded, tenant_b: Seeded
) -> None:
    """The operator context reads every tenant (and is only set by the audited admin path)."""
    async with db.unit(SecurityContext.operator()) as conn:
        found = {
            r["id"]
            for r in await conn.fetch(
                "SELECT id FROM tenants WHERE id = ANY($1::uuid[])",
                [tenant_a.tenant.id, tenant_b.tenant.id],
            )
        }
    assert found == {tenant_a.tenant.id, tenant_b.tenant.id}


async def test_audit_log_is_append_only(
    owner_conn: asyncpg.Connection, app_conn: asyncpg.Connection, tenant_a: Seeded
) -> None:
    """Nobody rewrites history: the app role lacks the grant, even the owner hits the trigger."""
    async with app_conn.transaction():
        await set_context(app_conn, tenant_a.as_admin)
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await app_conn.execute("DELETE FROM audit_log")
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
            await owner_conn.execute(statement)


async def test_app_role_cannot_assume_the_lookup_role(app_conn: asyncpg.Connection) -> None:
    """flowsupport_auth's cross-tenant reads are reachable only through its functions."""
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await app_conn.execute("SET ROLE flowsupport_auth")


async def test_widget_key_lookup_returns_only_what_it_must(
    app_conn: asyncpg.Connection, tenant_a: Seeded
) -> None:
    """The pre-auth function gives id and origins, never the identity secret."""
    row = await app_conn.fetchrow(
        "SELECT * FROM auth_tenant_by_widget_key($1)", tenant_a.tenant.widget_key
    )
    assert row is not None
    assert dict(row) == {
        "id": tenant_a.tenant.id,
        "allowed_origins": list(tenant_a.tenant.allowed_origins),
    }


async def test_report_counts_are_staff_reading_and_written_only_by_the_trigger(
    app_conn: asyncpg.Connection, tenant_a: Seeded
) -> None:
    """The reports' rollups (migration 0027): a customer of the tenant reads none of them,
    and the application role cannot write them; the messages' trigger keeps them."""
    async with app_conn.transaction():
        await set_context(app_conn, tenant_a.context(Role.CUSTOMER, tenant_a.contact.id))
        assert await app_conn.fetchval("SELECT count(*) FROM report_message_counts") == 0
    async with app_conn.transaction():
        await set_context(app_conn, tenant_a.as_admin)
        assert await app_conn.fetchval("SELECT count(*) FROM report_message_counts") > 0
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await app_conn.execute("UPDATE report_message_counts SET messages = messages + 1000")
