"""Migrations: forward-only, once under concurrency, and the server requirements check."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest

from server.errors import DatabaseRequirementError, StartupError
from server.store import migrate as migrate_module
from server.store.embedded import EmbeddedLocation
from server.store.migrate import check_server, load_migrations, migrate, pending
from server.store.provision import DatabaseUrls, prepare
from tests.conftest import connect_app, create_database
from tests.live import service_missing

# The distribution PostgreSQL 15 this machine runs, without pgvector.
PLAIN_POSTGRES = os.environ.get(
    "FLOWSUPPORT_TEST_PLAIN_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


async def test_concurrent_migrations_apply_once(cluster: EmbeddedLocation) -> None:
    """Three processes' worth of migrate() at once: each file applied exactly once."""
    urls = await create_database(cluster, None)
    conns = [await asyncpg.connect(urls.owner) for _ in range(3)]
    try:
        applied = await asyncio.gather(*(migrate(c) for c in conns))
        rows = await conns[0].fetch("SELECT version, checksum FROM schema_migrations ORDER BY 1")
    finally:
        for conn in conns:
            await conn.close()
    names = [m.name for m in load_migrations()]
    assert sorted(name for batch in applied for name in batch) == sorted(names)
    assert [r["checksum"] for r in rows] == [m.checksum for m in load_migrations()]


async def test_edited_migration_is_refused(cluster: EmbeddedLocation) -> None:
    """An applied migration whose file changed stops the process instead of diverging."""
    urls = await create_database(cluster, None)
    conn = await asyncpg.connect(urls.owner)
    try:
        await migrate(conn)
        await conn.execute("UPDATE schema_migrations SET checksum = 'x' WHERE version = 2")
        with pytest.raises(StartupError, match="was changed after it was applied"):
            await migrate(conn)
    finally:
        await conn.close()


async def test_embedded_server_meets_requirements(cluster: EmbeddedLocation) -> None:
    """The embedded PostgreSQL has pgvector and pg_trgm."""
    conn = await asyncpg.connect(cluster.superuser_dsn)
    try:
        await check_server(conn, "embedded")
    finally:
        await conn.close()


async def plain_postgres() -> asyncpg.Connection:
    try:
        return await asyncpg.connect(PLAIN_POSTGRES, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        service_missing(f"no plain PostgreSQL at {PLAIN_POSTGRES}: {exc}")


async def test_postgres_without_pgvector_is_refused() -> None:
    """PostgreSQL 15 without the vector extension: one line that says what and how."""
    conn = await plain_postgres()
    try:
        if await conn.fetchval("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'"):
            pytest.skip("this PostgreSQL has pgvector; the refusal cannot be shown")
        with pytest.raises(DatabaseRequirementError) as caught:
            await check_server(conn, "FLOWSUPPORT_DATABASE_URL")
    finally:
        await conn.close()
    message = str(caught.value)
    assert "\n" not in message
    assert "lacks the vector extension" in message
    assert "pgvector" in message
    assert "FLOWSUPPORT_DATABASE_URL" in message


async def test_serve_refuses_postgres_without_pgvector(tmp_path: object) -> None:
    """`flowsupport migrate` against it exits 1 with that one line on stderr and no traceback."""
    conn = await plain_postgres()
    await conn.close()
    env = {
        **os.environ,
        "FLOWSUPPORT_DATABASE_URL": PLAIN_POSTGRES,
        "FLOWSUPPORT_DATA_DIR": str(tmp_path),
    }
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "server", "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "lacks the vector extension" in lines[0]


async def test_production_start_checks_migrations_as_the_application_role(
    fresh_urls: DatabaseUrls,
) -> None:
    """`serve` in production (external database, no auto-migrate) verifies the schema as the
    application role, which cannot read schema_migrations: it must pass once migrated, and
    name `flowsupport migrate` before that."""
    urls = fresh_urls
    await prepare(urls, run_migrations=True)
    app = await connect_app(urls)
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await app.fetch("SELECT version FROM schema_migrations")  # the premise
        assert await pending(app) == []
    finally:
        await app.close()
    await prepare(urls, run_migrations=False)  # the production path: no privilege error


def test_an_installation_without_its_functions_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Package data without store/functions/*.sql stops before migrating, saying so."""
    monkeypatch.setattr(migrate_module, "files", lambda _package: tmp_path)
    with pytest.raises(StartupError, match=r"functions/\*\.sql is missing"):
        migrate_module.load_functions()
