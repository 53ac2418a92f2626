"""A database migrated by an earlier release starts on this one, with today's schema.

Migrations 0008-0011 were edited in place after they had landed (e6dbf1d). A database
migrated before that recorded their older checksums and ran their older append_message
definitions. tests/store/data/migrations_56c66c4 holds 0008-0011 as they were just before;
a database made from them the way that release's runner did is migrated by today's
runner, and its catalogs must equal those of a freshly migrated database.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from server.store.embedded import EmbeddedLocation
from server.store.migrate import SUPERSEDED_CHECKSUMS, load_migrations, migrate, pending
from server.store.posture import check_posture
from server.store.provision import DatabaseUrls, prepare
from tests.conftest import connect_app, create_database
from tests.live import running_server

RELEASE = Path(__file__).resolve().parent / "data" / "migrations_56c66c4"
MIGRATIONS = Path(__file__).resolve().parents[2] / "server" / "store" / "migrations"

# What the runner of 56c66c4 did besides running each file in a transaction of its own
# (server/store/migrate.py there, unchanged since 43b58d8).
RELEASE_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""
RELEASE_APPLIED_VERSIONS_FUNCTION = """
CREATE OR REPLACE FUNCTION applied_migration_versions() RETURNS SETOF integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT version FROM schema_migrations $$;
REVOKE ALL ON FUNCTION applied_migration_versions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION applied_migration_versions() TO flowsupport_app;
"""

# The catalogs that make up the schema, each as sorted rows of text.
SCHEMA_QUERIES = {
    "relations": """
        SELECT c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity,
               pg_get_userbyid(c.relowner), c.relacl::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')""",
    "columns": """
        SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
               a.attnotnull, a.attidentity, pg_get_expr(d.adbin, d.adrelid), a.attacl::text
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
          AND a.attnum > 0 AND NOT a.attisdropped""",
    "constraints": """
        SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace""",
    "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
    "policies": """
        SELECT tablename, policyname, permissive, roles::text, cmd, qual, with_check
        FROM pg_policies WHERE schemaname = 'public'""",
    "functions": """
        SELECT p.proname, pg_get_function_identity_arguments(p.oid), pg_get_functiondef(p.oid),
               p.prosecdef, p.proconfig::text, pg_get_userbyid(p.proowner), p.proacl::text
        FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_depend d  -- pgvector's and pg_trgm's own
                          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                            AND d.deptype = 'e')""",
    "triggers": """
        SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid)
        FROM pg_trigger WHERE NOT tgisinternal""",
    "extensions": "SELECT extname, pg_get_userbyid(extowner) FROM pg_extension",
    "schema": "SELECT nspname, nspacl::text FROM pg_namespace WHERE nspname = 'public'",
}


async def schema_of(dsn: str) -> dict[str, list[tuple[Any, ...]]]:
    conn = await asyncpg.connect(dsn)
    try:
        return {
            name: sorted(tuple(str(v) for v in row) for row in await conn.fetch(query))
            for name, query in SCHEMA_QUERIES.items()
        }
    finally:
        await conn.close()


def release_files(up_to: int) -> list[Path]:
    """That release's 0001-0011: the files it edited since (0008-0011) as they were then,
    kept under data/; the others are today's, unchanged since (CHECKSUMS proves it)."""
    edited = sorted(RELEASE.glob("*.sql"))
    assert [int(p.name[:4]) for p in edited] == list(range(8, 12))
    unchanged = sorted(MIGRATIONS.glob("000[1-7]_*.sql"))
    assert [int(p.name[:4]) for p in unchanged] == list(range(1, 8))
    return [*unchanged, *edited][:up_to]


async def migrate_as_the_release(urls: DatabaseUrls, up_to: int) -> None:
    """What `flowsupport migrate` of that release did to a new database, up to a version."""
    conn = await asyncpg.connect(urls.owner)
    try:
        await conn.execute(RELEASE_LEDGER)
        for path in release_files(up_to):
            sql = path.read_text(encoding="utf-8")
            async with conn.transaction():
                await conn.execute(sql)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    int(path.name[:4]),
                    path.name,
                    hashlib.sha256(sql.encode()).hexdigest(),
                )
        await conn.execute(RELEASE_APPLIED_VERSIONS_FUNCTION)
    finally:
        await conn.close()


def test_the_release_files_are_the_superseded_ones() -> None:
    """The copies are true: 0001-0007 as today, 0008-0011 the texts the runner accepts."""
    current = {m.version: m.checksum for m in load_migrations()}
    for path in release_files(11):
        version = int(path.name[:4])
        checksum = hashlib.sha256(path.read_text(encoding="utf-8").encode()).hexdigest()
        if version in SUPERSEDED_CHECKSUMS:
            assert checksum in SUPERSEDED_CHECKSUMS[version], path.name
        else:
            assert checksum == current[version], path.name
    assert sorted(SUPERSEDED_CHECKSUMS) == [8, 9, 10, 11]


@pytest.mark.parametrize(
    "up_to",
    [
        pytest.param(8, id="88692b3"),  # old 0008
        pytest.param(9, id="ddbbc43"),  # old 0008-0009
        pytest.param(11, id="56c66c4"),  # old 0008-0011: the last release before the edits
    ],
)
async def test_a_database_of_the_release_migrates_to_todays_schema(
    cluster: EmbeddedLocation, fresh_urls: DatabaseUrls, up_to: int
) -> None:
    urls = await create_database(cluster, None)
    await migrate_as_the_release(urls, up_to)
    applied = await prepare(urls, run_migrations=True)  # posture checked as the app role
    assert applied == [m.name for m in load_migrations() if m.version > up_to]
    assert await schema_of(urls.owner) == await schema_of(fresh_urls.owner)
    await prepare(urls, run_migrations=False)  # production's start: nothing pending
    app = await connect_app(urls)
    try:
        assert await pending(app) == []
        await check_posture(app)
    finally:
        await app.close()


async def test_replaceable_functions_are_reapplied_on_every_run(fresh_urls: DatabaseUrls) -> None:
    """An append_message left different (an older body) is put back by the next migrate()."""
    expected = await schema_of(fresh_urls.owner)
    conn = await asyncpg.connect(fresh_urls.owner)
    try:
        definition = await conn.fetchval("SELECT pg_get_functiondef('append_message'::regproc)")
        await conn.execute(definition.replace("'email', 'sms', 'whatsapp'", "'email'"))
        assert await schema_of(fresh_urls.owner) != expected  # the comparison sees bodies
        assert await migrate(conn) == []
        count = await conn.fetchval(
            "SELECT count(*) FROM pg_proc WHERE proname = $1", "append_message"
        )
    finally:
        await conn.close()
    assert count == 1
    assert await schema_of(fresh_urls.owner) == expected


async def test_serve_starts_on_a_database_of_the_release(
    cluster: EmbeddedLocation, fresh_urls: DatabaseUrls
) -> None:
    """A real `flowsupport serve` (development: it migrates first) on the release's database
    becomes ready, and leaves it with today's schema."""
    urls = await create_database(cluster, None)
    await migrate_as_the_release(urls, 11)
    env = {"FLOWSUPPORT_DATABASE_URL": urls.app, "FLOWSUPPORT_MIGRATION_DATABASE_URL": urls.owner}
    with (
        tempfile.TemporaryDirectory(prefix="fs-release-") as data_dir,
        running_server(Path(data_dir), extra_env=env) as server,  # waits for /readyz
    ):
        ready = httpx.get(f"{server.base_url}/readyz", timeout=10)
    assert ready.status_code == 200
    assert await schema_of(urls.owner) == await schema_of(fresh_urls.owner)
