"""A unit of work is one transaction with its security context, begun in one round trip:
its settings are its own, a failed or cancelled unit keeps nothing, and nothing a caller
could pass reaches the inlined SQL unchecked."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from server.clock import ManualClock
from server.domain import client_address
from server.domain.access import SecurityContext
from server.domain.models import Role
from server.ids import TenantId
from server.store.db import Database, begin_anonymous, context_settings
from server.store.provision import DatabaseUrls

SETTINGS = (
    "SELECT current_setting('app.tenant_id', true), current_setting('app.user_id', true),"
    " current_setting('app.role', true), current_setting('app.now', true),"
    " current_setting('app.client_address', true)"
)
NOON = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
async def one_connection(shared_urls: DatabaseUrls) -> AsyncIterator[Database]:
    """Two pooled connections (one stays outside the fair gate): every unit reuses the
    other, so whatever a unit leaves behind the next one sees."""
    database = await Database.connect(
        shared_urls.app,
        max_size=2,
        transaction_pooler=shared_urls.transaction_pooler,
        clock=ManualClock(NOON),
    )
    yield database
    await database.close()


async def test_a_unit_sees_its_context_and_the_next_sees_none_of_it(
    one_connection: Database,
) -> None:
    tenant, user = uuid.uuid4(), uuid.uuid4()
    context = SecurityContext(TenantId(tenant), Role.AGENT, user)
    token = client_address.CLIENT_ADDRESS.set("2001:db8::7")
    try:
        async with one_connection.unit(context) as conn:
            seen = tuple(await conn.fetchrow(SETTINGS) or ())
    finally:
        client_address.CLIENT_ADDRESS.reset(token)
    assert seen == (str(tenant), str(user), "agent", NOON.isoformat(), "2001:db8::7")

    async with one_connection.anonymous() as conn:
        after = tuple(await conn.fetchrow(SETTINGS) or ())
    assert all(value in (None, "") for value in after), after


async def test_a_failed_unit_keeps_nothing_and_its_connection_serves_on(
    one_connection: Database,
) -> None:
    context = SecurityContext(None, Role.SUPER_ADMIN)
    table = f"unit_probe_{uuid.uuid4().hex[:8]}"
    with pytest.raises(RuntimeError):
        async with one_connection.unit(context) as conn:
            await conn.execute(f"CREATE TEMP TABLE {table} (x int) ON COMMIT DROP")
            await conn.execute(f"INSERT INTO {table} VALUES (1)")
            raise RuntimeError("the unit's own failure")
    async with one_connection.anonymous() as conn:
        assert await conn.fetchval("SELECT to_regclass($1)", f"pg_temp.{table}") is None
        assert await conn.fetchval("SELECT 1") == 1


async def test_a_cancelled_unit_leaves_no_transaction_open(one_connection: Database) -> None:
    context = SecurityContext(TenantId(uuid.uuid4()), Role.AGENT, uuid.uuid4())
    started = asyncio.Event()

    async def slow() -> None:
        async with one_connection.unit(context) as conn:
            started.set()
            await conn.execute("SELECT pg_sleep(5)")

    task = asyncio.create_task(slow())
    await started.wait()
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with one_connection.anonymous() as conn:
        # A fresh transaction: its start time is now, not the cancelled unit's.
        age = await conn.fetchval("SELECT clock_timestamp() - xact_start FROM pg_stat_activity"
                                  " WHERE pid = pg_backend_pid()")  # fmt: skip
        assert age.total_seconds() < 1
        assert await conn.fetchval("SELECT current_setting('app.tenant_id', true)") in (None, "")


@pytest.mark.parametrize(
    "value",
    ["x'; DROP TABLE tenants; --", "a b", "o'clock", "\\", "é", "1;2", '"quoted"', "%eth0"],
)
def test_a_value_that_could_leave_its_literal_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="security-context value"):
        context_settings(str(uuid.uuid4()), "", "agent", NOON.isoformat(), value)
    with pytest.raises(ValueError, match="security-context value"):
        context_settings(value, "", "agent", NOON.isoformat(), "")
    with pytest.raises(ValueError, match="client address"):
        begin_anonymous(value)


def test_every_setting_is_local_to_the_transaction() -> None:
    settings = context_settings("t", "u", "admin", "2026-12-04T12:00:00+00:00", "203.0.113.9")
    assert settings.startswith("SELECT ")
    for name, value in (
        ("tenant_id", "t"),
        ("user_id", "u"),
        ("role", "admin"),
        ("now", "2026-12-04T12:00:00+00:00"),
        ("client_address", "203.0.113.9"),
    ):
        assert f"set_config('app.{name}', '{value}', true)" in settings
    assert begin_anonymous("") == "BEGIN"
