"""The client address of the HTTP request or WebSocket session being handled, as a
contextvar: set once where the request or session starts (server/api/request_ids.py,
server/realtime/endpoint.py), read by every unit of work, which hands it to PostgreSQL as
`app.client_address` so each audit entry records it (migration 0017) without every call
passing it along."""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar, Token

CLIENT_ADDRESS: ContextVar[str | None] = ContextVar("client_address", default=None)


def normalised(host: str | None) -> str | None:
    """`host` as PostgreSQL's inet reads it, or None when it is no IP address (a test
    client's "testclient", a Unix socket): an entry then records no address. An IPv6
    zone ("%eth0") is dropped: inet has none, and it is free text."""
    if not host:
        return None
    try:
        return str(ipaddress.ip_address(host.strip("[]").split("%", 1)[0]))
    except ValueError:
        return None


def bind(host: str | None) -> Token[str | None]:
    """Make `host` the current client address; reset the returned token when done."""
    return CLIENT_ADDRESS.set(normalised(host))


def current() -> str | None:
    """The client address of the request or session in progress (None outside one)."""
    return CLIENT_ADDRESS.get()
