"""Twilio Messaging: SMS, and WhatsApp through Twilio.

Pure functions for what Twilio posts to us (the ``X-Twilio-Signature`` check, inbound
messages and status callbacks), one thin call for what we post to Twilio (create a
Message), and ``TwilioAdapter``, the ``ChannelAdapter`` (channels/base.py) made of them.
Nothing here logs or retries: the caller decides, guided by ``ProviderError.retryable``.

Errors:
    ProviderError   the Messages API refused, failed or could not be reached. ``status`` is
                    the HTTP status (0: no answer at all), ``provider_code`` Twilio's error
                    code (21211 invalid To, 21610 unsubscribed recipient, 20003 bad
                    credentials, …), ``retryable`` True for 429, 5xx, network errors and
                    timeouts.
    ValueError      ``parse_inbound`` on a form that is neither a message nor a status
                    (``TwilioAdapter.parse``: ValidationFailed).

A retry after a timeout may send the text twice: Twilio may have created the message
before the connection dropped, and the Messages API takes no idempotency key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from server.channels.base import (
    DeliveryStatus,
    Endpoint,
    Inbound,
    InboundMessage,
    OutboundMessage,
    Verification,
    WebhookCall,
)
from server.channels.text_split import split_text
from server.errors import ProviderError, ValidationFailed

PROVIDER = "twilio"
DEFAULT_API_BASE = "https://api.twilio.com"
MAX_BODY = 1600  # characters per create-Message request (Twilio error 21617 beyond)
WHATSAPP_PREFIX = "whatsapp:"
STATUSES = frozenset(
    {
        "queued",
        "sending",
        "sent",
        "delivered",
        "read",
        "undelivered",
        "failed",
        "accepted",
        "scheduled",
        "canceled",
        "receiving",
        "received",
    }
)
_DEFAULT_PORTS = {"https": 443, "http": 80}


@dataclass(frozen=True)
class InboundText:
    provider_id: str  # MessageSid (or SmsSid)
    from_number: str  # E.164 without the "whatsapp:" prefix
    to_number: str  # E.164 without the prefix
    whatsapp: bool
    body: str
    profile_name: str | None  # WhatsApp ProfileName
    media: tuple[tuple[str, str], ...]  # (MediaUrl{i}, MediaContentType{i})


@dataclass(frozen=True)
class StatusUpdate:
    provider_id: str  # MessageSid
    status: str  # a Twilio MessageStatus, lower case (see STATUSES; new ones pass through)
    error_code: str | None


# --------------------------------------------------------------------------- signature


def signature_valid(
    auth_token: str, url: str, params: Mapping[str, str], signature: str | None
) -> bool:
    """True when ``signature`` is Twilio's HMAC-SHA1 over ``url`` and the posted fields.

    ``url`` must be the URL as Twilio requested it (scheme, host, port, path and query as
    configured in the console, not as a proxy rewrote it). Twilio is inconsistent about
    spelling the default port, so the URL is also tried with the scheme's default port
    added or removed (Twilio's helper libraries also try both). ``params`` may be a
    multi-dict (anything with ``getlist``, such as Starlette's ``FormData``): a repeated
    field contributes each of its values, sorted, as the helper libraries sign them.
    """
    if not signature or not auth_token:
        return False
    given = signature.encode()
    return any(
        hmac.compare_digest(compute_signature(auth_token, candidate, params).encode(), given)
        for candidate in _url_variants(url)
    )


def compute_signature(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """The signature Twilio sends for ``url`` and ``params`` (webhooks security guide)."""
    getlist = getattr(params, "getlist", None)
    data = [url]
    for key in sorted(params):
        values: list[str] = list(getlist(key)) if callable(getlist) else [params[key]]
        data.extend(key + value for value in sorted(values))
    digest = hmac.new(auth_token.encode(), "".join(data).encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def _url_variants(url: str) -> list[str]:
    """``url`` itself, then the same URL with the scheme's default port added or removed."""
    parts = urlsplit(url)
    default = _DEFAULT_PORTS.get(parts.scheme)
    try:
        port = parts.port
    except ValueError:
        return [url]
    if default is None:
        return [url]
    if port is None:
        netloc = f"{parts.netloc}:{default}"
    elif port == default:
        netloc = parts.netloc[: parts.netloc.rfind(":")]
    else:
        return [url]
    return [url, urlunsplit(parts._replace(netloc=netloc))]


# --------------------------------------------------------------------------- inbound


def parse_inbound(params: Mapping[str, str]) -> InboundText | StatusUpdate:
    """A message webhook's form as an ``InboundText``, a status callback's as a
    ``StatusUpdate`` (Twilio adds ``MessageStatus`` only to status callbacks)."""
    sid = params.get("MessageSid") or params.get("SmsSid")
    if not sid:
        raise ValueError("Twilio webhook without MessageSid")
    if "MessageStatus" in params:
        status = params["MessageStatus"].strip().lower()
        if not status:
            raise ValueError(f"Twilio status callback for {sid} with an empty MessageStatus")
        return StatusUpdate(sid, status, params.get("ErrorCode") or None)
    sender, recipient = params.get("From"), params.get("To")
    if not sender or not recipient:
        raise ValueError(f"Twilio message {sid} without From or To")
    whatsapp, from_number = _address(sender)
    _, to_number = _address(recipient)
    return InboundText(
        provider_id=sid,
        from_number=from_number,
        to_number=to_number,
        whatsapp=whatsapp,
        body=params.get("Body", ""),
        profile_name=params.get("ProfileName") or None,
        media=_media(sid, params),
    )


def _address(value: str) -> tuple[bool, str]:
    """(WhatsApp?, number) of a From/To; other channel prefixes (messenger:, rcs:…) are
    refused rather than mistaken for phone numbers."""
    value = value.strip()
    if value.startswith(WHATSAPP_PREFIX):
        return True, value.removeprefix(WHATSAPP_PREFIX)
    if ":" in value:
        raise ValueError(f"unsupported Twilio channel address {value.split(':')[0]}:")
    return False, value


def _media(sid: str, params: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    raw = params.get("NumMedia") or "0"
    if not raw.isdecimal():
        raise ValueError(f"Twilio message {sid} with a malformed NumMedia")
    media = []
    for index in range(int(raw)):
        url = params.get(f"MediaUrl{index}")
        if not url:
            raise ValueError(f"Twilio message {sid} without MediaUrl{index}")
        media.append((url, params.get(f"MediaContentType{index}") or "application/octet-stream"))
    return tuple(media)


# --------------------------------------------------------------------------- outbound


async def send(
    client: httpx.AsyncClient,
    *,
    api_base: str = DEFAULT_API_BASE,
    account_sid: str,
    auth_token: str,
    from_number: str,
    to_number: str,
    body: str,
    whatsapp: bool,
    status_callback: str | None,
) -> str:
    """Create one outbound message and return its sid (``SM…``).

    ``body`` must fit ``MAX_BODY``: split longer texts with ``split_text`` first. The
    client's own timeout applies; a timeout raises a retryable ``ProviderError``.
    """
    prefix = WHATSAPP_PREFIX if whatsapp else ""
    form = {
        "To": prefix + to_number.removeprefix(WHATSAPP_PREFIX),
        "From": prefix + from_number.removeprefix(WHATSAPP_PREFIX),
        "Body": body,
    }
    if status_callback:
        form["StatusCallback"] = status_callback
    url = f"{api_base.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
    try:
        response = await client.post(url, data=form, auth=(account_sid, auth_token))
    except httpx.TransportError as exc:
        raise _transport_error(exc) from exc
    if not response.is_success:
        raise _api_error(response)
    try:
        sid = response.json()["sid"]
    except (ValueError, KeyError, TypeError) as exc:
        raise _no_sid(response) from exc
    if not isinstance(sid, str) or not sid:
        raise _no_sid(response)
    return sid


def _no_sid(response: httpx.Response) -> ProviderError:
    """Twilio may well have created the message: never retry this one blindly."""
    return ProviderError(
        PROVIDER, "answer without a sid", status=response.status_code, retryable=False
    )


def _transport_error(exc: httpx.TransportError) -> ProviderError:
    """Timeouts and network failures can pass; a malformed URL or request never will."""
    permanent = isinstance(exc, httpx.UnsupportedProtocol | httpx.LocalProtocolError)
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return ProviderError(PROVIDER, message, retryable=not permanent)


def _api_error(response: httpx.Response) -> ProviderError:
    """Twilio's JSON error body ``{"code", "message", "more_info", "status"}``."""
    try:
        payload: Any = response.json()
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        code = payload.get("code")
        message = payload.get("message")
        return ProviderError(
            PROVIDER,
            message if isinstance(message, str) else response.reason_phrase,
            status=response.status_code,
            provider_code=code if isinstance(code, int) else None,
        )
    return ProviderError(PROVIDER, response.reason_phrase or "error", status=response.status_code)


# --------------------------------------------------------------------------- adapter


class TwilioAdapter:
    """SMS (``kind="sms"``) or WhatsApp through Twilio (``kind="whatsapp"``): one of each
    per process, sharing the pooled HTTP client.

    A channel's settings hold ``account_sid`` (and ``api_base``, for a stand-in), its
    secrets ``auth_token``. Replies are split at ``MAX_BODY``; each asks for delivery
    statuses at the channel's webhook URL (under ``public_url``), where messages arrive.
    """

    provider = PROVIDER
    source = PROVIDER
    can_send = True

    def __init__(self, kind: str, client: httpx.AsyncClient, public_url: str) -> None:
        if kind not in ("sms", "whatsapp"):
            raise ValueError(f"Twilio serves sms and whatsapp channels, not {kind}")
        self.kind = kind
        self._client = client
        self._public_url = public_url.rstrip("/")
        # WhatsApp's customer-service window holds through Twilio too (Twilio error 63016).
        self.reply_window = timedelta(hours=24) if kind == "whatsapp" else None

    def webhook_url(self, channel_id: str) -> str:
        return f"{self._public_url}/v1/channels/twilio/{channel_id}"

    def verify(self, call: WebhookCall, secrets: Mapping[str, str]) -> Verification:
        signature = call.headers.get("x-twilio-signature")
        if not signature:
            return Verification("no X-Twilio-Signature")
        if not signature_valid(secrets.get("auth_token", ""), call.url, call.form, signature):
            return Verification("bad X-Twilio-Signature")
        return Verification()

    def challenge(self, call: WebhookCall, secrets: Mapping[str, str]) -> str | None:
        return None  # Twilio has no subscription handshake

    def parse(self, call: WebhookCall) -> list[Inbound]:
        try:
            parsed = parse_inbound(call.form)
        except ValueError as exc:
            raise ValidationFailed(str(exc)) from None
        if isinstance(parsed, StatusUpdate):
            # Twilio's numbered errors are documented at twilio.com/docs/api/errors/<code>.
            why = f"Twilio error {parsed.error_code}" if parsed.error_code else None
            return [DeliveryStatus(parsed.provider_id, parsed.status, why)]
        return [
            InboundMessage(
                source=PROVIDER,
                provider_id=parsed.provider_id,
                sender=parsed.from_number,
                recipient=parsed.to_number,
                body=parsed.body,
                sender_name=parsed.profile_name,
            )
        ]

    async def send(self, message: OutboundMessage, endpoint: Endpoint) -> str:
        """Every part of the text; the first part's sid."""
        account_sid = endpoint.settings.get("account_sid")
        auth_token = endpoint.secrets.get("auth_token")
        if not account_sid or not auth_token:
            raise ProviderError(
                PROVIDER, "the channel has no account SID or auth token", retryable=False
            )
        parts = split_text(message.body, MAX_BODY)
        if not parts:
            raise ProviderError(PROVIDER, "nothing to send: the text is blank", retryable=False)
        sids = [
            await send(
                self._client,
                api_base=str(endpoint.settings.get("api_base") or DEFAULT_API_BASE),
                account_sid=str(account_sid),
                auth_token=auth_token,
                from_number=endpoint.address,
                to_number=message.to,
                body=part,
                whatsapp=self.kind == "whatsapp",
                status_callback=self.webhook_url(endpoint.channel_id),
            )
            for part in parts
        ]
        return sids[0]
