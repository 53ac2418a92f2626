"""Forward-only SQL migrations, applied under an advisory lock.

Files ``migrations/NNNN_name.sql`` run in order, each in its own transaction, and are
recorded with a checksum: an applied file that later changes is refused rather than
silently diverging. Any number of processes may call :func:`migrate` at once; the lock
makes the others wait and then find nothing to do.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib.resources import files

import asyncpg

from server.errors import DatabaseRequirementError, StartupError

MIGRATION_LOCK = 0x466C6F77  # "Flow": one advisory lock id for the whole schema
MIN_SERVER_VERSION = 150000
REQUIRED_EXTENSIONS = {
    "vector": "pgvector (https://github.com/pgvector/pgvector: e.g. the postgresql-NN-pgvector "
    "package, or RDS/Aurora with pgvector enabled)",
    "pg_trgm": "pg_trgm (the PostgreSQL contrib package)",
}
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations() -> list[Migration]:
    """The migrations shipped with this build, in version order."""
    found = []
    for entry in files("server.store").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text()))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StartupError(f"migration files are not numbered 1..N without gaps: {versions}")
    return found


async def check_server(conn: asyncpg.Connection, where: str) -> None:
    """Refuse, in one line, a PostgreSQL that is too old or lacks a required extension."""
    version = int(await conn.fetchval("SHOW server_version_num"))
    if version < MIN_SERVER_VERSION:
        shown = await conn.fetchval("SHOW server_version")
        raise DatabaseRequirementError(
            f"{where}: PostgreSQL {shown} is too old; FlowSupport needs PostgreSQL 15 or newer"
        )
    rows = await conn.fetch(
        "SELECT name FROM pg_available_extensions WHERE name = ANY($1::text[])",
        list(REQUIRED_EXTENSIONS),
    )
    missing = sorted(set(REQUIRED_EXTENSIONS) - {r["name"] for r in rows})
    if missing:
        shown = await conn.fetchval("SHOW server_version")
        how = "; ".join(f"{name}: install {REQUIRED_EXTENSIONS[name]}" for name in missing)
        raise DatabaseRequirementError(
            f"{where}: PostgreSQL {shown} lacks the {', '.join(missing)} extension "
            f"({how}), or unset FLOWSUPPORT_DATABASE_URL to use the embedded PostgreSQL"
        )


# Lets the application role check that the schema is current without reading the table
# (it owns nothing and may reach only tables under row-level security).
APPLIED_VERSIONS_FUNCTION = """
CREATE OR REPLACE FUNCTION applied_migration_versions() RETURNS SETOF integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT version FROM schema_migrations $$;
REVOKE ALL ON FUNCTION applied_migration_versions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION applied_migration_versions() TO flowsupport_app;
"""


async def migrate(conn: asyncpg.Connection) -> list[str]:
    """Apply pending migrations; return the names applied by this call."""
    migrations = load_migrations()
    applied_now: list[str] = []
    await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
    try:
        await conn.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """
        )
        done = {r["version"]: r for r in await conn.fetch("SELECT * FROM schema_migrations")}
        latest = migrations[-1].version if migrations else 0
        if done and max(done) > latest:
            raise StartupError(
                f"the database schema is at version {max(done)}, newer than this build's "
                f"{latest}: upgrade FlowSupport instead of running an older release"
            )
        for migration in migrations:
            record = done.get(migration.version)
            if record is not None:
                if record["checksum"] != migration.checksum:
                    raise StartupError(
                        f"migration {migration.name} was changed after it was applied; "
                        "migrations are forward-only: add a new one instead"
                    )
                continue
            async with conn.transaction():
                await conn.execute(migration.sql)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    migration.version,
                    migration.name,
                    migration.checksum,
                )
            applied_now.append(migration.name)
        await conn.execute(APPLIED_VERSIONS_FUNCTION)
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    return applied_now


async def pending(conn: asyncpg.Connection) -> list[str]:
    """Migrations this build has that the database has not applied (the read-only check
    `serve` makes as the application role, which may not read schema_migrations itself)."""
    if await conn.fetchval("SELECT to_regprocedure('applied_migration_versions()') IS NOT NULL"):
        rows = await conn.fetch("SELECT * FROM applied_migration_versions()")
        done = {int(r[0]) for r in rows}
    elif await conn.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL"):
        try:
            done = {r["version"] for r in await conn.fetch("SELECT version FROM schema_migrations")}
        except asyncpg.InsufficientPrivilegeError:
            raise StartupError(
                "cannot tell which migrations this database has: run `flowsupport migrate` "
                "with this version (as the owner, FLOWSUPPORT_MIGRATION_DATABASE_URL)"
            ) from None
    else:
        done = set()
    return [m.name for m in load_migrations() if m.version not in done]


async def grant_application_role(conn: asyncpg.Connection, login_role: str) -> None:
    """Make the application's login role a member of flowsupport_app (idempotent)."""
    is_owner = await conn.fetchval("SELECT $1 = current_user", login_role)
    if is_owner:
        return  # the posture check explains why the owner cannot be the application role
    exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", login_role)
    if not exists:
        raise StartupError(
            f"the application role {login_role!r} of FLOWSUPPORT_DATABASE_URL does not exist: "
            f"CREATE ROLE {login_role} LOGIN PASSWORD '...' as the database owner"
        )
    await conn.execute(f"GRANT flowsupport_app TO {quote_ident(login_role)}")


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (for the few statements that cannot take parameters)."""
    return '"' + name.replace('"', '""') + '"'
