"""Mail from customers into conversations: the same model as web chat, threaded.

A mail lands in the conversation its In-Reply-To/References point to, else the one whose
ticket number its subject carries (when the sender is that ticket's requester), else a new
conversation for the contact found or created by address. A mail into a resolved case
reopens it (and its ticket); one into a closed conversation starts a new one linked to
it. The same mail delivered twice (a webhook retried, an SMTP resend) is stored once:
its Message-ID is the message's idempotency key. Automatic mail (auto-replies, lists,
bounces) never opens a conversation nor triggers an answer: threaded into one, it is kept
as an internal note.

Mail arrives by the provider's webhook (Mailgun: checked and read by the e-mail channel
adapter, channels/base.py; each call's one-time token is claimed, so a replay is refused)
or by our SMTP listener, which hands each mail to `receive` (this service is its MailDrop).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from typing import Any

from server.channels.base import ChannelRegistry, InboundMessage, WebhookCall
from server.channels.email_parse import ParsedMail, parse_mail, payload
from server.clock import Clock, SystemClock
from server.domain.access import SecurityContext
from server.domain.events import EventSink, MessageCreated
from server.domain.models import Conversation, Message, Role, Sender
from server.domain.tenant_settings import TenantSettings
from server.errors import Forbidden, NotFound, ValidationFailed
from server.ids import ConversationId, TenantId
from server.services.attachments import AttachmentService
from server.services.cases import Outcome, created_with, follow_up
from server.services.intake import Intake, VisitorWrote
from server.store import channels, contacts, conversations, messages, tenants, tickets
from server.store.db import Connection, Database

log = logging.getLogger("flowsupport.mail")
MAX_BODY_CHARS = 8000  # PROTOCOL.md's message limit; the rest stays in the stored original
# E-mail channels have one provider (the channels table's CHECK): SMTP out, Mailgun in.
EMAIL = ("email", "smtp")


@dataclass(frozen=True)
class Delivered:
    conversation_id: ConversationId
    message_id: str
    created: bool  # False: this mail was already stored (a redelivery)


@dataclass(frozen=True)
class Replayed:
    """A genuine webhook call made again with its one-time token: nothing was read."""


class InboundMail(Intake):
    def __init__(
        self,
        db: Database,
        sink: EventSink,
        visitor_wrote: VisitorWrote,
        adapters: ChannelRegistry,
        *,
        max_attachment_bytes: int,
        attachments: AttachmentService,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(db, sink, visitor_wrote, clock or SystemClock())
        self._adapter = adapters.get(*EMAIL)
        self._max_attachment_bytes = max_attachment_bytes
        self._attachments = attachments

    async def webhook(self, call: WebhookCall) -> Delivered | Replayed | None:
        """The provider's inbound webhook: verified, its token claimed, each mail stored
        (see `receive`). Raises Forbidden (and leaves an audit entry) when the check
        fails, ValidationFailed when the call carries no readable mail."""
        adapter = self._adapter
        verification = adapter.verify(call, {})
        if not verification.genuine:
            await self.refused(adapter.source, verification.problem or "refused")
            raise Forbidden("invalid webhook signature")
        if verification.replay_token is not None and not await self._claim(
            adapter.source, verification.replay_token
        ):
            await self.refused(adapter.source, "token replayed")
            return Replayed()
        outcome: Delivered | None = None
        for item in adapter.parse(call):
            if isinstance(item, InboundMessage) and item.raw is not None:
                recipients = [item.recipient] if item.recipient else []
                outcome = await self.receive(item.raw, recipients)
        return outcome

    async def _claim(self, source: str, token: str) -> bool:
        """A webhook's token, the first time it is seen (False: a replayed delivery)."""
        async with self._db.anonymous() as conn:
            return await channels.claim_token(conn, source, token)

    async def accepts(self, address: str) -> bool:
        """Whether an address is one of some tenant's e-mail channels (SMTP RCPT TO)."""
        async with self._db.anonymous() as conn:
            return await channels.owner_of(conn, "email", address.lower()) is not None

    async def receive(self, raw: bytes, recipients: list[str] | None = None) -> Delivered | None:
        """Store one mail; None when it was dropped (automatic mail with no thread). Raises
        NotFound when no recipient is a channel (never attached to a default tenant) and
        ValidationFailed when the mail cannot be read."""
        try:
            mail = parse_mail(raw, max_attachment_bytes=self._max_attachment_bytes)
        except ValueError as exc:
            raise ValidationFailed(f"unreadable mail: {exc}") from None
        if mail.from_address is None:
            raise ValidationFailed("the mail has no From address")
        owner = await self._owner(list(recipients or ()) + list(mail.to_addresses))
        if owner is None:
            raise NotFound("no e-mail channel has any of this mail's recipients")
        channel_id, tenant_id, own_address = owner
        if mail.from_address == own_address:
            return None  # our own mail come back: a loop
        async with self._db.unit(SecurityContext(tenant_id, Role.AGENT)) as conn:
            delivered = await self._store(conn, tenant_id, channel_id, raw, mail)
        if delivered is None:
            return None
        outcome, announce, conversation, reopened = delivered
        if announce is not None:
            await created_with(self._sink, announce)
            await self._sink.persisted(announce)
            if reopened is not None:
                await reopened.announce(self._sink)
                conversation = reopened.conversation or conversation
            if not mail.automated:
                self._visitor_wrote(conversation, announce.message)
        return outcome

    async def _owner(self, addresses: list[str]) -> tuple[Any, TenantId, str] | None:
        async with self._db.anonymous() as conn:
            for address in dict.fromkeys(a.lower() for a in addresses):
                found = await channels.owner_of(conn, "email", address)
                if found is not None:
                    return found[0], found[1], address
        return None

    async def _store(
        self, conn: Connection, tenant_id: TenantId, channel_id: Any, raw: bytes, mail: ParsedMail
    ) -> tuple[Delivered, MessageCreated | None, Conversation, Outcome | None] | None:
        assert mail.from_address is not None
        await contacts.lock_address(conn, tenant_id, mail.from_address)
        contact = await contacts.by_email(conn, mail.from_address)
        conversation = await self._thread(conn, mail, contact.id if contact else None)
        if conversation is not None and conversation.status == "closed" and not mail.automated:
            conversation = await follow_up(conn, conversation)  # closed: continued anew
        if conversation is None and mail.automated:
            log.info("dropped automatic mail with no thread")
            return None
        if contact is None:
            contact = await contacts.insert(
                conn,
                contact_id=contacts.new_id(),
                tenant_id=tenant_id,
                email=mail.from_address,
                name=mail.from_name,
            )
        if conversation is None:
            tenant = await tenants.get(conn, tenant_id)
            settings = TenantSettings.from_stored(tenant.settings if tenant else {})
            conversation = await conversations.insert(
                conn,
                tenant_id=tenant_id,
                contact_id=contact.id,
                channel="email",
                subject=mail.subject[:300] or None,
                ai_enabled=settings.ai_enabled,
                channel_id=channel_id,
            )
        key = mail.message_id or hashlib.sha256(raw).hexdigest()
        automated = mail.automated
        result, current = await messages.append(
            conn,
            conversation_id=conversation.id,
            sender=(
                Sender("system", None, f"Automatic mail from {mail.from_address}")
                if automated
                else Sender("visitor", str(contact.id), mail.from_name or mail.from_address)
            ),
            body=_body(mail, self._max_attachment_bytes)[:MAX_BODY_CHARS],
            private=automated,
            client_msg_id="mail:" + hashlib.sha256(key.encode()).hexdigest()[:40],
            now=self._clock.now(),
            expects_reply=not automated,
        )
        if result.created:
            kept = await self._keep_attachments(conn, tenant_id, result.message, raw, mail)
            result = replace(result, message=kept)
        if mail.message_id:
            await channels.remember_refs(conn, tenant_id, conversation.id, [mail.message_id])
        outcome = Delivered(conversation.id, mail.message_id or key, result.created)
        if not result.created:
            return outcome, None, current, None
        reopened = None if automated else await self._customer_wrote(conn, current, str(contact.id))
        return outcome, MessageCreated(result.message, current), current, reopened

    async def _thread(
        self, conn: Connection, mail: ParsedMail, contact_id: Any
    ) -> Conversation | None:
        # Its own Message-ID last (preferred): a mail delivered again goes where it went.
        own = [mail.message_id] if mail.message_id else []
        found = await channels.conversation_for_refs(
            conn, [*mail.references, *mail.in_reply_to, *own]
        )
        if found is None and mail.ticket_number is not None and contact_id is not None:
            ticket = await tickets.by_number(conn, mail.ticket_number)
            if ticket is not None and ticket.requester_contact_id == contact_id:
                found = ticket.conversation_id
        return None if found is None else await conversations.get(conn, found)

    async def _keep_attachments(
        self, conn: Connection, tenant_id: TenantId, message: Message, raw: bytes, mail: ParsedMail
    ) -> Message:
        """Files up to the size limit go to the object store and are listed on the message
        (agents see and download them); larger ones are only named in its text, with the
        reason (see `_body`)."""
        files = [
            (attachment.filename, payload(raw, index), attachment.sha256)
            for index, attachment in enumerate(mail.attachments)
            if attachment.size <= self._max_attachment_bytes
        ]
        return await self._attachments.keep_for_message(
            conn, tenant_id=tenant_id, message=message, files=files
        )


def _body(mail: ParsedMail, max_attachment_bytes: int) -> str:
    text = mail.text.strip() or "(no text)"
    if mail.attachments:
        listed = [
            a.filename
            if a.size <= max_attachment_bytes
            else f"{a.filename} (not kept: {a.size:,} bytes, over {max_attachment_bytes:,})"
            for a in mail.attachments
        ]
        text += "\n\n[attachments: " + ", ".join(listed) + "]"
    return text
