"""Forward-only SQL migrations, applied under an advisory lock, then the replaceable functions.

Files ``migrations/NNNN_name.sql`` run in order, each in its own transaction, and are
recorded with a checksum: an applied file that later changes is refused rather than
silently diverging. A file that has landed never changes again (their checksums:
``migrations/CHECKSUMS`` up to 0013, then one ``NNNN.sha256`` file per version, each added
with its migration and never edited; tests/store/test_migration_checksums.py holds every
file to them). The one exception is history: :data:`SUPERSEDED_CHECKSUMS` names
the checksums of the few files that were edited in place before that rule was enforced, and
a database that recorded one of them is accepted.

Functions that later migrations kept redefining whole (plpgsql cannot be patched) live in
``functions/NAME.sql``, one file each, as the single current definition: after the
migrations, every run re-applies them all (``CREATE OR REPLACE``, in one transaction, under
the same lock, as the same schema owner), so the file wins over whatever older body a
migration left. A change of a function's arguments or result columns still needs a
migration (one that drops the old signature). A body change needs none, but every build
that migrates re-applies its own files, an older one too, and production `serve` checks
only migrations: ship a body change that must not be undone, or that `serve` must insist
on, with a migration. Any number of processes may call :func:`migrate` at once; the lock
makes the others wait and then find nothing to do but re-apply the same functions.
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
_FUNCTION_NAME = re.compile(r"^[a-z0-9_]+\.sql$")

# Checksums recorded for files that were later edited in place, by version: a database that
# applied the older text is accepted, and what that text did differently is brought in line
# forward. Only history belongs here (it never grows: a landed file never changes again).
#
# 0008-0011 as landed from 88692b3 (0008), ddbbc43 (0009) and 6ba2b86 (0010, 0011) until
# e6dbf1d edited them: 0008, 0010 and 0011 each also redefined append_message whole (0008:
# the 0005 signature plus awaiting_reply_since; 0010: with p_expects_reply and the e-mail
# delivery job; 0011: with the SMS and WhatsApp delivery jobs too), and 0009 created it
# with p_expects_reply but without delivery jobs. Their tables, columns, indexes, policies,
# grants and other functions are byte for byte those of the files as they are now. Nothing
# else is left to bring in line: 0012 drops the 9-argument append_message (which every
# history has by then) and creates it anew, and functions/append_message.sql replaces it
# after every run (tests/store/test_previous_release.py compares the catalogs).
SUPERSEDED_CHECKSUMS: dict[int, frozenset[str]] = {
    8: frozenset({"6c430ab66c7b2b889af1999835e19ebcc247519603d9b8ede72dd218e48b8648"}),
    9: frozenset({"c38add6104ac237d070da2c9a9070f7e7bf845a72f64be096fbf469aa8e92239"}),
    10: frozenset({"1c09f8d7ff4023f48ec26d1f131553f8003efee1564208661bcb25e2a70ea5b0"}),
    11: frozenset({"1c375af7dc9b56ab7e0450fdf70566e50a808d48117316b3e06eafe70a0b1079"}),
}


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
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StartupError(f"migration files are not numbered 1..N without gaps: {versions}")
    return found


@dataclass(frozen=True)
class Function:
    name: str  # the file's name, e.g. append_message.sql
    sql: str


def load_functions() -> list[Function]:
    """The replaceable functions shipped with this build, in file-name order."""
    folder = files("server.store").joinpath("functions")
    entries = list(folder.iterdir()) if folder.is_dir() else []
    found = [
        Function(e.name, e.read_text("utf-8")) for e in entries if _FUNCTION_NAME.match(e.name)
    ]
    if not found:  # an installation without its package data: never migrate half-way
        raise StartupError(
            "server/store/functions/*.sql is missing from this installation: reinstall "
            "FlowSupport (the package data must include store/functions/*.sql)"
        )
    found.sort(key=lambda f: f.name)
    return found


def accepts_checksum(migration: Migration, recorded: str) -> bool:
    """Whether a database that recorded `recorded` for this version applied this file (or
    an older text of it that :data:`SUPERSEDED_CHECKSUMS` accounts for)."""
    return recorded == migration.checksum or recorded in SUPERSEDED_CHECKSUMS.get(
        migration.version, frozenset()
    )


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


async def migrate(conn: asyncpg.Connection) -> list[str]:
    """Apply pending migrations, then re-apply every replaceable function; return the names
    of the migrations applied by this call."""
    migrations = load_migrations()
    functions = load_functions()
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
                if not accepts_checksum(migration, record["checksum"]):
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
        await _apply_functions(conn, functions)
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    return applied_now


async def _apply_functions(conn: asyncpg.Connection, functions: list[Function]) -> None:
    """CREATE OR REPLACE each replaceable function, all or none (the caller holds the lock).

    A replaced function keeps its owner and privileges, so each file states only what it
    always states (its SECURITY, search_path and, where it has them, its grants)."""
    async with conn.transaction():
        for function in functions:
            try:
                await conn.execute(function.sql)
            except asyncpg.PostgresError as exc:
                raise StartupError(
                    f"server/store/functions/{function.name} cannot be applied: {exc} (a "
                    "changed signature or result needs a migration that drops the old one)"
                ) from exc


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
