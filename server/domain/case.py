"""One case: a conversation and its ticket, moving together. Pure: no I/O.

The conversation is the source of truth. Its status, assignee and priority are the case's;
a ticket, when the conversation has one, follows them in the same transaction: its status
is the one the conversation's status allows (below), its assignee and priority are the
conversation's. A change asked of the ticket (PATCH /v1/tickets/{id}) is translated into
the conversation's move first, so both sides always agree, whoever moved them.

    conversation        ticket
    open            <-> open
    waiting_human   <-> new or open (a person is needed; new until one replies)
    pending         <-> pending          SLA clock paused
    resolved        <-> solved           SLA clock paused; the customer is asked to rate
    closed          <-> closed           final on both sides

Every move is checked against ``MOVES`` (illegal ones are a Conflict naming the allowed
moves), and yields the case events the conversation announces as system messages
(PROTOCOL.md `event`): agent_joined, resolved, reopened, csat_requested. A conversation
without a ticket moves the same way; only the ticket side is absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from server.domain import tickets as ticket_rules
from server.errors import Conflict, ValidationFailed

STATUSES: Final = ("open", "pending", "waiting_human", "resolved", "closed")
PRIORITIES: Final = ticket_rules.PRIORITIES
# Where a conversation's status may go. Closed is final: a customer writing again starts a
# new conversation linked to it. Resolved reopens (to open, or straight to a person).
MOVES: Final[dict[str, frozenset[str]]] = {
    "open": frozenset({"pending", "waiting_human", "resolved", "closed"}),
    "waiting_human": frozenset({"open", "pending", "resolved", "closed"}),
    "pending": frozenset({"open", "waiting_human", "resolved", "closed"}),
    "resolved": frozenset({"open", "waiting_human", "closed"}),
    "closed": frozenset(),
}
# The ticket statuses each conversation status allows, the first one preferred.
TICKET_STATUSES: Final[dict[str, tuple[str, ...]]] = {
    "open": ("open",),
    "waiting_human": ("open", "new"),
    "pending": ("pending",),
    "resolved": ("solved",),
    "closed": ("closed",),
}
PAUSED_TICKET_STATUSES: Final = frozenset({"pending", "solved"})
EVENTS: Final = ("escalated", "agent_joined", "resolved", "reopened", "csat_requested")

# Triggers: who or what asked for the move.
UPDATE: Final = "update"  # conversation.update / PATCH /v1/conversations/{id}
TICKET: Final = "ticket"  # PATCH /v1/tickets/{id}
CUSTOMER_WROTE: Final = "customer_wrote"  # the customer wrote in the conversation
AGENT_REPLIED: Final = "agent_replied"  # a person wrote publicly to the customer
ESCALATE: Final = "escalate"  # a trigger handed the conversation to people
TRIGGERS: Final = (UPDATE, TICKET, CUSTOMER_WROTE, AGENT_REPLIED, ESCALATE)


class Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset()


@dataclass(frozen=True)
class Case:
    """The state a move starts from: the conversation's, and its ticket's if it has one."""

    status: str
    assignee_id: str | None
    priority: str
    ticket_status: str | None = None  # None: the conversation has no ticket
    sla_paused: bool = False

    @property
    def has_ticket(self) -> bool:
        return self.ticket_status is not None


@dataclass(frozen=True)
class Change:
    """What is asked. `status` is the conversation's, `ticket_status` the ticket's (from the
    ticket side); at most one of them. `assignee_id` UNSET leaves it, None unassigns.
    `by` is the person (user id) who replied, for AGENT_REPLIED."""

    trigger: str = UPDATE
    status: str | None = None
    ticket_status: str | None = None
    assignee_id: str | Unset | None = UNSET
    priority: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class Move:
    """The outcome: the values to write on each side and what to announce.

    Only what changes is set (None/UNSET: unchanged). `events` are in announcement order.
    """

    status: str | None = None
    assignee_id: str | Unset | None = UNSET
    priority: str | None = None
    ticket_status: str | None = None
    sla: str | None = None  # "pause" | "resume" | None
    events: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return (
            self.status is None
            and isinstance(self.assignee_id, Unset)
            and self.priority is None
            and self.ticket_status is None
            and self.sla is None
            and not self.events
        )

    @property
    def resolves(self) -> bool:
        return self.status == "resolved"

    @property
    def reopens(self) -> bool:
        return "reopened" in self.events


def check_status(current: str, wanted: str) -> None:
    """A conversation's status move: ValidationFailed for an unknown status, Conflict
    (naming the moves allowed) for one the lifecycle does not allow."""
    if wanted not in STATUSES:
        raise ValidationFailed(f"status must be one of {', '.join(STATUSES)}")
    if wanted != current and wanted not in MOVES[current]:
        allowed = ", ".join(sorted(MOVES[current])) or "nothing: it is final"
        raise Conflict(f"a {current} conversation cannot become {wanted} (it may become {allowed})")


def ticket_status_for(conversation_status: str, ticket_status: str) -> str:
    """The ticket's status once the conversation is in `conversation_status`: unchanged
    when it already agrees, else the one the conversation's status prefers."""
    allowed = TICKET_STATUSES[conversation_status]
    return ticket_status if ticket_status in allowed else allowed[0]


def sla_step(ticket_status: str, *, paused: bool) -> str | None:
    """What a ticket's SLA clock does on reaching `ticket_status`: "pause" (pending,
    solved), "resume" (back to new or open), or None (it keeps doing what it did; a
    closed ticket's clock never runs again)."""
    if ticket_status in PAUSED_TICKET_STATUSES and not paused:
        return "pause"
    if ticket_status in ("new", "open") and paused:
        return "resume"
    return None


def conversation_status_for(ticket_status: str, case: Case, assignee_id: str | None) -> str:
    """The conversation's status once its ticket is in `ticket_status`."""
    if ticket_status in TICKET_STATUSES[case.status]:
        return case.status
    if ticket_status in ("new", "open"):
        return reopened_status(assignee_id, has_ticket=True)
    return {"pending": "pending", "solved": "resolved", "closed": "closed"}[ticket_status]


def reopened_status(assignee_id: str | None, *, has_ticket: bool) -> str:
    """Where a conversation goes back to: to its person, to people when it is a ticket
    nobody holds (the AI stays out of it), else to the AI."""
    if has_ticket and assignee_id is None:
        return "waiting_human"
    return "open"


def ai_may_answer(status: str, assignee_id: object | None, ai_enabled: bool) -> bool:
    """The AI answers only while it is on for the conversation and no person has taken
    over: nobody is assigned and the conversation is not waiting for (or done by) people."""
    return ai_enabled and assignee_id is None and status in ("open", "pending")


def counts_unread(status: str, assignee_id: str | None, viewer_id: str) -> bool:
    """Whose unread counts an agent sees: conversations assigned to them, and those waiting
    for a person that nobody holds (their inbox's queue). Everything else, the AI's chats
    and colleagues' cases, counts 0 for them, admins included."""
    if assignee_id is not None:
        return assignee_id == viewer_id
    return status == "waiting_human"


def plan(case: Case, change: Change) -> Move:
    """The move `change` makes of `case`, checked on both sides; raises on an illegal one."""
    if change.trigger not in TRIGGERS:
        raise ValueError(f"unknown trigger {change.trigger!r}")
    if change.status is not None and change.ticket_status is not None:
        raise ValueError("ask for the conversation's status or the ticket's, not both")
    if change.priority is not None and change.priority not in PRIORITIES:
        raise ValidationFailed(f"priority must be one of {', '.join(PRIORITIES)}")
    if change.ticket_status is not None and not case.has_ticket:
        raise ValueError("a ticket status for a conversation without a ticket")

    assignee = case.assignee_id if isinstance(change.assignee_id, Unset) else change.assignee_id
    status = _wanted_status(case, change, assignee)
    if change.trigger == AGENT_REPLIED and assignee is None and case.status == "waiting_human":
        assignee = change.by  # the person who answers a waiting customer takes the case
    if status != case.status:
        check_status(case.status, status)

    ticket_status: str | None = None
    sla: str | None = None
    if case.ticket_status is not None:
        wanted_ticket = change.ticket_status or ticket_status_for(status, case.ticket_status)
        if wanted_ticket != case.ticket_status:
            ticket_rules.check_move(case.ticket_status, wanted_ticket)
            ticket_status = wanted_ticket
        sla = sla_step(ticket_status or case.ticket_status, paused=case.sla_paused)

    events: list[str] = []
    if case.status == "resolved" and status not in ("resolved", "closed"):
        events.append("reopened")
    if assignee is not None and assignee != case.assignee_id:
        events.append("agent_joined")
    if status == "resolved" and case.status != "resolved":
        events += ["resolved", "csat_requested"]
    return Move(
        status=status if status != case.status else None,
        assignee_id=assignee if assignee != case.assignee_id else UNSET,
        priority=change.priority if change.priority not in (None, case.priority) else None,
        ticket_status=ticket_status,
        sla=sla,
        events=tuple(events),
    )


def _wanted_status(case: Case, change: Change, assignee: str | None) -> str:
    if change.status is not None:
        if change.status not in STATUSES:
            raise ValidationFailed(f"status must be one of {', '.join(STATUSES)}")
        return change.status
    if change.ticket_status is not None:
        if change.ticket_status not in ticket_rules.STATUSES:
            raise ValidationFailed(f"status must be one of {', '.join(ticket_rules.STATUSES)}")
        ticket_rules.check_move(str(case.ticket_status), change.ticket_status)
        return conversation_status_for(change.ticket_status, case, assignee)
    if change.trigger == CUSTOMER_WROTE and case.status in ("resolved", "pending"):
        return reopened_status(assignee, has_ticket=case.has_ticket)
    if change.trigger == ESCALATE:
        return "waiting_human"
    if change.trigger == AGENT_REPLIED and case.status == "waiting_human":
        return "open"
    return case.status


def event_text(event: str, *, name: str | None = None) -> str:
    """What the customer reads for a case event (a system message in the conversation)."""
    who = name or "An agent"
    texts = {
        "agent_joined": f"{who} joined the conversation",
        "resolved": f"{who} resolved the conversation" if name else "The conversation was resolved",
        "reopened": "The conversation was reopened",
        "csat_requested": "How would you rate the help you got? Choose 1 (poor) to 5 (great).",
    }
    return texts[event]
