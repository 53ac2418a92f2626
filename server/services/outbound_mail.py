"""Replies to e-mail customers, sent from the worker (job `email.deliver`) through the
e-mail channel adapter (channels/base.py; SMTP in this build).

`append_message` queues one job per public reply in an e-mail conversation, in the
transaction that stores it. The adapter makes each mail's Message-ID from the message's
id, so a retried delivery is the same mail to the receiver; it is remembered for threading
the customer's answer. From is the channel's address, the subject keeps the ticket number,
In-Reply-To/References continue the customer's thread. Agents' replies in a web
conversation come here too when its visitor left an address and was away
(services/email_capture.py queues them): from the tenant's e-mail channel, unless the
visitor read them in the widget before the job ran. Answers written by the AI or the
system are marked automated (`Auto-Submitted: auto-replied`), so well-behaved
autoresponders stay quiet.
"""

from __future__ import annotations

import uuid

from server.channels.base import ChannelRegistry, Endpoint, OutboundMessage
from server.clock import Clock, SystemClock
from server.domain.access import SecurityContext
from server.domain.events import EventSink
from server.domain.models import Role
from server.errors import NotFound, ProviderError
from server.ids import ConversationId, TenantId
from server.services.attachments import AttachmentService
from server.services.csat import CsatLinks
from server.services.undelivered import UndeliveredNotes
from server.store import (
    channels,
    contacts,
    conversations,
    messages,
    reply_mail,
    tenants,
    tickets,
)
from server.store.db import Database

DISABLED_NOTE = (
    "This reply was not e-mailed: outbound mail is not configured (FLOWSUPPORT_SMTP_URL). "
    "The customer has not seen it."
)
CHOICES = {5: "great", 4: "good", 3: "okay", 2: "poor", 1: "very poor"}
# E-mail channels have one provider (the channels table's CHECK): SMTP out, Mailgun in.
EMAIL = ("email", "smtp")


class OutboundMail:
    def __init__(
        self,
        db: Database,
        sink: EventSink,
        adapters: ChannelRegistry,
        csat_links: CsatLinks | None = None,
        clock: Clock | None = None,
        files: AttachmentService | None = None,
    ) -> None:
        self._files = files  # a reply's attachments go with its mail
        self._clock = clock or SystemClock()
        self._db = db
        self._sink = sink
        self._adapter = adapters.get(*EMAIL)
        self._csat_links = csat_links
        self._undelivered = UndeliveredNotes(db, sink, self._clock)

    async def deliver(self, tenant_id: TenantId, message_id: uuid.UUID) -> None:
        """Send one stored reply. A relay down or deferring raises its retryable
        ProviderError (the job runner backs off); one refusing for good (5xx) leaves the
        agents a note instead, and the job is done."""
        if not self._adapter.can_send:  # nothing to read: tell the agents and stop
            await self._undelivered.note(tenant_id, message_id, DISABLED_NOTE)
            return
        staff = SecurityContext(tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            message = await messages.get(conn, message_id)
            if message is None:
                return  # erased since (GDPR): nothing to send
            conversation = await conversations.get(conn, message.conversation_id)
            if conversation is None:
                return
            contact = await contacts.get(conn, conversation.contact_id)
            if conversation.channel_id is not None:
                channel = await channels.get(conn, conversation.channel_id)
            elif conversation.channel == "web":  # e-mail capture (services/email_capture.py)
                channel = await reply_mail.email_channel(conn)
                read = await reply_mail.visitor_read_seq(
                    conn, conversation.id, contact_id=conversation.contact_id
                )
                if read >= message.seq:
                    return  # read in the widget meanwhile: no mail
            else:
                return
            ticket = await tickets.of_conversation(conn, conversation.id)
            refs = await channels.last_ref(conn, conversation.id)
            tenant = await tenants.get(conn, tenant_id)
        if contact is None or not contact.email or channel is None:
            raise NotFound("the conversation has no customer address to mail")
        text = _text(message.body, message.citations)
        if message.event == "csat_requested" and self._csat_links is not None:
            # One click each: the link rates the resolution this request asks about.
            choices = "\n".join(
                f"{n} - {CHOICES[n]}: {self._csat_links.url(conversation, n)}"
                for n in (5, 4, 3, 2, 1)
            )
            text = f"{text}\n\n{choices}"
        mail = OutboundMessage(
            key=str(message.id),
            to=contact.email,
            to_name=contact.name,
            from_name=tenant.name if tenant else None,
            subject=_subject(conversation.subject, ticket.number if ticket else None),
            body=text,
            thread=tuple(refs),
            automated=message.sender.kind in ("ai", "system", "bot"),
            files=await self._files.files_of(tenant_id, message)
            if self._files is not None and message.attachments
            else (),
        )
        try:
            sent = await self._adapter.send(mail, Endpoint(str(channel.id), channel.address))
        except ProviderError as exc:
            if exc.retryable:
                raise
            why = f"Not e-mailed: the mail relay refused it: {exc}"
            await self._undelivered.note(tenant_id, message.id, why)
            return
        async with self._db.unit(staff) as conn:
            await channels.remember_refs(conn, tenant_id, ConversationId(conversation.id), [sent])
            stored = await messages.set_external(conn, message.id, sent)  # its Message-ID
        if stored is not None:
            await self._sink.message_updated(stored, ("status",))

    async def gave_up(self, tenant_id: TenantId, message_id: uuid.UUID, why: str) -> None:
        """The last retry failed too: the agents must know the customer never got it."""
        await self._undelivered.note(
            tenant_id, message_id, f"Not e-mailed, retries exhausted: {why}"
        )


def _subject(subject: str | None, number: int | None) -> str:
    base = (subject or "Your message").strip()
    if base.lower().startswith("re:"):
        base = base[3:].strip()
    tag = f"[#{number}] " if number is not None and f"#{number}" not in base else ""
    return f"Re: {tag}{base}"


def _text(body: str, citations: tuple[dict[str, object], ...] | None) -> str:
    if not citations:
        return body
    sources = "\n".join(
        f"- {c.get('title')}" + (f" <{c['url']}>" if c.get("url") else "") for c in citations
    )
    return f"{body}\n\nSources:\n{sources}"
