"""The unanswered-question sweep on an injected clock: a visitor's wait is measured by the
clock that stamped the question, against each tenant's own limit, whose default lives in
TenantSettings alone (a stored value it would not accept counts as that default there too,
rather than breaking the sweep for every tenant)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from server.clock import ManualClock
from server.domain.access import SecurityContext
from server.domain.models import Role, Sender
from server.domain.tenant_settings import TenantSettings
from server.ids import ConversationId
from server.services.admin import AdminService
from server.services.escalation import EscalationService
from server.store import conversations, messages, tenants
from server.store.db import Database
from server.store.provision import DatabaseUrls
from tests.helpers import RecordingSink, Seeded, seed_tenant

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)  # long before the wall clock's today


@pytest.fixture
async def own_db(fresh_urls: DatabaseUrls) -> AsyncIterator[Database]:
    """A database of this test's own: the sweep looks at every tenant."""
    database = await Database.connect(
        fresh_urls.app, max_size=4, transaction_pooler=fresh_urls.transaction_pooler
    )
    yield database
    await database.close()


async def ask(db: Database, seeded: Seeded, clock: ManualClock) -> ConversationId:
    """A new conversation whose visitor asks a question at the clock's now."""
    async with db.unit(seeded.as_agent) as conn:
        conversation = await conversations.insert(
            conn, tenant_id=seeded.tenant.id, contact_id=seeded.contact.id
        )
        await messages.append(
            conn,
            conversation_id=conversation.id,
            sender=Sender("visitor", str(seeded.contact.id)),
            body="Where is my parcel?",
            now=clock.now(),
        )
    return conversation.id


async def status_of(db: Database, seeded: Seeded, conversation_id: ConversationId) -> str:
    async with db.unit(seeded.as_agent) as conn:
        found = await conversations.get(conn, conversation_id)
    assert found is not None
    return found.status


async def test_questions_escalate_by_the_clock_and_each_tenants_limit(own_db: Database) -> None:
    db = own_db
    clock = ManualClock(START)
    sweep = EscalationService(db, RecordingSink(), clock).sweep_unanswered
    admin = AdminService(db)
    default, quick, never, garbled = [
        await seed_tenant(db, name) for name in ("Default", "Quick", "Never", "Garbled")
    ]
    await admin.change_settings(quick.tenant, {"unanswered_escalation_s": 30})
    await admin.change_settings(never.tenant, {"unanswered_escalation_s": 0})
    async with db.unit(SecurityContext(garbled.tenant.id, Role.SUPER_ADMIN)) as conn:
        await tenants.merge_settings(conn, garbled.tenant.id, {"unanswered_escalation_s": "1m"})
    waiting = {seeded.tenant.id: await ask(db, seeded, clock) for seeded in (default, quick)}
    waiting |= {seeded.tenant.id: await ask(db, seeded, clock) for seeded in (never, garbled)}
    # seed_tenant's own questions were asked at the wall clock's now, after START: by
    # this clock they have not waited at all, and stay out of every count below.
    limit = TenantSettings().unanswered_escalation_s
    assert await sweep() == 0
    clock.advance(31)
    assert await sweep() == 1  # Quick's 30 s
    assert await status_of(db, quick, waiting[quick.tenant.id]) == "waiting_human"
    clock.advance(limit - 31 - 1)
    assert await sweep() == 0  # one second short of the default
    clock.advance(2)
    assert await sweep() == 2  # the default, and Garbled's unreadable value read as it
    for seeded in (default, garbled):
        assert await status_of(db, seeded, waiting[seeded.tenant.id]) == "waiting_human"
    clock.advance(7 * 86400)
    assert await sweep() == 0  # Never: 0 is never
    assert await status_of(db, never, waiting[never.tenant.id]) == "open"
