"""Twilio Messaging: SMS, and WhatsApp through Twilio.

Pure functions for what Twilio posts to us (the ``X-Twilio-Signature`` check, inbound
messages and status callbacks) and one thin call for what we post to Twilio (create a
Message). Nothing here logs or retries: the caller decides, guided by
``TwilioError.retryable``.

Errors:
    TwilioError     the Messages API refused, failed or could not be reached. ``status`` is
                    the HTTP status (0: no answer at all), ``code`` Twilio's error code
                    (21211 invalid To, 21610 unsubscribed recipient, 20003 bad credentials,
                    …), ``retryable`` True for 429, 5xx, network errors and timeouts.
    ValueError      ``parse_inbound`` on a form that is neither a message nor a status.

A retry after a timeout may send the text twice: Twilio may have created the message
before the connection dropped, and the Messages API takes no idempotency key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

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


class TwilioError(Exception):
    """The Messages API did not create the message; see the module docstring."""

    def __init__(
        self, status: int, code: int | None, message: str, retryable: bool | None = None
    ) -> None:
        super().__init__(f"Twilio {status or 'unreachable'} ({code}): {message}")
        self.status = status
        self.code = code
        self.message = message
        self.retryable = retryable if retryable is not None else _retryable_status(status)


def _retryable_status(status: int) -> bool:
    return status == 0 or status == 429 or status >= 500


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
    client's own timeout applies; a timeout raises a retryable ``TwilioError``.
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
        # Twilio may well have created the message: never retry this one blindly.
        raise TwilioError(response.status_code, None, "answer without a sid", False) from exc
    if not isinstance(sid, str) or not sid:
        raise TwilioError(response.status_code, None, "answer without a sid", False)
    return sid


def _transport_error(exc: httpx.TransportError) -> TwilioError:
    """Timeouts and network failures can pass; a malformed URL or request never will."""
    permanent = isinstance(exc, httpx.UnsupportedProtocol | httpx.LocalProtocolError)
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return TwilioError(0, None, message, not permanent)


def _api_error(response: httpx.Response) -> TwilioError:
    """Twilio's JSON error body ``{"code", "message", "more_info", "status"}``."""
    try:
        payload: Any = response.json()
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        code = payload.get("code")
        message = payload.get("message")
        return TwilioError(
            response.status_code,
            code if isinstance(code, int) else None,
            message if isinstance(message, str) else response.reason_phrase,
        )
    return TwilioError(response.status_code, None, response.reason_phrase or "error")


# --------------------------------------------------------------------------- splitting

# Each pattern ends where a chunk may end, coarsest first.
_BOUNDARIES = (
    re.compile(r"(?=\n[ \t]*\n)"),  # paragraph
    re.compile(r"(?=\n)"),  # line (lists, addresses)
    # sentence: . ! ? … or the CJK full stop and full-width ! ?, then closing quotes
    re.compile(
        r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s)|[\u3002\uff01\uff1f][\"'\u201d\u2019\u300d\u300f)\]]*"
    ),
    re.compile(r"(?=\s)"),  # word
)
_LOOKAHEAD = 200  # characters past the limit a boundary pattern may need to see


def split_text(body: str, limit: int) -> list[str]:
    """``body`` in chunks of at most ``limit`` characters, cut at the last paragraph break
    that fits, else line, sentence, word, and only as a last resort inside a word.

    Whitespace at the cuts and around the whole text is dropped, so no chunk is empty or
    blank (an all-blank ``body`` gives ``[]``). Length is counted in UTF-16 code units, the
    stricter of the ways providers count: an emoji outside the BMP takes two of ``limit``,
    so a chunk fits whether the provider counts code points or UTF-16 units.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2 (one character may take two units)")
    chunks = []
    rest = body.strip()
    while rest:
        fits = _fitting(rest, limit)
        if fits == len(rest):
            chunks.append(rest)
            break
        cut = _cut(rest, fits)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return chunks


def _fitting(text: str, limit: int) -> int:
    """How many leading characters of ``text`` take at most ``limit`` units (at least 1)."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def _cut(text: str, fits: int) -> int:
    """Where the chunk ends: the last boundary within the first ``fits`` characters, past
    the first half for all but word boundaries (so chunks do not come out tiny)."""
    window = text[: fits + _LOOKAHEAD]
    for level, pattern in enumerate(_BOUNDARIES):
        floor = 0 if level == len(_BOUNDARIES) - 1 else fits // 2
        ends = [m.end() for m in pattern.finditer(window) if floor < m.end() <= fits]
        if ends:
            return ends[-1]
    return fits
