"""Find or start the database, migrate it, and prove the security posture before serving.

With ``FLOWSUPPORT_DATABASE_URL`` unset the embedded PostgreSQL runs under the data dir:
migrations run as its superuser and the application logs in as ``flowsupport``, a plain
member of ``flowsupport_app``. With it set, it is the application's role, and migrations
run as ``FLOWSUPPORT_MIGRATION_DATABASE_URL`` (the schema owner; defaults to the same URL,
which the posture check then refuses, saying why). Behind a pooler in transaction mode
(``FLOWSUPPORT_DATABASE_POOLER=transaction``) the application's connections keep no
server-side prepared statements, and migrations, which hold a session advisory lock, must
come through a direct ``FLOWSUPPORT_MIGRATION_DATABASE_URL``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from server.config import Settings
from server.errors import StartupError
from server.store.db import statement_cache_size
from server.store.embedded import EmbeddedPostgres
from server.store.migrate import check_server, grant_application_role, migrate, pending, quote_ident
from server.store.posture import check_posture

EMBEDDED_DATABASE = "flowsupport"
EMBEDDED_APP_ROLE = "flowsupport"


@dataclass(frozen=True)
class DatabaseUrls:
    app: str  # the application's login: row-level security applies to it
    owner: str  # the schema owner: runs migrations
    # `app` reaches PostgreSQL through a pooler in transaction mode (PgBouncer, RDS Proxy):
    # every connection to it must keep nothing between transactions (Database.connect).
    transaction_pooler: bool = False


@asynccontextmanager
async def database_urls(settings: Settings) -> AsyncIterator[DatabaseUrls]:
    """The URLs to use; starts (or joins) the embedded server for the block's duration."""
    if settings.database_url is not None:
        yield DatabaseUrls(
            app=settings.database_url,
            owner=settings.migration_database_url or settings.database_url,
            transaction_pooler=settings.transaction_pooler,
        )
        return
    embedded = EmbeddedPostgres(settings.data_dir)
    location = await asyncio.to_thread(embedded.acquire)
    try:
        await bootstrap_embedded(location.superuser_dsn, EMBEDDED_DATABASE)
        yield embedded_database_urls(location.socket_dir, EMBEDDED_DATABASE)
    finally:
        await asyncio.to_thread(embedded.release)


def embedded_database_urls(socket_dir: Path, database: str) -> DatabaseUrls:
    host = f"host={socket_dir}"
    return DatabaseUrls(
        app=f"postgresql://{EMBEDDED_APP_ROLE}@/{database}?{host}",
        owner=f"postgresql://postgres@/{database}?{host}",
    )


async def prepare(urls: DatabaseUrls, *, run_migrations: bool) -> list[str]:
    """Check the server, migrate when asked, then verify the posture as the application role.

    Returns the migrations applied. Raises StartupError (one line) when anything is wrong.
    """
    applied: list[str] = []
    if run_migrations and urls.transaction_pooler and urls.owner == urls.app:
        raise StartupError(
            "migrations hold a session advisory lock, which a pooler in transaction mode "
            "(FLOWSUPPORT_DATABASE_POOLER=transaction) does not keep: set "
            "FLOWSUPPORT_MIGRATION_DATABASE_URL to a direct connection as the schema owner"
        )
    app = await _connect(
        urls.app, "FLOWSUPPORT_DATABASE_URL", transaction_pooler=urls.transaction_pooler
    )
    try:
        await check_server(app, "FLOWSUPPORT_DATABASE_URL")
        app_role = str(await app.fetchval("SELECT current_user"))
        if run_migrations:
            owner = await _connect(urls.owner, "FLOWSUPPORT_MIGRATION_DATABASE_URL")
            try:
                applied = await migrate(owner)
                await grant_application_role(owner, app_role)
            finally:
                await owner.close()
        else:
            missing = await pending(app)
            if missing:
                raise StartupError(
                    f"the database lacks migrations {', '.join(missing)}: run `flowsupport migrate`"
                )
        await check_posture(app)
    finally:
        await app.close()
    return applied


async def _connect(
    dsn: str, variable: str, *, transaction_pooler: bool = False
) -> asyncpg.Connection:
    try:
        return await asyncpg.connect(
            dsn, timeout=10, statement_cache_size=statement_cache_size(transaction_pooler)
        )
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        raise StartupError(f"{variable}: cannot connect to PostgreSQL: {exc}") from exc


async def bootstrap_embedded(superuser_dsn: str, database: str) -> None:
    """Create an embedded database and the application login once (race-safe)."""
    conn = await asyncpg.connect(superuser_dsn, timeout=10)
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database):
            # Another process won: PostgreSQL says so as a duplicate database, or, when both
            # insert into pg_database at once, as its unique index's violation.
            with suppress(asyncpg.DuplicateDatabaseError, asyncpg.UniqueViolationError):
                await conn.execute(f"CREATE DATABASE {quote_ident(database)}")
        if not await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", EMBEDDED_APP_ROLE):
            with suppress(asyncpg.DuplicateObjectError, asyncpg.UniqueViolationError):
                await conn.execute(
                    f"CREATE ROLE {quote_ident(EMBEDDED_APP_ROLE)} LOGIN NOSUPERUSER NOBYPASSRLS"
                )
    finally:
        await conn.close()
