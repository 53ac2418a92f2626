"""Shared fixtures: one embedded PostgreSQL (PostgreSQL 18 + pgvector) for the whole run.

Each test module that needs isolation gets a fresh database migrated from a template;
most tests share one migrated database and isolate themselves by creating their own
tenants. ``FLOWSUPPORT_TEST_TIMEOUT_SCALE`` stretches every wait on slow machines.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from server.domain.access import SecurityContext
from server.services.admin import AdminService
from server.store.db import Database
from server.store.embedded import EmbeddedLocation, EmbeddedPostgres
from server.store.migrate import quote_ident
from server.store.provision import (
    DatabaseUrls,
    bootstrap_embedded,
    embedded_database_urls,
    prepare,
)
from tests.helpers import Seeded, seed_tenant
from tests.live import LiveServer, running_server
from tests.provision import Tenant, provision

TEMPLATE = "fs_template"


@pytest.fixture(scope="session")
def cluster() -> Iterator[EmbeddedLocation]:
    """The embedded PostgreSQL every database test runs against, started once."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-test-"))
    server = EmbeddedPostgres(data_dir)
    location = server.acquire()
    try:
        yield location
    finally:
        server.release()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
async def template(cluster: EmbeddedLocation) -> str:
    """A migrated database to copy: CREATE DATABASE ... TEMPLATE is much faster than migrating."""
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
    return embedded_database_urls(cluster.socket_dir, name)


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
    database = await Database.connect(shared_urls.app, max_size=10)
    yield database
    await database.close()


@pytest.fixture
async def app_conn(shared_urls: DatabaseUrls) -> AsyncIterator[asyncpg.Connection]:
    """A raw connection as the application role, for SQL-level checks."""
    conn = await asyncpg.connect(shared_urls.app)
    yield conn
    await conn.close()


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
