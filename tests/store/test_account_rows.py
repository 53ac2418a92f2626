"""Row-level security of the account tables (migration 0014), as the application role:
sessions are their user's and their admins', invitations admins', the throttle nobody's
but the pre-authentication functions'."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from server.domain.access import SecurityContext
from server.domain.models import Role
from server.errors import Forbidden
from server.ids import UserId
from server.store import invitations, principals, sessions
from server.store.db import Database
from tests.helpers import Seeded

NOW = datetime.now(UTC)


async def new_session(db: Database, seeded: Seeded, context: SecurityContext) -> uuid.UUID:
    async with db.unit(context) as conn:
        return await sessions.insert(
            conn,
            tenant_id=seeded.tenant.id,
            user_id=UserId(context.user_id or uuid.uuid4()),
            now=NOW,
            expires_at=NOW + timedelta(hours=1),
            user_agent="test",
            address=None,
        )


async def test_a_session_is_its_users_and_its_admins_only(
    db: Database, tenant_a: Seeded, tenant_b: Seeded
) -> None:
    """An agent sees its own sessions, not its admin's; the admin sees both; another
    tenant's admin and a customer see none."""
    mine = await new_session(db, tenant_a, tenant_a.as_agent)
    admins = await new_session(db, tenant_a, tenant_a.as_admin)
    async with db.unit(tenant_a.as_agent) as conn:
        seen = {s.id for s in await sessions.live(conn, tenant_a.tenant.id, tenant_a.agent.id, NOW)}
        assert mine in seen
        assert await sessions.get_live(conn, tenant_a.tenant.id, admins, NOW) is None
    async with db.unit(tenant_a.as_admin) as conn:
        assert await sessions.get_live(conn, tenant_a.tenant.id, mine, NOW) is not None
    for outsider in (tenant_b.as_admin, tenant_a.as_customer):
        async with db.unit(outsider) as conn:
            assert (
                await conn.fetchval("SELECT count(*) FROM user_sessions WHERE id = $1", mine) == 0
            )


async def test_an_agent_cannot_open_a_session_for_someone_else(
    db: Database, tenant_a: Seeded
) -> None:
    """The own-session policy checks the user on insert."""
    with pytest.raises(Forbidden):
        async with db.unit(tenant_a.as_agent) as conn:
            await sessions.insert(
                conn,
                tenant_id=tenant_a.tenant.id,
                user_id=tenant_a.admin.id,
                now=NOW,
                expires_at=NOW + timedelta(hours=1),
                user_agent="",
                address=None,
            )


async def test_invitations_are_admins_only(
    db: Database, tenant_a: Seeded, tenant_b: Seeded
) -> None:
    """An admin's invitation is invisible to its agents and to other tenants."""
    async with db.unit(tenant_a.as_admin) as conn:
        made = await invitations.insert(
            conn,
            tenant_id=tenant_a.tenant.id,
            email=f"{uuid.uuid4().hex[:8]}@rls.example",
            role=Role.AGENT,
            token_hash=uuid.uuid4().bytes,
            invited_by=tenant_a.admin.id,
            now=NOW,
            expires_at=NOW + timedelta(hours=72),
        )
    for outsider in (tenant_a.as_agent, tenant_b.as_admin):
        async with db.unit(outsider) as conn:
            assert await conn.fetchval("SELECT count(*) FROM invitations WHERE id = $1", made) == 0


async def test_the_throttle_and_reset_links_are_out_of_the_applications_reach(
    app_conn: asyncpg.Connection,
) -> None:
    """The application role reads neither the throttle nor anyone's reset links directly:
    only the SECURITY DEFINER functions do."""
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await app_conn.fetch("SELECT * FROM login_throttle")
    assert await app_conn.fetchval("SELECT count(*) FROM password_resets") == 0
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await app_conn.execute(
            "INSERT INTO password_resets (tenant_id, user_id, token_hash, "
            "created_at, expires_at) VALUES ($1, $1, '\\x00', now(), now())",
            uuid.uuid4(),
        )


async def test_only_the_contexts_own_user_sets_its_password(db: Database, tenant_a: Seeded) -> None:
    """auth_set_own_password changes the context's user and nobody else: a bot's context
    (its key id as user) and a customer's change nothing."""
    async with db.unit(tenant_a.as_agent) as conn:
        before = await principals.password_hash(conn, tenant_a.agent.id)
        assert before is not None
        assert await principals.set_own_password(conn, before)
    for context in (
        SecurityContext(tenant_a.tenant.id, Role.AGENT, uuid.uuid4()),
        tenant_a.as_customer,
    ):
        async with db.unit(context) as conn:
            assert not await principals.set_own_password(conn, "scrypt$nope")
