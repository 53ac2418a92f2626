"""Writing pre-framed bytes straight to a connection's transport, when the server allows.

The ASGI interface sends one message at a time and frames it per connection. uvicorn's
websockets-sansio protocol (what `flowsupport serve` runs) exposes its transport; when the
connection negotiated no extension (no per-message compression), a frame built once by
``protocol.wire`` is valid as is, and writing it directly skips per-recipient framing.
Anything else (another server, compression, back-pressure, closing) returns False and the
caller falls back to the ordinary ASGI send, which keeps ordering and flow control.

The endpoint gets both through one seam, ``writers_for``, which also says which one
fan-out uses. It depends on uvicorn's private protocol object, so an upgrade could turn it
off without a failure: /metrics shows it (``flowsupport_ws_sessions_total{writer}``,
``flowsupport_direct_frames_total``), and tests/realtime/test_fast_writes.py checks it
under a real ``flowsupport serve``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from starlette.types import Send
from starlette.websockets import WebSocket

from server.metrics import Metrics, Tally

Writer = Literal["direct", "asgi"]


class DirectWriter:
    def __init__(self, protocol: Any, frames: Tally | None = None) -> None:
        self._protocol = protocol
        self._transport = protocol.transport
        # The app's flowsupport_direct_frames (server/metrics.py; a test's own without one).
        self._frames = frames or Tally("direct_frames", "frames written pre-framed")

    @classmethod
    def attach(cls, send: Any, frames: Tally | None = None) -> DirectWriter | None:
        """A writer for the connection behind an ASGI `send`, or None when unsupported."""
        protocol = getattr(send, "__self__", None)
        needed = ("transport", "conn", "writable", "close_sent", "disconnected")
        if protocol is None or not all(hasattr(protocol, name) for name in needed):
            return None
        if getattr(protocol.conn, "extensions", None):
            return None  # compressed: frames differ per connection
        return cls(protocol, frames)

    def write(self, frame: bytes) -> bool:
        """Write a complete frame now; False when the caller must use the ASGI send."""
        protocol = self._protocol
        if (
            protocol.close_sent
            or protocol.disconnected
            or not protocol.writable.is_set()
            or self._transport.is_closing()
        ):
            return False
        self._transport.write(frame)
        self._frames.value += 1
        return True


@dataclass(frozen=True)
class Writers:
    """How one connection writes. `transmit` (the ASGI send: portable, flow-controlled)
    carries the outbox and always works; `direct`, when the server allows it, writes
    fanned-out frames pre-framed while nothing is queued ahead of them."""

    transmit: Callable[[str | bytes], Awaitable[None]]
    direct: DirectWriter | None

    @property
    def writer(self) -> Writer:
        """Which one fan-out uses (logged and counted per session)."""
        return "asgi" if self.direct is None else "direct"


def writers_for(websocket: WebSocket, server_send: Send | None, metrics: Metrics) -> Writers:
    """The writers of an accepted `websocket`; `server_send` is the server's own ASGI
    send (None when a middleware wraps it, which hides the transport). Counted in the
    app's `metrics`."""

    async def transmit(data: str | bytes) -> None:
        if isinstance(data, bytes):
            await websocket.send_bytes(data)
        else:
            await websocket.send_text(data)

    direct = (
        DirectWriter.attach(server_send, metrics.direct_frames) if server_send is not None else None
    )
    writers = Writers(transmit, direct)
    metrics.ws_sessions.labels(writers.writer).inc()
    return writers
