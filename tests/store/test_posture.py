"""The start-up posture check refuses every way rows could escape row-level security."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest

from server.errors import PostureError
from server.store.embedded import EmbeddedLocation
from server.store.posture import check_posture
from server.store.provision import DatabaseUrls


async def posture_of(dsn: str) -> None:
    # No statement cache: `dsn` may go through a pooler in transaction mode (tests/pgbouncer.py).
    conn = await asyncpg.connect(dsn, statement_cache_size=0)
    try:
        await check_posture(conn)
    finally:
        await conn.close()


@pytest.fixture
async def owner(fresh_urls: DatabaseUrls) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(fresh_urls.owner)
    yield conn
    await conn.close()


@pytest.fixture
async def temp_role(fresh_urls: DatabaseUrls) -> AsyncIterator[str]:
    """A login role made for one test, dropped after it."""
    name = f"probe_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(fresh_urls.owner)
    try:
        await conn.execute(f"CREATE ROLE {name} LOGIN IN ROLE flowsupport_app")
        yield name
        await conn.execute(f"REASSIGN OWNED BY {name} TO CURRENT_USER")
        await conn.execute(f"DROP ROLE {name}")
    finally:
        await conn.close()


def dsn_as(urls: DatabaseUrls, role: str) -> str:
    return urls.app.replace("postgresql://flowsupport@", f"postgresql://{role}@", 1)


async def test_migrated_database_passes(fresh_urls: DatabaseUrls) -> None:
    """The posture the migrations build is accepted."""
    await posture_of(fresh_urls.app)


async def test_superuser_is_refused(fresh_urls: DatabaseUrls) -> None:
    """Connecting as a superuser would bypass every policy: refused, saying so."""
    with pytest.raises(PostureError, match="is a superuser"):
        await posture_of(fresh_urls.owner)


async def test_bypassrls_is_refused(
    fresh_urls: DatabaseUrls, owner: asyncpg.Connection, temp_role: str
) -> None:
    """A role with BYPASSRLS is refused."""
    await owner.execute(f"ALTER ROLE {temp_role} BYPASSRLS")
    with pytest.raises(PostureError, match="has BYPASSRLS"):
        await posture_of(dsn_as(fresh_urls, temp_role))


async def test_membership_in_a_bypassing_role_is_refused(
    fresh_urls: DatabaseUrls, owner: asyncpg.Connection, temp_role: str
) -> None:
    """Power gained through role membership counts too."""
    boss = f"boss_{uuid.uuid4().hex[:8]}"
    await owner.execute(f"CREATE ROLE {boss} NOLOGIN BYPASSRLS")
    await owner.execute(f"GRANT {boss} TO {temp_role}")
    try:
        with pytest.raises(PostureError, match=f"membership in {boss}"):
            await posture_of(dsn_as(fresh_urls, temp_role))
    finally:
        await owner.execute(f"REVOKE {boss} FROM {temp_role}")
        await owner.execute(f"DROP ROLE {boss}")


async def test_owning_a_table_is_refused(
    fresh_urls: DatabaseUrls, owner: asyncpg.Connection, temp_role: str
) -> None:
    """A table owner is exempt from non-forced policies and can drop them: refused."""
    await owner.execute(f"ALTER TABLE contacts OWNER TO {temp_role}")
    with pytest.raises(PostureError, match="owner of table 'contacts'"):
        await posture_of(dsn_as(fresh_urls, temp_role))


async def test_table_without_forced_rls_is_refused(
    fresh_urls: DatabaseUrls, owner: asyncpg.Connection
) -> None:
    """ENABLE without FORCE is refused, naming the table."""
    await owner.execute("ALTER TABLE messages NO FORCE ROW LEVEL SECURITY")
    with pytest.raises(PostureError, match="'messages' does not force"):
        await posture_of(fresh_urls.app)


async def test_new_table_without_rls_is_refused(
    fresh_urls: DatabaseUrls, owner: asyncpg.Connection
) -> None:
    """A table added without row-level security is refused even when it looks harmless."""
    await owner.execute("CREATE TABLE notes (tenant_id uuid, body text)")
    with pytest.raises(PostureError, match="'notes' does not enable"):
        await posture_of(fresh_urls.app)


async def test_unmigrated_database_is_refused(cluster: EmbeddedLocation) -> None:
    """An empty database is not a valid posture: the check says to migrate."""
    from tests.conftest import create_database

    urls = await create_database(cluster, None)
    with pytest.raises(PostureError, match="flowsupport migrate"):
        await posture_of(urls.app)
