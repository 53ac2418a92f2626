"""The case lifecycle applied: every move of a conversation and its ticket, whoever asked.

The rules are ``domain/case.py``'s; this writes them down in the caller's transaction:
the conversation's row, its ticket's (status, assignee, priority, SLA clock) in step, the
`conversation.updated` event, the system messages announcing the case events, and one
audit entry. Callers announce the returned events after their commit, once.

Used by every path that moves a case: `conversation.update` and PATCH over HTTP
(ConversationService), PATCH /v1/tickets (TicketService), escalation (EscalationService),
a customer writing again, and a person answering a waiting customer. It is also the one
place a ticket is created, for escalations and for POST /v1/tickets alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from server.clock import Clock
from server.domain import case
from server.domain import tickets as ticket_rules
from server.domain.access import Principal
from server.domain.events import EventSink, MessageCreated, PersistedEvent, TicketChanged
from server.domain.models import Conversation, Role, Sender
from server.domain.sla import business_minutes, deadline, resumed
from server.domain.tenant_settings import TenantSettings
from server.domain.tickets import Ticket
from server.errors import Conflict, NotFound
from server.ids import ContactId, ConversationId, TenantId, UserId
from server.store import audit, conversations, events, messages, principals, tenants, tickets
from server.store.db import Connection

SYSTEM_SENDER = Sender("system", None, "FlowSupport")
# Conversation columns that are bookkeeping, not fields of the protocol's object.
_UNANNOUNCED = frozenset({"resolutions"})


@dataclass(frozen=True)
class Actor:
    """Who moved the case, for its audit entry and its announcements."""

    kind: str  # visitor | agent | bot | system
    id: str | None = None
    name: str | None = None

    @classmethod
    def of(cls, principal: Principal) -> Actor:
        return cls(principal.kind, principal.id, principal.name)


SYSTEM = Actor("system")


@dataclass
class Outcome:
    """What a move wrote, to announce after the commit (`conversation` None: a ticket
    without one)."""

    conversation: Conversation | None
    ticket: Ticket | None = None
    persisted: list[PersistedEvent] = field(default_factory=list)
    ticket_changes: tuple[str, ...] = ()  # non-empty: the ticket changed (ticket.updated)

    async def announce(self, sink: EventSink) -> None:
        for event in self.persisted:
            await sink.persisted(event)
        if self.ticket is not None and self.ticket_changes:
            await sink.ticket(TicketChanged("ticket.updated", self.ticket, self.ticket_changes))


class Lifecycle:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def move(
        self,
        conn: Connection,
        conversation_id: ConversationId,
        change: case.Change,
        actor: Actor,
        *,
        audit_action: str | None,
        link_ticket: Ticket | None = None,
        notices: Sequence[tuple[str | None, str]] = (),
        also: dict[str, Any] | None = None,
        ticket_values: dict[str, Any] | None = None,
    ) -> Outcome:
        """Apply `change` to the conversation and its ticket, in step, in this transaction.

        `link_ticket`: a ticket just opened for it (linked in the same update event);
        `notices`: system messages (event, body) to announce with the move; `also`: more
        conversation columns (tags); `ticket_values`: ticket-only columns (subject, tags,
        custom fields) changed with it. Raises Conflict for a move the lifecycle refuses.
        """
        conversation = await conversations.get(conn, conversation_id, lock=True)
        if conversation is None:
            raise NotFound("conversation not found")
        ticket = link_ticket
        if ticket is None and conversation.ticket_id is not None:
            ticket = await tickets.get(conn, conversation.ticket_id, lock=True)
        planned = case.plan(
            case.Case(
                status=conversation.status,
                assignee_id=_str(conversation.assignee_id),
                priority=conversation.priority,
                ticket_status=ticket.status if ticket else None,
                sla_paused=ticket is not None and ticket.sla_paused_at is not None,
            ),
            change,
        )
        now = self._clock.now()
        values: dict[str, Any] = dict(also or {})
        if link_ticket is not None:
            values["ticket_id"] = link_ticket.id
        if planned.status is not None:
            values["status"] = planned.status
            if planned.resolves:
                values["resolved_at"] = now
                values["resolutions"] = conversation.resolutions + 1
            elif planned.status != "closed":
                values["resolved_at"] = None  # active again (closing keeps when it was)
            if planned.status != "pending":
                values["snoozed_until"] = None  # a snooze lasts while it is pending only
        assignee = conversation.assignee_id
        if not isinstance(planned.assignee_id, case.Unset):
            assignee = await _assignable(conn, planned.assignee_id)
            values["assignee_id"] = assignee
        priority = planned.priority or conversation.priority
        if planned.priority is not None:
            values["priority"] = planned.priority
        changed = await conversations.update(conn, conversation.id, values) if values else ()
        outcome = Outcome(conversation, ticket)
        if changed:
            announced = tuple(name for name in changed if name not in _UNANNOUNCED)
            outcome.persisted.append(
                await events.append_update(
                    conn,
                    tenant_id=conversation.tenant_id,
                    conversation_id=conversation.id,
                    changes=announced,
                )
            )
        if ticket is not None:
            ticket_side = await self._ticket_side(
                conn,
                ticket,
                status=planned.ticket_status,
                sla=planned.sla,
                assignee=assignee,
                priority=priority,
                now=now,
                values=ticket_values or {},
            )
            if ticket_side:
                outcome.ticket = await tickets.update(conn, ticket.id, ticket_side)
                outcome.ticket_changes = tuple(ticket_side)
        announcements: list[tuple[str | None, str]] = []
        if "reopened" in planned.events:
            announcements.append(("reopened", case.event_text("reopened")))
        announcements += notices
        for planned_event in planned.events:
            if planned_event == "agent_joined":
                name = await _name_of(conn, assignee)
                announcements.append((planned_event, case.event_text(planned_event, name=name)))
            elif planned_event in ("resolved", "csat_requested"):
                by = actor.name if actor.kind == "agent" else None
                announcements.append((planned_event, case.event_text(planned_event, name=by)))
        for event, body in announcements:
            result, _ = await messages.append(
                conn,
                conversation_id=conversation.id,
                sender=SYSTEM_SENDER,
                body=body,
                event=event,
                now=self._clock.now(),
            )
            outcome.persisted.append(MessageCreated(result.message, conversation))
        if not outcome.persisted and not outcome.ticket_changes:
            return outcome
        current = await conversations.get(conn, conversation.id)
        assert current is not None
        outcome.conversation = current
        # Each message event carries the conversation as of the whole move (inbox filters).
        outcome.persisted = [
            MessageCreated(e.message, current) if isinstance(e, MessageCreated) else e
            for e in outcome.persisted
        ]
        if audit_action is not None:
            target = (
                ("ticket", str(ticket.id)) if change.trigger == case.TICKET and ticket else None
            )
            await audit.record(
                conn,
                tenant_id=conversation.tenant_id,
                actor_kind=actor.kind,
                actor_id=actor.id,
                action=audit_action,
                target_kind=target[0] if target else "conversation",
                target_id=target[1] if target else str(conversation.id),
                details={
                    "trigger": change.trigger,
                    "changes": list(changed),
                    "ticket_id": str(ticket.id) if ticket else None,
                    "ticket_changes": list(outcome.ticket_changes),
                    "events": [e for e, _ in announcements if e],
                },
            )
        return outcome

    async def change_ticket(
        self, conn: Connection, ticket: Ticket, values: dict[str, Any], actor: Actor
    ) -> Outcome | None:
        """PATCH /v1/tickets/{id} on a ticket without a conversation: its own moves (the
        same status rules and SLA clock). None when nothing changed."""
        status = values.get("status")
        if status is not None:
            ticket_rules.check_move(ticket.status, status)
        assignee = ticket.assignee_id
        if "assignee_id" in values:
            assignee = await _assignable(conn, values["assignee_id"])
        priority = values.get("priority") or ticket.priority
        ticket_rules.check_priority(priority)
        moved_to = status if status not in (None, ticket.status) else None
        side = await self._ticket_side(
            conn,
            ticket,
            status=moved_to,
            sla=case.sla_step(moved_to, paused=ticket.sla_paused_at is not None)
            if moved_to
            else None,
            assignee=assignee,
            priority=priority,
            now=self._clock.now(),
            values={k: v for k, v in values.items() if k in ("subject", "tags", "custom_fields")},
        )
        if not side:
            return None
        updated = await tickets.update(conn, ticket.id, side)
        await audit.record(
            conn,
            tenant_id=ticket.tenant_id,
            actor_kind=actor.kind,
            actor_id=actor.id,
            action="ticket.update",
            target_kind="ticket",
            target_id=str(ticket.id),
            details={"changes": list(side)},
        )
        return Outcome(None, updated, [], tuple(side))

    async def open_ticket(
        self,
        conn: Connection,
        *,
        tenant_id: TenantId,
        conversation: Conversation | None,
        agrees_with: str | None,
        requester: ContactId,
        subject: str,
        priority: str,
        tags: list[str],
        custom_fields: dict[str, Any],
        assignee: UserId | None,
        reason: str | None,
        summary: str | None,
        settings: TenantSettings,
        choose_assignee: Callable[[], Awaitable[UserId | None]] | None = None,
    ) -> Ticket:
        """The one way a ticket is created (escalations and POST /v1/tickets): numbered,
        with its SLA deadlines from now, in the status its conversation's `agrees_with`
        (the status it is in, or moving to) allows. Linking it to the conversation and
        announcing it are the caller's (`move(link_ticket=...)`, `ticket_created`).
        `choose_assignee` picks one when `assignee` is None, after the number is taken (its
        counter row lock orders the tenant's creations: two at once never pick the same)."""
        status = "new"
        if conversation is not None:
            assert agrees_with is not None
            if agrees_with == "closed":
                raise Conflict("a closed conversation cannot become a ticket")
            status = case.ticket_status_for(agrees_with, "new")
        now = self._clock.now()
        first, resolution = due_times(settings, priority, now)
        paused = status in case.PAUSED_TICKET_STATUSES
        number = await tickets.next_number(conn, tenant_id)
        if assignee is None and choose_assignee is not None:
            assignee = await choose_assignee()
        return await tickets.insert(
            conn,
            tenant_id=tenant_id,
            number=number,
            conversation_id=conversation.id if conversation else None,
            subject=subject,
            priority=priority,
            requester_contact_id=requester,
            tags=tags,
            custom_fields=custom_fields,
            escalation_reason=reason,
            summary=summary,
            first_response_due_at=first,
            resolution_due_at=resolution,
            created_at=now,  # the SLA's start: a priority change counts from it again
            status=status,
            assignee_id=assignee,
            solved_at=now if status == "solved" else None,
            sla_paused_at=now if paused else None,
        )

    async def staff_reply(
        self, conn: Connection, conversation: Conversation, who: Principal
    ) -> Outcome:
        """Before a public reply from staff: a person answering a customer who waits for
        one takes the case (waiting_human -> open; assigned to them when nobody is: "Ann
        joined the conversation"). Bots answer without taking it."""
        if (
            who.kind != "agent"
            or who.role not in (Role.AGENT, Role.ADMIN)
            or conversation.status != "waiting_human"
        ):
            return Outcome(conversation)
        return await self.move(
            conn,
            conversation.id,
            case.Change(trigger=case.AGENT_REPLIED, by=who.id),
            Actor.of(who),
            audit_action="conversation.join",
        )

    async def first_response(self, conn: Connection, conversation: Conversation) -> Outcome:
        """A public reply from staff in a ticket's conversation meets its first response."""
        outcome = Outcome(conversation)
        if conversation.ticket_id is None:
            return outcome
        ticket = await tickets.get(conn, conversation.ticket_id, lock=True)
        if ticket is None or ticket.first_responded_at is not None:
            return outcome
        outcome.ticket = await tickets.update(
            conn, ticket.id, {"first_responded_at": self._clock.now()}
        )
        outcome.ticket_changes = ("first_responded_at",)
        return outcome

    async def _ticket_side(
        self,
        conn: Connection,
        ticket: Ticket,
        *,
        status: str | None,
        sla: str | None,
        assignee: UserId | None,
        priority: str,
        now: datetime,
        values: dict[str, Any],
    ) -> dict[str, Any]:
        """The ticket's columns to write so it agrees with its case: only what differs."""
        changes: dict[str, Any] = dict(values)
        if status is not None:
            changes["status"] = status
            if status in ("solved", "closed"):
                if ticket.solved_at is None:
                    changes["solved_at"] = now
            else:
                changes["solved_at"] = None
        changes["assignee_id"] = assignee
        settings: TenantSettings | None = None
        paused_minutes = ticket.sla_paused_minutes
        first, resolution = ticket.first_response_due_at, ticket.resolution_due_at
        if priority != ticket.priority:
            settings = await _settings(conn, ticket.tenant_id)
            changes["priority"] = priority
            first, resolution = due_times(settings, priority, ticket.created_at, paused_minutes)
        if sla == "pause":
            changes["sla_paused_at"] = now
        elif sla == "resume" and ticket.sla_paused_at is not None:
            settings = settings or await _settings(conn, ticket.tenant_id)
            hours = settings.hours()
            changes["sla_paused_at"] = None
            changes["sla_paused_minutes"] = paused_minutes + business_minutes(
                ticket.sla_paused_at, now, hours
            )
            first = resumed(first, ticket.sla_paused_at, now, hours)
            resolution = resumed(resolution, ticket.sla_paused_at, now, hours)
        changes["first_response_due_at"] = first
        changes["resolution_due_at"] = resolution
        return {k: v for k, v in changes.items() if getattr(ticket, k) != v}


async def ticket_created(
    conn: Connection, conversation_id: ConversationId, ticket: Ticket
) -> PersistedEvent:
    """The staff-only `ticket.created` of a ticket linked to a conversation, in its seq."""
    current = await conversations.get(conn, conversation_id)
    assert current is not None
    return await events.append_ticket_created(conn, conversation=current, ticket=ticket)


def due_times(
    settings: TenantSettings, priority: str, start: datetime, paused_minutes: float = 0.0
) -> tuple[datetime | None, datetime | None]:
    """SLA deadlines for `priority` from `start`, the business minutes paused added."""
    target = settings.sla_target(priority)
    hours = settings.hours()
    first = (
        deadline(start, target.first_response_minutes + paused_minutes, hours)
        if target.first_response_minutes
        else None
    )
    resolution = (
        deadline(start, target.resolution_minutes + paused_minutes, hours)
        if target.resolution_minutes
        else None
    )
    return first, resolution


async def _settings(conn: Connection, tenant_id: TenantId) -> TenantSettings:
    tenant = await tenants.get(conn, tenant_id)
    return TenantSettings.from_stored(tenant.settings if tenant else {})


async def assignable(conn: Connection, assignee_id: str) -> UserId:
    """A user of the context's tenant (another tenant's id is simply not found)."""
    try:
        user_id = UserId(uuid.UUID(str(assignee_id)))
    except ValueError:
        raise NotFound("assignee not found") from None
    if await principals.get_user(conn, user_id) is None:
        raise NotFound("assignee not found")
    return user_id


async def _assignable(conn: Connection, assignee: str | UserId | None) -> UserId | None:
    return None if assignee is None else await assignable(conn, str(assignee))


async def _name_of(conn: Connection, user_id: UserId | None) -> str | None:
    if user_id is None:
        return None
    user = await principals.get_user(conn, user_id)
    return (user.name or user.email) if user else None


def _str(value: object | None) -> str | None:
    return None if value is None else str(value)


async def announce(sink: EventSink, outcomes: Sequence[Outcome]) -> None:
    """Announce what several moves of one transaction wrote, in seq order, with one
    `ticket.updated` for everything the ticket went through."""
    ticket: Ticket | None = None
    changed: list[str] = []
    for outcome in outcomes:
        for event in outcome.persisted:
            await sink.persisted(event)
        if outcome.ticket is not None and outcome.ticket_changes:
            ticket = outcome.ticket
            changed += [c for c in outcome.ticket_changes if c not in changed]
    if ticket is not None:
        await sink.ticket(TicketChanged("ticket.updated", ticket, tuple(changed)))


async def created_with(sink: EventSink, first: MessageCreated) -> None:
    """A conversation made in the same transaction as its first message (an inbound
    channel's new thread, a follow-up of a closed one) is announced to the inbox before that
    message (`conversation.created`); `seq` 1 is a conversation's first event."""
    if first.message.seq == 1:
        await sink.created(first.conversation)


async def follow_up(conn: Connection, closed: Conversation) -> Conversation:
    """Where a customer's new message to a closed conversation goes: the new conversation
    that continues it (made now, linked to it, on the same channel), once."""
    found = await conversations.follow_up_of(conn, closed.id)
    while found is not None:
        if found.status != "closed":
            return found
        closed = found  # that one ended too: continue the latest
        found = await conversations.follow_up_of(conn, closed.id)
    settings = await _settings(conn, closed.tenant_id)
    return await conversations.insert(
        conn,
        tenant_id=closed.tenant_id,
        contact_id=closed.contact_id,
        channel=closed.channel,
        subject=closed.subject,
        ai_enabled=settings.ai_enabled,
        channel_id=closed.channel_id,
        previous_conversation_id=closed.id,
    )
