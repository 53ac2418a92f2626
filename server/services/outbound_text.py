"""Replies to SMS and WhatsApp customers, sent from the worker (jobs `sms.deliver`,
`whatsapp.deliver`, queued by `append_message` with the reply).

SMS gets the finished answer as one text (the AI's tokens are never streamed to a phone),
split at Twilio's 1,600-character limit; WhatsApp's at 4,096. WhatsApp only lets a business
write freely within 24 hours of the customer's last message: outside it nothing is sent and
the agents get an internal note saying so (an approved template is the way back in; none is
configured yet). A provider refusing for good (bad number, unsubscribed) is noted the same
way; a provider down or rate-limiting is retried with backoff by the job runner.
"""

from __future__ import annotations

import uuid

from server.channels import twilio, whatsapp
from server.channels.http import ProviderHttp
from server.channels.secretbox import SecretBox
from server.clock import Clock
from server.domain.access import SecurityContext
from server.domain.events import EventSink
from server.domain.models import ConfiguredChannel, Message, Role
from server.errors import NotFound, Unavailable
from server.ids import TenantId
from server.services.csat import CsatLinks
from server.services.undelivered import note_undelivered
from server.store import channels, contacts, conversations, messages
from server.store.db import Database

SMS_LIMIT = twilio.MAX_BODY


class OutboundText:
    def __init__(
        self,
        db: Database,
        sink: EventSink,
        box: SecretBox,
        clock: Clock,
        public_url: str,
        csat_links: CsatLinks | None = None,
    ) -> None:
        self._csat_links = csat_links
        self._db = db
        self._sink = sink
        self._box = box
        self._clock = clock
        self._public_url = public_url
        self._http = ProviderHttp()

    async def close(self) -> None:
        await self._http.close()

    async def deliver(self, tenant_id: TenantId, message_id: uuid.UUID) -> None:
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
        secrets = self._box.open(channel.sealed, bound_to=str(channel.id))
        text = _text(message)
        if message.event == "csat_requested" and self._csat_links is not None:
            text = f"{text}\n{self._csat_links.url(conversation)}"  # a page: tap 1 to 5
        if channel.kind == "whatsapp" and not whatsapp.within_window(last_heard, self._clock.now()):
            await self._refused(
                tenant_id,
                message,
                "Not sent: WhatsApp lets a business write only within 24 hours of the "
                "customer's last message. Ask them to write again (or use an approved "
                "template).",
            )
            return
        try:
            sent = await self._send(channel, secrets, contact.phone, text)
        except (twilio.TwilioError, whatsapp.WhatsAppError) as exc:
            if exc.retryable:
                raise Unavailable(f"{channel.provider} is unavailable: {exc.message}") from exc
            why = (
                f"Not sent: {channel.provider} refused it ({exc.code or exc.status}): {exc.message}"
            )
            await self._refused(tenant_id, message, why)
            return
        async with self._db.unit(staff) as conn:
            await messages.set_external(conn, message.id, sent)

    async def _send(
        self, channel: ConfiguredChannel, secrets: dict[str, str], to: str, text: str
    ) -> str:
        """Send every part; the provider's id of the first, for status callbacks."""
        api_base = channel.settings.get("api_base")
        ids = []
        if channel.provider == "twilio":
            callback = f"{self._public_url}/v1/channels/twilio/{channel.id}"
            for part in twilio.split_text(text, SMS_LIMIT):
                ids.append(
                    await twilio.send(
                        self._http.client,
                        api_base=api_base or twilio.DEFAULT_API_BASE,
                        account_sid=str(channel.settings["account_sid"]),
                        auth_token=secrets["auth_token"],
                        from_number=channel.address,
                        to_number=to,
                        body=part,
                        whatsapp=channel.kind == "whatsapp",
                        status_callback=callback,
                    )
                )
        else:
            for part in twilio.split_text(text, whatsapp.MAX_TEXT):
                ids.append(
                    await whatsapp.send_text(
                        self._http.client,
                        api_base=api_base or whatsapp.DEFAULT_API_BASE,
                        phone_number_id=channel.address,
                        access_token=secrets["access_token"],
                        to_number=to,
                        body=part,
                    )
                )
        return ids[0]

    async def _refused(self, tenant_id: TenantId, message: Message, why: str) -> None:
        await note_undelivered(self._db, self._sink, tenant_id, message.id, why)

    async def gave_up(self, tenant_id: TenantId, message_id: uuid.UUID, why: str) -> None:
        """The last retry failed too: the agents must know the customer never got it."""
        await note_undelivered(
            self._db, self._sink, tenant_id, message_id, f"Not sent, retries exhausted: {why}"
        )


def _text(message: Message) -> str:
    if not message.citations:
        return message.body
    titles = "; ".join(str(c.get("title")) for c in message.citations if c.get("title"))
    return f"{message.body}\n\nSource: {titles}" if titles else message.body
