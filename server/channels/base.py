"""The ``ChannelAdapter`` seam: all that services and webhooks know of a customer channel.

An adapter speaks one provider's formats, both ways:

- ``verify`` checks that a webhook call really comes from the provider (its signature,
  made with the channel's credentials or the adapter's own key), before anything in it
  is read; ``challenge`` answers a subscription handshake (Meta's GET), if the provider
  has one;
- ``parse`` reads a verified call into normalised items: ``InboundMessage`` (a customer
  wrote) and ``DeliveryStatus`` (what became of one of ours). Each carries the provider's
  message id: inbound is idempotent on it (the services key messages by
  ``source:provider_id``, so a webhook delivered again stores nothing new);
- ``send`` delivers one ``OutboundMessage`` through an ``Endpoint`` (a configured channel
  with its opened credentials) and returns the provider's message id (the first part's,
  when the text had to be split), which delivery statuses later name.

Errors: ``send`` raises ``ProviderError`` (server/errors.py), ``retryable`` or not;
``parse`` raises ``ValidationFailed`` for a payload the provider would never send.

The composition root builds one ``ChannelRegistry`` (``channels/select.py``) and hands it
to the services, which look adapters up by the channel's kind and provider; nothing
outside ``channels/`` and the composition root imports a provider module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from server.errors import NotFound


@dataclass(frozen=True)
class WebhookCall:
    """A provider's HTTP call to us, as the transport received it."""

    url: str  # the public URL the provider called (and signed), query included
    headers: Mapping[str, str] = field(default_factory=dict)  # names in lower case
    query: Mapping[str, str] = field(default_factory=dict)
    form: Mapping[str, str] = field(default_factory=dict)  # decoded form fields, files left out
    body: bytes = b""  # the raw body, for providers that sign it (left empty for forms)


@dataclass(frozen=True)
class Verification:
    """What ``verify`` found: genuine, or the reason why not (for the audit log only)."""

    problem: str | None = None
    # A one-time value of the call (Mailgun's token): the caller claims it once, and a
    # second call carrying it is a replay, refused however well signed.
    replay_token: str | None = None

    @property
    def genuine(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class InboundMessage:
    """A customer's message, the same shape whatever the provider."""

    source: str  # who delivered it (twilio, meta, mailgun): the idempotency key's prefix
    provider_id: str  # MessageSid, wamid, Message-ID: the idempotency key
    sender: str  # E.164 number or e-mail address
    recipient: str  # the channel's address it was sent to (number, phone number id, e-mail)
    body: str  # the text ("" for e-mail: the mail service reads `raw`)
    sender_name: str | None = None  # a profile or display name, when the provider gives one
    subject: str | None = None  # e-mail
    raw: bytes | None = None  # e-mail: the whole MIME message (threading, attachments)


@dataclass(frozen=True)
class DeliveryStatus:
    """A provider's report on one of our outbound messages."""

    provider_id: str  # the id ``send`` returned
    status: str  # the provider's word, lower case (queued, sent, delivered, read, failed…)
    error: str | None = None  # "131047: Re-engagement message", "30007", …


Inbound = InboundMessage | DeliveryStatus


@dataclass(frozen=True)
class Endpoint:
    """One configured channel as its adapter needs it to send."""

    channel_id: str
    address: str  # ours: the number, Meta's phone number id, the e-mail address
    settings: Mapping[str, Any] = field(default_factory=dict)  # account_sid, api_base, …
    secrets: Mapping[str, str] = field(default_factory=dict)  # opened credentials


@dataclass(frozen=True)
class OutboundMessage:
    """One reply to send. Adapters split a text longer than their provider takes."""

    key: str  # our message id: e-mail makes its Message-ID from it (a retry is the same mail)
    to: str  # E.164 number or e-mail address
    body: str
    to_name: str | None = None
    from_name: str | None = None  # e-mail: the tenant's name beside the channel's address
    subject: str | None = None  # e-mail
    thread: tuple[str, ...] = ()  # e-mail: Message-IDs of the thread so far, oldest first
    automated: bool = False  # written by the AI or the system, not a person
    files: tuple[OutboundFile, ...] = ()  # e-mail: the reply's attachments


@dataclass(frozen=True)
class OutboundFile:
    """A file sent with a reply: its name, its sniffed type and its bytes."""

    name: str
    content_type: str
    data: bytes


@runtime_checkable
class ChannelAdapter(Protocol):
    """One provider's formats for one kind of channel; see the module docstring."""

    @property
    def kind(self) -> str:
        """The channel kind served: email, sms, whatsapp."""
        ...

    @property
    def provider(self) -> str:
        """The channel's provider as stored with it: smtp (e-mail), twilio, meta."""
        ...

    @property
    def source(self) -> str:
        """Who calls this adapter's webhooks (mailgun, twilio, meta): the actor named in
        the audit log when a call is refused, and ``InboundMessage.source``."""
        ...

    @property
    def can_send(self) -> bool:
        """False when ``send`` cannot work at all (e-mail without an SMTP relay)."""
        ...

    @property
    def reply_window(self) -> timedelta | None:
        """How long after the customer's last message a free-form reply is allowed
        (WhatsApp: 24 hours); None: no limit."""
        ...

    def verify(self, call: WebhookCall, secrets: Mapping[str, str]) -> Verification:
        """Whether ``call`` is the provider's, by the channel's opened ``secrets``."""
        ...

    def challenge(self, call: WebhookCall, secrets: Mapping[str, str]) -> str | None:
        """The answer to a subscription handshake; None: refuse it (or no handshake)."""
        ...

    def parse(self, call: WebhookCall) -> list[Inbound]:
        """The messages and statuses of a verified call, in the provider's order."""
        ...

    async def send(self, message: OutboundMessage, endpoint: Endpoint) -> str:
        """Deliver ``message``; the provider's message id. Raises ``ProviderError``."""
        ...


def within_window(window: timedelta | None, last_heard: datetime | None, now: datetime) -> bool:
    """Whether a reply may go out now: always without a window; within one, only less than
    ``window`` after the customer's last message (never, if they never wrote)."""
    if window is None:
        return True
    return last_heard is not None and now - last_heard < window


class ChannelRegistry:
    """The adapters of one process, by (kind, provider); built by the composition root."""

    def __init__(self, adapters: Iterable[ChannelAdapter]) -> None:
        self._adapters: dict[tuple[str, str], ChannelAdapter] = {}
        for adapter in adapters:
            key = (adapter.kind, adapter.provider)
            if key in self._adapters:
                raise ValueError(f"two adapters for {key[0]} by {key[1]}")
            self._adapters[key] = adapter

    def get(self, kind: str, provider: str) -> ChannelAdapter:
        """The adapter for a channel; NotFound when this build has none for it."""
        found = self._adapters.get((kind, provider))
        if found is None:
            raise NotFound(f"no {kind} channel by {provider} in this build")
        return found

    def __iter__(self) -> Iterator[ChannelAdapter]:
        return iter(self._adapters.values())

    def keys(self) -> set[tuple[str, str]]:
        return set(self._adapters)
