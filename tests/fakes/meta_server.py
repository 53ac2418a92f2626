"""A local WhatsApp Cloud API (Graph API): checks the Bearer token and the message's
shape as Meta does, answers with Meta's JSON bodies and error codes, and keeps every
message it accepted.

`fail_next` answers the next requests with those statuses; numbers in
`window_closed_for` get 400 with code 131047 (outside the 24-hour window); `hang_next`
holds that many requests for `hang_s`, so a client with a shorter timeout gives up.

Also builders for what Meta posts to us: `meta_message`, `meta_status`, `meta_payload`
and `meta_signature`, written independently of server.channels.whatsapp.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.twilio_server import serve

ACCESS_TOKEN = "meta-test-access-token"
PHONE_NUMBER_ID = "106540352242922"
DISPLAY_PHONE_NUMBER = "15550783881"
MAX_TEXT = 4096
ERRORS = {  # status: (code, message) for `fail_next`
    400: (100, "(#100) Invalid parameter"),
    401: (190, "Invalid OAuth access token - Cannot parse access token"),
    429: (130429, "(#130429) Rate limit hit"),
    500: (1, "An unknown error has occurred."),
    503: (2, "Service temporarily unavailable"),
}


@dataclass(frozen=True)
class SentText:
    wamid: str
    phone_number_id: str
    to: str
    body: str


@dataclass
class MetaState:
    access_token: str = ACCESS_TOKEN
    phone_number_id: str = PHONE_NUMBER_ID
    messages: list[SentText] = field(default_factory=list)  # accepted, in order
    requests: int = 0  # every POST to the messages endpoint, accepted or not
    fail_next: list[int] = field(default_factory=list)  # statuses for the next requests
    window_closed_for: set[str] = field(default_factory=set)  # with or without "+"
    hang_next: int = 0
    hang_s: float = 10.0
    closing: bool = False


def error(status: int, code: int, message: str, details: str | None = None) -> JSONResponse:
    """Graph API's error body."""
    body: dict[str, Any] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "A" + secrets.token_hex(10),
    }
    if details is not None:
        body["error_data"] = {"messaging_product": "whatsapp", "details": details}
    return JSONResponse({"error": body}, status_code=status)


def shape_problem(payload: Any) -> str | None:
    """What Meta would refuse in a text message request, or None."""
    if not isinstance(payload, dict):
        return "the body is not a JSON object"
    if payload.get("messaging_product") != "whatsapp":
        return "messaging_product must be whatsapp"
    if payload.get("recipient_type", "individual") != "individual":
        return "recipient_type must be individual"
    to = payload.get("to")
    if not isinstance(to, str) or not to.isdigit():
        return "to must be a phone number in digits"
    if payload.get("type") != "text":
        return "this fake sends only type text"
    text = payload.get("text")
    if not isinstance(text, dict) or not isinstance(text.get("body"), str) or not text["body"]:
        return "text.body is required"
    if len(text["body"]) > MAX_TEXT:
        return f"text.body is longer than {MAX_TEXT} characters"
    return None


def build_app(state: MetaState) -> Starlette:
    async def send_message(request: Request) -> Response:
        state.requests += 1
        if request.headers.get("authorization") != f"Bearer {state.access_token}":
            return error(401, 190, ERRORS[401][1])
        raw = await request.body()  # the whole request arrives; then the answer is slow
        if state.hang_next > 0:
            state.hang_next -= 1
            deadline = time.monotonic() + state.hang_s
            while time.monotonic() < deadline and not state.closing:
                await asyncio.sleep(0.02)
        if state.fail_next:
            status = state.fail_next.pop(0)
            code, message = ERRORS.get(status, ERRORS[500])
            return error(status, code, message)
        phone_number_id = request.path_params["phone_number_id"]
        if phone_number_id != state.phone_number_id:
            return error(
                400,
                100,
                f"Unsupported post request. Object with ID '{phone_number_id}' does not exist",
            )
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = None
        problem = shape_problem(payload)
        if problem is not None:
            return error(400, 131009, "(#131009) Parameter value is not valid", problem)
        to = payload["to"]
        if to in {number.removeprefix("+") for number in state.window_closed_for}:
            return error(
                400,
                131047,
                "(#131047) Re-engagement message",
                "Message failed to send because more than 24 hours have passed since the "
                "customer last replied to this number.",
            )
        wamid = "wamid." + secrets.token_urlsafe(36)
        state.messages.append(SentText(wamid, phone_number_id, to, payload["text"]["body"]))
        return JSONResponse(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to}],
                "messages": [{"id": wamid, "message_status": "accepted"}],
            }
        )

    return Starlette(
        routes=[Route("/v21.0/{phone_number_id}/messages", send_message, methods=["POST"])]
    )


@contextmanager
def meta_server() -> Iterator[tuple[str, MetaState]]:
    """(API base URL to pass as `api_base`, state to script and inspect)."""
    state = MetaState()
    with serve(build_app(state)) as base_url:
        try:
            yield base_url, state
        finally:
            state.closing = True


# --------------------------------------------------------------------------- inbound


def meta_message(
    *,
    from_number: str = "+14155550100",
    body: str = "Hello, I need help with my order.",
    kind: str = "text",
    wamid: str | None = None,
    timestamp: int = 1_767_225_600,
) -> dict[str, Any]:
    """One entry of `messages`: text, or a media message with `body` as its caption."""
    message: dict[str, Any] = {
        "from": from_number.removeprefix("+"),
        "id": wamid or "wamid." + secrets.token_urlsafe(36),
        "timestamp": str(timestamp),
        "type": kind,
    }
    if kind == "text":
        message["text"] = {"body": body}
    elif kind in ("image", "video", "document", "audio", "sticker"):
        media: dict[str, Any] = {
            "mime_type": {"audio": "audio/ogg; codecs=opus", "sticker": "image/webp"}.get(
                kind, "image/jpeg"
            ),
            "sha256": hashlib.sha256(body.encode()).hexdigest(),
            "id": str(secrets.randbelow(10**15)),
        }
        if body and kind in ("image", "video", "document"):
            media["caption"] = body
        message[kind] = media
    return message


def meta_status(
    *,
    wamid: str,
    status: str = "delivered",
    recipient: str = "+14155550100",
    error_code: int | None = None,
    timestamp: int = 1_767_225_660,
) -> dict[str, Any]:
    """One entry of `statuses`; a failure carries Meta's `errors` list."""
    entry: dict[str, Any] = {
        "id": wamid,
        "status": status,
        "timestamp": str(timestamp),
        "recipient_id": recipient.removeprefix("+"),
    }
    if error_code is not None:
        title = "Re-engagement message" if error_code == 131047 else "Message failed"
        entry["errors"] = [
            {
                "code": error_code,
                "title": title,
                "message": title,
                "error_data": {"details": title},
            }
        ]
    return entry


def meta_payload(
    *,
    messages: Sequence[Mapping[str, Any]] = (),
    statuses: Sequence[Mapping[str, Any]] = (),
    profile_name: str | None = "Jane Customer",
    phone_number_id: str = PHONE_NUMBER_ID,
    waba_id: str = "102290129340398",
) -> dict[str, Any]:
    """A `messages` webhook with one entry and one change, as Meta posts it."""
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {
            "display_phone_number": DISPLAY_PHONE_NUMBER,
            "phone_number_id": phone_number_id,
        },
    }
    if messages:
        senders = dict.fromkeys(str(message["from"]) for message in messages)
        value["contacts"] = [
            {"profile": {"name": profile_name}, "wa_id": sender}
            for sender in senders
            if profile_name is not None
        ]
        value["messages"] = [dict(message) for message in messages]
    if statuses:
        value["statuses"] = [dict(status) for status in statuses]
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": waba_id, "changes": [{"value": value, "field": "messages"}]}],
    }


def meta_signature(app_secret: str, body: bytes) -> str:
    """X-Hub-Signature-256 for `body` as Meta sends it."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
