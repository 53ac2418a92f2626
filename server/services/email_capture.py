"""E-mail capture: a visitor nobody can answer now leaves an address, and agents' replies
in their web conversation go out by e-mail while they are away.

The widget asks `state` after its welcome (outside the tenant's business hours? an address
on file?) and offers the prompt after the visitor's first message when no agent is online
or the tenant is closed. `capture` stores the address on the visitor's own contact: an
identified contact's address (identity verification, PROTOCOL.md "Principals") is never
replaced by this anonymous path.

`ReplyMailSink` stands between the conversation service and the hub: each public agent
reply in a web conversation whose visitor is not connected to this node, whose contact has
an address and whose tenant has an e-mail channel queues the `email.deliver` job that
services/outbound_mail.py runs for e-mail conversations (one home for outbound mail). The
mail's Message-ID is remembered for the conversation, so the customer's answer threads back
into it (services/inbound_mail.py follows In-Reply-To/References).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from server.clock import Clock
from server.domain.access import Principal, SecurityContext
from server.domain.events import (
    AiEvent,
    EventSink,
    MessageCreated,
    PersistedEvent,
    Signal,
    TicketChanged,
)
from server.domain.hours import is_open
from server.domain.models import Conversation, Message, Role
from server.domain.tenant_settings import TenantSettings
from server.errors import Forbidden, NotFound, ValidationFailed
from server.ids import ContactId, ConversationId, TenantId
from server.services.contacts import clean_detail
from server.services.visitor_rate import VisitorRate
from server.store import contacts, jobs, reply_mail, tenants
from server.store.db import Database

log = logging.getLogger("flowsupport.email_capture")

# What the e-mail path mails: people's public words, not case notices nor AI drafts.
MAILED_SENDERS = ("agent",)


@dataclass(frozen=True)
class CaptureState:
    email_on_file: bool  # the contact has an address: no prompt needed
    outside_hours: bool  # the tenant is closed now (business_hours)
    stored: bool = True  # after capture: false when an identified address was kept


class EmailCapture:
    def __init__(self, db: Database, clock: Clock, rate: VisitorRate) -> None:
        self._db = db
        self._clock = clock
        self._rate = rate

    async def state(self, who: Principal) -> CaptureState:
        """Whether the prompt is worth showing: the tenant's hours and the contact's address."""
        _require_visitor(who)
        self._rate.spend(who)
        async with self._db.unit(SecurityContext(who.tenant_id, Role.AGENT)) as conn:
            contact = await contacts.get(conn, ContactId(uuid.UUID(who.id)))
            tenant = await tenants.get(conn, who.tenant_id)
        if contact is None or tenant is None:
            raise NotFound("visitor not found")
        hours = TenantSettings.from_stored(tenant.settings).hours()
        return CaptureState(bool(contact.email), not is_open(hours, self._clock.now()))

    async def capture(self, who: Principal, email: str) -> CaptureState:
        """Store the visitor's address on its own contact. Idempotent (the same address
        again changes nothing); an identified contact's existing address is kept (stored
        false), an anonymous visitor may correct the one it left."""
        _require_visitor(who)
        self._rate.spend(who)
        address = clean_detail("email", email)
        if address is None:
            raise ValidationFailed("email: an e-mail address is required")
        contact_id = ContactId(uuid.UUID(who.id))
        async with self._db.unit(SecurityContext(who.tenant_id, Role.AGENT)) as conn:
            contact = await contacts.get(conn, contact_id)
            tenant = await tenants.get(conn, who.tenant_id)
            if contact is None or tenant is None:
                raise NotFound("visitor not found")
            same = (contact.email or "").lower() == address.lower()
            kept = bool(contact.email) and contact.external_id is not None and not same
            if not same and not kept:
                await contacts.update_details(conn, contact_id, {"email": address})
        hours = TenantSettings.from_stored(tenant.settings).hours()
        return CaptureState(True, not is_open(hours, self._clock.now()), stored=not kept)


class ReplyMailSink:
    """The hub's EventSink, plus: agents' replies to an absent web visitor are mailed."""

    def __init__(
        self,
        inner: EventSink,
        db: Database,
        clock: Clock,
        visitor_online: Callable[[TenantId, ConversationId], bool],
    ) -> None:
        self._inner = inner
        self._db = db
        self._clock = clock
        self._visitor_online = visitor_online

    async def persisted(self, event: PersistedEvent) -> None:
        await self._inner.persisted(event)
        if isinstance(event, MessageCreated) and mailable(event.message, event.conversation):
            try:
                await self._queue(event.message, event.conversation)
            except Exception:  # the reply is stored and shown in the widget all the same
                log.exception("could not queue the e-mail of reply %s", event.message.id)

    async def signal(self, event: Signal) -> None:
        await self._inner.signal(event)

    async def ai(self, event: AiEvent) -> None:
        await self._inner.ai(event)

    async def ticket(self, event: TicketChanged) -> None:
        await self._inner.ticket(event)

    async def message_updated(self, message: Message, changes: tuple[str, ...]) -> None:
        await self._inner.message_updated(message, changes)

    async def created(self, conversation: Conversation) -> None:
        await self._inner.created(conversation)

    async def _queue(self, message: Message, conversation: Conversation) -> None:
        if self._visitor_online(conversation.tenant_id, conversation.id):
            return  # they see it in the widget
        async with self._db.unit(SecurityContext(conversation.tenant_id, Role.AGENT)) as conn:
            contact = await contacts.get(conn, conversation.contact_id)
            if contact is None or not contact.email:
                return
            if await reply_mail.email_channel(conn) is None:
                return
            await jobs.enqueue(
                conn,
                tenant_id=conversation.tenant_id,
                kind="email.deliver",
                payload={"message_id": str(message.id)},
                run_at=self._clock.now(),
                dedupe_key=str(message.id),
            )


def mailable(message: Message, conversation: Conversation) -> bool:
    """A public reply by a person in a web conversation (not a case notice)."""
    return (
        conversation.channel == "web"
        and not message.private
        and message.event is None
        and message.sender.kind in MAILED_SENDERS
        and bool(message.body.strip())
    )


def _require_visitor(who: Principal) -> None:
    if who.kind != "visitor":
        raise Forbidden("the widget's e-mail capture is for visitors (a visitor token)")
