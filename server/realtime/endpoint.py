"""`GET /v1/ws`: the WebSocket endpoint. Moves bytes, runs the hello deadline, dispatches.

Everything it decides is delegated: frames to ``protocol``, rules to ``protocol.session``,
use cases to ``services``, frames out to ``present``, fan-out to the hub.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect

import server.logs as logs
from server.clock import Clock
from server.domain import client_address, visits
from server.domain.access import Principal, origin_allowed
from server.errors import (
    BadRequest,
    FlowSupportError,
    Internal,
    RateLimited,
    TooLarge,
    Unauthorized,
)
from server.ids import ConversationId
from server.metrics import Metrics
from server.protocol import frames
from server.protocol.codec import Codec, FrameError, choose_subprotocol, codec_for, parse_frame
from server.protocol.codes import (
    CLOSE_FORBIDDEN_ORIGIN,
    CLOSE_POLICY,
    CLOSE_UNAUTHORIZED,
    MAX_FRAME_BYTES,
)
from server.protocol.session import Addresses, Principals, Session, SessionLimits, Verdict
from server.realtime import dispatch, present
from server.realtime.connection import Connection
from server.realtime.direct import writers_for
from server.realtime.hub import Hub
from server.services.answers import AnswerService
from server.services.auth import AuthService
from server.services.conversations import ConversationService
from server.services.csat import CsatService
from server.services.escalation import EscalationService
from server.services.visitors import VisitorIdentity, VisitorService

HELLO_SLICE_S = 0.5

log = logging.getLogger("flowsupport.realtime")


@dataclass(frozen=True)
class Realtime:
    """What the endpoint needs, built by the composition root."""

    hub: Hub
    auth: AuthService
    visitors: VisitorService
    conversations: ConversationService
    answers: AnswerService
    escalation: EscalationService
    csat: CsatService
    clock: Clock
    public_origins: tuple[str, ...]
    limits: SessionLimits
    metrics: Metrics  # the app's own registry
    principals: Principals  # per-principal connection caps and shared rate buckets
    addresses: Addresses  # per-client-address socket caps, visitors' shared bucket


class Refused(Exception):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


async def realtime_asgi(scope: Scope, receive: Receive, send: Send) -> None:
    """The endpoint as a plain ASGI app, given the server's own `send` so that fan-out can
    write pre-framed bytes (see ``realtime.direct``)."""
    websocket = WebSocket(scope, receive, send)
    # The session's client address, for every audit entry written while it lasts.
    address = client_address.bind(websocket.client.host if websocket.client else None)
    try:
        await websocket_endpoint(websocket, direct_send=send)
    finally:
        client_address.CLIENT_ADDRESS.reset(address)


async def websocket_endpoint(websocket: WebSocket, direct_send: Send | None = None) -> None:
    rt: Realtime = websocket.app.state.realtime
    address = websocket.client.host if websocket.client else ""
    if not rt.addresses.open(address, rt.clock.monotonic()):
        # Refused before the upgrade, so a flood of sockets costs a few bytes each.
        rt.metrics.connections_refused.labels("address").inc()
        await asyncio.sleep(rt.addresses.refusal_pause(address, rt.clock.monotonic()))
        await websocket.send_denial_response(
            PlainTextResponse(
                "too many connections from this address",
                status_code=429,
                headers={"Retry-After": str(rt.limits.retry_after_s)},
            )
        )
        return
    try:
        await _connection(websocket, rt, address, direct_send)
    finally:
        rt.addresses.close(address, rt.clock.monotonic())


async def _connection(
    websocket: WebSocket, rt: Realtime, address: str, direct_send: Send | None
) -> None:
    """One accepted socket: hello, the principal's cap, then the session."""
    subprotocol = choose_subprotocol(list(websocket.scope.get("subprotocols", [])))
    await websocket.accept(subprotocol=subprotocol)
    codec = codec_for(subprotocol)
    session = Session(rt.clock.monotonic(), rt.limits)
    session_id = "s_" + uuid.uuid4().hex[:16]
    try:
        principal, visitor_token = await _hello(websocket, rt, codec, session)
    except Refused as refusal:
        await websocket.close(refusal.code, refusal.reason)
        return
    except WebSocketDisconnect:
        return
    key = f"{principal.kind}:{principal.tenant_id}:{principal.id}"
    now = rt.clock.monotonic()
    bucket = rt.principals.open(key, principal.kind, now)
    if bucket is None:
        rt.metrics.connections_refused.labels("principal").inc()
        await websocket.close(CLOSE_POLICY, "too many connections for this principal")
        return
    try:
        shared = rt.addresses.visitors_bucket(address, now) if principal.kind == "visitor" else None
        session.authenticated(bucket, *([shared] if shared else []))
        await _session(
            websocket, rt, codec, session, session_id, principal, visitor_token, direct_send
        )
    finally:
        rt.principals.close(key, rt.clock.monotonic())


async def _session(
    websocket: WebSocket,
    rt: Realtime,
    codec: Codec,
    session: Session,
    session_id: str,
    principal: Principal,
    visitor_token: str | None,
    direct_send: Send | None,
) -> None:
    """An authenticated connection, from its welcome to its close."""
    logs.SESSION_ID.set(session_id)  # this task's log records carry the session and tenant
    logs.TENANT_ID.set(str(principal.tenant_id))

    writers = writers_for(websocket, direct_send, rt.metrics)

    async def close(code: int, reason: str) -> None:
        await websocket.close(code, reason)

    connection = Connection(
        session_id=session_id,
        principal=principal,
        codec=codec,
        transmit=writers.transmit,
        close=close,
        conversations=rt.conversations,
        direct=writers.direct,
        metrics=rt.metrics,
    )
    connection.send(present.welcome(session_id, principal, visitor_token))
    log.info(
        "session %s open: %s %s tenant %s (%s, %s writer)",
        session_id,
        principal.kind,
        principal.id,
        principal.tenant_id,
        codec.name,
        writers.writer,
    )
    context = dispatch.Context(
        connection, rt.hub, rt.conversations, rt.answers, rt.escalation, rt.csat
    )
    try:
        await rt.hub.connected(connection)
        await _serve(websocket, rt, connection, session, context)
    finally:
        session.closed()
        await rt.hub.disconnected(connection)
        if principal.kind == "visitor":
            rt.escalation.visitor_left(
                principal.tenant_id, [ConversationId(uuid.UUID(c)) for c in connection.cursors]
            )
        await connection.stop_tasks()
        await connection.drain()
        log.info("session %s closed", session_id)


async def _serve(
    websocket: WebSocket,
    rt: Realtime,
    connection: Connection,
    session: Session,
    context: dispatch.Context,
) -> None:
    while not connection.closing:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        verdict, retry_after_ms = session.admit(rt.clock.monotonic())
        if verdict is Verdict.CLOSE_POLICY:
            connection.shut_after_queued(CLOSE_POLICY, "rate limit exceeded")
            return
        request_id: str | None = None
        try:
            data = _data(message)
            if _oversized(data):
                # Still readable (up to READABLE_FRAME_BYTES): the error answers its id.
                request_id = _peek_id(connection.codec, data)
                raise TooLarge(f"frame exceeds max_frame_bytes ({MAX_FRAME_BYTES})")
            if verdict is Verdict.RATE_LIMITED:
                request_id = _peek_id(connection.codec, data)
                raise RateLimited("too many frames", retry_after_ms)
            frame = parse_frame(connection.codec.decode(data))
            rt.metrics.frames_received.labels(frame.type).inc()
            request_id = getattr(frame, "id", None)
            log.debug("session %s <- %s", connection.session_id, type(frame).__name__)
            await dispatch.HANDLERS[type(frame)](context, frame)
        except FrameError as exc:
            rt.metrics.frames_received.labels("invalid").inc()
            connection.send(present.error(exc.error, exc.request_id))
        except FlowSupportError as exc:
            connection.send(present.error(exc, request_id))
        except Exception:
            log.exception("session %s: frame handling failed", connection.session_id)
            connection.send(present.error(Internal("internal error"), request_id))


async def _hello(
    websocket: WebSocket, rt: Realtime, codec: Codec, session: Session
) -> tuple[Principal, str | None]:
    """Wait for `hello` until the deadline; authenticate; check the Origin (PROTOCOL.md)."""
    while True:
        remaining = session.hello_deadline - rt.clock.monotonic()
        if remaining <= 0:
            raise Refused(CLOSE_UNAUTHORIZED, "no hello in time")
        try:
            # In slices, so the deadline follows the injected clock (tests move it);
            # receiving is cancel-safe: a frame arriving meanwhile waits for the next try.
            message = await asyncio.wait_for(websocket.receive(), min(remaining, HELLO_SLICE_S))
            break
        except TimeoutError:
            continue
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000))
    try:
        frame = parse_frame(codec.decode(_payload(message)))
    except (FrameError, FlowSupportError):
        raise Refused(CLOSE_UNAUTHORIZED, "the first frame must be a valid hello") from None
    if not isinstance(frame, frames.Hello):
        raise Refused(CLOSE_UNAUTHORIZED, "the first frame must be hello")
    origin = websocket.headers.get("origin")
    try:
        principal, token, allowed = await _authenticate(
            rt, frame, websocket.headers.get("user-agent")
        )
    except Unauthorized as exc:
        raise Refused(CLOSE_UNAUTHORIZED, exc.message) from None
    except FlowSupportError as exc:
        raise Refused(1011 if exc.http_status >= 500 else CLOSE_UNAUTHORIZED, exc.message) from None
    if not origin_allowed(origin, allowed):
        raise Refused(CLOSE_FORBIDDEN_ORIGIN, "origin not allowed")
    return principal, token


async def _authenticate(
    rt: Realtime, hello: frames.Hello, user_agent: str | None
) -> tuple[Principal, str | None, tuple[str, ...]]:
    given = [c for c in (hello.widget_key, hello.token, hello.api_key) if c]
    if len(given) != 1:
        raise Unauthorized("hello needs exactly one of widget_key, token, api_key")
    if hello.widget_key:
        identity = None
        if hello.identity is not None:
            identity = VisitorIdentity(
                external_id=hello.identity.external_id,
                hmac=hello.identity.hmac,
                email=hello.identity.email,
                name=hello.identity.name,
            )
        visitor = await rt.visitors.identify(
            hello.widget_key,
            hello.visitor_token,
            identity,
            visits.seen_context(hello.context, user_agent),
        )
        return visitor.principal, visitor.visitor_token, visitor.allowed_origins
    if hello.token:
        return await rt.auth.authenticate_access_token(hello.token), None, rt.public_origins
    assert hello.api_key
    return await rt.auth.authenticate_api_key(hello.api_key), None, rt.public_origins


def _payload(message: Any) -> str | bytes:
    data = _data(message)
    if _oversized(data):
        raise TooLarge(f"frame exceeds max_frame_bytes ({MAX_FRAME_BYTES})")
    return data


def _data(message: Any) -> str | bytes:
    text = message.get("text")
    return text if text is not None else message.get("bytes") or b""


def _oversized(data: str | bytes) -> bool:
    # Cheap bound first: a str of n characters is at least n bytes when encoded.
    return len(data) > MAX_FRAME_BYTES or (
        isinstance(data, str)
        and len(data) * 4 > MAX_FRAME_BYTES
        and len(data.encode()) > MAX_FRAME_BYTES
    )


def _peek_id(codec: Codec, data: str | bytes) -> str | None:
    try:
        value = codec.decode(data).get("id")
    except BadRequest:
        return None
    return value if isinstance(value, str) and len(value) <= 64 else None
