"""Support access at the SQL level: a super_admin user sees a tenant's rows only while it
holds an active grant there, judged on the application's clock (app.now); the operator
still sees every tenant."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from server.clock import ManualClock
from server.domain.access import SecurityContext
from server.domain.models import Role, Tenant, User
from server.domain.support_access import SupportGrant
from server.errors import Forbidden, NotFound, ValidationFailed
from server.services.admin import AdminService
from server.store import principals, support_access, tickets
from server.store.db import Database
from server.store.provision import DatabaseUrls
from tests.helpers import Seeded

# Every table holding what a tenant's customers told it, and the tenant's own rows.
TABLES = {
    "conversations": "tenant_id",
    "messages": "tenant_id",
    "conversation_events": "tenant_id",
    "contacts": "tenant_id",
    "tickets": "tenant_id",
    "users": "tenant_id",
    "api_keys": "tenant_id",
    "audit_log": "tenant_id",
    "tenants": "id",
}
INBOX = ("conversations", "messages", "contacts", "tickets")
REASON = "customer reports lost messages, ticket 4711"


@dataclass(frozen=True)
class Platform:
    tenant: Tenant
    super_admin: User

    @property
    def at_home(self) -> SecurityContext:
        return SecurityContext(self.tenant.id, Role.SUPER_ADMIN, self.super_admin.id)

    def acting_in(self, tenant: Tenant) -> SecurityContext:
        return SecurityContext(tenant.id, Role.SUPER_ADMIN, self.super_admin.id)


@pytest.fixture(scope="module")
def clock() -> ManualClock:
    return ManualClock(datetime.now(UTC))


@pytest.fixture(scope="module")
async def clocked(shared_urls: DatabaseUrls, clock: ManualClock) -> AsyncIterator[Database]:
    """The shared database, each unit's app.now on a clock the test moves."""
    database = await Database.connect(
        shared_urls.app, max_size=4, transaction_pooler=shared_urls.transaction_pooler, clock=clock
    )
    yield database
    await database.close()


async def new_platform(db: Database) -> Platform:
    admin = AdminService(db)
    suffix = uuid.uuid4().hex[:8]
    tenant = await admin.create_tenant(f"Platform {suffix}", [])
    user = await admin.create_user(
        tenant, email=f"root-{suffix}@platform.example", password="root-pass-1", role="super_admin"
    )
    return Platform(tenant, user)


@pytest.fixture(scope="module")
async def platform(db: Database) -> Platform:
    return await new_platform(db)


@pytest.fixture(scope="module")
async def ticketed_a(db: Database, tenant_a: Seeded) -> Seeded:
    """Tenant A with a ticket too, so every inbox table has a row of A's."""
    async with db.unit(tenant_a.as_agent) as conn:
        number = await tickets.next_number(conn, tenant_a.tenant.id)
        await tickets.insert(
            conn,
            tenant_id=tenant_a.tenant.id,
            number=number,
            conversation_id=None,
            subject="Lost messages",
            priority="normal",
            requester_contact_id=tenant_a.contact.id,
            tags=[],
            custom_fields={},
            escalation_reason=None,
            summary=None,
            first_response_due_at=None,
            resolution_due_at=None,
            created_at=datetime.now(UTC),
        )
    return tenant_a


async def counts(db: Database, context: SecurityContext, tenant: Tenant) -> dict[str, int]:
    """How many of `tenant`'s rows each table shows to `context`."""
    async with db.unit(context) as conn:
        return {
            table: int(
                await conn.fetchval(f"SELECT count(*) FROM {table} WHERE {column} = $1", tenant.id)
            )
            for table, column in TABLES.items()
        }


async def open_grant(
    db: Database, platform: Platform, tenant: Tenant, now: datetime, minutes: int = 30
) -> SupportGrant:
    async with db.unit(platform.at_home) as conn:
        return await support_access.grant(
            conn,
            user_id=platform.super_admin.id,
            tenant_id=tenant.id,
            reason=REASON,
            now=now,
            expires_at=now + timedelta(minutes=minutes),
        )


async def test_the_operator_still_reads_every_tenant(
    db: Database, ticketed_a: Seeded, tenant_b: Seeded
) -> None:
    """SecurityContext.operator() (CLI, workers: super_admin with no user) sees A and B."""
    in_a = await counts(db, SecurityContext.operator(), ticketed_a.tenant)
    assert all(in_a[table] > 0 for table in INBOX), in_a
    in_b = await counts(db, SecurityContext.operator(), tenant_b.tenant)
    assert in_b["conversations"] > 0 and in_b["messages"] > 0, in_b


async def test_a_super_admin_without_a_grant_sees_no_row_of_a_tenant(
    clocked: Database, platform: Platform, ticketed_a: Seeded
) -> None:
    """Neither from its own tenant nor naming A does a super_admin see any of A's rows."""
    for context in (platform.at_home, platform.acting_in(ticketed_a.tenant)):
        assert set((await counts(clocked, context, ticketed_a.tenant)).values()) == {0}
    async with clocked.unit(platform.at_home) as conn:
        for table in INBOX:
            assert await conn.fetchval(f"SELECT count(*) FROM {table}") == 0, table


async def test_a_super_admin_without_a_grant_writes_nothing(
    clocked: Database, platform: Platform, ticketed_a: Seeded
) -> None:
    """Inserts into A are refused; updates and deletes of A's rows touch nothing."""
    with pytest.raises(Forbidden):
        async with clocked.unit(platform.acting_in(ticketed_a.tenant)) as conn:
            await conn.execute(
                "INSERT INTO contacts (tenant_id, email) VALUES ($1, 'x@y.z')", ticketed_a.tenant.id
            )
    for context in (platform.at_home, platform.acting_in(ticketed_a.tenant)):
        async with clocked.unit(context) as conn:
            assert (
                await conn.execute(
                    "UPDATE conversations SET status = 'closed' WHERE id = $1",
                    ticketed_a.conversation.id,
                )
                == "UPDATE 0"
            )
            assert await conn.execute(
                "DELETE FROM messages WHERE tenant_id = $1", ticketed_a.tenant.id
            ) == ("DELETE 0")


async def test_its_own_account_stays_reachable_outside_a_grant(
    clocked: Database, platform: Platform
) -> None:
    """In its own tenant a super_admin still reads itself and sets its own password."""
    async with clocked.unit(platform.at_home) as conn:
        assert await principals.get_user(conn, platform.super_admin.id) is not None
        current = await principals.password_hash(conn, platform.super_admin.id)
        assert current is not None
        assert await principals.set_own_password(conn, current)


async def test_a_grant_opens_that_tenant_and_no_other(
    clocked: Database, clock: ManualClock, ticketed_a: Seeded, tenant_b: Seeded
) -> None:
    """With a grant on A: acting in A shows A's rows; B stays closed, and so does A from
    its own tenant (the request must name A)."""
    platform = await new_platform(clocked)
    await open_grant(clocked, platform, ticketed_a.tenant, clock.now())
    in_a = await counts(clocked, platform.acting_in(ticketed_a.tenant), ticketed_a.tenant)
    assert all(in_a[table] > 0 for table in INBOX), in_a
    assert set(
        (await counts(clocked, platform.acting_in(ticketed_a.tenant), tenant_b.tenant)).values()
    ) == {0}
    assert set(
        (await counts(clocked, platform.acting_in(tenant_b.tenant), tenant_b.tenant)).values()
    ) == {0}
    assert set((await counts(clocked, platform.at_home, ticketed_a.tenant)).values()) == {0}


async def test_a_grant_ends_at_its_expiry_on_the_applications_clock(
    clocked: Database, clock: ManualClock, ticketed_a: Seeded
) -> None:
    """The policies compare with app.now: one second past expires_at nothing is seen."""
    platform = await new_platform(clocked)
    await open_grant(clocked, platform, ticketed_a.tenant, clock.now(), minutes=5)
    acting = platform.acting_in(ticketed_a.tenant)
    assert (await counts(clocked, acting, ticketed_a.tenant))["conversations"] > 0
    clock.advance(5 * 60 - 1)
    assert (await counts(clocked, acting, ticketed_a.tenant))["conversations"] > 0
    clock.advance(2)
    assert set((await counts(clocked, acting, ticketed_a.tenant)).values()) == {0}


async def test_a_unit_without_app_now_finds_no_grant_active(
    clocked: Database, clock: ManualClock, ticketed_a: Seeded
) -> None:
    """No clock in the context, no grant: the check fails closed."""
    platform = await new_platform(clocked)
    await open_grant(clocked, platform, ticketed_a.tenant, clock.now())
    async with clocked.unit(platform.acting_in(ticketed_a.tenant)) as conn:
        await conn.execute("SELECT set_config('app.now', '', true)")
        assert await conn.fetchval("SELECT count(*) FROM conversations") == 0


async def test_revoking_closes_it_and_only_its_holder_or_the_tenants_admins_may(
    clocked: Database, clock: ManualClock, ticketed_a: Seeded, tenant_b: Seeded
) -> None:
    """An agent of A or an admin of B finds no such grant; A's admin ends it, then A is
    closed to the super_admin again."""
    platform = await new_platform(clocked)
    grant = await open_grant(clocked, platform, ticketed_a.tenant, clock.now())
    for stranger in (ticketed_a.as_agent, tenant_b.as_admin):
        with pytest.raises(NotFound):
            async with clocked.unit(stranger) as conn:
                await support_access.revoke(conn, grant.id, clock.now())
    async with clocked.unit(ticketed_a.as_admin) as conn:
        listed = await support_access.of_tenant(conn, ticketed_a.tenant.id)
        assert grant.id in {g.id for g in listed}
        ended = await support_access.revoke(conn, grant.id, clock.now())
    assert ended.revoked_at is not None and not ended.active(clock.now())
    acting = platform.acting_in(ticketed_a.tenant)
    assert set((await counts(clocked, acting, ticketed_a.tenant)).values()) == {0}


async def test_only_a_super_admin_opens_a_grant_for_itself_within_the_limits(
    clocked: Database, clock: ManualClock, platform: Platform, ticketed_a: Seeded
) -> None:
    """An admin may not; a super_admin not for another; over 24 hours or a reason under 10
    characters break the table's checks; an unknown tenant is not found."""
    other = await new_platform(clocked)
    now = clock.now()

    async def attempt(
        context: SecurityContext,
        user: uuid.UUID,
        tenant: uuid.UUID = ticketed_a.tenant.id,
        reason: str = REASON,
        hours: float = 1,
    ) -> None:
        async with clocked.unit(context) as conn:
            await conn.fetch(
                "SELECT * FROM support_access_grant($1, $2, $3, $4, $5)",
                user,
                tenant,
                reason,
                now,
                now + timedelta(hours=hours),
            )

    with pytest.raises(Forbidden):
        await attempt(ticketed_a.as_admin, ticketed_a.admin.id)
    with pytest.raises(Forbidden):
        await attempt(platform.at_home, other.super_admin.id)
    with pytest.raises(ValidationFailed):
        await attempt(platform.at_home, platform.super_admin.id, hours=24.01)
    with pytest.raises(ValidationFailed):
        await attempt(platform.at_home, platform.super_admin.id, reason="too short")
    with pytest.raises(NotFound):
        await attempt(platform.at_home, platform.super_admin.id, tenant=uuid.uuid4())
    with pytest.raises(NotFound):  # the operator names a user who is no super_admin
        await attempt(SecurityContext.operator(), ticketed_a.admin.id)
    await attempt(SecurityContext.operator(), platform.super_admin.id)


async def test_use_is_audited_in_the_tenants_log_hourly_and_on_every_write(
    clocked: Database, clock: ManualClock, ticketed_a: Seeded
) -> None:
    """Reads: the first of each hour; writes: each one. A's admin reads the entries."""
    platform = await new_platform(clocked)
    grant = await open_grant(clocked, platform, ticketed_a.tenant, clock.now(), minutes=180)

    async def use(write: bool) -> uuid.UUID | None:
        async with clocked.unit(platform.at_home) as conn:
            return await support_access.use(
                conn, ticketed_a.tenant.id, clock.now(), write=write, details={"path": "/x"}
            )

    async def entries() -> list[str]:
        async with clocked.unit(ticketed_a.as_admin) as conn:
            rows = await conn.fetch(
                "SELECT action FROM audit_log WHERE tenant_id = $1 AND target_id = $2 ORDER BY id",
                ticketed_a.tenant.id,
                str(grant.id),
            )
        return [r["action"] for r in rows]

    assert await use(False) == grant.id
    assert await use(False) == grant.id
    assert await entries() == ["support_access.granted", "support_access.used"]
    await use(True)
    assert (await entries()).count("support_access.used") == 2
    clock.advance(3601)
    await use(False)
    await use(False)
    assert (await entries()).count("support_access.used") == 3
    clock.advance(3 * 3600)
    assert await use(False) is None  # expired: no grant to use, nothing audited
    assert (await entries()).count("support_access.used") == 3
