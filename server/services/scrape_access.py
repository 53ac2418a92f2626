"""Who may read `/metrics`: the loopback as always; anyone else only with
``Authorization: Bearer $FLOWSUPPORT_METRICS_TOKEN`` (compared in constant time).

A request that came through a proxy (it carries Forwarded or X-Forwarded-For) is never the
loopback, whatever its peer address: the proxy may be forwarding anyone (the rule of
first-run setup, ``services.setup.Caller``).
"""

from __future__ import annotations

import hmac

from server.errors import Forbidden, Unauthorized
from server.services.setup import Caller


def check_scrape(caller: Caller, authorization: str, token: str | None) -> None:
    """Return when the scrape is allowed; Unauthorized without the right bearer token,
    Forbidden when no token is configured at all."""
    if caller.on_loopback:
        return
    if token is None:
        raise Forbidden("/metrics answers the loopback only (no FLOWSUPPORT_METRICS_TOKEN)")
    scheme, _, offered = authorization.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        offered.strip().encode(), token.encode()
    ):
        raise Unauthorized("/metrics needs Authorization: Bearer <FLOWSUPPORT_METRICS_TOKEN>")
