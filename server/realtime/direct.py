"""Writing pre-framed bytes straight to a connection's transport, when the server allows.

The ASGI interface sends one message at a time and frames it per connection. uvicorn's
websockets-sansio protocol (what `flowsupport serve` runs) exposes its transport; when the
connection negotiated no extension (no per-message compression), a frame built once by
``protocol.wire`` is valid as is, and writing it directly skips per-recipient framing.
Anything else (another server, compression, back-pressure, closing) returns False and the
caller falls back to the ordinary ASGI send, which keeps ordering and flow control.
"""

from __future__ import annotations

from typing import Any


class DirectWriter:
    def __init__(self, protocol: Any) -> None:
        self._protocol = protocol
        self._transport = protocol.transport

    @classmethod
    def attach(cls, send: Any) -> DirectWriter | None:
        """A writer for the connection behind an ASGI `send`, or None when unsupported."""
        protocol = getattr(send, "__self__", None)
        needed = ("transport", "conn", "writable", "close_sent", "disconnected")
        if protocol is None or not all(hasattr(protocol, name) for name in needed):
            return None
        if getattr(protocol.conn, "extensions", None):
            return None  # compressed: frames differ per connection
        return cls(protocol)

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
        return True
