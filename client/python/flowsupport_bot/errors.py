"""What the SDK raises."""

from __future__ import annotations


class FlowSupportError(Exception):
    """The server answered a request with an `error` frame (PROTOCOL.md error codes)."""

    def __init__(self, code: str, message: str, retry_after_ms: int | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.retry_after_ms = retry_after_ms


class Refused(Exception):
    """The server closed the connection for good (bad credentials 4001, origin 4003)."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"refused with {code}: {reason}")
        self.code = code
        self.reason = reason


class ConnectionLost(Exception):
    """The connection dropped before the server answered; the request may be retried."""
