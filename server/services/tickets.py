"""Ticket use cases: list, read, create, change, comment. Staff work tickets; a customer
reads its own (public comments only). Every change is audited and announced to the inbox.

Public comments reach the customer as a message in the ticket's conversation (and through
its channel); internal comments stay on the ticket.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from server.clock import Clock
from server.domain import case
from server.domain import tickets as rules
from server.domain.access import Principal, SecurityContext, is_staff, sender_of
from server.domain.case import UNSET
from server.domain.events import EventSink, MessageCreated, TicketChanged
from server.domain.tenant_settings import TenantSettings
from server.domain.tickets import Ticket, TicketComment
from server.errors import Forbidden, NotFound, ValidationFailed
from server.ids import ContactId, ConversationId, UserId, parse_uuid
from server.metrics import Metrics
from server.services.cases import Actor, Lifecycle, Outcome, assignable, ticket_created
from server.services.paging import decode_cursor, encode_cursor
from server.store import audit, contacts, conversations, messages, tenants, tickets
from server.store.db import Connection, Database

MAX_PAGE = 200


@dataclass(frozen=True)
class TicketFilter:
    status: str | None = None
    assignee: str | None = None  # a user id, "me" or "none"
    priority: str | None = None
    tag: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class TicketPage:
    tickets: list[Ticket]
    next_cursor: str | None


@dataclass(frozen=True)
class TicketView:
    ticket: Ticket
    comments: list[TicketComment]


class TicketService:
    def __init__(
        self, db: Database, sink: EventSink, clock: Clock, *, metrics: Metrics | None = None
    ) -> None:
        self._metrics = metrics or Metrics()
        self._db = db
        self._sink = sink
        self._clock = clock
        self._lifecycle = Lifecycle(clock)

    async def search(
        self, principal: Principal, wanted: TicketFilter, limit: int, cursor: str | None
    ) -> TicketPage:
        _require_staff(principal)
        if wanted.status is not None and wanted.status not in rules.STATUSES:
            raise ValidationFailed(f"status must be one of {', '.join(rules.STATUSES)}")
        if wanted.priority is not None:
            rules.check_priority(wanted.priority)
        text = (wanted.text or "").strip() or None
        if text is not None and len(text) > 200:
            raise ValidationFailed("q must be at most 200 characters")
        assignee: UserId | None = None
        if wanted.assignee == "me":
            assignee = UserId(uuid.UUID(principal.id)) if principal.kind == "agent" else None
        elif wanted.assignee not in (None, "none"):
            assignee = UserId(parse_uuid(wanted.assignee, "assignee"))
        async with self._db.unit(principal.context()) as conn:
            found = await tickets.search(
                conn,
                principal.tenant_id,
                status=wanted.status,
                assignee_id=assignee,
                unassigned=wanted.assignee == "none",
                priority=wanted.priority,
                tag=wanted.tag.strip().lower() if wanted.tag else None,
                text=text,
                before=decode_cursor(cursor),
                limit=limit + 1,
            )
        page = found[:limit]
        more = len(found) > limit
        next_cursor = encode_cursor(page[-1].updated_at, page[-1].id) if more and page else None
        return TicketPage(page, next_cursor)

    async def get(self, principal: Principal, ticket_id: str) -> TicketView:
        """Staff see every comment; a customer sees its own ticket's public ones (RLS)."""
        async with self._db.unit(principal.context()) as conn:
            ticket = await _visible(conn, ticket_id)
            found = await tickets.comments(conn, ticket.id)
        return TicketView(ticket, found)

    async def create(
        self,
        principal: Principal,
        *,
        subject: str,
        requester_contact_id: str | None,
        conversation_id: str | None,
        priority: str | None,
        tags: list[str],
        custom_fields: dict[str, Any],
        assignee_id: str | None,
    ) -> Ticket:
        """POST /v1/tickets: for a contact, or for a conversation (which it then follows:
        the conversation's assignee and priority unless given, which then move the
        conversation too). The same creation path as escalation; announced `ticket.created`."""
        _require_staff(principal)
        if priority is not None:
            rules.check_priority(priority)
        clean_subject = _subject(subject)
        actor = Actor.of(principal)
        async with self._db.unit(principal.context()) as conn:
            settings = await _settings(conn, principal)
            fields = rules.check_custom_fields(custom_fields, settings.ticket_fields)
            chosen = await assignable(conn, assignee_id) if assignee_id is not None else None
            outcome: Outcome | None = None
            if conversation_id is not None:
                target = ConversationId(parse_uuid(conversation_id, "conversation"))
                conversation = await conversations.get(conn, target, lock=True)
                if conversation is None:
                    raise NotFound("conversation not found")
                if conversation.ticket_id is not None:
                    raise ValidationFailed("this conversation already has a ticket")
                ticket = await self._lifecycle.open_ticket(
                    conn,
                    tenant_id=principal.tenant_id,
                    conversation=conversation,
                    agrees_with=conversation.status,
                    requester=conversation.contact_id,
                    subject=clean_subject,
                    priority=priority or conversation.priority,
                    tags=rules.check_tags(tags),
                    custom_fields=fields,
                    assignee=chosen or conversation.assignee_id,
                    reason=None,
                    summary=None,
                    settings=settings,
                )
                outcome = await self._lifecycle.move(
                    conn,
                    conversation.id,
                    case.Change(
                        assignee_id=str(chosen) if chosen else UNSET,
                        priority=priority,
                    ),
                    actor,
                    audit_action=None,
                    link_ticket=ticket,
                )
                ticket = outcome.ticket or ticket
                outcome.persisted.append(await ticket_created(conn, conversation.id, ticket))
            else:
                if requester_contact_id is None:
                    raise ValidationFailed("give requester_contact_id or conversation_id")
                requester = ContactId(parse_uuid(requester_contact_id, "requester contact"))
                if await contacts.get(conn, requester) is None:
                    raise NotFound("requester contact not found")
                ticket = await self._lifecycle.open_ticket(
                    conn,
                    tenant_id=principal.tenant_id,
                    conversation=None,
                    agrees_with=None,
                    requester=requester,
                    subject=clean_subject,
                    priority=priority or "normal",
                    tags=rules.check_tags(tags),
                    custom_fields=fields,
                    assignee=chosen,
                    reason=None,
                    summary=None,
                    settings=settings,
                )
            await _audit(conn, principal, "ticket.create", ticket, {"number": ticket.number})
        self._metrics.tickets_created.inc()
        if outcome is not None:
            outcome.ticket_changes = ()  # ticket.created says it all
            await outcome.announce(self._sink)
        else:
            await self._sink.ticket(TicketChanged("ticket.created", ticket, ("created",)))
        return ticket

    async def change(self, principal: Principal, ticket_id: str, values: dict[str, Any]) -> Ticket:
        """Status (only the moves MOVES allows), priority (SLA deadlines recomputed),
        assignee, tags, subject, custom fields (merged; null clears one). All or nothing.

        A ticket with a conversation moves as one case with it (domain/case.py): its
        status, assignee and priority are asked of the conversation, the ticket follows."""
        _require_staff(principal)
        allowed = {"status", "priority", "assignee_id", "tags", "subject", "custom_fields"}
        unknown = sorted(set(values) - allowed)
        if unknown:
            raise ValidationFailed(f"{unknown[0]} cannot be changed")
        if "status" in values and values["status"] not in rules.STATUSES:
            raise ValidationFailed(f"status must be one of {', '.join(rules.STATUSES)}")
        if "priority" in values:
            rules.check_priority(values["priority"])
        actor = Actor.of(principal)
        async with self._db.unit(principal.context()) as conn:
            ticket = await _locked(conn, ticket_id)
            settings = await _settings(conn, principal)
            own: dict[str, Any] = {}
            if "tags" in values:
                own["tags"] = rules.check_tags(values["tags"])
            if "subject" in values:
                own["subject"] = _subject(values["subject"])
            if "custom_fields" in values:
                update = rules.check_custom_fields(values["custom_fields"], settings.ticket_fields)
                merged = {**ticket.custom_fields, **update}
                own["custom_fields"] = {k: v for k, v in merged.items() if v is not None}
            if ticket.conversation_id is None:
                wanted = {**own, **{k: values[k] for k in values if k not in own}}
                outcome = await self._lifecycle.change_ticket(conn, ticket, wanted, actor)
            else:
                if "assignee_id" in values and values["assignee_id"] is not None:
                    await assignable(conn, values["assignee_id"])
                outcome = await self._lifecycle.move(
                    conn,
                    ticket.conversation_id,
                    case.Change(
                        trigger=case.TICKET,
                        ticket_status=values.get("status"),
                        assignee_id=values.get("assignee_id", UNSET),
                        priority=values.get("priority"),
                    ),
                    actor,
                    audit_action="ticket.update",
                    ticket_values=own,
                )
        if outcome is None:
            return ticket
        await outcome.announce(self._sink)
        return outcome.ticket or ticket

    async def comment(
        self, principal: Principal, ticket_id: str, body: str, *, public: bool
    ) -> TicketComment:
        """A public comment is also a message to the customer in the ticket's conversation,
        a reply like any other (a person answering a waiting customer takes the case; the
        first one from staff meets the first-response target); an internal one is not."""
        _require_staff(principal)
        text = body.strip()
        if not 1 <= len(text) <= 20_000:
            raise ValidationFailed("body must be 1 to 20000 characters")
        outcomes: list[Outcome] = []
        async with self._db.unit(principal.context()) as conn:
            ticket = await _locked(conn, ticket_id)
            comment = await tickets.add_comment(
                conn,
                tenant_id=principal.tenant_id,
                ticket_id=ticket.id,
                author_kind=principal.kind,
                author_id=principal.id,
                author_name=principal.name,
                body=text,
                public=public,
            )
            if public and ticket.conversation_id is not None:
                conversation = await conversations.get(conn, ticket.conversation_id, lock=True)
                assert conversation is not None
                outcomes.append(await self._lifecycle.staff_reply(conn, conversation, principal))
                result, current = await messages.append(
                    conn,
                    conversation_id=ticket.conversation_id,
                    sender=sender_of(principal),
                    body=text,
                    client_msg_id=f"comment-{comment.id}",
                    now=self._clock.now(),
                )
                outcomes.append(
                    Outcome(current, persisted=[MessageCreated(result.message, current)])
                )
            ticket = await tickets.get(conn, ticket.id) or ticket
            responded = public and ticket.first_responded_at is None
            if responded:
                ticket = await tickets.update(
                    conn, ticket.id, {"first_responded_at": self._clock.now()}
                )
            await _audit(
                conn, principal, "ticket.comment", ticket, {"public": public, "id": str(comment.id)}
            )
        changed = ["comments"]
        for outcome in outcomes:
            changed += [c for c in outcome.ticket_changes if c not in changed]
            outcome.ticket_changes = ()  # one ticket.updated below says it all
            await outcome.announce(self._sink)
        if responded:
            changed.append("first_responded_at")
        await self._sink.ticket(TicketChanged("ticket.updated", ticket, tuple(changed)))
        return comment

    async def check_breaches(self, limit: int = 100) -> int:
        """Mark and announce every missed SLA target not yet marked (the worker's timer;
        marking in the row makes a second worker, or a rerun, announce nothing twice)."""
        now = self._clock.now()
        async with self._db.unit(SecurityContext.operator()) as conn:
            due = await tickets.breached(conn, now, limit)
            marked = []
            for ticket, target in due:
                updated = await tickets.update(
                    conn, ticket.id, {"breaches": [*ticket.breaches, target]}
                )
                await audit.record(
                    conn,
                    tenant_id=ticket.tenant_id,
                    actor_kind="system",
                    actor_id=None,
                    action="ticket.sla_breach",
                    target_kind="ticket",
                    target_id=str(ticket.id),
                    details={"target": target},
                )
                marked.append((updated, target))
        for ticket, target in marked:
            await self._sink.ticket(TicketChanged("ticket.sla_breached", ticket, (target,)))
        return len(marked)


def _subject(subject: str) -> str:
    clean = " ".join(subject.split())
    if not 1 <= len(clean) <= 300:
        raise ValidationFailed("subject must be 1 to 300 characters")
    return clean


async def _settings(conn: Connection, principal: Principal) -> TenantSettings:
    tenant = await tenants.get(conn, principal.tenant_id)
    return TenantSettings.from_stored(tenant.settings if tenant else {})


async def _locked(conn: Connection, ticket_id: str) -> Ticket:
    """The ticket, locked for this transaction after its conversation (the order every
    case move takes locks in: conversation, then ticket; never the other way round)."""
    ticket = await _visible(conn, ticket_id)
    if ticket.conversation_id is not None:
        await conversations.lock(conn, ticket.conversation_id)
    return await _visible(conn, ticket_id, lock=True)


async def _visible(conn: Connection, ticket_id: str, *, lock: bool = False) -> Ticket:
    ticket = await tickets.get(conn, parse_uuid(ticket_id, "ticket"), lock=lock)
    if ticket is None:
        raise NotFound("ticket not found")
    return ticket


async def _audit(
    conn: Connection, principal: Principal, action: str, ticket: Ticket, details: dict[str, Any]
) -> None:
    await audit.record(
        conn,
        tenant_id=ticket.tenant_id,
        actor_kind=principal.kind,
        actor_id=principal.id,
        action=action,
        target_kind="ticket",
        target_id=str(ticket.id),
        details=details,
    )


def _require_staff(principal: Principal) -> None:
    if not is_staff(principal):
        raise Forbidden("tickets are worked by agents and bots")
