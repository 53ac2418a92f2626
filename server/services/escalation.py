"""Escalation: a conversation the AI cannot (or should not) handle becomes a ticket.

Every trigger (the customer asks for a person, the AI gives up or fails, a question waits
too long, the visitor leaves unanswered, staff mark it) ends here. One transaction locks
the conversation, so triggers racing on two nodes create one ticket: the second finds it.
The conversation moves to `waiting_human`, the visitor gets the tenant's system message,
agents get `conversation.updated`, the message and `ticket.created` in seq order, and the
ticket carries a handoff summary built from the conversation.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import server.metrics as metrics
from server.ai.base import Handoff, Summarizer, TokenUsage
from server.clock import Clock
from server.domain import handoff
from server.domain.access import Principal, SecurityContext, sender_of
from server.domain.events import EventSink, MessageCreated, PersistedEvent, TicketChanged
from server.domain.models import Conversation, Message, Role, Sender
from server.domain.sla import deadline
from server.domain.tenant_settings import TenantSettings
from server.domain.tickets import Ticket, round_robin
from server.errors import NotFound
from server.ids import ConversationId, TenantId, UserId, parse_uuid
from server.store import ai_usage, audit, conversations, events, messages, tenants, tickets
from server.store.db import Connection, Database, retry_on_conflict

log = logging.getLogger("flowsupport.escalation")
AgentsOnline = Callable[[TenantId], Awaitable[list[str]]]
SYSTEM_SENDER = Sender("system", None, "FlowSupport")
RECENT_MESSAGES = 30


@dataclass(frozen=True)
class Escalated:
    ticket: Ticket
    created: bool  # False: the conversation already had a ticket (another trigger won)


class EscalationService:
    def __init__(
        self,
        db: Database,
        sink: EventSink,
        clock: Clock,
        *,
        agents_online: AgentsOnline | None = None,
        summarizer: Summarizer | None = None,
        leave_grace_s: float = 15.0,
    ) -> None:
        self._agents_online = agents_online
        self._summarizer = summarizer
        self._leave_grace_s = leave_grace_s  # a visitor back within this (a page load) stayed
        self._db = db
        self._sink = sink
        self._clock = clock
        self._pending: set[asyncio.Task[None]] = set()

    async def escalate(
        self,
        tenant_id: TenantId,
        conversation_id: ConversationId,
        reason: str,
        by: Sender | None = None,
    ) -> Escalated:
        """Hand the conversation to a person, creating its ticket once (idempotent)."""

        async def attempt() -> tuple[Escalated, list[PersistedEvent]]:
            async with self._db.unit(SecurityContext(tenant_id, Role.AGENT)) as conn:
                return await self._escalate_in(conn, tenant_id, conversation_id, reason, by)

        outcome, announced = await retry_on_conflict(attempt)
        if announced:
            metrics.ESCALATIONS.labels(reason).inc()
        if outcome.created:
            metrics.TICKETS_CREATED.inc()
        for event in announced:
            await self._sink.persisted(event)
        # Past the AI budget, the summary stays extractive: it would spend more tokens.
        if outcome.created and self._summarizer is not None and reason != "budget":
            self._spawn(self._summarize_logged(outcome.ticket, reason))
        return outcome

    async def hand_off(self, principal: Principal, conversation_id: str) -> Conversation:
        """`handoff.request`: the customer asks for a person, or staff mark it for one."""
        async with self._db.unit(principal.context()) as conn:
            visible = await conversations.get(
                conn, ConversationId(parse_uuid(conversation_id, "conversation"))
            )
        if visible is None:
            raise NotFound("conversation not found")
        reason = "customer_asked" if principal.kind == "visitor" else "marked"
        await self.escalate(visible.tenant_id, visible.id, reason, sender_of(principal))
        async with self._db.unit(principal.context()) as conn:
            current = await conversations.get(conn, visible.id)
        assert current is not None
        return current

    def visitor_wrote(self, conversation: Conversation, message: Message) -> bool:
        """After a visitor's message commits: a request for a person escalates at once
        (True: nobody else should answer it); a reply on a solved ticket reopens it."""
        if conversation.ticket_id is not None:
            self._spawn(self._reopen_logged(conversation))
        if conversation.status == "waiting_human" or not handoff.wants_person(message.body):
            return False
        self._spawn(
            self._escalate_logged(conversation.tenant_id, conversation.id, "customer_asked")
        )
        return True

    def visitor_left(self, tenant_id: TenantId, conversation_ids: list[ConversationId]) -> None:
        """The visitor disconnected: conversations still unanswered after a grace escalate."""
        if conversation_ids:
            self._spawn(self._after_leaving(tenant_id, conversation_ids))

    async def sweep_unanswered(self, default_wait_s: float, limit: int = 100) -> int:
        """Escalate every conversation whose visitor waited past the tenant's limit (the
        worker calls this every few seconds; the state is in the database, so a restart or
        a second worker changes nothing)."""
        async with self._db.unit(SecurityContext.operator()) as conn:
            due = await conversations.awaiting_reply(conn, default_wait_s, limit)
        for conversation in due:
            await self._escalate_logged(conversation.tenant_id, conversation.id, "unanswered")
        return len(due)

    async def close(self) -> None:
        for task in list(self._pending):
            task.cancel()
        await asyncio.gather(*self._pending, return_exceptions=True)

    async def _escalate_in(
        self,
        conn: Connection,
        tenant_id: TenantId,
        conversation_id: ConversationId,
        reason: str,
        by: Sender | None,
    ) -> tuple[Escalated, list[PersistedEvent]]:
        if await conversations.lock(conn, conversation_id) is None:
            raise NotFound("conversation not found")
        conversation = await conversations.get(conn, conversation_id)
        assert conversation is not None
        ticket = await tickets.of_conversation(conn, conversation_id)
        if ticket is not None and conversation.status == "waiting_human":
            return Escalated(ticket, created=False), []
        tenant = await tenants.get(conn, tenant_id)
        settings = TenantSettings.from_stored(tenant.settings if tenant else {})
        created = ticket is None
        if ticket is None:
            ticket = await self._open_ticket(conn, conversation, reason, settings)
        elif ticket.status in ("solved", "pending"):
            ticket = await tickets.update(conn, ticket.id, {"status": "open", "solved_at": None})
        values: dict[str, Any] = {"status": "waiting_human", "ticket_id": ticket.id}
        if conversation.assignee_id is None and ticket.assignee_id is not None:
            values["assignee_id"] = ticket.assignee_id
        announced: list[PersistedEvent] = []
        changed = await conversations.update(conn, conversation_id, values)
        if changed:
            announced.append(
                await events.append_update(
                    conn, tenant_id=tenant_id, conversation_id=conversation_id, changes=changed
                )
            )
        result, current = await messages.append(
            conn,
            conversation_id=conversation_id,
            sender=SYSTEM_SENDER,
            body=settings.escalation_message,
            client_msg_id=f"escalation-{ticket.id}-{ticket.updated_at.timestamp():.6f}",
        )
        if result.created:
            announced.append(MessageCreated(result.message, current))
        if created:
            announced.append(
                await events.append_ticket_created(conn, conversation=current, ticket=ticket)
            )
        await audit.record(
            conn,
            tenant_id=tenant_id,
            actor_kind=by.kind if by else "system",
            actor_id=by.id if by else None,
            action="ticket.create" if created else "conversation.escalate",
            target_kind="ticket",
            target_id=str(ticket.id),
            details={"reason": reason, "conversation_id": str(conversation_id)},
        )
        return Escalated(ticket, created), announced

    async def _open_ticket(
        self, conn: Connection, conversation: Conversation, reason: str, settings: TenantSettings
    ) -> Ticket:
        recent = await messages.latest(conn, conversation.id, RECENT_MESSAGES)
        now = self._clock.now()
        target = settings.sla_target(conversation.priority)
        hours = settings.hours()
        # The number first: its counter row lock orders this tenant's creations, so two
        # escalations at once cannot both pick the same next agent.
        number = await tickets.next_number(conn, conversation.tenant_id)
        ticket = await tickets.insert(
            conn,
            tenant_id=conversation.tenant_id,
            number=number,
            conversation_id=conversation.id,
            subject=conversation.subject or handoff.subject_for(recent, conversation.channel),
            priority=conversation.priority,
            requester_contact_id=conversation.contact_id,
            tags=list(conversation.tags),
            custom_fields={},
            escalation_reason=reason,
            summary=handoff.summary(reason, recent),
            first_response_due_at=(
                deadline(now, target.first_response_minutes, hours)
                if target.first_response_minutes
                else None
            ),
            resolution_due_at=(
                deadline(now, target.resolution_minutes, hours)
                if target.resolution_minutes
                else None
            ),
        )
        assignee = conversation.assignee_id
        if assignee is None and settings.auto_assign and self._agents_online is not None:
            last = await tickets.last_assignee(conn, conversation.tenant_id)
            online = await self._agents_online(conversation.tenant_id)
            chosen = round_robin(online, str(last) if last else None)
            assignee = UserId(uuid.UUID(chosen)) if chosen else None
        if assignee is not None:
            ticket = await tickets.update(conn, ticket.id, {"assignee_id": assignee})
        return ticket

    async def _escalate_logged(
        self, tenant_id: TenantId, conversation_id: ConversationId, reason: str
    ) -> None:
        try:
            await self.escalate(tenant_id, conversation_id, reason)
        except Exception:
            log.exception("escalating conversation %s (%s) failed", conversation_id, reason)

    async def _summarize_logged(self, ticket: Ticket, reason: str) -> None:
        """Replace the extractive summary by the LLM's, after the escalation committed (the
        ticket never waits for a model). On failure the extractive one stays."""
        assert self._summarizer is not None
        assert ticket.conversation_id is not None
        staff = SecurityContext(ticket.tenant_id, Role.AGENT)
        try:
            async with self._db.unit(staff) as conn:
                recent = await messages.latest(conn, ticket.conversation_id, RECENT_MESSAGES)
            transcript = tuple(
                (m.sender.kind + (" (internal note)" if m.private else ""), m.body) for m in recent
            )
            usage = TokenUsage()
            written = await self._summarizer.summarize(
                Handoff(handoff.REASONS.get(reason, reason), transcript), usage
            )
            async with self._db.unit(staff) as conn:
                updated = await tickets.update(
                    conn, ticket.id, {"summary": written[: handoff.SUMMARY_CHARS]}
                )
                await ai_usage.add(
                    conn, ticket.tenant_id, ticket.conversation_id, usage.total, self._clock.now()
                )
        except Exception:
            log.exception("the LLM handoff summary of ticket %s failed", ticket.id)
            return
        await self._sink.ticket(TicketChanged("ticket.updated", updated, ("summary",)))

    async def _reopen_logged(self, conversation: Conversation) -> None:
        try:
            await self._reopen(conversation)
        except Exception:
            log.exception("reopening the ticket of conversation %s failed", conversation.id)

    async def _reopen(self, conversation: Conversation) -> None:
        async with self._db.unit(SecurityContext(conversation.tenant_id, Role.AGENT)) as conn:
            ticket = await tickets.of_conversation(conn, conversation.id)
            if ticket is None or ticket.status not in ("solved", "pending"):
                return
            ticket = await tickets.update(conn, ticket.id, {"status": "open", "solved_at": None})
            await audit.record(
                conn,
                tenant_id=ticket.tenant_id,
                actor_kind="system",
                actor_id=None,
                action="ticket.reopen",
                target_kind="ticket",
                target_id=str(ticket.id),
                details={"reason": "the customer wrote again"},
            )
        await self._sink.ticket(TicketChanged("ticket.updated", ticket, ("status",)))

    async def _after_leaving(
        self, tenant_id: TenantId, conversation_ids: list[ConversationId]
    ) -> None:
        await asyncio.sleep(self._leave_grace_s)
        context = SecurityContext(tenant_id, Role.AGENT)
        async with self._db.unit(context) as conn:
            tenant = await tenants.get(conn, tenant_id)
            if not TenantSettings.from_stored(
                tenant.settings if tenant else {}
            ).escalate_on_disconnect:
                return
            waiting = [c for c in conversation_ids if await conversations.waiting_since(conn, c)]
        for conversation_id in waiting:
            await self._escalate_logged(tenant_id, conversation_id, "visitor_left")

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(work)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
