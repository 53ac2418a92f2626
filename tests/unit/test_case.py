"""The case lifecycle (domain/case.py), table-driven: every conversation move and every
ticket move, legal and illegal, with and without a ticket; what each announces; the SLA
clock; who the AI may answer; whose unread counts an agent sees."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time, timedelta

import pytest

from server.domain import case
from server.domain import tickets as ticket_rules
from server.domain.case import UNSET, Case, Change, plan
from server.domain.sla import BusinessHours, business_minutes, deadline, resumed
from server.errors import Conflict, ValidationFailed

STATUSES = case.STATUSES
# The ticket status a conversation in each status has (its preferred one).
TICKET_OF = {s: case.TICKET_STATUSES[s][0] for s in STATUSES}
LEGAL = {
    ("open", "pending"),
    ("open", "waiting_human"),
    ("open", "resolved"),
    ("open", "closed"),
    ("waiting_human", "open"),
    ("waiting_human", "pending"),
    ("waiting_human", "resolved"),
    ("waiting_human", "closed"),
    ("pending", "open"),
    ("pending", "waiting_human"),
    ("pending", "resolved"),
    ("pending", "closed"),
    ("resolved", "open"),
    ("resolved", "waiting_human"),
    ("resolved", "closed"),
}
PAIRS = [(a, b) for a, b in itertools.product(STATUSES, STATUSES) if a != b]


def test_the_table_is_the_one_the_module_enforces() -> None:
    assert {(a, b) for a, moves in case.MOVES.items() for b in moves} == LEGAL


@pytest.mark.parametrize(("current", "wanted"), PAIRS)
@pytest.mark.parametrize("with_ticket", [False, True], ids=["no ticket", "ticket"])
def test_every_conversation_move(current: str, wanted: str, with_ticket: bool) -> None:
    """Legal moves go through and take the ticket along into the status that agrees;
    illegal ones are a Conflict naming the moves allowed, on either side."""
    ticket = TICKET_OF[current] if with_ticket else None
    state = Case(current, None, "normal", ticket, sla_paused=ticket in ("pending", "solved"))
    if (current, wanted) not in LEGAL:
        with pytest.raises(Conflict, match=f"a {current} conversation cannot become {wanted}"):
            plan(state, Change(status=wanted))
        return
    move = plan(state, Change(status=wanted))
    assert move.status == wanted
    if not with_ticket:
        assert move.ticket_status is None and move.sla is None
        return
    after = move.ticket_status or ticket
    assert after in case.TICKET_STATUSES[wanted]
    if after != ticket:
        assert after in ticket_rules.MOVES[str(ticket)]
    paused_after = after in ("pending", "solved")
    was_paused = state.sla_paused
    expected_sla = (
        "pause"
        if paused_after and not was_paused
        else "resume"
        if not paused_after and was_paused and after != "closed"
        else None
    )
    assert move.sla == expected_sla


@pytest.mark.parametrize(
    ("current", "wanted"),
    [(a, b) for a, b in itertools.product(ticket_rules.STATUSES, repeat=2) if a != b],
)
def test_every_ticket_move_moves_its_conversation(current: str, wanted: str) -> None:
    """From the ticket side: the ticket's own moves (domain/tickets.MOVES) decide; the
    conversation follows into the status that agrees with the ticket's."""
    conversation = {
        "new": "waiting_human",
        "open": "open",
        "pending": "pending",
        "solved": "resolved",
        "closed": "closed",
    }[current]
    state = Case(conversation, "u1", "normal", current, sla_paused=current in ("pending", "solved"))
    if wanted not in ticket_rules.MOVES[current]:
        with pytest.raises(Conflict, match=f"a {current} ticket cannot become {wanted}"):
            plan(state, Change(trigger=case.TICKET, ticket_status=wanted))
        return
    move = plan(state, Change(trigger=case.TICKET, ticket_status=wanted))
    assert move.ticket_status == wanted
    assert wanted in case.TICKET_STATUSES[move.status or conversation]


def test_solving_the_ticket_resolves_the_conversation_and_asks_for_a_rating() -> None:
    move = plan(
        Case("open", "u1", "normal", "open"), Change(trigger=case.TICKET, ticket_status="solved")
    )
    assert (move.status, move.ticket_status, move.sla) == ("resolved", "solved", "pause")
    assert move.events == ("resolved", "csat_requested")


def test_reopening_a_solved_ticket_reopens_to_its_person_or_to_people() -> None:
    held = plan(
        Case("resolved", "u1", "normal", "solved", sla_paused=True),
        Change(trigger=case.TICKET, ticket_status="open"),
    )
    assert (held.status, held.sla, held.events) == ("open", "resume", ("reopened",))
    nobody = plan(
        Case("resolved", None, "normal", "solved", sla_paused=True),
        Change(trigger=case.TICKET, ticket_status="open"),
    )
    assert nobody.status == "waiting_human"  # a ticket nobody holds goes back to people


@pytest.mark.parametrize(
    ("status", "assignee", "ticket", "after", "ticket_after", "events"),
    [
        ("resolved", None, None, "open", None, ("reopened",)),  # back to the AI
        ("resolved", "u1", "solved", "open", "open", ("reopened",)),  # back to its person
        ("resolved", None, "solved", "waiting_human", "open", ("reopened",)),  # to people
        ("pending", "u1", "pending", "open", "open", ()),  # the customer answered
        ("pending", None, None, "open", None, ()),
        ("open", None, None, None, None, ()),  # nothing to do
        ("waiting_human", None, "new", None, None, ()),
    ],
)
def test_the_customer_writing_again(
    status: str,
    assignee: str | None,
    ticket: str | None,
    after: str | None,
    ticket_after: str | None,
    events: tuple[str, ...],
) -> None:
    paused = ticket in ("pending", "solved")
    move = plan(
        Case(status, assignee, "normal", ticket, sla_paused=paused),
        Change(trigger=case.CUSTOMER_WROTE),
    )
    assert (move.status, move.ticket_status, move.events) == (after, ticket_after, events)
    assert move.sla == ("resume" if paused else None)


def test_a_closed_conversation_never_reopens() -> None:
    move = plan(Case("closed", None, "normal", "closed"), Change(trigger=case.CUSTOMER_WROTE))
    assert move.empty  # the service starts a new, linked conversation instead
    with pytest.raises(Conflict, match="nothing: it is final"):
        plan(Case("closed", None, "normal", "closed"), Change(trigger=case.ESCALATE))


def test_a_person_answering_a_waiting_customer_takes_the_case() -> None:
    move = plan(Case("waiting_human", None, "normal", "new"), Change(case.AGENT_REPLIED, by="u7"))
    assert (move.status, move.assignee_id, move.ticket_status) == ("open", "u7", "open")
    assert move.events == ("agent_joined",)
    colleague = plan(
        Case("waiting_human", "u1", "normal", "new"), Change(case.AGENT_REPLIED, by="u7")
    )
    assert colleague.assignee_id is UNSET and colleague.status == "open"  # still u1's case
    chatting = plan(Case("open", None, "normal"), Change(case.AGENT_REPLIED, by="u7"))
    assert chatting.empty  # not waiting for a person: replying takes nothing


def test_assignment_and_priority_are_the_conversations_and_announced() -> None:
    move = plan(Case("waiting_human", None, "normal", "new"), Change(assignee_id="u2"))
    assert move.assignee_id == "u2" and move.events == ("agent_joined",)
    assert move.status is None and move.ticket_status is None  # assigned is not answered
    same = plan(Case("open", "u2", "high", "open"), Change(assignee_id="u2", priority="high"))
    assert same.empty
    unassigned = plan(Case("open", "u2", "normal", "open"), Change(assignee_id=None))
    assert unassigned.assignee_id is None and unassigned.events == ()
    with pytest.raises(ValidationFailed, match="priority"):
        plan(Case("open", None, "normal"), Change(priority="critical"))
    with pytest.raises(ValidationFailed, match="status must be"):
        plan(Case("open", None, "normal"), Change(status="archived"))


def test_escalating_a_resolved_case_reopens_its_ticket() -> None:
    move = plan(Case("resolved", None, "normal", "solved", sla_paused=True), Change(case.ESCALATE))
    assert (move.status, move.ticket_status, move.sla) == ("waiting_human", "open", "resume")
    assert move.events == ("reopened",)


@pytest.mark.parametrize(
    ("status", "assignee", "ai", "answers"),
    [
        ("open", None, True, True),
        ("pending", None, True, True),
        ("open", None, False, False),  # its AI is off
        ("open", "u1", True, False),  # a person has it
        ("waiting_human", None, True, False),  # waiting for a person
        ("resolved", None, True, False),
        ("closed", None, True, False),
    ],
)
def test_who_the_ai_answers(status: str, assignee: str | None, ai: bool, answers: bool) -> None:
    assert case.ai_may_answer(status, assignee, ai) is answers


@pytest.mark.parametrize(
    ("status", "assignee", "counts"),
    [
        ("open", "me", True),
        ("resolved", "me", True),
        ("open", "colleague", False),
        ("waiting_human", "colleague", False),
        ("waiting_human", None, True),  # the queue: nobody holds it yet
        ("open", None, False),  # the AI's chat
        ("pending", None, False),
    ],
)
def test_whose_unread_counts_an_agent_sees(status: str, assignee: str | None, counts: bool) -> None:
    assert case.counts_unread(status, assignee, "me") is counts


def test_case_events_read_as_sentences() -> None:
    assert case.event_text("agent_joined", name="Ann") == "Ann joined the conversation"
    assert case.event_text("resolved") == "The conversation was resolved"
    assert case.event_text("resolved", name="Ann") == "Ann resolved the conversation"
    assert case.event_text("reopened") == "The conversation was reopened"
    assert "1 (poor) to 5 (great)" in case.event_text("csat_requested")


MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
OFFICE = BusinessHours("UTC", (0, 1, 2, 3, 4), time(9), time(17))


def test_business_minutes_count_only_opening_hours() -> None:
    assert business_minutes(MONDAY_9, MONDAY_9 + timedelta(hours=2), None) == 120
    assert business_minutes(MONDAY_9, MONDAY_9 - timedelta(hours=2), None) == 0
    friday_16 = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    monday_10 = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    assert business_minutes(friday_16, monday_10, OFFICE) == 120  # 1 h Friday, 1 h Monday
    assert deadline(friday_16, business_minutes(friday_16, monday_10, OFFICE), OFFICE) == monday_10


def test_a_paused_deadline_keeps_what_was_left_of_it() -> None:
    due = MONDAY_9 + timedelta(hours=4)
    paused_at = MONDAY_9 + timedelta(hours=1)  # 3 hours were left
    later = MONDAY_9 + timedelta(days=2)
    assert resumed(due, paused_at, later, None) == later + timedelta(hours=3)
    missed = MONDAY_9 - timedelta(minutes=1)
    assert resumed(missed, paused_at, later, None) == missed  # already missed: stays
    assert resumed(None, paused_at, later, None) is None
    # In business hours: paused Friday 16:00 with 2 business hours left (due Monday 10:00),
    # resumed Tuesday 16:30: 30 minutes that day, 90 on Wednesday morning.
    friday_16 = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    due_monday = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    tuesday = datetime(2026, 12, 1, 16, 30, tzinfo=UTC)
    assert resumed(due_monday, friday_16, tuesday, OFFICE) == datetime(
        2026, 12, 2, 10, 30, tzinfo=UTC
    )
