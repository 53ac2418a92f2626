"""One case against the real database, on an injected clock: the conversation and its
ticket move together from either side, the SLA clock stands still while pending or solved
and runs on after a reopen, and every move is audited and announced once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from server.clock import ManualClock
from server.domain.access import Principal, SecurityContext
from server.domain.events import ConversationUpdated, MessageCreated, TicketChanged, TicketCreated
from server.domain.models import Role
from server.errors import Conflict
from server.services.conversations import ConversationService
from server.services.escalation import EscalationService
from server.services.tickets import TicketService
from server.store.db import Database
from server.store.provision import DatabaseUrls
from tests.helpers import RecordingSink, Seeded, seed_tenant

MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@pytest.fixture
async def own_db(fresh_urls: DatabaseUrls) -> AsyncIterator[Database]:
    """A database of this test's own: the SLA timer sweeps every tenant."""
    database = await Database.connect(
        fresh_urls.app, max_size=4, transaction_pooler=fresh_urls.transaction_pooler
    )
    yield database
    await database.close()


class Desk:
    """The services of one node, on one clock, announcing into one recording sink."""

    def __init__(self, db: Database, seeded: Seeded) -> None:
        self.clock = ManualClock(MONDAY_9)
        self.sink = RecordingSink()
        self.conversations = ConversationService(db, self.sink, self.clock)
        self.escalation = EscalationService(db, self.sink, self.clock)
        self.tickets = TicketService(db, self.sink, self.clock)
        self.agent = Principal("agent", str(seeded.agent.id), seeded.tenant.id, Role.AGENT, "Ada")
        self.visitor = Principal("visitor", str(seeded.contact.id), seeded.tenant.id, Role.CUSTOMER)
        self.cid = str(seeded.conversation.id)

    def minutes(self, n: float) -> None:
        self.clock.advance(n * 60)

    async def ticket(self, ticket_id: str) -> Any:
        return (await self.tickets.get(self.agent, ticket_id)).ticket


async def test_the_sla_clock_stands_still_while_pending_or_solved(own_db: Database) -> None:
    seeded = await seed_tenant(own_db, "Pause")
    desk = Desk(own_db, seeded)
    await desk.conversations.update(desk.agent, desk.cid, {"priority": "urgent"})
    escalated = await desk.escalation.escalate(seeded.tenant.id, seeded.conversation.id, "marked")
    tid = str(escalated.ticket.id)
    # Urgent: first response in 15 minutes, resolution in 4 hours.
    assert escalated.ticket.first_response_due_at == MONDAY_9 + 15 * MINUTE
    assert escalated.ticket.resolution_due_at == MONDAY_9 + 240 * MINUTE

    desk.minutes(5)
    await desk.conversations.update(desk.agent, desk.cid, {"status": "pending"})
    paused = await desk.ticket(tid)
    assert (paused.status, paused.sla_paused_at, paused.due_at) == (
        "pending",
        MONDAY_9 + 5 * MINUTE,
        None,
    )
    desk.minutes(60)  # far past the first-response target: the clock stood still
    assert await desk.tickets.check_breaches() == 0

    # The customer answers: the case reopens, the clock runs on with what was left of it.
    await desk.conversations.send(
        desk.visitor, desk.cid, client_msg_id="again", body="Any news?", private=False
    )
    resumed = await desk.ticket(tid)
    assert resumed.status == "open" and resumed.sla_paused_at is None
    assert resumed.first_response_due_at == MONDAY_9 + (65 + 10) * MINUTE
    assert resumed.resolution_due_at == MONDAY_9 + (65 + 235) * MINUTE
    assert resumed.sla_paused_minutes == 60
    current = await desk.conversations.get(desk.agent, desk.cid)
    assert current.status == "waiting_human"  # a ticket nobody holds goes back to people
    desk.minutes(9)
    assert await desk.tickets.check_breaches() == 0
    desk.minutes(2)
    assert await desk.tickets.check_breaches() == 1  # first response, 10 running minutes on

    # Solving the ticket resolves the conversation and stops the clock; reopening it (from
    # the ticket side) brings both back and runs the clock on.
    await desk.tickets.change(desk.agent, tid, {"status": "solved"})
    resolved = await desk.conversations.get(desk.agent, desk.cid)
    assert (resolved.status, resolved.resolutions) == ("resolved", 1)
    assert resolved.resolved_at == MONDAY_9 + 76 * MINUTE
    desk.minutes(600)  # past the resolution target: solved, so nothing is missed
    assert await desk.tickets.check_breaches() == 0
    reopened = await desk.tickets.change(desk.agent, tid, {"status": "open"})
    assert reopened.resolution_due_at == MONDAY_9 + (676 + 300 - 76) * MINUTE
    again = await desk.conversations.get(desk.agent, desk.cid)
    assert (again.status, again.resolved_at) == ("waiting_human", None)


async def test_each_move_is_checked_audited_and_announced_once(db: Database) -> None:
    seeded = await seed_tenant(db, "Once")
    desk = Desk(db, seeded)
    escalated = await desk.escalation.escalate(seeded.tenant.id, seeded.conversation.id, "marked")
    tid = str(escalated.ticket.id)
    desk.sink.events.clear()

    resolved = await desk.conversations.update(
        desk.agent, desk.cid, {"status": "resolved", "assignee_id": str(seeded.agent.id)}
    )
    assert resolved.status == "resolved" and resolved.assignee_id == seeded.agent.id
    [updated] = desk.sink.of(ConversationUpdated)
    assert sorted(updated.changes) == ["assignee_id", "resolved_at", "status"]
    said = desk.sink.of(MessageCreated)
    assert [m.message.event for m in said] == ["agent_joined", "resolved", "csat_requested"]
    assert [m.message.seq for m in said] == [updated.seq + 1, updated.seq + 2, updated.seq + 3]
    assert said[1].message.body == "Ada resolved the conversation"
    [changed] = desk.sink.of(TicketChanged)
    assert changed.ticket.status == "solved" and changed.ticket.assignee_id == seeded.agent.id
    assert {"status", "assignee_id", "solved_at", "sla_paused_at"} <= set(changed.changes)

    desk.sink.events.clear()
    with pytest.raises(Conflict, match="a solved ticket cannot become pending"):
        await desk.tickets.change(desk.agent, tid, {"status": "pending"})
    with pytest.raises(Conflict, match="a resolved conversation cannot become pending"):
        await desk.conversations.update(desk.agent, desk.cid, {"status": "pending"})
    assert desk.sink.events == []  # refused: nothing written, nothing announced
    assert (await desk.conversations.get(desk.agent, desk.cid)).status == "resolved"

    admin = SecurityContext(seeded.tenant.id, Role.ADMIN, seeded.admin.id)
    async with db.unit(admin) as conn:
        rows = await conn.fetch(
            "SELECT action, target_kind, details FROM audit_log "
            "WHERE tenant_id = $1 AND action LIKE 'conversation.%' ORDER BY id",
            seeded.tenant.id,
        )
    assert [(r["action"], r["target_kind"]) for r in rows] == [
        ("conversation.update", "conversation")
    ]
    assert '"ticket_changes"' in rows[0]["details"] and '"solved_at"' in rows[0]["details"]


async def test_one_creation_path_for_http_and_escalation(db: Database) -> None:
    """A ticket made over HTTP for a conversation takes the case's assignee and priority
    (or, given, moves the conversation to them) and is announced `ticket.created` in the
    conversation's seq, like an escalation's; one without a conversation too, live."""
    seeded = await seed_tenant(db, "Create")
    desk = Desk(db, seeded)
    await desk.conversations.update(desk.agent, desk.cid, {"priority": "high"})
    desk.sink.events.clear()
    ticket = await desk.tickets.create(
        desk.agent,
        subject="Charged twice",
        requester_contact_id=None,
        conversation_id=desk.cid,
        priority=None,
        tags=[],
        custom_fields={},
        assignee_id=str(seeded.agent.id),
    )
    assert (ticket.priority, ticket.assignee_id, ticket.status) == ("high", seeded.agent.id, "open")
    [created] = desk.sink.of(TicketCreated)
    assert created.ticket.id == ticket.id
    [linked] = desk.sink.of(ConversationUpdated)
    assert sorted(linked.changes) == ["assignee_id", "ticket_id"] and linked.seq < created.seq
    assert linked.conversation.assignee_id == seeded.agent.id
    assert desk.sink.of(TicketChanged) == []  # ticket.created, not ticket.updated

    desk.sink.events.clear()
    alone = await desk.tickets.create(
        desk.agent,
        subject="Call back",
        requester_contact_id=str(seeded.contact.id),
        conversation_id=None,
        priority=None,
        tags=[],
        custom_fields={},
        assignee_id=None,
    )
    [announced] = desk.sink.of(TicketChanged)
    assert announced.kind == "ticket.created" and announced.ticket.id == alone.id
    assert alone.status == "new" and alone.priority == "normal"
