"""WebSocket data frames built once, to be written to many connections (RFC 6455 §5.2).

Server-to-client frames are unmasked, so the same bytes are valid on every connection that
negotiated no extension: a fan-out frames a message once instead of once per recipient.
"""

from __future__ import annotations

OP_TEXT = 0x1
OP_BINARY = 0x2
FIN = 0x80


def data_frame(payload: bytes, *, binary: bool) -> bytes:
    """One final, unmasked text or binary frame carrying `payload`."""
    head = FIN | (OP_BINARY if binary else OP_TEXT)
    size = len(payload)
    if size < 126:
        return bytes((head, size)) + payload
    if size < 65536:
        return bytes((head, 126)) + size.to_bytes(2, "big") + payload
    return bytes((head, 127)) + size.to_bytes(8, "big") + payload
