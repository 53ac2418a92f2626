"""Behind a pooler in transaction mode (FLOWSUPPORT_DATABASE_POOLER=transaction): a real
PgBouncer hands each transaction any server connection, and the application still works,
every unit of work in its own tenant. The tests here start their own pgbouncer, so they run
in either mode of the suite; one more proves that FLOWSUPPORT_TEST_PGBOUNCER=1 is real."""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest

from server.config import Settings
from server.errors import ConfigError, StartupError
from server.store.db import Database
from server.store.embedded import EmbeddedLocation
from server.store.provision import EMBEDDED_APP_ROLE, DatabaseUrls, database_urls, prepare
from tests import pgbouncer
from tests.conftest import PooledLocation, connect_app
from tests.helpers import Seeded, seed_tenant
from tests.live import LiveServer, running_server, service_missing
from tests.provision import ORIGIN
from tests.wsclient import session

EXTERNAL = "postgresql://app@db.example/flowsupport"


def settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(tmp_path), **env})


def test_the_pooler_setting_defaults_to_none_and_names_itself(tmp_path: Path) -> None:
    """`none` unless set; `transaction` with an external URL; anything else, or a pooler in
    front of the embedded database (which has none), is refused naming the variable."""
    assert not settings(tmp_path).transaction_pooler
    assert not settings(tmp_path, FLOWSUPPORT_DATABASE_URL=EXTERNAL).transaction_pooler
    pooled = settings(
        tmp_path, FLOWSUPPORT_DATABASE_URL=EXTERNAL, FLOWSUPPORT_DATABASE_POOLER="transaction"
    )
    assert pooled.transaction_pooler
    for bad in ({"FLOWSUPPORT_DATABASE_URL": EXTERNAL, "FLOWSUPPORT_DATABASE_POOLER": "session"},
                {"FLOWSUPPORT_DATABASE_POOLER": "transaction"}):  # fmt: skip
        with pytest.raises(ConfigError, match="FLOWSUPPORT_DATABASE_POOLER"):
            settings(tmp_path, **bad)


async def test_the_urls_carry_the_pooler_and_migrations_refuse_it(tmp_path: Path) -> None:
    """Every connection on the application URL learns of the pooler from DatabaseUrls; with
    no separate owner URL, migrating (a session advisory lock) stops before connecting."""
    pooled = settings(
        tmp_path, FLOWSUPPORT_DATABASE_URL=EXTERNAL, FLOWSUPPORT_DATABASE_POOLER="transaction"
    )
    async with database_urls(pooled) as urls:
        assert urls == DatabaseUrls(app=EXTERNAL, owner=EXTERNAL, transaction_pooler=True)
    with pytest.raises(StartupError, match="FLOWSUPPORT_MIGRATION_DATABASE_URL"):
        await prepare(urls, run_migrations=True)


@pytest.fixture
def front(cluster: EmbeddedLocation) -> Iterator[pgbouncer.PgBouncer]:
    """A pgbouncer of this test's own in front of the suite's cluster, with two server
    connections per database: every client shares them, transaction by transaction."""
    if pgbouncer.binary() is None:
        service_missing("pgbouncer is not installed (apt-get install pgbouncer)")
    with pgbouncer.pgbouncer(cluster.socket_dir, pool_size=2) as running:
        yield running


def database_of(urls: DatabaseUrls) -> str:
    return urlsplit(urls.owner).path.lstrip("/")


async def test_units_share_backends_and_never_each_others_tenant(
    front: pgbouncer.PgBouncer, fresh_urls: DatabaseUrls
) -> None:
    """Eight pooled client connections over two server connections: forty concurrent units
    of two tenants each see only their own rows, and the context dies with each one."""
    url = front.url(EMBEDDED_APP_ROLE, database_of(fresh_urls))
    db = await Database.connect(url, max_size=8, transaction_pooler=True)
    try:
        a, b = await seed_tenant(db, "A"), await seed_tenant(db, "B")

        async def look(seeded: Seeded) -> tuple[int, set[uuid.UUID]]:
            async with db.unit(seeded.as_agent) as conn:
                pid = await conn.fetchval("SELECT pg_backend_pid()")
                await asyncio.sleep(0.01)  # hold the server connection while others queue
                rows = await conn.fetch("SELECT tenant_id FROM conversations")
                return int(pid), {row["tenant_id"] for row in rows}

        tenants = [a, b] * 20
        seen = await asyncio.gather(*(look(seeded) for seeded in tenants))
        for seeded, (_pid, visible) in zip(tenants, seen, strict=True):
            assert visible == {seeded.tenant.id}
        assert len({pid for pid, _ in seen}) <= 2  # the pooler's two, shared
        assert db.pool_use()[0] > 2  # by more client connections than that
        async with db.anonymous() as conn:
            assert not await conn.fetchval("SELECT current_setting('app.tenant_id', true)")
            assert await conn.fetchval("SELECT count(*) FROM conversations") == 0
    finally:
        await db.close()


async def test_a_statement_cache_breaks_in_transaction_mode_and_none_does_not(
    front: pgbouncer.PgBouncer, fresh_urls: DatabaseUrls
) -> None:
    """Why the setting exists: a statement prepared on one server connection is missing on
    the next when another client holds the first; without asyncpg's cache nothing is."""
    url = front.url(EMBEDDED_APP_ROLE, database_of(fresh_urls))
    for cache, breaks in ((100, True), (0, False)):
        mine = await asyncpg.connect(url, statement_cache_size=cache)
        other = await asyncpg.connect(url, statement_cache_size=cache)
        try:
            assert await mine.fetchval("SELECT 41 + $1::int", 1) == 42  # prepared on X
            async with other.transaction():
                await other.execute("SELECT pg_backend_pid()")  # holds X
                if breaks:
                    with pytest.raises(asyncpg.InvalidSQLStatementNameError):
                        await mine.fetchval("SELECT 41 + $1::int", 1)  # runs on Y
                else:
                    assert await mine.fetchval("SELECT 41 + $1::int", 1) == 42
        finally:
            await mine.close()
            await other.close()


@pytest.fixture
def pooled_server(front: pgbouncer.PgBouncer, fresh_urls: DatabaseUrls) -> Iterator[LiveServer]:
    """`serve` with its application role through the pgbouncer, migrations direct."""
    env = {
        "FLOWSUPPORT_DATABASE_URL": front.url(EMBEDDED_APP_ROLE, database_of(fresh_urls)),
        "FLOWSUPPORT_MIGRATION_DATABASE_URL": fresh_urls.owner,
        "FLOWSUPPORT_DATABASE_POOLER": "transaction",
        "FLOWSUPPORT_INPROCESS_JOBS": "on",
    }
    with (
        tempfile.TemporaryDirectory(prefix="fs-pooled-") as data_dir,
        running_server(Path(data_dir), extra_env=env) as server,
    ):
        yield server


async def test_a_server_behind_pgbouncer_keeps_tenants_apart(
    pooled_server: LiveServer, fresh_urls: DatabaseUrls
) -> None:
    """The CLI and a real server through pgbouncer in transaction mode: two tenants' visitors
    write at once, and each tenant's agent sees its own conversations and never the other's."""
    agents, widget_keys = [], []
    for name in ("Pooled A", "Pooled B"):
        made = pooled_server.cli_json(
            "tenant", "create", "--name", name, "--origin", ORIGIN, "--no-ai"
        )
        widget_keys.append(made["widget_key"])
        email = f"agent-{uuid.uuid4().hex[:8]}@pooled.example"
        pooled_server.cli_json(
            "user", "create", "--tenant", name, "--email", email,
            "--password", "agent-pass-1", "--role", "agent",
        )  # fmt: skip
        agents.append(email)

    async def visitor_writes(widget_key: str, n: int) -> str:
        async with session(pooled_server.ws_url, {"widget_key": widget_key}, origin=ORIGIN) as v:
            started = await v.ok({"type": "conversation.start"})
            conversation_id = str(started["conversation"]["id"])
            for i in range(3):
                await v.say(conversation_id, f"question {n}.{i}", f"m-{n}-{i}")
            return conversation_id

    writers = [visitor_writes(widget_keys[n % 2], n) for n in range(6)]
    started = await asyncio.gather(*writers)
    own = [set(started[0::2]), set(started[1::2])]
    async with httpx.AsyncClient(base_url=pooled_server.base_url, timeout=30) as http:
        for index, email in enumerate(agents):
            login = await http.post(
                "/v1/auth/login", json={"email": email, "password": "agent-pass-1"}
            )
            staff = {"authorization": f"Bearer {login.json()['access_token']}"}
            listed = (await http.get("/v1/conversations", headers=staff)).json()
            assert {c["id"] for c in listed["conversations"]} == own[index]
            theirs = next(iter(own[1 - index]))
            assert (await http.get(f"/v1/conversations/{theirs}", headers=staff)).status_code == 404
            mine = next(iter(own[index]))
            page = (await http.get(f"/v1/conversations/{mine}/messages", headers=staff)).json()
            assert len(page["messages"]) == 3
    owner = await asyncpg.connect(fresh_urls.owner)
    try:
        backends = await owner.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND usename = $1",
            EMBEDDED_APP_ROLE,
        )
    finally:
        await owner.close()
    assert backends <= 2  # the server's whole pool went through pgbouncer's two


@pytest.mark.skipif(not pgbouncer.ENABLED, reason="FLOWSUPPORT_TEST_PGBOUNCER=1 only")
async def test_the_suite_itself_runs_behind_pgbouncer(
    cluster: EmbeddedLocation, shared_urls: DatabaseUrls, live_server: LiveServer
) -> None:
    """In pgbouncer mode the application URLs the fixtures hand out, and every server's,
    lead to a pgbouncer in transaction mode: two open clients run on one backend."""
    assert isinstance(cluster, PooledLocation) and cluster.pooler is not None
    assert shared_urls.transaction_pooler
    assert urlsplit(shared_urls.app).port == cluster.pooler.port
    first, second = await connect_app(shared_urls), await connect_app(shared_urls)
    try:
        backend = await first.fetchval("SELECT pg_backend_pid()")
        assert first.get_server_pid() != backend  # the key is pgbouncer's, not the backend's
        assert await second.fetchval("SELECT pg_backend_pid()") == backend
    finally:
        await first.close()
        await second.close()
    assert live_server.env["FLOWSUPPORT_DATABASE_POOLER"] == "transaction"
    assert urlsplit(live_server.env["FLOWSUPPORT_MIGRATION_DATABASE_URL"]).port is None  # direct
    served = await asyncpg.connect(
        live_server.env["FLOWSUPPORT_DATABASE_URL"], statement_cache_size=0
    )
    try:
        assert await served.fetchval("SELECT current_user") == EMBEDDED_APP_ROLE
        assert served.get_server_pid() != await served.fetchval("SELECT pg_backend_pid()")
    finally:
        await served.close()
