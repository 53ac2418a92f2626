"""The ChannelAdapter contract (server/channels/base.py), checked against every adapter.

Each adapter runs against a real local stand-in of its provider (tests/fakes: Twilio's
Messages API, Meta's Graph API, an aiosmtpd relay), and is fed webhooks built by the fakes'
own builders, written independently of the adapters. The contract:

- ``verify`` accepts a well-signed call and refuses an unsigned one, one signed with
  another key, and one changed after signing;
- ``parse`` gives the normalised shape (the provider's message id, sender, recipient, text)
  and delivery statuses, and refuses a payload the provider never sends;
- ``send`` reaches the stand-in and returns the provider's id of what it accepted (the
  first part's, when the text had to be split);
- a provider throttling or down (HTTP 429/500, SMTP 421/451) or unreachable gives a
  retryable ``ProviderError``; one refusing (HTTP 400, SMTP 554) a final one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import httpx
import pytest

from server.channels.base import (
    ChannelAdapter,
    ChannelRegistry,
    DeliveryStatus,
    Endpoint,
    InboundMessage,
    OutboundMessage,
    WebhookCall,
    within_window,
)
from server.channels.email import EmailAdapter
from server.channels.select import channel_adapters
from server.channels.twilio import TwilioAdapter
from server.channels.whatsapp import WhatsAppCloudAdapter
from server.clock import SystemClock
from server.config import Settings
from server.errors import NotFound, ProviderError, ValidationFailed
from tests.fakes.meta_server import (
    ACCESS_TOKEN,
    PHONE_NUMBER_ID,
    meta_message,
    meta_payload,
    meta_server,
    meta_signature,
    meta_status,
)
from tests.fakes.smtp_server import Relay, free_port, serving
from tests.fakes.twilio_server import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    twilio_form,
    twilio_server,
    twilio_signature,
    twilio_status_form,
)

PUBLIC_URL = "https://support.example.com"
CUSTOMER_NUMBER = "+14155550100"
OUR_NUMBER = "+14155550199"
APP_SECRET = "meta-conformance-app-secret"
VERIFY_TOKEN = "meta-conformance-verify"
SIGNING_KEY = "key-conformance-mailgun"
SUPPORT = "support@acme.example"
CUSTOMER_MAIL = "carla@customer.example"
TEXT = "Hello, I need help with my order."
LONG_TEXT = " ".join(f"Step {i}: do the next thing carefully." for i in range(150))  # > 4,096
# What a stand-in answers when told to fail: (HTTP status or SMTP reply, retryable).
FAILURES = {"throttled": (429, True), "down": (500, True), "refused": (400, False)}
SMTP_REPLIES = {
    "throttled": "421 4.7.0 too many connections, try again later",
    "down": "451 4.3.0 local error, try again later",
    "refused": "554 5.7.1 message rejected",
}


def words(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- harnesses


@dataclass
class Harness:
    """One adapter and its stand-in, with what the contract tests need of each."""

    adapter: ChannelAdapter
    endpoint: Endpoint
    secrets: dict[str, str]
    to: str  # the customer's address, to send to

    def inbound(self, key: str | None = None) -> tuple[WebhookCall, InboundMessage]:
        """A message webhook signed with ``key`` (default: the right one), and its parse."""
        raise NotImplementedError

    def unsigned(self, call: WebhookCall) -> WebhookCall:
        raise NotImplementedError

    def tampered(self, call: WebhookCall) -> WebhookCall:
        """The call with one signed value changed after signing."""
        raise NotImplementedError

    def malformed(self) -> WebhookCall:
        """A well-signed call carrying nothing the provider sends."""
        raise NotImplementedError

    def status(self, provider_id: str) -> WebhookCall | None:
        """A status webhook ("delivered") for one of ours; None: the provider sends none."""
        return None

    def handshake(self, token: str) -> WebhookCall | None:
        """A subscription handshake with ``token``; None: the provider has none."""
        return None

    def fail_next(self, how: str) -> None:
        raise NotImplementedError

    def accepted(self) -> list[tuple[str, str, str]]:
        """(provider id, to, body) of everything the stand-in accepted, in order."""
        raise NotImplementedError

    def unreachable(self) -> tuple[ChannelAdapter, Endpoint]:
        """The adapter and endpoint aimed at a port where nothing listens."""
        raise NotImplementedError


@dataclass
class TwilioHarness(Harness):
    state: Any = None
    client: httpx.AsyncClient | None = None

    @property
    def whatsapp(self) -> bool:
        return self.adapter.kind == "whatsapp"

    def _signed(self, form: dict[str, str], key: str | None) -> WebhookCall:
        url = f"{PUBLIC_URL}/v1/channels/twilio/{self.endpoint.channel_id}"
        signature = twilio_signature(key or AUTH_TOKEN, url, form)
        return WebhookCall(url=url, headers={"x-twilio-signature": signature}, form=form)

    def inbound(self, key: str | None = None) -> tuple[WebhookCall, InboundMessage]:
        name = "Jane Customer" if self.whatsapp else None
        form = twilio_form(
            from_number=CUSTOMER_NUMBER,
            to_number=OUR_NUMBER,
            body=TEXT,
            whatsapp=self.whatsapp,
            profile_name=name,
        )
        expected = InboundMessage(
            source="twilio",
            provider_id=form["MessageSid"],
            sender=CUSTOMER_NUMBER,
            recipient=OUR_NUMBER,
            body=TEXT,
            sender_name=name,
        )
        return self._signed(form, key), expected

    def unsigned(self, call: WebhookCall) -> WebhookCall:
        return replace(call, headers={})

    def tampered(self, call: WebhookCall) -> WebhookCall:
        return replace(call, form={**call.form, "Body": "tampered after signing"})

    def malformed(self) -> WebhookCall:
        return self._signed({"From": CUSTOMER_NUMBER, "To": OUR_NUMBER}, None)  # no MessageSid

    def status(self, provider_id: str) -> WebhookCall | None:
        form = twilio_status_form(message_sid=provider_id, whatsapp=self.whatsapp)
        return self._signed(form, None)

    def fail_next(self, how: str) -> None:
        self.state.fail_next = [FAILURES[how][0]]

    def accepted(self) -> list[tuple[str, str, str]]:
        prefix = "whatsapp:" if self.whatsapp else ""
        return [(m.sid, m.to.removeprefix(prefix), m.body) for m in self.state.messages]

    def unreachable(self) -> tuple[ChannelAdapter, Endpoint]:
        settings = {**self.endpoint.settings, "api_base": f"http://127.0.0.1:{free_port()}"}
        return self.adapter, replace(self.endpoint, settings=settings)


@dataclass
class MetaHarness(Harness):
    state: Any = None

    def _signed(self, body: bytes, key: str | None) -> WebhookCall:
        url = f"{PUBLIC_URL}/v1/channels/whatsapp/{self.endpoint.channel_id}"
        signature = meta_signature(key or APP_SECRET, body)
        return WebhookCall(url=url, headers={"x-hub-signature-256": signature}, body=body)

    def inbound(self, key: str | None = None) -> tuple[WebhookCall, InboundMessage]:
        message = meta_message(from_number=CUSTOMER_NUMBER, body=TEXT)
        payload = meta_payload(messages=[message], profile_name="Jane Customer")
        expected = InboundMessage(
            source="meta",
            provider_id=message["id"],
            sender=CUSTOMER_NUMBER,
            recipient=PHONE_NUMBER_ID,
            body=TEXT,
            sender_name="Jane Customer",
        )
        return self._signed(json.dumps(payload).encode(), key), expected

    def unsigned(self, call: WebhookCall) -> WebhookCall:
        return replace(call, headers={})

    def tampered(self, call: WebhookCall) -> WebhookCall:
        return replace(call, body=call.body.replace(TEXT.encode(), b"tampered after signing"))

    def malformed(self) -> WebhookCall:
        return self._signed(json.dumps({"object": "page", "entry": []}).encode(), None)

    def status(self, provider_id: str) -> WebhookCall | None:
        payload = meta_payload(statuses=[meta_status(wamid=provider_id, status="delivered")])
        return self._signed(json.dumps(payload).encode(), None)

    def handshake(self, token: str) -> WebhookCall | None:
        query = {"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "1158201444"}
        return WebhookCall(url=PUBLIC_URL, query=query)

    def fail_next(self, how: str) -> None:
        self.state.fail_next = [FAILURES[how][0]]

    def accepted(self) -> list[tuple[str, str, str]]:
        return [(m.wamid, "+" + m.to, m.body) for m in self.state.messages]

    def unreachable(self) -> tuple[ChannelAdapter, Endpoint]:
        settings = {**self.endpoint.settings, "api_base": f"http://127.0.0.1:{free_port()}"}
        return self.adapter, replace(self.endpoint, settings=settings)


@dataclass
class ScriptedRelay(Relay):
    """The tests' SMTP relay, answering DATA with scripted replies first."""

    answers: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.answers:
            return self.answers.pop(0)
        return await super().handle_DATA(server, session, envelope)


@contextmanager
def scripted_relay() -> Iterator[tuple[int, ScriptedRelay]]:
    relay = ScriptedRelay()
    with serving(relay) as port:
        yield port, relay


def mime(message_id: str) -> str:
    return "\r\n".join(
        [
            f"From: Carla Customer <{CUSTOMER_MAIL}>",
            f"To: Acme Support <{SUPPORT}>",
            "Subject: Where is my parcel?",
            f"Message-ID: <{message_id}>",
            "Date: Wed, 25 Nov 2026 10:00:00 +0000",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            TEXT,
            "",
        ]
    )


@dataclass
class EmailHarness(Harness):
    relay: ScriptedRelay | None = None

    def _signed(self, fields: dict[str, str], key: str | None) -> WebhookCall:
        stamp, token = str(int(time.time())), secrets.token_hex(25)
        mac = hmac.new((key or SIGNING_KEY).encode(), (stamp + token).encode(), hashlib.sha256)
        form = {"timestamp": stamp, "token": token, "signature": mac.hexdigest(), **fields}
        return WebhookCall(url=f"{PUBLIC_URL}/v1/channels/email/inbound", form=form)

    def inbound(self, key: str | None = None) -> tuple[WebhookCall, InboundMessage]:
        message_id = f"{uuid.uuid4().hex}@customer.example"
        raw = mime(message_id)
        fields = {"recipient": SUPPORT, "sender": CUSTOMER_MAIL, "body-mime": raw}
        expected = InboundMessage(
            source="mailgun",
            provider_id=message_id,
            sender=CUSTOMER_MAIL,
            recipient=SUPPORT,
            body="",
            sender_name="Carla Customer",
            subject="Where is my parcel?",
            raw=raw.encode(),
        )
        return self._signed(fields, key), expected

    def unsigned(self, call: WebhookCall) -> WebhookCall:
        return replace(call, form={k: v for k, v in call.form.items() if k != "signature"})

    def tampered(self, call: WebhookCall) -> WebhookCall:
        # Mailgun signs only timestamp + token (its body is unsigned): change the token.
        return replace(call, form={**call.form, "token": secrets.token_hex(25)})

    def malformed(self) -> WebhookCall:
        return self._signed({"recipient": SUPPORT, "sender": CUSTOMER_MAIL}, None)  # no MIME

    def fail_next(self, how: str) -> None:
        assert self.relay is not None
        self.relay.answers = [SMTP_REPLIES[how]]

    def accepted(self) -> list[tuple[str, str, str]]:
        assert self.relay is not None
        return [
            (str(m["Message-ID"]).strip("<>"), str(m["To"].addresses[0].addr_spec), _text(m))
            for m in self.relay.received
        ]

    def unreachable(self) -> tuple[ChannelAdapter, Endpoint]:
        adapter = EmailAdapter(f"smtp://127.0.0.1:{free_port()}", SIGNING_KEY, SystemClock())
        return adapter, self.endpoint


def _text(mail: EmailMessage) -> str:
    return str(mail.get_content())


ADAPTERS = ["email", "twilio-sms", "twilio-whatsapp", "meta-whatsapp"]


@pytest.fixture(params=ADAPTERS)
async def harness(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    channel_id = str(uuid.uuid4())
    name = request.param
    if name == "email":
        with scripted_relay() as (port, relay):
            adapter = EmailAdapter(f"smtp://127.0.0.1:{port}", SIGNING_KEY, SystemClock())
            yield EmailHarness(adapter, Endpoint(channel_id, SUPPORT), {}, CUSTOMER_MAIL, relay)
        return
    async with httpx.AsyncClient(timeout=5.0) as client:
        if name.startswith("twilio"):
            with twilio_server() as (base_url, state):
                kind = name.removeprefix("twilio-")
                endpoint = Endpoint(
                    channel_id,
                    OUR_NUMBER,
                    {"account_sid": ACCOUNT_SID, "api_base": base_url},
                    {"auth_token": AUTH_TOKEN},
                )
                adapter = TwilioAdapter(kind, client, PUBLIC_URL)
                yield TwilioHarness(
                    adapter, endpoint, {"auth_token": AUTH_TOKEN}, CUSTOMER_NUMBER, state
                )
        else:
            with meta_server() as (base_url, state):
                opened = {
                    "app_secret": APP_SECRET,
                    "verify_token": VERIFY_TOKEN,
                    "access_token": ACCESS_TOKEN,
                }
                endpoint = Endpoint(channel_id, PHONE_NUMBER_ID, {"api_base": base_url}, opened)
                adapter = WhatsAppCloudAdapter(client)
                yield MetaHarness(adapter, endpoint, opened, CUSTOMER_NUMBER, state)


# --------------------------------------------------------------------------- the contract


def test_is_a_channel_adapter(harness: Harness) -> None:
    """It has everything the seam names, and says what it is."""
    adapter = harness.adapter
    assert isinstance(adapter, ChannelAdapter)
    assert adapter.kind in ("email", "sms", "whatsapp")
    assert adapter.provider in ("smtp", "twilio", "meta")
    assert adapter.source and adapter.can_send


def test_a_well_signed_webhook_is_accepted(harness: Harness) -> None:
    call, _ = harness.inbound()
    verification = harness.adapter.verify(call, harness.secrets)
    assert verification.genuine, verification.problem


def test_an_unsigned_webhook_is_refused(harness: Harness) -> None:
    call, _ = harness.inbound()
    verification = harness.adapter.verify(harness.unsigned(call), harness.secrets)
    assert not verification.genuine
    assert verification.problem


def test_a_webhook_signed_with_another_key_is_refused(harness: Harness) -> None:
    call, _ = harness.inbound(key="not-the-channel-key")
    assert not harness.adapter.verify(call, harness.secrets).genuine


def test_a_webhook_changed_after_signing_is_refused(harness: Harness) -> None:
    call, _ = harness.inbound()
    assert not harness.adapter.verify(harness.tampered(call), harness.secrets).genuine


def test_without_credentials_nothing_verifies(harness: Harness) -> None:
    """A channel missing its secret (or e-mail without a signing key) accepts no call."""
    call, _ = harness.inbound()
    adapter = harness.adapter
    if isinstance(adapter, EmailAdapter):
        adapter = EmailAdapter(None, None, SystemClock())
    assert not adapter.verify(call, {}).genuine


def test_parse_gives_the_normalised_message(harness: Harness) -> None:
    call, expected = harness.inbound()
    assert harness.adapter.parse(call) == [expected]
    assert expected.source == harness.adapter.source  # the idempotency key's prefix


def test_parse_gives_delivery_statuses(harness: Harness) -> None:
    call = harness.status("id-of-ours-1")
    if call is None:
        pytest.skip(f"{harness.adapter.source} sends no delivery statuses")
    assert harness.adapter.verify(call, harness.secrets).genuine
    assert harness.adapter.parse(call) == [DeliveryStatus("id-of-ours-1", "delivered", None)]


def test_parse_refuses_what_the_provider_never_sends(harness: Harness) -> None:
    call = harness.malformed()
    assert harness.adapter.verify(call, harness.secrets).genuine
    with pytest.raises(ValidationFailed):
        harness.adapter.parse(call)


def test_a_subscription_handshake_answers_only_the_right_token(harness: Harness) -> None:
    good, bad = harness.handshake(VERIFY_TOKEN), harness.handshake("wrong-token")
    if good is None or bad is None:  # no handshake: nothing is ever answered
        call, _ = harness.inbound()
        assert harness.adapter.challenge(call, harness.secrets) is None
        return
    assert harness.adapter.challenge(good, harness.secrets) == good.query["hub.challenge"]
    assert harness.adapter.challenge(bad, harness.secrets) is None


async def test_send_returns_the_providers_id(harness: Harness) -> None:
    sent = await harness.adapter.send(
        OutboundMessage(key=str(uuid.uuid4()), to=harness.to, body=TEXT, subject="Re: Hi"),
        harness.endpoint,
    )
    [(provider_id, to, body)] = harness.accepted()
    assert sent == provider_id and sent
    assert to == harness.to
    assert words(body) == TEXT


async def test_a_long_text_is_sent_whole(harness: Harness) -> None:
    """Split where the provider needs it (every part arrives, in order), the first part's
    id returned: that is the one statuses name first."""
    sent = await harness.adapter.send(
        OutboundMessage(key=str(uuid.uuid4()), to=harness.to, body=LONG_TEXT), harness.endpoint
    )
    accepted = harness.accepted()
    assert sent == accepted[0][0]
    assert words(" ".join(body for _, _, body in accepted)) == LONG_TEXT


@pytest.mark.parametrize("how", ["throttled", "down"])
async def test_a_provider_throttling_or_down_is_retryable(harness: Harness, how: str) -> None:
    harness.fail_next(how)
    message = OutboundMessage(key=str(uuid.uuid4()), to=harness.to, body=TEXT)
    with pytest.raises(ProviderError) as caught:
        await harness.adapter.send(message, harness.endpoint)
    assert caught.value.retryable
    assert caught.value.provider == harness.adapter.provider
    assert caught.value.status == (
        int(SMTP_REPLIES[how][:3]) if isinstance(harness, EmailHarness) else FAILURES[how][0]
    )
    assert await harness.adapter.send(message, harness.endpoint)  # the retry goes through
    assert len(harness.accepted()) == 1


async def test_a_provider_refusing_is_final(harness: Harness) -> None:
    harness.fail_next("refused")
    with pytest.raises(ProviderError) as caught:
        await harness.adapter.send(
            OutboundMessage(key=str(uuid.uuid4()), to=harness.to, body=TEXT), harness.endpoint
        )
    assert not caught.value.retryable
    assert 400 <= caught.value.status < 600
    assert harness.accepted() == []


async def test_an_unreachable_provider_is_retryable(harness: Harness) -> None:
    adapter, endpoint = harness.unreachable()
    with pytest.raises(ProviderError) as caught:
        await adapter.send(OutboundMessage(key="k", to=harness.to, body=TEXT), endpoint)
    assert caught.value.retryable
    assert caught.value.status == 0


# --------------------------------------------------------------------------- the registry


async def test_the_registry_has_an_adapter_for_every_channel_a_tenant_can_have() -> None:
    """The composition root's registry covers the channels table's (kind, provider) CHECK
    (migration 0011), and finds nothing else."""
    settings = Settings.from_env({"FLOWSUPPORT_PUBLIC_URL": PUBLIC_URL})
    async with httpx.AsyncClient() as client:
        registry = channel_adapters(settings, SystemClock(), client)
    assert registry.keys() == {
        ("email", "smtp"),
        ("sms", "twilio"),
        ("whatsapp", "twilio"),
        ("whatsapp", "meta"),
    }
    assert all(isinstance(adapter, ChannelAdapter) for adapter in registry)
    assert registry.get("whatsapp", "meta").reply_window is not None
    assert registry.get("whatsapp", "twilio").reply_window is not None
    assert registry.get("sms", "twilio").reply_window is None
    with pytest.raises(NotFound):
        registry.get("sms", "meta")
    email = registry.get("email", "smtp")
    assert not email.can_send  # no FLOWSUPPORT_SMTP_URL in these settings
    with pytest.raises(ProviderError) as caught:
        await email.send(OutboundMessage("k", CUSTOMER_MAIL, TEXT), Endpoint("c", SUPPORT))
    assert not caught.value.retryable


def test_one_adapter_per_kind_and_provider() -> None:
    clock = SystemClock()
    with pytest.raises(ValueError, match="two adapters"):
        ChannelRegistry([EmailAdapter(None, None, clock), EmailAdapter(None, None, clock)])


def test_the_reply_window() -> None:
    """No window: always. A window: only while it is open since the customer last wrote."""
    now = SystemClock().now()
    day = timedelta(hours=24)
    assert within_window(None, None, now)
    assert not within_window(day, None, now)
    assert within_window(day, now - day + timedelta(seconds=1), now)
    assert not within_window(day, now - day, now)
