"""A small PROTOCOL.md client for tests, on the `websockets` library (a real socket)."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import msgpack
from websockets.asyncio.client import ClientConnection, connect
from websockets.http11 import USER_AGENT

from tests.live import TIMEOUT_SCALE

WAIT_S = 5 * TIMEOUT_SCALE


class Client:
    """Frames in, frames out; everything unmatched is kept in `inbox` for later assertions."""

    def __init__(self, ws: ClientConnection, binary: bool) -> None:
        self.ws = ws
        self.binary = binary
        self.inbox: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self.welcome: dict[str, Any] = {}

    async def send(self, frame: dict[str, Any]) -> None:
        if self.binary:
            await self.ws.send(msgpack.packb(frame, use_bin_type=True))
        else:
            await self.ws.send(json.dumps(frame))

    async def recv(self, timeout: float = WAIT_S) -> dict[str, Any]:
        data = await asyncio.wait_for(self.ws.recv(), timeout)
        if self.binary:
            assert isinstance(data, bytes), "msgpack connections get binary frames"
            frame: dict[str, Any] = msgpack.unpackb(data, raw=False)
        else:
            assert isinstance(data, str), "json connections get text frames"
            frame = json.loads(data)
        return frame

    async def request(self, frame: dict[str, Any]) -> dict[str, Any]:
        """Send a frame with a fresh id; return its ack or error (others go to the inbox)."""
        request_id = f"r{next(self._ids)}"
        await self.send({**frame, "id": request_id})
        while True:
            got = await self.recv()
            if got.get("id") == request_id and got["type"] in ("ack", "error", "pong"):
                return got
            self.inbox.append(got)

    async def ok(self, frame: dict[str, Any]) -> dict[str, Any]:
        answer = await self.request(frame)
        assert answer["type"] == "ack", answer
        return answer

    async def send_files(
        self, conversation_id: str, body: str, client_msg_id: str, upload_ids: list[str]
    ) -> dict[str, Any]:
        """message.send with attachments; returns the ack or the error, for the test to judge."""
        frame = {
            "type": "message.send",
            "conversation_id": conversation_id,
            "client_msg_id": client_msg_id,
            "body": body,
            "attachments": upload_ids,
        }
        return await self.request(frame)

    async def say(self, conversation_id: str, body: str, client_msg_id: str) -> dict[str, Any]:
        """message.send, acknowledged; returns the ack."""
        frame = {
            "type": "message.send",
            "conversation_id": conversation_id,
            "client_msg_id": client_msg_id,
            "body": body,
        }
        return await self.ok(frame)

    async def next(self, kind: str, timeout: float = WAIT_S, **match: Any) -> dict[str, Any]:
        """The next frame of `kind` (matching fields), from the inbox first."""
        for index, frame in enumerate(self.inbox):
            if frame["type"] == kind and all(frame.get(k) == v for k, v in match.items()):
                return self.inbox.pop(index)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            frame = await self.recv(max(0.01, deadline - loop.time()))
            if frame["type"] == kind and all(frame.get(k) == v for k, v in match.items()):
                return frame
            self.inbox.append(frame)

    async def next_any(self, kinds: tuple[str, ...], timeout: float = WAIT_S) -> dict[str, Any]:
        """The next frame whose type is one of `kinds`, from the inbox first."""
        for index, frame in enumerate(self.inbox):
            if frame["type"] in kinds:
                return self.inbox.pop(index)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            frame = await self.recv(max(0.01, deadline - loop.time()))
            if frame["type"] in kinds:
                return frame
            self.inbox.append(frame)

    async def quiet(self, seconds: float = 0.3) -> list[dict[str, Any]]:
        """Everything that arrives within `seconds` (to assert nothing more came)."""
        got = list(self.inbox)
        self.inbox.clear()
        try:
            while True:
                got.append(await self.recv(seconds))
        except TimeoutError:
            return got

    def of_type(self, frames: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
        return [f for f in frames if f["type"] == kind]


@asynccontextmanager
async def session(
    url: str,
    hello: dict[str, Any],
    *,
    binary: bool = False,
    origin: str | None = None,
    user_agent: str | None = None,
) -> AsyncIterator[Client]:
    """Connected and welcomed; fails loudly when the server refuses."""
    subprotocol = "flowsupport.v1.msgpack" if binary else "flowsupport.v1.json"
    headers = {"Origin": origin} if origin else None
    async with connect(
        url,
        subprotocols=[subprotocol],
        additional_headers=headers,
        user_agent_header=user_agent or USER_AGENT,
        open_timeout=WAIT_S,
        max_size=2**22,
        max_queue=None,  # a test client may read late; never stall the closing handshake
    ) as ws:
        client = Client(ws, binary)
        await client.send({"type": "hello", **hello})
        client.welcome = await client.next("welcome")
        yield client
