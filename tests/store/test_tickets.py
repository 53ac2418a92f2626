"""Tickets against the real database: numbering under concurrency, SLA breaches on an
injected clock, who reads which comments, and the moves a ticket may make."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from server.clock import ManualClock
from server.domain.access import Principal, SecurityContext
from server.domain.events import TicketChanged
from server.domain.models import Role
from server.domain.tickets import Ticket
from server.errors import Conflict, NotFound, ValidationFailed
from server.services.admin import AdminService, actor_of
from server.services.escalation import EscalationService
from server.services.tickets import TicketFilter, TicketService
from server.store import tickets as ticket_rows
from server.store.db import Database
from server.store.provision import DatabaseUrls
from tests.helpers import RecordingSink, Seeded, seed_tenant

MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def new_ticket(
    service: TicketService, seeded: Seeded, subject: str, **overrides: Any
) -> Ticket:
    """A ticket for the seeded contact, as its agent; `overrides` change the defaults."""
    values: dict[str, Any] = {
        "requester_contact_id": str(seeded.contact.id),
        "conversation_id": None,
        "priority": "normal",
        "tags": [],
        "custom_fields": {},
        "assignee_id": None,
    }
    return await service.create(agent_of(seeded), subject=subject, **{**values, **overrides})


def agent_of(seeded: Seeded) -> Principal:
    return Principal("agent", str(seeded.agent.id), seeded.tenant.id, Role.AGENT, "Ada")


def customer_of(seeded: Seeded) -> Principal:
    return Principal("visitor", str(seeded.contact.id), seeded.tenant.id, Role.CUSTOMER)


async def test_fifty_concurrent_creations_number_1_to_50(db: Database) -> None:
    seeded = await seed_tenant(db, "Numbers")
    service = TicketService(db, RecordingSink(), ManualClock(MONDAY_9))

    async def one(i: int) -> int:
        ticket = await new_ticket(service, seeded, f"Ticket {i}")
        return ticket.number

    numbers = await asyncio.gather(*(one(i) for i in range(50)))
    assert sorted(numbers) == list(range(1, 51))
    other = await seed_tenant(db, "Other numbers")
    first = await new_ticket(
        TicketService(db, RecordingSink(), ManualClock(MONDAY_9)),
        other,
        "Elsewhere",
        priority="low",
    )
    assert first.number == 1  # per tenant


@pytest.fixture
async def own_db(fresh_urls: DatabaseUrls) -> AsyncIterator[Database]:
    """A database of this test's own: the SLA timer sweeps every tenant."""
    database = await Database.connect(
        fresh_urls.app, max_size=4, transaction_pooler=fresh_urls.transaction_pooler
    )
    yield database
    await database.close()


async def test_sla_breaches_on_an_injected_clock(own_db: Database) -> None:
    """Urgent: first response due in 15 minutes, resolution in 4 hours. Each breach is
    announced once, and a public reply stops the first-response clock."""
    db = own_db
    seeded = await seed_tenant(db, "SLA")
    clock = ManualClock(MONDAY_9)
    sink = RecordingSink()
    service = TicketService(db, sink, clock)
    urgent = await new_ticket(
        service, seeded, "Checkout is down", priority="urgent", tags=["outage"]
    )
    assert urgent.first_response_due_at == MONDAY_9 + timedelta(minutes=15)
    assert urgent.resolution_due_at == MONDAY_9 + timedelta(hours=4)
    clock.advance(14 * 60)
    assert await service.check_breaches() == 0
    clock.advance(2 * 60)
    assert await service.check_breaches() == 1
    assert await service.check_breaches() == 0  # marked: never announced twice
    [breach] = [e for e in sink.of(TicketChanged) if e.kind == "ticket.sla_breached"]
    assert breach.changes == ("first_response",) and breach.ticket.id == urgent.id
    await service.comment(agent_of(seeded), str(urgent.id), "We are on it.", public=True)
    clock.advance(4 * 3600)
    assert await service.check_breaches() == 1
    stored = (await service.get(agent_of(seeded), str(urgent.id))).ticket
    assert stored.breaches == ("first_response", "resolution")
    assert stored.first_responded_at == MONDAY_9 + timedelta(minutes=16)


async def test_business_hours_push_deadlines_to_opening(db: Database) -> None:
    seeded = await seed_tenant(db, "Hours")
    admin = AdminService(db)
    actor = actor_of(Principal("agent", str(seeded.admin.id), seeded.tenant.id, Role.ADMIN))
    hours = {"timezone": "UTC", "days": [0, 1, 2, 3, 4], "start": "09:00", "end": "17:00"}
    await admin.change_settings(seeded.tenant, {"business_hours": hours}, actor)
    friday_1650 = datetime(2026, 11, 27, 16, 50, tzinfo=UTC)
    service = TicketService(db, RecordingSink(), ManualClock(friday_1650))
    ticket = await new_ticket(service, seeded, "Weekend question", priority="high")
    # High: first response in 60 business minutes: 10 on Friday, 50 on Monday.
    assert ticket.first_response_due_at == datetime(2026, 11, 30, 9, 50, tzinfo=UTC)


async def test_customers_read_their_tickets_public_comments_only(db: Database) -> None:
    seeded = await seed_tenant(db, "Comments")
    stranger = await seed_tenant(db, "Stranger")
    sink = RecordingSink()
    escalation = EscalationService(db, sink, ManualClock(MONDAY_9))
    escalated = await escalation.escalate(seeded.tenant.id, seeded.conversation.id, "marked")
    service = TicketService(db, sink, ManualClock(MONDAY_9))
    ticket_id = str(escalated.ticket.id)
    await service.comment(agent_of(seeded), ticket_id, "Refund approved.", public=True)
    await service.comment(agent_of(seeded), ticket_id, "Customer is angry", public=False)
    staff_view = await service.get(agent_of(seeded), ticket_id)
    assert [c.public for c in staff_view.comments] == [True, False]
    customer_view = await service.get(customer_of(seeded), ticket_id)
    assert [c.body for c in customer_view.comments] == ["Refund approved."]
    with pytest.raises(NotFound):
        await service.get(customer_of(stranger), ticket_id)
    with pytest.raises(NotFound):
        await service.get(agent_of(stranger), ticket_id)
    # The public comment reached the conversation; the internal one did not.
    async with db.unit(SecurityContext(seeded.tenant.id, Role.CUSTOMER, seeded.contact.id)) as c:
        bodies = [m["body"] for m in await c.fetch("SELECT body FROM messages ORDER BY seq")]
    assert "Refund approved." in bodies and "Customer is angry" not in bodies


async def test_moves_fields_and_assignees_are_checked(db: Database) -> None:
    seeded = await seed_tenant(db, "Rules")
    other = await seed_tenant(db, "Other tenant")
    admin = AdminService(db)
    actor = actor_of(Principal("agent", str(seeded.admin.id), seeded.tenant.id, Role.ADMIN))
    fields = [
        {"key": "order_number", "type": "text"},
        {"key": "plan", "type": "choice", "choices": ["free", "pro"]},
        {"key": "refund_eur", "type": "number"},
    ]
    await admin.change_settings(seeded.tenant, {"ticket_fields": fields}, actor)
    service = TicketService(db, RecordingSink(), ManualClock(MONDAY_9))
    ticket = await new_ticket(
        service,
        seeded,
        "Order 1234",
        tags=["Billing", "billing "],
        custom_fields={"order_number": "1234"},
        assignee_id=str(seeded.agent.id),
    )
    assert ticket.tags == ("billing",) and ticket.assignee_id == seeded.agent.id
    tid = str(ticket.id)
    ticket = await service.change(agent_of(seeded), tid, {"status": "open"})
    bad = [
        ({"custom_fields": {"colour": "red"}}, ValidationFailed, "not a field"),
        ({"custom_fields": {"plan": "gold"}}, ValidationFailed, "one of"),
        ({"custom_fields": {"refund_eur": "10"}}, ValidationFailed, "a number"),
        ({"status": "archived"}, ValidationFailed, "status must be"),
        ({"status": "new"}, Conflict, "cannot become new"),
        ({"priority": "critical"}, ValidationFailed, "priority"),
        ({"assignee_id": str(other.agent.id)}, NotFound, "assignee"),
        ({"number": 7}, ValidationFailed, "cannot be changed"),
    ]
    for values, error, words in bad:
        with pytest.raises(error, match=words):
            await service.change(agent_of(seeded), tid, values)
    assert (await service.get(agent_of(seeded), tid)).ticket == ticket  # nothing changed
    with pytest.raises(NotFound):
        await service.change(agent_of(other), tid, {"status": "open"})
    from server.errors import Forbidden

    with pytest.raises(Forbidden):
        await service.change(customer_of(seeded), tid, {"status": "solved"})
    solved = await service.change(
        agent_of(seeded), tid, {"status": "solved", "custom_fields": {"plan": "pro"}}
    )
    assert solved.solved_at == MONDAY_9 and solved.custom_fields["plan"] == "pro"
    closed = await service.change(agent_of(seeded), tid, {"status": "closed"})
    with pytest.raises(Conflict, match="final"):
        await service.change(agent_of(seeded), tid, {"status": "open"})
    assert closed.status == "closed"


async def test_search_by_text_tag_and_status(db: Database) -> None:
    seeded = await seed_tenant(db, "Search")
    service = TicketService(db, RecordingSink(), ManualClock(MONDAY_9))
    made = {}
    for subject, tag in (("Invoice missing VAT", "billing"), ("Login loop on Safari", "auth")):
        made[subject] = await new_ticket(service, seeded, subject, tags=[tag])
    await service.comment(
        agent_of(seeded), str(made["Login loop on Safari"].id), "Cookies blocked", public=False
    )
    me = agent_of(seeded)

    async def subjects(**wanted: str) -> list[str]:
        page = await service.search(me, TicketFilter(**wanted), 50, None)
        return [t.subject for t in page.tickets]

    assert await subjects(text="invoce") == ["Invoice missing VAT"]  # a typo
    assert await subjects(text="cookies") == ["Login loop on Safari"]  # in a comment
    assert await subjects(tag="auth") == ["Login loop on Safari"]
    assert sorted(await subjects(status="new")) == sorted(made)
    assert await subjects(assignee="me") == []
    with pytest.raises(ValidationFailed):
        await subjects(status="archived")
    page = await service.search(me, TicketFilter(), 1, None)
    assert len(page.tickets) == 1 and page.next_cursor
    rest = await service.search(me, TicketFilter(), 1, page.next_cursor)
    assert {page.tickets[0].subject, rest.tickets[0].subject} == set(made)
    async with db.unit(SecurityContext(seeded.tenant.id, Role.AGENT)) as conn:
        assert await ticket_rows.of_conversation(conn, seeded.conversation.id) is None
