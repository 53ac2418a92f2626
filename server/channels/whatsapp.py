"""WhatsApp Cloud API (Meta): webhook verification and parsing, and sending text.

Pure functions for what Meta sends us (the GET subscription handshake, the
``X-Hub-Signature-256`` check, the ``messages`` webhook), one thin call for what we send
(a text message), and ``WhatsAppCloudAdapter``, the ``ChannelAdapter`` (channels/base.py)
made of them. Nothing here logs or retries: the caller decides, guided by
``ProviderError.retryable``.

Errors:
    ProviderError   the Graph API refused, failed or could not be reached. ``status`` is the
                    HTTP status (0: no answer at all), ``provider_code`` Meta's error code
                    (190 bad token, 131047 outside the 24-hour window, 130429 throughput,
                    …); ``retryable`` for 429, 5xx, network errors, timeouts and Meta's
                    rate-limit codes, never for 131047 (only a template reopens the window).
    ValueError      ``parse_webhook`` on a payload that is not a WhatsApp webhook
                    (``WhatsAppCloudAdapter.parse``: ValidationFailed).

Meta reports most delivery failures, 131047 included, asynchronously as well: a
``StatusUpdate`` with status "failed" and ``error`` "131047: …".
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

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
from server.channels.base import within_window as window_open
from server.channels.text_split import split_text
from server.errors import ProviderError, ValidationFailed

PROVIDER = "meta"
DEFAULT_API_BASE = "https://graph.facebook.com"
API_VERSION = "v21.0"
WINDOW_S = 24 * 3600  # the customer service window opened by each customer message
MAX_TEXT = 4096  # characters in a text message body
REENGAGEMENT = 131047  # error code: the window is closed
# Meta's "slow down" codes; Graph answers most of them with HTTP 400, so the status alone
# would call them permanent. 2 and 131016/133004: service temporarily unavailable.
RETRYABLE_CODES = frozenset({2, 4, 80007, 130429, 131016, 131056, 133004})
_SIGNATURE_PREFIX = "sha256="
# The message types whose body is a caption; interactive replies carry a title instead.
_CAPTIONED = ("image", "video", "document")


@dataclass(frozen=True)
class InboundText:
    provider_id: str  # wamid
    from_number: str  # E.164 with "+"
    phone_number_id: str  # our business number that received it
    body: str  # the text, a caption, a button's title; "" for other non-text messages
    profile_name: str | None
    timestamp: int  # Unix seconds
    kind: str  # "text", or Meta's message type (image, audio, reaction, …)


@dataclass(frozen=True)
class StatusUpdate:
    provider_id: str  # wamid of our outbound message
    status: str  # sent | delivered | read | failed (new ones pass through)
    error: str | None  # "131047: Re-engagement message" for a failure


# --------------------------------------------------------------------------- webhook


def verify_subscription(params: Mapping[str, str], verify_token: str) -> str | None:
    """The ``hub.challenge`` to echo back when Meta's GET handshake carries our verify
    token; None (answer 403) otherwise, and always when no token is configured."""
    token = params.get("hub.verify_token")
    challenge = params.get("hub.challenge")
    if params.get("hub.mode") != "subscribe" or not verify_token or not token or not challenge:
        return None
    if not hmac.compare_digest(token.encode(), verify_token.encode()):
        return None
    return challenge


def signature_valid(app_secret: str, raw_body: bytes, header: str | None) -> bool:
    """True when ``header`` is "sha256=" + the hex HMAC-SHA256 of the body as received.

    Pass the raw bytes: Meta signs its own (ASCII-escaped) serialization, which a
    re-encoded JSON document does not reproduce.
    """
    if not app_secret or not header or not header.startswith(_SIGNATURE_PREFIX):
        return False
    given = header.removeprefix(_SIGNATURE_PREFIX).strip().lower()
    expected = hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), given.encode(errors="replace"))


def parse_webhook(payload: Mapping[str, Any]) -> list[InboundText | StatusUpdate]:
    """Every message and status of a ``messages`` webhook, in the order Meta listed them.

    Changes of other fields (template reviews, account updates) are skipped. A payload
    that is not a WhatsApp Business Account webhook, or a message or status missing its
    id, sender or timestamp, raises ``ValueError``.
    """
    if not isinstance(payload, Mapping):
        raise ValueError("WhatsApp webhook payload is not a JSON object")
    if payload.get("object") != "whatsapp_business_account":
        raise ValueError(f"not a WhatsApp Business Account webhook: {payload.get('object')!r}")
    found: list[InboundText | StatusUpdate] = []
    for entry in _list(payload, "entry"):
        for change in _list(_object(entry, "entry"), "changes"):
            value = _object(change, "change").get("value")
            if not isinstance(value, Mapping) or value.get("messaging_product") != "whatsapp":
                continue
            found.extend(_value_items(value))
    return found


def _value_items(value: Mapping[str, Any]) -> list[InboundText | StatusUpdate]:
    names = {
        contact.get("wa_id"): _field(contact.get("profile"), "name")
        for contact in (_object(raw, "contact") for raw in _list(value, "contacts"))
    }
    phone_number_id = str(_field(value.get("metadata"), "phone_number_id") or "")
    items: list[InboundText | StatusUpdate] = []
    for raw in _list(value, "messages"):
        if not phone_number_id:
            raise ValueError("WhatsApp messages without metadata.phone_number_id")
        items.append(_message(_object(raw, "message"), phone_number_id, names))
    for raw in _list(value, "statuses"):
        items.append(_status(_object(raw, "status")))
    return items


def _message(
    message: Mapping[str, Any], phone_number_id: str, names: Mapping[Any, Any]
) -> InboundText:
    wamid, sender = message.get("id"), message.get("from")
    kind, timestamp = message.get("type"), str(message.get("timestamp", ""))
    if not isinstance(wamid, str) or not wamid or not isinstance(sender, str) or not sender:
        raise ValueError("WhatsApp message without id or from")
    if not isinstance(kind, str) or not kind or not timestamp.isdecimal():
        raise ValueError(f"WhatsApp message {wamid} without type or timestamp")
    name = names.get(sender)
    return InboundText(
        provider_id=wamid,
        from_number="+" + sender.removeprefix("+"),
        phone_number_id=phone_number_id,
        body=_body(kind, message),
        profile_name=name if isinstance(name, str) and name else None,
        timestamp=int(timestamp),
        kind=kind,
    )


def _body(kind: str, message: Mapping[str, Any]) -> str:
    """The words the customer sent: text, a caption, the title of a tapped button."""
    content = message.get(kind)
    if not isinstance(content, Mapping):
        return ""
    if kind == "text":
        found = content.get("body")
    elif kind in _CAPTIONED:
        found = content.get("caption")
    elif kind == "button":
        found = content.get("text")
    elif kind == "interactive":
        found = _field(content.get("button_reply") or content.get("list_reply"), "title")
    else:
        found = None
    return found if isinstance(found, str) else ""


def _status(status: Mapping[str, Any]) -> StatusUpdate:
    wamid, state = status.get("id"), status.get("status")
    if not isinstance(wamid, str) or not wamid or not isinstance(state, str) or not state:
        raise ValueError("WhatsApp status without id or status")
    error = None
    errors = status.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], Mapping):
        first = errors[0]
        title = first.get("title") or first.get("message") or "error"
        error = f"{first.get('code')}: {title}" if first.get("code") is not None else str(title)
    return StatusUpdate(wamid, state, error)


def _list(container: Mapping[str, Any], key: str) -> list[Any]:
    found = container.get(key, [])
    if not isinstance(found, list):
        raise ValueError(f"WhatsApp webhook: {key} is not a list")
    return found


def _field(item: Any, key: str) -> Any:
    """``item[key]`` when ``item`` is an object, else None: optional parts stay optional."""
    return item.get(key) if isinstance(item, Mapping) else None


def _object(item: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(item, Mapping):
        raise ValueError(f"WhatsApp webhook: a {what} is not an object")
    return item


# --------------------------------------------------------------------------- window


def within_window(last_customer_message_at: datetime | None, now: datetime) -> bool:
    """True while a free-form reply is allowed: less than 24 hours since the customer's
    last message (at exactly 24 hours the window has closed). Never messaged: False.
    Both datetimes must be aware (or both naive), as subtracting them requires."""
    return window_open(timedelta(seconds=WINDOW_S), last_customer_message_at, now)


# --------------------------------------------------------------------------- outbound


def window_closed(error: ProviderError) -> bool:
    """Outside the 24-hour window: only an approved template can reach the customer."""
    return error.provider_code == REENGAGEMENT


def graph_error(
    status: int, code: int | None, message: str, retryable: bool | None = None
) -> ProviderError:
    """What a Graph API answer (``status`` 0: none) with Meta's error ``code`` means;
    ``retryable`` by the status and code unless given."""
    return ProviderError(
        PROVIDER,
        message,
        status=status,
        provider_code=code,
        retryable=_retryable(status, code) if retryable is None else retryable,
    )


def _retryable(status: int, code: int | None) -> bool:
    if code == REENGAGEMENT:
        return False
    return status == 0 or status == 429 or status >= 500 or code in RETRYABLE_CODES


async def send_text(
    client: httpx.AsyncClient,
    *,
    api_base: str = DEFAULT_API_BASE,
    phone_number_id: str,
    access_token: str,
    to_number: str,
    body: str,
) -> str:
    """Send one text message and return its wamid.

    ``body`` must fit ``MAX_TEXT`` (split longer texts first) and the customer must be
    ``within_window``. The client's own timeout applies; a timeout raises a retryable
    ``ProviderError``, and a retry may then deliver the text twice.
    """
    payload = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to_number.strip().removeprefix("+"),
        "type": "text",
        "text": {"preview_url": False, "body": body},
    }
    url = f"{api_base.rstrip('/')}/{API_VERSION}/{phone_number_id}/messages"
    headers = {"Authorization": f"Bearer {access_token}"}
    try:
        response = await client.post(url, json=payload, headers=headers)
    except httpx.TransportError as exc:
        permanent = isinstance(exc, httpx.UnsupportedProtocol | httpx.LocalProtocolError)
        raise graph_error(0, None, _describe(exc), not permanent) from exc
    if not response.is_success:
        raise _api_error(response)
    try:
        wamid = response.json()["messages"][0]["id"]
    except (ValueError, LookupError, TypeError) as exc:
        # Meta may well have accepted the message: never retry this one blindly.
        raise graph_error(response.status_code, None, "answer without a message id", False) from exc
    if not isinstance(wamid, str) or not wamid:
        raise graph_error(response.status_code, None, "answer without a message id", False)
    return wamid


def _describe(exc: Exception) -> str:
    """``ReadTimeout: …``; httpx leaves some messages empty."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _api_error(response: httpx.Response) -> ProviderError:
    """Meta's error body ``{"error": {"message", "type", "code", "error_data", …}}``."""
    try:
        payload: Any = response.json()
    except ValueError:
        payload = None
    error = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(error, dict):
        return graph_error(response.status_code, None, response.reason_phrase or "error")
    code = error.get("code")
    details = _field(error.get("error_data"), "details")
    text = error.get("message")
    message = text if isinstance(text, str) else "error"
    if isinstance(details, str) and details:
        message = f"{message} ({details})"
    return graph_error(response.status_code, code if isinstance(code, int) else None, message)


# --------------------------------------------------------------------------- adapter


class WhatsAppCloudAdapter:
    """WhatsApp channels on Meta's Cloud API.

    A channel's address is its phone number id; its settings may hold ``api_base`` (a
    stand-in), its secrets ``app_secret`` (webhook signatures), ``verify_token`` (the
    subscription handshake) and ``access_token`` (sending). Statuses come to the app's one
    webhook, so a send names no callback.
    """

    kind = "whatsapp"
    provider = PROVIDER
    source = PROVIDER
    can_send = True
    reply_window = timedelta(seconds=WINDOW_S)

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    def verify(self, call: WebhookCall, secrets: Mapping[str, str]) -> Verification:
        header = call.headers.get("x-hub-signature-256")
        if not header:
            return Verification("no X-Hub-Signature-256")
        if not signature_valid(secrets.get("app_secret", ""), call.body, header):
            return Verification("bad X-Hub-Signature-256")
        return Verification()

    def challenge(self, call: WebhookCall, secrets: Mapping[str, str]) -> str | None:
        return verify_subscription(call.query, secrets.get("verify_token", ""))

    def parse(self, call: WebhookCall) -> list[Inbound]:
        try:
            items = parse_webhook(json.loads(call.body))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationFailed(f"not a WhatsApp webhook payload: {exc}") from None
        return [
            DeliveryStatus(item.provider_id, item.status, item.error)
            if isinstance(item, StatusUpdate)
            else InboundMessage(
                source=PROVIDER,
                provider_id=item.provider_id,
                sender=item.from_number,
                recipient=item.phone_number_id,
                body=item.body,
                sender_name=item.profile_name,
            )
            for item in items
        ]

    async def send(self, message: OutboundMessage, endpoint: Endpoint) -> str:
        """Every part of the text; the first part's wamid."""
        access_token = endpoint.secrets.get("access_token")
        if not access_token:
            raise graph_error(0, None, "the channel has no access token", False)
        parts = split_text(message.body, MAX_TEXT)
        if not parts:
            raise graph_error(0, None, "nothing to send: the text is blank", False)
        wamids = [
            await send_text(
                self._client,
                api_base=str(endpoint.settings.get("api_base") or DEFAULT_API_BASE),
                phone_number_id=endpoint.address,
                access_token=access_token,
                to_number=message.to,
                body=part,
            )
            for part in parts
        ]
        return wamids[0]
