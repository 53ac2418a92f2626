"""Replies to e-mail customers, sent by SMTP from the worker (job `email.deliver`).

`append_message` queues one job per public reply in an e-mail conversation, in the
transaction that stores it. Each mail has a Message-ID made from the message's id, so a
retried delivery is the same mail to the receiver, and it is remembered for threading the
customer's answer. From is the channel's address, the subject keeps the ticket number,
In-Reply-To/References continue the customer's thread. Answers written by the AI or the
system carry `Auto-Submitted: auto-replied`, so well-behaved autoresponders stay quiet.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
import uuid
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from urllib.parse import unquote, urlsplit

from server.domain.access import SecurityContext
from server.domain.events import EventSink
from server.domain.models import Role
from server.errors import NotFound, Unavailable
from server.ids import ConversationId, TenantId
from server.services.csat import CsatLinks
from server.services.undelivered import note_undelivered
from server.store import channels, contacts, conversations, messages, tenants, tickets
from server.store.db import Database

DISABLED_NOTE = (
    "This reply was not e-mailed: outbound mail is not configured (FLOWSUPPORT_SMTP_URL). "
    "The customer has not seen it."
)
SMTP_TIMEOUT_S = 30.0
CHOICES = {5: "great", 4: "good", 3: "okay", 2: "poor", 1: "very poor"}


class OutboundMail:
    def __init__(
        self,
        db: Database,
        sink: EventSink,
        smtp_url: str | None,
        csat_links: CsatLinks | None = None,
    ) -> None:
        self._db = db
        self._sink = sink
        self._smtp_url = smtp_url
        self._csat_links = csat_links

    async def deliver(self, tenant_id: TenantId, message_id: uuid.UUID) -> None:
        """Send one stored reply; raises to be retried (the job runner backs off)."""
        if self._smtp_url is None:  # nothing to read: tell the agents and stop
            await note_undelivered(self._db, self._sink, tenant_id, message_id, DISABLED_NOTE)
            return
        staff = SecurityContext(tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            message = await messages.get(conn, message_id)
            if message is None:
                return  # erased since (GDPR): nothing to send
            conversation = await conversations.get(conn, message.conversation_id)
            if conversation is None or conversation.channel_id is None:
                return
            contact = await contacts.get(conn, conversation.contact_id)
            channel = await channels.get(conn, conversation.channel_id)
            ticket = await tickets.of_conversation(conn, conversation.id)
            refs = await channels.last_ref(conn, conversation.id)
            tenant = await tenants.get(conn, tenant_id)
        if contact is None or not contact.email or channel is None:
            raise NotFound("the conversation has no customer address to mail")
        domain = channel.address.rpartition("@")[2]
        mail = EmailMessage()
        mail["From"] = formataddr((tenant.name if tenant else "Support", channel.address))
        mail["To"] = formataddr((contact.name or "", contact.email))
        mail["Subject"] = _subject(conversation.subject, ticket.number if ticket else None)
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = f"<{message.id}@{domain}>"
        if refs:
            mail["In-Reply-To"] = f"<{refs[-1]}>"
            mail["References"] = " ".join(f"<{r}>" for r in refs[-20:])
        if message.sender.kind in ("ai", "system", "bot"):
            mail["Auto-Submitted"] = "auto-replied"
        text = _text(message.body, message.citations)
        if message.event == "csat_requested" and self._csat_links is not None:
            # One click each: the link rates the resolution this request asks about.
            choices = "\n".join(
                f"{n} - {CHOICES[n]}: {self._csat_links.url(conversation, n)}"
                for n in (5, 4, 3, 2, 1)
            )
            text = f"{text}\n\n{choices}"
        mail.set_content(text)
        assert self._smtp_url is not None
        await asyncio.to_thread(_send, self._smtp_url, mail)
        async with self._db.unit(staff) as conn:
            await channels.remember_refs(
                conn, tenant_id, ConversationId(conversation.id), [f"{message.id}@{domain}"]
            )

    async def gave_up(self, tenant_id: TenantId, message_id: uuid.UUID, why: str) -> None:
        """The last retry failed too: the agents must know the customer never got it."""
        await note_undelivered(
            self._db, self._sink, tenant_id, message_id, f"Not e-mailed, retries exhausted: {why}"
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


def _send(smtp_url: str, mail: EmailMessage) -> None:
    """One SMTP session: implicit TLS for smtps://, STARTTLS when the server offers it."""
    parts = urlsplit(smtp_url)
    host = parts.hostname or "localhost"
    secure = parts.scheme == "smtps"
    port = parts.port or (465 if secure else 25)
    try:
        client: smtplib.SMTP
        if secure:
            client = smtplib.SMTP_SSL(host, port, timeout=SMTP_TIMEOUT_S)
        else:
            client = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_S)
        with client:
            client.ehlo()
            if not secure and client.has_extn("starttls"):
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if parts.username:
                client.login(unquote(parts.username), unquote(parts.password or ""))
            client.send_message(mail)
    except (OSError, smtplib.SMTPException) as exc:
        raise Unavailable(f"SMTP delivery to {host}:{port} failed: {exc}") from exc
