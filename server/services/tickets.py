"""Ticket use cases: list, read, create, change, comment. Staff work tickets; a customer
reads its own (public comments only). Every change is audited and announced to the inbox.

Public comments reach the customer as a message in the ticket's conversation (and through
its channel); internal comments stay on the ticket.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import server.metrics as metrics
from server.clock import Clock
from server.domain import tickets as rules
from server.domain.access import Principal, SecurityContext, is_staff, sender_of
from server.domain.events import EventSink, MessageCreated, TicketChanged
from server.domain.models import Conversation, Role
from server.domain.sla import deadline
from server.domain.tenant_settings import TenantSettings
from server.domain.tickets import Ticket, TicketComment
from server.errors import Forbidden, NotFound, ValidationFailed
from server.ids import ContactId, ConversationId, UserId, parse_uuid
from server.services.conversations import assignable
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
    def __init__(self, db: Database, sink: EventSink, clock: Clock) -> None:
        self._db = db
        self._sink = sink
        self._clock = clock

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
        priority: str,
        tags: list[str],
        custom_fields: dict[str, Any],
        assignee_id: str | None,
    ) -> Ticket:
        _require_staff(principal)
        rules.check_priority(priority)
        clean_subject = _subject(subject)
        async with self._db.unit(principal.context()) as conn:
            settings = await _settings(conn, principal)
            fields = rules.check_custom_fields(custom_fields, settings.ticket_fields)
            conversation = None
            if conversation_id is not None:
                target = ConversationId(parse_uuid(conversation_id, "conversation"))
                if await conversations.lock(conn, target) is None:
                    raise NotFound("conversation not found")
                conversation = await conversations.get(conn, target)
                assert conversation is not None
                if await tickets.of_conversation(conn, target) is not None:
                    raise ValidationFailed("this conversation already has a ticket")
                requester = conversation.contact_id
            elif requester_contact_id is not None:
                requester = ContactId(parse_uuid(requester_contact_id, "requester contact"))
                if await contacts.get(conn, requester) is None:
                    raise NotFound("requester contact not found")
            else:
                raise ValidationFailed("give requester_contact_id or conversation_id")
            now = self._clock.now()
            first_due, resolution_due = _due(settings, priority, now)
            ticket = await tickets.insert(
                conn,
                tenant_id=principal.tenant_id,
                number=await tickets.next_number(conn, principal.tenant_id),
                conversation_id=conversation.id if conversation else None,
                subject=clean_subject,
                priority=priority,
                requester_contact_id=requester,
                tags=rules.check_tags(tags),
                custom_fields=fields,
                escalation_reason=None,
                summary=None,
                first_response_due_at=first_due,
                resolution_due_at=resolution_due,
            )
            if assignee_id is not None:
                chosen = await assignable(conn, assignee_id)
                ticket = await tickets.update(conn, ticket.id, {"assignee_id": chosen})
            if conversation is not None:
                await conversations.update(conn, conversation.id, {"ticket_id": ticket.id})
            await _audit(conn, principal, "ticket.create", ticket, {"number": ticket.number})
        metrics.TICKETS_CREATED.inc()
        await self._sink.ticket(TicketChanged("ticket.updated", ticket, ("created",)))
        return ticket

    async def change(self, principal: Principal, ticket_id: str, values: dict[str, Any]) -> Ticket:
        """Status (only the moves MOVES allows), priority (SLA deadlines recomputed),
        assignee, tags, subject, custom fields (merged; null clears one). All or nothing."""
        _require_staff(principal)
        allowed = {"status", "priority", "assignee_id", "tags", "subject", "custom_fields"}
        unknown = sorted(set(values) - allowed)
        if unknown:
            raise ValidationFailed(f"{unknown[0]} cannot be changed")
        async with self._db.unit(principal.context()) as conn:
            ticket = await _visible(conn, ticket_id, lock=True)
            settings = await _settings(conn, principal)
            changes: dict[str, Any] = {}
            if "status" in values:
                rules.check_move(ticket.status, values["status"])
                changes.update(_status_changes(ticket, values["status"], self._clock.now()))
            if "priority" in values and values["priority"] != ticket.priority:
                changes["priority"] = rules.check_priority(values["priority"])
                first_due, resolution_due = _due(settings, changes["priority"], ticket.created_at)
                changes.update(first_response_due_at=first_due, resolution_due_at=resolution_due)
            if "assignee_id" in values:
                chosen = values["assignee_id"]
                changes["assignee_id"] = None if chosen is None else await assignable(conn, chosen)
            if "tags" in values:
                changes["tags"] = rules.check_tags(values["tags"])
            if "subject" in values:
                changes["subject"] = _subject(values["subject"])
            if "custom_fields" in values:
                update = rules.check_custom_fields(values["custom_fields"], settings.ticket_fields)
                merged = {**ticket.custom_fields, **update}
                changes["custom_fields"] = {k: v for k, v in merged.items() if v is not None}
            moved = tuple(k for k, v in changes.items() if getattr(ticket, k, None) != v)
            if not moved:
                return ticket
            ticket = await tickets.update(conn, ticket.id, changes)
            await _audit(conn, principal, "ticket.update", ticket, {"changes": list(moved)})
        await self._sink.ticket(TicketChanged("ticket.updated", ticket, moved))
        return ticket

    async def comment(
        self, principal: Principal, ticket_id: str, body: str, *, public: bool
    ) -> TicketComment:
        """A public comment is also a message to the customer in the ticket's conversation
        (its first one from staff meets the first-response target); an internal one is not."""
        _require_staff(principal)
        text = body.strip()
        if not 1 <= len(text) <= 20_000:
            raise ValidationFailed("body must be 1 to 20000 characters")
        announce: MessageCreated | None = None
        async with self._db.unit(principal.context()) as conn:
            ticket = await _visible(conn, ticket_id, lock=True)
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
                result, current = await messages.append(
                    conn,
                    conversation_id=ticket.conversation_id,
                    sender=sender_of(principal),
                    body=text,
                    client_msg_id=f"comment-{comment.id}",
                )
                announce = MessageCreated(result.message, current)
            if public and ticket.first_responded_at is None:
                ticket = await tickets.update(
                    conn, ticket.id, {"first_responded_at": self._clock.now()}
                )
            await _audit(
                conn, principal, "ticket.comment", ticket, {"public": public, "id": str(comment.id)}
            )
        if announce is not None:
            await self._sink.persisted(announce)
        await self._sink.ticket(TicketChanged("ticket.updated", ticket, ("comments",)))
        return comment

    async def staff_replied(self, conversation: Conversation) -> None:
        """An agent or bot answered in a ticket's conversation: first response met."""
        staff = SecurityContext(conversation.tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            ticket = await tickets.of_conversation(conn, conversation.id)
            if ticket is None or ticket.first_responded_at is not None:
                return
            ticket = await tickets.update(
                conn, ticket.id, {"first_responded_at": self._clock.now()}
            )
        await self._sink.ticket(TicketChanged("ticket.updated", ticket, ("first_responded_at",)))

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


def _status_changes(ticket: Ticket, status: str, now: datetime) -> dict[str, Any]:
    changes: dict[str, Any] = {"status": status}
    if status in ("solved", "closed") and ticket.solved_at is None:
        changes["solved_at"] = now
    elif status in ("open", "pending", "new"):
        changes["solved_at"] = None
    return changes


def _due(
    settings: TenantSettings, priority: str, start: datetime
) -> tuple[datetime | None, datetime | None]:
    target = settings.sla_target(priority)
    hours = settings.hours()
    first = (
        deadline(start, target.first_response_minutes, hours)
        if target.first_response_minutes
        else None
    )
    resolution = (
        deadline(start, target.resolution_minutes, hours) if target.resolution_minutes else None
    )
    return first, resolution


def _subject(subject: str) -> str:
    clean = " ".join(subject.split())
    if not 1 <= len(clean) <= 300:
        raise ValidationFailed("subject must be 1 to 300 characters")
    return clean


async def _settings(conn: Connection, principal: Principal) -> TenantSettings:
    tenant = await tenants.get(conn, principal.tenant_id)
    return TenantSettings.from_stored(tenant.settings if tenant else {})


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
