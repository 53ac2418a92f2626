"""The fast-write seam without a server: when it attaches, and when a write falls back.

Under a real `flowsupport serve` the same is checked end to end by
tests/realtime/test_fast_writes.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

from server.metrics import Metrics
from server.realtime.direct import DirectWriter, Writers


class Transport:
    def __init__(self) -> None:
        self.written: list[bytes] = []
        self.closing = False

    def write(self, data: bytes) -> None:
        self.written.append(data)

    def is_closing(self) -> bool:
        return self.closing


class Conn:
    def __init__(self, extensions: list[Any]) -> None:
        self.extensions = extensions


class Protocol:
    """The attributes DirectWriter relies on in uvicorn's websockets-sansio protocol."""

    def __init__(self, extensions: list[Any] | None = None) -> None:
        self.transport = Transport()
        self.conn = Conn(extensions or [])
        self.writable = asyncio.Event()
        self.writable.set()
        self.close_sent = False
        self.disconnected = False

    async def asgi_send(self, message: Any) -> None:
        raise AssertionError("not used")


async def plain_send(message: Any) -> None:
    raise AssertionError("not used")


def test_attaches_only_to_an_uncompressed_uvicorn_style_protocol() -> None:
    assert DirectWriter.attach(plain_send) is None  # another server, or a middleware's send
    assert DirectWriter.attach(Protocol(extensions=["deflate"]).asgi_send) is None
    assert DirectWriter.attach(Protocol().asgi_send) is not None


def test_writes_while_writable_and_counts_them() -> None:
    protocol = Protocol()
    frames = Metrics().direct_frames  # the app's flowsupport_direct_frames_total
    writer = DirectWriter.attach(protocol.asgi_send, frames)
    assert writer is not None
    assert writer.write(b"frame")
    assert protocol.transport.written == [b"frame"]
    assert frames.value == 1
    protocol.writable.clear()  # back-pressure: the ASGI send waits, keeping order
    assert not writer.write(b"late")
    protocol.writable.set()
    protocol.close_sent = True
    assert not writer.write(b"late")
    assert protocol.transport.written == [b"frame"]
    assert frames.value == 1


async def test_writers_say_which_one_fan_out_uses() -> None:
    async def transmit(data: str | bytes) -> None:
        return None

    assert Writers(transmit, None).writer == "asgi"
    assert Writers(transmit, DirectWriter(Protocol())).writer == "direct"
