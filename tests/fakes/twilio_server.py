"""A local Twilio Messages API: checks basic auth and the form as Twilio does, answers
with Twilio's JSON bodies and error codes, and keeps every message it accepted.

`fail_next` answers the next requests with those statuses (Twilio's error bodies);
`hang_next` holds that many requests for `hang_s` before answering, so a client with a
shorter timeout gives up (the message is still created afterwards, as at Twilio).

Also builders for what Twilio posts to us: `twilio_form` (an inbound message),
`twilio_status_form` (a status callback) and `twilio_signature`, written independently
of server.channels.twilio so the tests compare two implementations.

Runs uvicorn in its own thread and loop, so it serves while the test's loop waits.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets
import socket
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

ACCOUNT_SID = "AC" + "0" * 31 + "1"
AUTH_TOKEN = "twilio-test-auth-token"
MAX_BODY = 1600
ERRORS = {  # status: (code, message) for `fail_next`
    400: (21211, "The 'To' number is not a valid phone number."),
    401: (20003, "Authenticate"),
    404: (20404, "The requested resource was not found"),
    429: (20429, "Too Many Requests"),
    500: (20500, "Internal Server Error"),
    503: (20503, "Service Unavailable"),
}


@dataclass(frozen=True)
class SentMessage:
    sid: str
    to: str
    from_: str
    body: str
    status_callback: str | None


@dataclass
class TwilioState:
    account_sid: str = ACCOUNT_SID
    auth_token: str = AUTH_TOKEN
    messages: list[SentMessage] = field(default_factory=list)  # accepted, in order
    requests: int = 0  # every POST to the Messages endpoint, accepted or not
    fail_next: list[int] = field(default_factory=list)  # statuses for the next requests
    hang_next: int = 0  # requests to hold for `hang_s` before answering
    hang_s: float = 10.0
    closing: bool = False  # set on exit: a held request stops waiting


def error(status: int, code: int, message: str) -> JSONResponse:
    """Twilio's error body."""
    return JSONResponse(
        {
            "code": code,
            "message": message,
            "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status,
        },
        status_code=status,
    )


def authorized(request: Request, state: TwilioState, account_sid: str) -> bool:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        user, _, password = base64.b64decode(encoded).decode().partition(":")
    except ValueError:
        return False
    return user == account_sid == state.account_sid and password == state.auth_token


async def hang(state: TwilioState) -> None:
    """Hold the answer for `hang_s`, or until the server is closing."""
    deadline = time.monotonic() + state.hang_s
    while time.monotonic() < deadline and not state.closing:
        await asyncio.sleep(0.02)


def build_app(state: TwilioState) -> Starlette:
    async def create_message(request: Request) -> Response:
        state.requests += 1
        account_sid = request.path_params["account_sid"]
        if not authorized(request, state, account_sid):
            return error(401, 20003, "Authenticate")
        form = await request.form()  # the whole request arrives; then the answer is slow
        if state.hang_next > 0:
            state.hang_next -= 1
            await hang(state)
        if state.fail_next:
            status = state.fail_next.pop(0)
            code, message = ERRORS.get(status, (20500, "Internal Server Error"))
            return error(status, code, message)
        to, from_, body = (str(form.get(name) or "") for name in ("To", "From", "Body"))
        if not to:
            return error(400, 21604, "A 'To' phone number is required.")
        if not from_:
            return error(400, 21603, "A 'From' phone number is required.")
        if not body:
            return error(400, 21602, "Message body is required.")
        if len(body) > MAX_BODY:
            return error(
                400, 21617, "The concatenated message body exceeds the 1600 character limit."
            )
        if to.startswith("whatsapp:") != from_.startswith("whatsapp:"):
            return error(
                400, 21910, "Invalid From and To pair. From and To should be of the same channel"
            )
        callback = form.get("StatusCallback")
        sid = "SM" + secrets.token_hex(16)
        state.messages.append(
            SentMessage(sid, to, from_, body, str(callback) if callback else None)
        )
        now = formatdate(usegmt=True)
        return JSONResponse(
            {
                "sid": sid,
                "account_sid": account_sid,
                "api_version": "2010-04-01",
                "body": body,
                "date_created": now,
                "date_updated": now,
                "date_sent": None,
                "direction": "outbound-api",
                "error_code": None,
                "error_message": None,
                "from": from_,
                "messaging_service_sid": None,
                "num_media": "0",
                "num_segments": "1",
                "price": None,
                "price_unit": "USD",
                "status": "queued",
                "to": to,
                "uri": f"/2010-04-01/Accounts/{account_sid}/Messages/{sid}.json",
            },
            status_code=201,
        )

    return Starlette(
        routes=[
            Route(
                "/2010-04-01/Accounts/{account_sid}/Messages.json",
                create_message,
                methods=["POST"],
            )
        ]
    )


@contextmanager
def twilio_server() -> Iterator[tuple[str, TwilioState]]:
    """(API base URL to pass as `api_base`, state to script and inspect)."""
    state = TwilioState()
    with serve(build_app(state)) as base_url:
        try:
            yield base_url, state
        finally:
            state.closing = True


@contextmanager
def serve(app: Starlette) -> Iterator[str]:
    """`app` on a real uvicorn bound to a free port, in its own thread."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="error", lifespan="off", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started:
                break
            time.sleep(0.01)
        else:
            raise RuntimeError("the fake server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


# --------------------------------------------------------------------------- inbound


def twilio_form(
    *,
    from_number: str = "+14155550100",
    to_number: str = "+14155550199",
    body: str = "Hello, I need help with my order.",
    whatsapp: bool = False,
    message_sid: str | None = None,
    profile_name: str | None = None,
    media: Sequence[tuple[str, str]] = (),
    account_sid: str = ACCOUNT_SID,
) -> dict[str, str]:
    """The form Twilio posts to a number's message webhook for an incoming SMS/WhatsApp."""
    sid = message_sid or "SM" + secrets.token_hex(16)
    prefix = "whatsapp:" if whatsapp else ""
    form = {
        "ToCountry": "US",
        "ToState": "CA",
        "SmsMessageSid": sid,
        "NumMedia": str(len(media)),
        "ToCity": "SAN FRANCISCO",
        "FromZip": "94105",
        "SmsSid": sid,
        "FromState": "CA",
        "SmsStatus": "received",
        "FromCity": "SAN FRANCISCO",
        "Body": body,
        "FromCountry": "US",
        "To": prefix + to_number,
        "ToZip": "94105",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": account_sid,
        "From": prefix + from_number,
        "ApiVersion": "2010-04-01",
    }
    if whatsapp:
        for key in ("ToCountry", "ToState", "ToCity", "ToZip"):
            del form[key]
        for key in ("FromZip", "FromState", "FromCity", "FromCountry"):
            del form[key]
        form["WaId"] = from_number.removeprefix("+")
        form["MessageType"] = "image" if media else "text"
        if profile_name is not None:
            form["ProfileName"] = profile_name
    for index, (url, content_type) in enumerate(media):
        form[f"MediaUrl{index}"] = url
        form[f"MediaContentType{index}"] = content_type
    return form


def twilio_status_form(
    *,
    message_sid: str,
    status: str = "delivered",
    error_code: str | None = None,
    from_number: str = "+14155550199",
    to_number: str = "+14155550100",
    whatsapp: bool = False,
    account_sid: str = ACCOUNT_SID,
) -> dict[str, str]:
    """The form Twilio posts to a message's StatusCallback."""
    prefix = "whatsapp:" if whatsapp else ""
    form = {
        "SmsSid": message_sid,
        "SmsStatus": status,
        "MessageStatus": status,
        "To": prefix + to_number,
        "MessageSid": message_sid,
        "AccountSid": account_sid,
        "From": prefix + from_number,
        "ApiVersion": "2010-04-01",
    }
    if error_code is not None:
        form["ErrorCode"] = error_code
    if whatsapp:
        form["ChannelPrefix"] = "whatsapp"
    return form


def twilio_signature(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """X-Twilio-Signature: base64 HMAC-SHA1 of the URL then each name and value by name."""
    data = url + "".join(name + params[name] for name in sorted(params))
    return base64.b64encode(
        hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()
    ).decode()
