"""Shared fixtures: one embedded PostgreSQL (PostgreSQL 18 + pgvector) for the whole run.

Each test module that needs isolation gets a fresh database migrated from a template;
most tests share one migrated database and isolate themselves by creating their own
tenants. ``FLOWSUPPORT_TEST_TIMEOUT_SCALE`` stretches every wait on slow machines.
``FLOWSUPPORT_TEST_PGBOUNCER=1`` puts a pgbouncer in transaction mode in front of every
cluster: the application role's URLs handed out here (and every `running_server`'s) go
through it; the owner's stay direct, as migrations need (tests/pgbouncer.py).
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import asyncpg
import httpx
import pytest

from server.domain.access import SecurityContext
from server.services.admin import AdminService
from server.store.db import Database, statement_cache_size
from server.store.embedded import EmbeddedLocation, EmbeddedPostgres
from server.store.migrate import quote_ident
from server.store.provision import (
    EMBEDDED_APP_ROLE,
    DatabaseUrls,
    bootstrap_embedded,
    embedded_database_urls,
    prepare,
)
from tests import pgbouncer
from tests.helpers import Seeded, seed_tenant
from tests.live import LiveServer, running_server
from tests.provision import Tenant, provision

TEMPLATE = "fs_template"


def pytest_configure(config: pytest.Config) -> None:
    """Asked to run behind PgBouncer, a machine without it fails at once, never skips."""
    if pgbouncer.ENABLED and pgbouncer.binary() is None:
        raise pytest.UsageError(
            "FLOWSUPPORT_TEST_PGBOUNCER=1 but pgbouncer is not installed (apt-get install "
            "pgbouncer)"
        )


def pytest_report_header() -> str:
    if pgbouncer.ENABLED:
        return "database: application connections through pgbouncer, pool_mode=transaction"
    return "database: direct (FLOWSUPPORT_TEST_PGBOUNCER=1 puts pgbouncer in between)"


@dataclass(frozen=True)
class PooledLocation(EmbeddedLocation):
    """The suite's cluster and the pgbouncer in front of it (FLOWSUPPORT_TEST_PGBOUNCER=1)."""

    pooler: pgbouncer.PgBouncer | None = None


@pytest.fixture(scope="session")
def cluster() -> Iterator[EmbeddedLocation]:
    """The embedded PostgreSQL every database test runs against, started once; with a
    pgbouncer in front in pgbouncer mode."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-test-"))
    server = EmbeddedPostgres(data_dir)
    location = server.acquire()
    try:
        if not pgbouncer.ENABLED:
            yield location
        else:
            with pgbouncer.pgbouncer(location.socket_dir) as front:
                yield PooledLocation(location.superuser_dsn, location.socket_dir, front)
    finally:
        server.release()
        shutil.rmtree(data_dir, ignore_errors=True)


def database_urls_in(cluster: EmbeddedLocation, database: str) -> DatabaseUrls:
    """A database's URLs: the application role's through the cluster's pgbouncer when it has
    one, the owner's always direct (migrations hold a session advisory lock)."""
    direct = embedded_database_urls(cluster.socket_dir, database)
    if not isinstance(cluster, PooledLocation) or cluster.pooler is None:
        return direct
    return replace(
        direct, app=cluster.pooler.url(EMBEDDED_APP_ROLE, database), transaction_pooler=True
    )


@pytest.fixture(scope="session")
async def template(cluster: EmbeddedLocation) -> str:
    """A migrated database to copy: CREATE DATABASE ... TEMPLATE is much faster than migrating.
    Made over direct connections: CREATE DATABASE refuses a template with sessions on it, and
    a pooler keeps idle ones open."""
    await bootstrap_embedded(cluster.superuser_dsn, TEMPLATE)
    await prepare(embedded_database_urls(cluster.socket_dir, TEMPLATE), run_migrations=True)
    return TEMPLATE


async def create_database(cluster: EmbeddedLocation, template: str | None) -> DatabaseUrls:
    """A new database in the cluster, migrated when copied from `template`."""
    name = f"fs_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(cluster.superuser_dsn)
    try:
        clause = f" TEMPLATE {quote_ident(template)}" if template else ""
        await conn.execute(f"CREATE DATABASE {quote_ident(name)}{clause}")
    finally:
        await conn.close()
    return database_urls_in(cluster, name)


@pytest.fixture(scope="session")
async def shared_urls(cluster: EmbeddedLocation, template: str) -> DatabaseUrls:
    return await create_database(cluster, template)


@pytest.fixture
async def fresh_urls(cluster: EmbeddedLocation, template: str) -> DatabaseUrls:
    """A migrated database of this test's own, for tests that change the schema."""
    return await create_database(cluster, template)


@pytest.fixture(scope="session")
async def db(shared_urls: DatabaseUrls) -> AsyncIterator[Database]:
    """A pool as the application role (row-level security applies)."""
    database = await Database.connect(
        shared_urls.app, max_size=10, transaction_pooler=shared_urls.transaction_pooler
    )
    yield database
    await database.close()


@pytest.fixture
async def app_conn(shared_urls: DatabaseUrls) -> AsyncIterator[asyncpg.Connection]:
    """A raw connection as the application role, for SQL-level checks."""
    conn = await connect_app(shared_urls)
    yield conn
    await conn.close()


async def connect_app(urls: DatabaseUrls) -> asyncpg.Connection:
    """A plain connection as the application role; behind a transaction pooler without
    asyncpg's statement cache (its named statements would not survive a transaction)."""
    return await asyncpg.connect(
        urls.app, statement_cache_size=statement_cache_size(urls.transaction_pooler)
    )


@pytest.fixture
async def owner_conn(shared_urls: DatabaseUrls) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(shared_urls.owner)
    yield conn
    await conn.close()


@pytest.fixture
def admin(db: Database) -> AdminService:
    return AdminService(db)


@pytest.fixture(scope="module")
async def tenant_a(db: Database) -> Seeded:
    return await seed_tenant(db, "A")


@pytest.fixture(scope="module")
async def tenant_b(db: Database) -> Seeded:
    return await seed_tenant(db, "B")


def operator() -> SecurityContext:
    return SecurityContext.operator()


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    """One real `flowsupport serve` on a fresh data dir for the whole run."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-live-"))
    try:
        with running_server(data_dir) as server:
            yield server
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def http(live_server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=30) as client:
        yield client


@pytest.fixture
async def shop(live_server: LiveServer) -> Tenant:
    """A tenant on the live server with two agents, a bot key and a widget key."""
    return await provision(live_server)


@pytest.fixture
async def other_shop(live_server: LiveServer) -> Tenant:
    return await provision(live_server)


@pytest.fixture
def empty_server(fresh_urls: DatabaseUrls) -> Iterator[LiveServer]:
    """`serve` on a migrated database with no tenant in it."""
    env = {
        "FLOWSUPPORT_DATABASE_URL": fresh_urls.app,
        "FLOWSUPPORT_MIGRATION_DATABASE_URL": fresh_urls.owner,
    }
    with (
        tempfile.TemporaryDirectory(prefix="fs-setup-") as data_dir,
        running_server(Path(data_dir), extra_env=env) as server,
    ):
        yield server
