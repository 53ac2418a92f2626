"""Replies to SMS and WhatsApp customers, sent from the worker (jobs `sms.deliver`,
`whatsapp.deliver`, queued by `append_message` with the reply).

SMS gets the finished answer as one text (the AI's tokens are never streamed to a phone);
the channel's adapter (channels/base.py, looked up by kind and provider) splits it to what
its provider takes and sends it. WhatsApp only lets a business write freely within 24 hours
of the customer's last message (the adapter's ``reply_window``): outside it nothing is sent
and the agents get an internal note saying so (an approved template is the way back in;
none is configured yet). A provider refusing for good (bad number, unsubscribed) is noted
the same way; a provider down or rate-limiting is retried with backoff by the job runner.
"""

from __future__ import annotations

import uuid

from server.channels.base import ChannelRegistry, Endpoint, OutboundMessage, within_window
from server.channels.secretbox import SecretBox
from server.clock import Clock
from server.domain.access import SecurityContext
from server.domain.events import EventSink
from server.domain.models import Message, Role
from server.errors import NotFound, ProviderError
from server.ids import TenantId
from server.services.csat import CsatLinks
from server.services.undelivered import UndeliveredNotes
from server.store import channels, contacts, conversations, messages
from server.store.db import Database

WINDOW_CLOSED = (
    "Not sent: WhatsApp lets a business write only within 24 hours of the customer's last "
    "message. Ask them to write again (or use an approved template)."
)


class OutboundText:
    def __init__(
        self,
        db: Database,
        sink: EventSink,
        adapters: ChannelRegistry,
        box: SecretBox,
        clock: Clock,
        csat_links: CsatLinks | None = None,
    ) -> None:
        self._csat_links = csat_links
        self._db = db
        self._sink = sink
        self._adapters = adapters
        self._box = box
        self._clock = clock
        self._undelivered = UndeliveredNotes(db, sink, clock)

    async def deliver(self, tenant_id: TenantId, message_id: uuid.UUID) -> None:
        """Send one stored reply. A provider down or rate-limiting raises its retryable
        ProviderError (the job runner backs off and tries again); one refusing for good
        leaves the agents a note instead, and the job is done."""
        staff = SecurityContext(tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            message = await messages.get(conn, message_id)
            if message is None:
                return  # erased since
            conversation = await conversations.get(conn, message.conversation_id)
            if conversation is None or conversation.channel_id is None:
                return
            contact = await contacts.get(conn, conversation.contact_id)
            channel = await channels.configured(conn, conversation.channel_id)
            last_heard = await messages.last_from_visitor(conn, conversation.id)
        if contact is None or contact.phone is None or channel is None or channel.sealed is None:
            raise NotFound("the conversation has no customer number or channel to answer on")
        adapter = self._adapters.get(channel.kind, channel.provider)
        if not within_window(adapter.reply_window, last_heard, self._clock.now()):
            await self._refused(tenant_id, message, WINDOW_CLOSED)
            return
        text = _text(message)
        if message.event == "csat_requested" and self._csat_links is not None:
            text = f"{text}\n{self._csat_links.url(conversation)}"  # a page: tap 1 to 5
        endpoint = Endpoint(
            channel_id=str(channel.id),
            address=channel.address,
            settings=channel.settings,
            secrets=self._box.open(channel.sealed, bound_to=str(channel.id)),
        )
        try:
            sent = await adapter.send(
                OutboundMessage(key=str(message.id), to=contact.phone, body=text), endpoint
            )
        except ProviderError as exc:
            if exc.retryable:
                raise
            code = exc.provider_code or exc.status
            why = f"Not sent: {channel.provider} refused it ({code}): {exc.message}"
            await self._refused(tenant_id, message, why)
            return
        async with self._db.unit(staff) as conn:
            stored = await messages.set_external(conn, message.id, sent)
        if stored is not None:
            await self._sink.message_updated(stored, ("status",))

    async def _refused(self, tenant_id: TenantId, message: Message, why: str) -> None:
        await self._undelivered.note(tenant_id, message.id, why)

    async def gave_up(self, tenant_id: TenantId, message_id: uuid.UUID, why: str) -> None:
        """The last retry failed too: the agents must know the customer never got it."""
        await self._undelivered.note(tenant_id, message_id, f"Not sent, retries exhausted: {why}")


def _text(message: Message) -> str:
    if not message.citations:
        return message.body
    titles = "; ".join(str(c.get("title")) for c in message.citations if c.get("title"))
    return f"{message.body}\n\nSource: {titles}" if titles else message.body
