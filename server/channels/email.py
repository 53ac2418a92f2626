"""E-mail as a ``ChannelAdapter`` (channels/base.py): replies out by SMTP through
FLOWSUPPORT_SMTP_URL, customers' mail in by Mailgun's inbound-parse webhook (signed with
FLOWSUPPORT_MAILGUN_SIGNING_KEY). Mail by SMTP to our own listener (smtp_listener.py)
needs no verification and reaches the mail service directly.

A reply is one mail whose Message-ID is made from our message's id (``key``), so a retried
delivery is the same mail to the receiver; ``send`` returns that Message-ID, which the
mail service remembers to thread the customer's answer. Answers written by the AI or the
system carry ``Auto-Submitted: auto-replied``, so well-behaved autoresponders stay quiet.

Errors: ``send`` raises ``ProviderError``: retryable for no answer (refused connection,
timeout, a dropped session) and SMTP 4xx replies, final for 5xx (an unknown mailbox, a
rejected sender or content, bad relay credentials).
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import smtplib
import ssl
from collections.abc import Mapping
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from urllib.parse import unquote, urlsplit

from server.channels import mailgun
from server.channels.base import (
    Endpoint,
    Inbound,
    InboundMessage,
    OutboundMessage,
    Verification,
    WebhookCall,
)
from server.channels.email_parse import MalformedMail, headline
from server.clock import Clock
from server.errors import ProviderError, ValidationFailed

PROVIDER = "smtp"
SOURCE = "mailgun"
SMTP_TIMEOUT_S = 30.0
MAX_REFERENCES = 20
# An e-mail address inside a relay's reply ("450 4.2.0 <carla@example.com>: Recipient
# address rejected"): masked, because the error is logged and kept with the job.
_ADDRESS = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+")


class EmailAdapter:
    """E-mail channels: ``smtp_url`` None disables sending, ``signing_key`` None the
    Mailgun webhook (every call is then refused)."""

    kind = "email"
    provider = PROVIDER
    source = SOURCE
    reply_window: timedelta | None = None

    def __init__(
        self,
        smtp_url: str | None,
        signing_key: str | None,
        clock: Clock,
        timeout_s: float = SMTP_TIMEOUT_S,
    ) -> None:
        self._smtp_url = smtp_url
        self._signing_key = signing_key
        self._clock = clock
        self._timeout_s = timeout_s

    @property
    def can_send(self) -> bool:
        return self._smtp_url is not None

    # ----------------------------------------------------------------------- inbound

    def verify(self, call: WebhookCall, secrets: Mapping[str, str]) -> Verification:
        """Mailgun's HMAC of timestamp + token, fresh; the token is the replay guard. The
        key is the deployment's (FLOWSUPPORT_MAILGUN_SIGNING_KEY), not a channel's."""
        if self._signing_key is None:
            return Verification("the Mailgun webhook is off (no signing key)")
        token = call.form.get("token", "")
        problem = mailgun.signature_problem(
            self._signing_key,
            call.form.get("timestamp", ""),
            token,
            call.form.get("signature", ""),
            self._clock.now().timestamp(),
        )
        return Verification(problem, replay_token=token or None)

    def challenge(self, call: WebhookCall, secrets: Mapping[str, str]) -> str | None:
        return None  # Mailgun has no subscription handshake

    def parse(self, call: WebhookCall) -> list[Inbound]:
        """The raw MIME (``body-mime``: the route forwards to a URL ending in ``mime``),
        with its sender and Message-ID; the mail service reads the rest of it."""
        text = call.form.get("body-mime")
        if text is None:
            raise ValidationFailed(
                "body-mime: send the raw MIME (Mailgun: forward to a URL ending in mime)"
            )
        raw = text.encode("utf-8", "surrogateescape")
        try:
            head = headline(raw)
        except MalformedMail as exc:
            raise ValidationFailed(f"unreadable mail: {exc}") from None
        return [
            InboundMessage(
                source=SOURCE,
                provider_id=head.message_id or hashlib.sha256(raw).hexdigest(),
                sender=head.from_address or call.form.get("sender", "").strip().lower(),
                recipient=call.form.get("recipient", "").strip().lower(),
                body="",
                sender_name=head.from_name,
                subject=head.subject,
                raw=raw,
            )
        ]

    # ----------------------------------------------------------------------- outbound

    async def send(self, message: OutboundMessage, endpoint: Endpoint) -> str:
        """One mail from the channel's address; its Message-ID (without brackets)."""
        if self._smtp_url is None:
            raise ProviderError(
                PROVIDER, "outbound mail is not configured (FLOWSUPPORT_SMTP_URL)", retryable=False
            )
        domain = endpoint.address.rpartition("@")[2]
        message_id = f"{message.key}@{domain}"
        mail = EmailMessage()
        mail["From"] = formataddr((message.from_name or "Support", endpoint.address))
        mail["To"] = formataddr((message.to_name or "", message.to))
        mail["Subject"] = message.subject or ""
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = f"<{message_id}>"
        if message.thread:
            mail["In-Reply-To"] = f"<{message.thread[-1]}>"
            mail["References"] = " ".join(f"<{r}>" for r in message.thread[-MAX_REFERENCES:])
        if message.automated:
            mail["Auto-Submitted"] = "auto-replied"
        mail.set_content(message.body)
        for file in message.files:
            maintype, _, subtype = file.content_type.partition("/")
            mail.add_attachment(
                file.data,
                maintype=maintype or "application",
                subtype=subtype or "octet-stream",
                filename=file.name,
            )
        await asyncio.to_thread(_send, self._smtp_url, mail, self._timeout_s)
        return message_id


def _send(smtp_url: str, mail: EmailMessage, timeout_s: float) -> None:
    """One SMTP session: implicit TLS for smtps://, STARTTLS when the server offers it."""
    parts = urlsplit(smtp_url)
    host = parts.hostname or "localhost"
    secure = parts.scheme == "smtps"
    port = parts.port or (465 if secure else 25)
    where = f"{host}:{port}"
    try:
        client: smtplib.SMTP
        if secure:
            client = smtplib.SMTP_SSL(host, port, timeout=timeout_s)
        else:
            client = smtplib.SMTP(host, port, timeout=timeout_s)
        with client:
            client.ehlo()
            if not secure and client.has_extn("starttls"):
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if parts.username:
                client.login(unquote(parts.username), unquote(parts.password or ""))
            client.send_message(mail)
    # `from None` for the refusals: smtplib's exceptions hold the envelope's addresses (a
    # traceback of the cause would print them); the reply's code and text are all we need.
    except smtplib.SMTPRecipientsRefused as exc:
        code, reply = next(iter(exc.recipients.values()), (550, b"recipient refused"))
        raise _reply_error(where, code, reply) from None
    except smtplib.SMTPResponseException as exc:  # sender, data, auth, helo, connect
        raise _reply_error(where, exc.smtp_code, exc.smtp_error) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise ProviderError(PROVIDER, f"{where}: {exc}", retryable=False) from exc
    except ssl.SSLCertVerificationError as exc:
        raise ProviderError(PROVIDER, f"{where}: {exc}", retryable=False) from exc
    except (OSError, smtplib.SMTPException) as exc:  # refused, timed out, dropped
        raise ProviderError(PROVIDER, f"{where}: {type(exc).__name__}: {masked(str(exc))}") from exc


def _reply_error(where: str, code: int, reply: bytes | str) -> ProviderError:
    """An SMTP reply: 4xx is transient (try later), 5xx permanent (RFC 5321 §4.2.1)."""
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return ProviderError(
        PROVIDER,
        f"{where} answered {code} {' '.join(masked(text).split())}",
        status=code,
        retryable=not 500 <= code < 600,
    )


def masked(text: str) -> str:
    """`text` with every e-mail address in it replaced by "[address]"."""
    return _ADDRESS.sub("[address]", text)
