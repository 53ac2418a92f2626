"""Text messages from customers (SMS, WhatsApp) into conversations, like web chat.

A customer's texts continue their latest conversation on that number (a resolved one
reopens, with its ticket), else open a new one for the contact found or created by phone
number; after a closed one, a new one linked to it. A webhook delivered again (the
provider retries on any doubt) is stored once, with one AI answer: the provider's message
id is the message's idempotency key. Delivery status callbacks update our outgoing
messages, in whatever order they arrive, never backwards.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from server.clock import Clock, SystemClock
from server.domain import case
from server.domain.access import SecurityContext
from server.domain.events import EventSink, MessageCreated
from server.domain.models import ConfiguredChannel, Conversation, Message, Role, Sender
from server.domain.tenant_settings import TenantSettings
from server.ids import ConversationId, TenantId
from server.services.cases import Actor, Lifecycle, follow_up
from server.store import channels, contacts, conversations, messages, tenants
from server.store.db import Database

log = logging.getLogger("flowsupport.texts")
VisitorWrote = Callable[[Conversation, Message], None]
MAX_BODY_CHARS = 8000


@dataclass(frozen=True)
class IncomingText:
    provider: str  # twilio | meta
    provider_id: str
    from_number: str  # E.164
    body: str
    profile_name: str | None


@dataclass(frozen=True)
class TextChannel:
    id: uuid.UUID
    tenant_id: TenantId
    kind: str  # sms | whatsapp


class InboundText:
    def __init__(
        self,
        db: Database,
        sink: EventSink,
        visitor_wrote: VisitorWrote,
        clock: Clock | None = None,
    ) -> None:
        self._lifecycle = Lifecycle(clock or SystemClock())
        self._db = db
        self._sink = sink
        self._visitor_wrote = visitor_wrote

    async def channel(self, channel_id: uuid.UUID) -> ConfiguredChannel | None:
        """The channel a webhook URL names (before any tenant is known)."""
        async with self._db.anonymous() as conn:
            return await channels.configured(conn, channel_id)

    async def receive(self, channel: TextChannel, text: IncomingText) -> ConversationId:
        staff = SecurityContext(channel.tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            contact = await contacts.by_phone(conn, text.from_number)
            if contact is None:
                contact = await contacts.insert(
                    conn,
                    contact_id=contacts.new_id(),
                    tenant_id=channel.tenant_id,
                    name=text.profile_name,
                    phone=text.from_number,
                )
            conversation = await conversations.latest_on_channel(conn, contact.id, channel.id)
            if conversation is not None and conversation.status == "closed":
                conversation = await follow_up(conn, conversation)  # continued anew
            if conversation is None:
                tenant = await tenants.get(conn, channel.tenant_id)
                settings = TenantSettings.from_stored(tenant.settings if tenant else {})
                conversation = await conversations.insert(
                    conn,
                    tenant_id=channel.tenant_id,
                    contact_id=contact.id,
                    channel=channel.kind,
                    ai_enabled=settings.ai_enabled,
                    channel_id=channel.id,
                )
            result, current = await messages.append(
                conn,
                conversation_id=conversation.id,
                sender=Sender("visitor", str(contact.id), contact.name or text.from_number),
                body=(text.body.strip() or "(no text)")[:MAX_BODY_CHARS],
                client_msg_id=f"{text.provider}:{text.provider_id}"[:128],
            )
            reopened = None
            if result.created and current.status in ("resolved", "pending"):
                reopened = await self._lifecycle.move(
                    conn,
                    current.id,
                    case.Change(trigger=case.CUSTOMER_WROTE),
                    Actor("visitor", str(contact.id)),
                    audit_action="conversation.reopen",
                )
        if result.created:
            await self._sink.persisted(MessageCreated(result.message, current))
            if reopened is not None:
                await reopened.announce(self._sink)
                current = reopened.conversation or current
            self._visitor_wrote(current, result.message)
        return ConversationId(current.id)

    async def status(
        self, channel: TextChannel, provider_id: str, status: str, error: str | None
    ) -> bool:
        """Record a delivery status of one of our messages; False when unknown or older."""
        staff = SecurityContext(channel.tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            return await messages.advance_delivery(conn, provider_id, status, error)
