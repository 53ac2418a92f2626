"""A reconnecting PROTOCOL.md client: hello, request/ack correlation, resume by seq.

A dropped connection (server restart, deploy, network) is reopened with exponential backoff
and full jitter; every conversation the client follows is resubscribed with ``after_seq``
set to the last seq it delivered, so `events()` yields each persisted event exactly once,
in order, however often the connection drops.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import random
import uuid
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.client import ClientConnection
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
from websockets.typing import Subprotocol

from flowsupport_bot.errors import ConnectionLost, FlowSupportError, Refused
from flowsupport_bot.events import Event, MessageCreated, event_seq, parse_event

log = logging.getLogger("flowsupport.client")

FATAL_CLOSE_CODES = {4001, 4003}  # credentials or origin: retrying cannot help
JSON = "flowsupport.v1.json"
MSGPACK = "flowsupport.v1.msgpack"


def backoff_delay(attempt: int, *, base: float = 0.5, cap: float = 30.0) -> float:
    """Full jitter: uniform between 0 and min(cap, base * 2**attempt)."""
    return random.uniform(0, min(cap, base * 2**attempt))


class Client:
    def __init__(
        self,
        url: str,
        hello: dict[str, Any],
        *,
        encoding: str = "json",
        max_backoff_s: float = 30.0,
    ) -> None:
        if encoding not in ("json", "msgpack"):
            raise ValueError("encoding must be 'json' or 'msgpack'")
        self._url = url
        self._hello = {"type": "hello", "client": "flowsupport-python/0.1.0", **hello}
        self._binary = encoding == "msgpack"
        self._max_backoff_s = max_backoff_s
        self._ws: ClientConnection | None = None
        self._ids = itertools.count(1)
        self._pending: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._events: asyncio.Queue[Event | BaseException] = asyncio.Queue(10_000)
        self._cursors: dict[str, int] = {}  # conversation id -> last seq delivered
        # Conversations whose `subscribe` with after_seq is sent and not yet answered: the
        # replay after its ack brings every persisted event, so earlier ones are dropped.
        self._replaying: set[str] = set()
        self._inbox_filter: dict[str, Any] | None = None
        self._following = False
        self._connected = asyncio.Event()
        self._closing = False
        # Every task the client starts: kept referenced (the loop keeps only weak ones),
        # failures logged, cancelled by close().
        self._tasks: set[asyncio.Task[None]] = set()
        self.welcome: dict[str, Any] = {}

    # -- lifecycle ------------------------------------------------------------------------

    async def open(self) -> None:
        """Connect and say hello; Refused when the credentials are rejected."""
        await self._open()
        self._spawn(self._run(), "flowsupport-client")

    async def close(self) -> None:
        """Close with 1000 and stop reconnecting."""
        self._closing = True
        if self._ws is not None:
            await self._ws.close(1000, "bye")
        tasks = [task for task in self._tasks if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s failed", task.get_name(), exc_info=task.exception())

    async def _open(self) -> None:
        subprotocol = MSGPACK if self._binary else JSON
        try:
            ws = await ws_connect(
                self._url, subprotocols=[Subprotocol(subprotocol)], open_timeout=10
            )
        except InvalidStatus as exc:
            raise Refused(exc.response.status_code, "upgrade refused") from exc
        await ws.send(self._encode(self._hello))
        try:
            welcome = self._decode(await asyncio.wait_for(ws.recv(), 15))
        except ConnectionClosed as exc:
            code = exc.rcvd.code if exc.rcvd else 1006
            reason = exc.rcvd.reason if exc.rcvd else ""
            if code in FATAL_CLOSE_CODES:
                raise Refused(code, reason) from exc
            raise ConnectionLost(f"closed during hello: {code} {reason}") from exc
        if welcome.get("type") != "welcome":
            await ws.close()
            raise ConnectionLost(f"expected welcome, got {welcome.get('type')!r}")
        self.welcome = welcome
        self._ws = ws
        self._connected.set()

    async def _run(self) -> None:
        """Read frames; on a drop, reconnect with backoff and resume every conversation."""
        attempt = 0
        while not self._closing:
            ws = self._ws
            assert ws is not None
            code = await self._read(ws)
            self._connected.clear()
            self._fail_pending(ConnectionLost(f"connection closed ({code})"))
            if self._closing:
                return
            if code in FATAL_CLOSE_CODES:
                await self._events.put(Refused(code, "closed by the server"))
                return
            while not self._closing:
                delay = backoff_delay(attempt, cap=self._max_backoff_s)
                attempt += 1
                log.info("connection lost (%s); reconnecting in %.2fs", code, delay)
                await asyncio.sleep(delay)
                try:
                    await self._open()
                    # Resume while the loop above reads: the acks arrive through _read.
                    self._spawn(self._resume(), "flowsupport-resume")
                    attempt = 0
                    break
                except Refused as exc:
                    await self._events.put(exc)
                    return
                except (
                    OSError,
                    ConnectionLost,
                    ConnectionClosed,
                    InvalidHandshake,
                    TimeoutError,
                    FlowSupportError,
                ) as exc:
                    log.info("reconnect failed: %s", exc)
                    if self._ws is not None:
                        await self._ws.close()
                    self._connected.clear()

    async def _read(self, ws: ClientConnection) -> int:
        try:
            async for data in ws:
                await self._dispatch(self._decode(data))
        except ConnectionClosed:
            pass
        return ws.close_code or 1006

    async def _dispatch(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        request_id = frame.get("id")
        if kind in ("ack", "error", "pong") and request_id in self._pending:
            if (
                kind == "ack"
                and "last_seq" in frame
                and isinstance(frame.get("conversation"), dict)
            ):
                # A subscribe's ack: its replay follows at once, before `request` resumes.
                self._replaying.discard(frame["conversation"].get("id"))
            future = self._pending.pop(request_id)
            if not future.done():
                future.set_result(frame)
            return
        event = parse_event(frame)
        position = event_seq(event)
        if position is not None:
            conversation_id, seq = position
            if conversation_id in self._replaying:
                # Sent before the server knew of the subscribe (through the inbox, say): the
                # replay brings it in order. Delivering it now would hide the ones before it.
                return
            if conversation_id in self._cursors:
                if seq <= self._cursors[conversation_id]:
                    return  # already delivered (replay overlap)
                self._cursors[conversation_id] = seq
            elif self._following and isinstance(event, MessageCreated):
                # A conversation new to us: follow it from the start, through replay.
                self._cursors[conversation_id] = 0
                self._spawn(self._follow(conversation_id), "flowsupport-follow")
                return
        await self._events.put(event)

    async def _resume(self) -> None:
        """After a reconnect: resubscribe from each cursor, then the inbox."""
        try:
            for conversation_id, seq in list(self._cursors.items()):
                try:
                    await self._subscribe_from(conversation_id, seq)
                except FlowSupportError as exc:
                    log.warning("cannot resume %s (%s); dropping it", conversation_id, exc)
                    self._cursors.pop(conversation_id, None)
            if self._inbox_filter is not None:
                await self._inbox(self._inbox_filter)
        except ConnectionLost:
            pass  # the next reconnect resumes again

    # -- requests -------------------------------------------------------------------------

    async def request(self, kind: str, **fields: Any) -> dict[str, Any]:
        """Send one request and return its ack; FlowSupportError for an `error` answer,
        ConnectionLost when the connection dropped first (retry is then the caller's)."""
        await self._connected.wait()
        ws = self._ws
        assert ws is not None
        request_id = f"r{next(self._ids)}"
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        try:
            await ws.send(self._encode({"type": kind, "id": request_id, **fields}))
        except ConnectionClosed as exc:
            self._pending.pop(request_id, None)
            if future.done():
                future.exception()  # failed by _run as the socket closed: retrieved here
            raise ConnectionLost("connection closed") from exc
        answer = await future
        if answer["type"] == "error":
            raise FlowSupportError(answer["code"], answer["message"], answer.get("retry_after_ms"))
        return answer

    async def _retrying(self, kind: str, **fields: Any) -> dict[str, Any]:
        """Idempotent requests: resent after a reconnect, or after rate limiting."""
        while True:
            try:
                return await self.request(kind, **fields)
            except ConnectionLost:
                continue  # request() waits for the reconnect
            except FlowSupportError as exc:
                if exc.code != "rate_limited":
                    raise
                await asyncio.sleep((exc.retry_after_ms or 100) / 1000)

    async def send_message(
        self,
        conversation_id: str,
        body: str,
        *,
        client_msg_id: str | None = None,
        private: bool = False,
    ) -> dict[str, Any]:
        """Post a message; resent with the same client_msg_id until acknowledged, so it is
        stored exactly once even across reconnects. Returns the stored message."""
        ack = await self._retrying(
            "message.send",
            conversation_id=conversation_id,
            client_msg_id=client_msg_id or uuid.uuid4().hex,
            body=body,
            private=private,
        )
        message: dict[str, Any] = ack["message"]
        return message

    async def start_conversation(
        self, *, client_conv_id: str | None = None, **fields: Any
    ) -> dict[str, Any]:
        """Start a conversation; resent with the same client_conv_id until acknowledged,
        so a lost ack never leaves a second one behind. Returns the conversation."""
        ack = await self._retrying(
            "conversation.start", client_conv_id=client_conv_id or uuid.uuid4().hex, **fields
        )
        conversation: dict[str, Any] = ack["conversation"]
        self._cursors[conversation["id"]] = conversation["last_seq"]
        return conversation

    async def subscribe(self, conversation_id: str, after_seq: int | None = None) -> dict[str, Any]:
        """Follow a conversation: replay after `after_seq` (if given), then live events."""
        return await self._subscribe_from(conversation_id, after_seq)

    async def _subscribe_from(self, conversation_id: str, after_seq: int | None) -> dict[str, Any]:
        if after_seq is not None:
            self._cursors[conversation_id] = after_seq
            self._replaying.add(conversation_id)
        try:
            ack = await self.request(
                "subscribe", conversation_id=conversation_id, after_seq=after_seq
            )
        finally:
            self._replaying.discard(conversation_id)  # refused or lost: nothing to wait for
        if after_seq is None:
            self._cursors[conversation_id] = ack["last_seq"]
        conversation: dict[str, Any] = ack["conversation"]
        return conversation

    async def _follow(self, conversation_id: str) -> None:
        with contextlib.suppress(ConnectionLost):  # _resume() resubscribes it
            await self._subscribe_from(conversation_id, self._cursors.get(conversation_id, 0))

    async def unsubscribe(self, conversation_id: str) -> None:
        self._cursors.pop(conversation_id, None)
        await self.request("unsubscribe", conversation_id=conversation_id)

    async def follow_inbox(self, **filter_fields: Any) -> list[dict[str, Any]]:
        """Subscribe to the inbox and follow every conversation in it as it appears, so
        `events()` yields every message of the tenant's (matching) conversations once."""
        self._following = True
        return await self._inbox(filter_fields)

    async def _inbox(self, filter_fields: dict[str, Any]) -> list[dict[str, Any]]:
        self._inbox_filter = filter_fields
        ack = await self.request("inbox.subscribe", filter=filter_fields or None)
        conversations: list[dict[str, Any]] = ack["conversations"]
        if self._following:
            for conversation in conversations:
                held = self._cursors.get(conversation["id"])
                if held is None or conversation["last_seq"] > held:
                    self._cursors.setdefault(conversation["id"], 0)
                    await self._subscribe_from(
                        conversation["id"], self._cursors[conversation["id"]]
                    )
        return conversations

    async def update_conversation(self, conversation_id: str, **changes: Any) -> dict[str, Any]:
        ack = await self.request("conversation.update", conversation_id=conversation_id, **changes)
        conversation: dict[str, Any] = ack["conversation"]
        return conversation

    async def typing(self, conversation_id: str, state: bool = True) -> None:
        await self._connected.wait()
        assert self._ws is not None
        frame = {"type": "typing", "conversation_id": conversation_id, "state": state}
        with contextlib.suppress(ConnectionClosed):
            await self._ws.send(self._encode(frame))

    # -- events ---------------------------------------------------------------------------

    async def events(self) -> AsyncIterator[Event]:
        """Every pushed event, persisted ones exactly once and in seq order per conversation."""
        while True:
            item = await self._events.get()
            if isinstance(item, BaseException):
                raise item
            yield item

    # -- encoding -------------------------------------------------------------------------

    def _encode(self, frame: dict[str, Any]) -> str | bytes:
        if self._binary:
            import msgpack  # optional dependency, only for the binary encoding

            packed: bytes = msgpack.packb(frame, use_bin_type=True)
            return packed
        return json.dumps(frame, separators=(",", ":"))

    def _decode(self, data: str | bytes) -> dict[str, Any]:
        if self._binary:
            import msgpack

            frame: dict[str, Any] = msgpack.unpackb(data, raw=False)
            return frame
        decoded: dict[str, Any] = json.loads(data)
        return decoded

    def _fail_pending(self, error: Exception) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_exception(error)
        self._pending.clear()


@asynccontextmanager
async def connect(
    url: str,
    *,
    api_key: str | None = None,
    token: str | None = None,
    widget_key: str | None = None,
    visitor_token: str | None = None,
    encoding: str = "json",
    max_backoff_s: float = 30.0,
) -> AsyncIterator[Client]:
    """Open a session as a bot (`api_key`), an agent (`token`) or a visitor (`widget_key`)."""
    hello: dict[str, Any] = {}
    for name, value in (
        ("api_key", api_key),
        ("token", token),
        ("widget_key", widget_key),
        ("visitor_token", visitor_token),
    ):
        if value is not None:
            hello[name] = value
    session = Client(url, hello, encoding=encoding, max_backoff_s=max_backoff_s)
    await session.open()
    try:
        yield session
    finally:
        await session.close()
