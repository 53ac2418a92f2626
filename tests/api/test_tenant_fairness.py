"""One tenant's flood of database work cannot make another tenant wait behind it (issue 16,
README "Limits": the pool is shared fairly between tenants), seen from HTTP.

Tenant A's admin sends two dozen settings changes while the test holds A's tenant row locked,
so every one of them holds or waits for a pool connection (/metrics counts those queued).
Tenant B's agent then asks for its conversations, and queues behind them. Once the lock
goes, a first-come pool would serve B after all of A's queued requests; the fair pool gives
B the first connection A frees."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.accounts import bearer
from tests.helpers import scrape_metrics
from tests.live import LiveServer, eventually, owner_connection, running_server
from tests.provision import Tenant, provision

POOL_SIZE = 4  # three connections for tenants' work, one kept for /readyz
FLOOD = 24


@pytest.fixture(scope="module")
def small_pool() -> Iterator[LiveServer]:
    data_dir = Path(tempfile.mkdtemp(prefix="fs-fairness-"))
    try:
        env = {"FLOWSUPPORT_DB_POOL_SIZE": str(POOL_SIZE), "FLOWSUPPORT_INPROCESS_JOBS": "off"}
        with running_server(data_dir, extra_env=env) as live:
            yield live
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def tenants(small_pool: LiveServer) -> tuple[Tenant, Tenant]:
    return await provision(small_pool), await provision(small_pool)


async def test_another_tenant_is_served_before_a_floods_queue(
    small_pool: LiveServer, tenants: tuple[Tenant, Tenant]
) -> None:
    flooder, quiet = tenants
    finished: list[str] = []

    async def change_settings(http: httpx.AsyncClient, i: int) -> None:
        answer = await http.patch(
            "/v1/settings",
            headers=bearer(flooder.admin_token),
            json={"widget": {"greeting": f"Hello {i}"}},
        )
        assert answer.status_code == 200, answer.text
        finished.append(f"A{i}")

    async def list_conversations(http: httpx.AsyncClient) -> None:
        answer = await http.get("/v1/conversations", headers=bearer(quiet.agent_token))
        assert answer.status_code == 200, answer.text
        finished.append("B")

    limits = httpx.Limits(max_connections=FLOOD + 4)
    async with (
        owner_connection(small_pool) as owner,
        httpx.AsyncClient(base_url=small_pool.base_url, timeout=30, limits=limits) as http,
    ):
        lock = owner.transaction()
        await lock.start()
        await owner.execute(
            "SELECT 1 FROM tenants WHERE id = $1 FOR NO KEY UPDATE", uuid.UUID(flooder.tenant_id)
        )
        flood = [asyncio.create_task(change_settings(http, i)) for i in range(FLOOD)]

        async def pool_held_by_the_flood() -> bool:
            # pg_stat_activity is read once per transaction unless the snapshot is cleared.
            await owner.execute("SELECT pg_stat_clear_snapshot()")
            blocked = await owner.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            )
            return int(blocked) >= POOL_SIZE - 1

        def queued_at_the_gate(count: int) -> Callable[[], Awaitable[bool]]:
            async def check() -> bool:
                # The scrape's own unit waits its turn a moment, then gives up: not counted.
                metrics = await scrape_metrics(http)
                return metrics["flowsupport_db_waiting_units"] >= count

            return check

        await eventually(pool_held_by_the_flood, "A's changes to hold every tenants' slot")
        queued = FLOOD - (POOL_SIZE - 1)
        await eventually(queued_at_the_gate(queued), "the rest of A's changes to queue")
        quiet_request = asyncio.create_task(list_conversations(http))
        await eventually(queued_at_the_gate(queued + 1), "B's request to queue behind them")
        assert finished == []
        await lock.rollback()
        await asyncio.gather(*flood, quiet_request)

    # A's three running changes commit one after another (one row); the first slot freed
    # goes to B, which holds none, and so does each later slot B's next unit waits for. B's
    # request still takes a few of A's quick ones to answer on a busy machine, so the test
    # asks for the first half, where a first-come pool would answer B last.
    assert finished.index("B") < FLOOD // 2, finished
