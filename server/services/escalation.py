"""Escalation: a conversation the AI cannot (or should not) handle becomes a ticket.

Every trigger (the customer asks for a person, the AI gives up or fails, a question waits
too long, the visitor leaves unanswered, staff mark it) ends here. One transaction locks
the conversation, so triggers racing on two nodes create one ticket: the second finds it.
The conversation moves to `waiting_human` through the case lifecycle (services/cases.py),
the visitor gets the tenant's system message (event `escalated`), agents get
`conversation.updated`, the message and `ticket.created` in seq order, and the ticket,
opened by the one creation path the HTTP API uses too, carries a handoff summary built from
the conversation.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from server.ai.base import Handoff, Summarizer, TokenUsage
from server.clock import Clock
from server.domain import case, handoff
from server.domain.access import Principal, SecurityContext, sender_of
from server.domain.case import UNSET
from server.domain.events import EventSink, TicketChanged
from server.domain.models import Conversation, Message, Role, Sender
from server.domain.tenant_settings import TenantSettings
from server.domain.tickets import Ticket, round_robin
from server.errors import NotFound
from server.ids import ConversationId, TenantId, UserId, parse_uuid
from server.metrics import Metrics
from server.services.cases import SYSTEM, Actor, Lifecycle, Outcome, ticket_created
from server.store import ai_usage, audit, conversations, messages, tenants, tickets
from server.store.db import Connection, Database, retry_on_conflict
from server.supervisor import Supervisor

AgentsOnline = Callable[[TenantId], Awaitable[list[str]]]
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
        supervisor: Supervisor | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self._supervisor = supervisor or Supervisor()
        self._metrics = metrics or Metrics()
        self._agents_online = agents_online
        self._summarizer = summarizer
        self._leave_grace_s = leave_grace_s  # a visitor back within this (a page load) stayed
        self._db = db
        self._sink = sink
        self._clock = clock
        self._lifecycle = Lifecycle(clock)
        self._pending: set[asyncio.Task[Any]] = set()

    async def escalate(
        self,
        tenant_id: TenantId,
        conversation_id: ConversationId,
        reason: str,
        by: Sender | None = None,
    ) -> Escalated:
        """Hand the conversation to a person, creating its ticket once (idempotent)."""

        async def attempt() -> tuple[Escalated, Outcome]:
            async with self._db.unit(SecurityContext(tenant_id, Role.AGENT)) as conn:
                return await self._escalate_in(conn, tenant_id, conversation_id, reason, by)

        outcome, moved = await retry_on_conflict(attempt)
        if moved.persisted:
            self._metrics.escalations.labels(reason).inc()
        if outcome.created:
            self._metrics.tickets_created.inc()
            moved.ticket_changes = ()  # ticket.created says it all
        await moved.announce(self._sink)
        # Past the AI budget, the summary stays extractive: it would spend more tokens.
        if outcome.created and self._summarizer is not None and reason != "budget":
            self._spawn(self._summarize(outcome.ticket, reason), f"summary-{outcome.ticket.id}")
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
        """After a visitor's message commits (and reopened its case, if it was over): a
        request for a person escalates at once (True: nobody else should answer it),
        unless people have it already (waiting for them, or a person assigned)."""
        if (
            conversation.status == "waiting_human"
            or conversation.assignee_id is not None
            or not handoff.wants_person(message.body)
        ):
            return False
        self._spawn(
            self.escalate(conversation.tenant_id, conversation.id, "customer_asked"),
            f"escalate-{conversation.id}",
        )
        return True

    def visitor_left(self, tenant_id: TenantId, conversation_ids: list[ConversationId]) -> None:
        """The visitor disconnected: conversations still unanswered after a grace escalate."""
        if conversation_ids:
            self._spawn(self._after_leaving(tenant_id, conversation_ids), "visitor-left")

    async def sweep_unanswered(self, limit: int = 100) -> int:
        """Escalate every conversation whose visitor waited past the tenant's limit (the
        worker calls this every few seconds; the state is in the database, so a restart or
        a second worker changes nothing). One that fails does not hold up the others: the
        failures are raised together once all were tried.

        Waited is by this service's clock; the limit is each tenant's TenantSettings (its
        default included, kept there only), read for the tenants that have someone waiting."""
        now = self._clock.now()
        async with self._db.unit(SecurityContext.operator()) as conn:
            waiting = await conversations.waiting_tenants(conn)
            waits: dict[TenantId, float] = {}
            for tenant_id, stored in waiting.items():
                wait_s = TenantSettings.from_stored(stored).unanswered_escalation_s
                if wait_s > 0:  # 0: never
                    waits[tenant_id] = wait_s
            due = await conversations.awaiting_reply(conn, waits=waits, now=now, limit=limit)
        failures: list[Exception] = []
        for conversation in due:
            try:
                await self.escalate(conversation.tenant_id, conversation.id, "unanswered")
            except Exception as exc:
                failures.append(exc)
        if failures:
            raise ExceptionGroup(
                f"{len(failures)} of {len(due)} unanswered conversations did not escalate",
                failures,
            )
        return len(due)

    async def close(self) -> None:
        """Cancel the escalations and summaries still running (their failures are the
        supervisor's to report)."""
        pending = list(self._pending)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)

    async def _escalate_in(
        self,
        conn: Connection,
        tenant_id: TenantId,
        conversation_id: ConversationId,
        reason: str,
        by: Sender | None,
    ) -> tuple[Escalated, Outcome]:
        if await conversations.lock(conn, conversation_id) is None:
            raise NotFound("conversation not found")
        conversation = await conversations.get(conn, conversation_id)
        assert conversation is not None
        ticket = await tickets.of_conversation(conn, conversation_id)
        if ticket is not None and conversation.status == "waiting_human":
            return Escalated(ticket, created=False), Outcome(conversation)
        tenant = await tenants.get(conn, tenant_id)
        settings = TenantSettings.from_stored(tenant.settings if tenant else {})
        created = ticket is None
        if ticket is None:
            recent = await messages.latest(conn, conversation_id, RECENT_MESSAGES)
            ticket = await self._lifecycle.open_ticket(
                conn,
                tenant_id=tenant_id,
                conversation=conversation,
                agrees_with="waiting_human",
                requester=conversation.contact_id,
                subject=conversation.subject or handoff.subject_for(recent, conversation.channel),
                priority=conversation.priority,
                tags=list(conversation.tags),
                custom_fields={},
                assignee=conversation.assignee_id,
                choose_assignee=lambda: self._next_agent(conn, settings, tenant_id),
                reason=reason,
                summary=handoff.summary(reason, recent),
                settings=settings,
            )
        actor = Actor(by.kind, by.id, by.name) if by else SYSTEM
        handed = created and ticket.assignee_id and conversation.assignee_id is None
        moved = await self._lifecycle.move(
            conn,
            conversation_id,
            case.Change(
                trigger=case.ESCALATE,
                assignee_id=str(ticket.assignee_id) if handed else UNSET,
            ),
            actor,
            audit_action=None,  # recorded below, once, with the reason
            link_ticket=ticket if created else None,
            notices=[("escalated", settings.escalation_message)],
        )
        if created:
            moved.ticket = moved.ticket or ticket
            moved.persisted.append(await ticket_created(conn, conversation_id, moved.ticket))
        await audit.record(
            conn,
            tenant_id=tenant_id,
            actor_kind=actor.kind,
            actor_id=actor.id,
            action="ticket.create" if created else "conversation.escalate",
            target_kind="ticket",
            target_id=str(ticket.id),
            details={"reason": reason, "conversation_id": str(conversation_id)},
        )
        return Escalated(moved.ticket or ticket, created), moved

    async def _next_agent(
        self, conn: Connection, settings: TenantSettings, tenant_id: TenantId
    ) -> UserId | None:
        """With auto-assign on, the next of the agents online (none online: nobody)."""
        if not settings.auto_assign or self._agents_online is None:
            return None
        last = await tickets.last_assignee(conn, tenant_id)
        online = await self._agents_online(tenant_id)
        chosen = round_robin(online, str(last) if last else None)
        return UserId(uuid.UUID(chosen)) if chosen else None

    async def _summarize(self, ticket: Ticket, reason: str) -> None:
        """Replace the extractive summary by the LLM's, after the escalation committed (the
        ticket never waits for a model). On failure the extractive one stays (and the
        supervisor logs why)."""
        assert self._summarizer is not None
        assert ticket.conversation_id is not None
        staff = SecurityContext(ticket.tenant_id, Role.AGENT)
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
        await self._sink.ticket(TicketChanged("ticket.updated", updated, ("summary",)))

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
        for conversation_id in waiting:  # each on its own: one failing stops no other
            self._spawn(
                self.escalate(tenant_id, conversation_id, "visitor_left"),
                f"escalate-{conversation_id}",
            )

    def _spawn(self, work: Coroutine[Any, Any, object], name: str) -> None:
        """Background work of this service: supervised (kept, failures logged once) and
        cancelled by `close`."""
        task = self._supervisor.spawn(work, name=name)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
