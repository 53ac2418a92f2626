"""Text messages from customers (SMS, WhatsApp) into conversations, like web chat.

A provider's webhook names the channel it is for; the channel's adapter (channels/base.py,
looked up by kind and provider) checks the call with the channel's credentials, opened only
for that, and reads it into normalised messages and statuses. A call that fails the check
stores nothing and leaves an audit entry.

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
from dataclasses import dataclass

from server.channels.base import (
    ChannelAdapter,
    ChannelRegistry,
    DeliveryStatus,
    InboundMessage,
    WebhookCall,
)
from server.channels.secretbox import SecretBox
from server.clock import Clock, SystemClock
from server.domain.access import SecurityContext
from server.domain.events import EventSink, MessageCreated
from server.domain.models import ConfiguredChannel, Role, Sender
from server.domain.tenant_settings import TenantSettings
from server.errors import ConfigError, Forbidden, NotFound, Unavailable
from server.ids import ConversationId, TenantId
from server.services.cases import created_with, follow_up
from server.services.intake import Intake, VisitorWrote
from server.store import channels, contacts, conversations, messages, tenants
from server.store.db import Database

log = logging.getLogger("flowsupport.texts")
MAX_BODY_CHARS = 8000


@dataclass(frozen=True)
class TextChannel:
    id: uuid.UUID
    tenant_id: TenantId
    kind: str  # sms | whatsapp


class InboundText(Intake):
    def __init__(
        self,
        db: Database,
        sink: EventSink,
        visitor_wrote: VisitorWrote,
        adapters: ChannelRegistry,
        box: SecretBox,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(db, sink, visitor_wrote, clock or SystemClock())
        self._adapters = adapters
        self._box = box

    async def webhook(self, provider: str, channel_id: uuid.UUID, call: WebhookCall) -> None:
        """A provider's call to a channel's webhook: verified, then every message stored
        (once, however often delivered) and every status recorded. Raises NotFound for a
        channel that is not this provider's (or a call holding only other numbers' messages),
        Forbidden when the check fails, ValidationFailed for what the provider never sends."""
        channel, adapter, secrets = await self._open(provider, channel_id)
        verification = adapter.verify(call, secrets)
        if not verification.genuine:
            await self.refused(
                adapter.source,
                f"{verification.problem} on channel {channel.id}",
                channel.tenant_id,
            )
            raise Forbidden("invalid webhook signature")
        target = TextChannel(channel.id, channel.tenant_id, channel.kind)
        misaddressed = handled = 0
        for item in adapter.parse(call):
            if isinstance(item, DeliveryStatus):
                await self.status(target, item.provider_id, item.status, item.error)
                handled += 1
            elif item.recipient != channel.address:
                misaddressed += 1  # to another number of the same account or app
            else:
                await self.receive(target, item)
                handled += 1
        if misaddressed:
            log.warning("%d message(s) for another number on channel %s", misaddressed, channel.id)
            if not handled:  # nothing here was this channel's: tell the provider's console
                raise NotFound("this number is not the channel's")

    async def subscription(self, provider: str, channel_id: uuid.UUID, call: WebhookCall) -> str:
        """A provider's subscription handshake (Meta's GET): what to answer it; Forbidden
        (and an audit entry) when its verify token is not the channel's."""
        channel, adapter, secrets = await self._open(provider, channel_id)
        answer = adapter.challenge(call, secrets)
        if answer is None:
            await self.refused(
                adapter.source, f"bad verify token on {channel.id}", channel.tenant_id
            )
            raise Forbidden("verify token does not match")
        return answer

    async def _open(
        self, provider: str, channel_id: uuid.UUID
    ) -> tuple[ConfiguredChannel, ChannelAdapter, dict[str, str]]:
        """The channel a webhook URL names (before any tenant is known), if it is this
        provider's; its adapter; its credentials, opened."""
        async with self._db.anonymous() as conn:
            channel = await channels.configured(conn, channel_id)
        if channel is None or channel.provider != provider or channel.sealed is None:
            raise NotFound("no such channel")
        adapter = self._adapters.get(channel.kind, channel.provider)
        try:
            secrets = self._box.open(channel.sealed, bound_to=str(channel.id))
        except ConfigError:  # sealed under another FLOWSUPPORT_SECRET_KEY: 503 until re-sealed
            raise Unavailable(
                "this channel's credentials must be given again (the secret key changed)"
            ) from None
        return channel, adapter, secrets

    async def receive(self, channel: TextChannel, text: InboundMessage) -> ConversationId:
        staff = SecurityContext(channel.tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            await contacts.lock_address(conn, channel.tenant_id, text.sender)
            contact = await contacts.by_phone(conn, text.sender)
            if contact is None:
                contact = await contacts.insert(
                    conn,
                    contact_id=contacts.new_id(),
                    tenant_id=channel.tenant_id,
                    name=text.sender_name,
                    phone=text.sender,
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
                sender=Sender("visitor", str(contact.id), contact.name or text.sender),
                body=(text.body.strip() or "(no text)")[:MAX_BODY_CHARS],
                client_msg_id=f"{text.source}:{text.provider_id}"[:128],
                now=self._clock.now(),
            )
            reopened = (
                await self._customer_wrote(conn, current, str(contact.id))
                if result.created
                else None
            )
        if result.created:
            first = MessageCreated(result.message, current)
            await created_with(self._sink, first)
            await self._sink.persisted(first)
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
            moved = await messages.advance_delivery(conn, provider_id, status, error)
        if moved is None:
            return False
        await self._sink.message_updated(moved, ("status",))
        return True
