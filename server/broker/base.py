"""The Broker seam: cross-node fan-out of notifications by topic.

At most once and ordered per topic; PostgreSQL stays the source of truth, and a receiver
that may have missed something catches up by ``seq``. Subscriptions are reference-counted
by the hub, so each node holds one broker subscription per topic however many local
connections want it. Topics look like ``t:{tenant}:conv:{id}`` (never "channel": that word
means a customer channel).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Protocol

# Called with (topic, payload) for every message on a subscribed topic.
Receiver = Callable[[str, bytes], Awaitable[None]]
# Called after the broker lost its connection and resubscribed: messages may be missing.
Recovered = Callable[[], Awaitable[None]]


class Broker(Protocol):
    async def start(self, receiver: Receiver, recovered: Recovered) -> None:
        """Begin delivering; `recovered` runs after every reconnect."""
        ...

    async def subscribe(self, topic: str) -> None: ...

    async def unsubscribe(self, topic: str) -> None: ...

    async def publish(self, topic: str, payload: bytes) -> None:
        """Send to every node subscribed to `topic` (this one included)."""
        ...

    async def ping(self) -> None:
        """Raise when the broker cannot be reached (readiness)."""
        ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class PresenceMember:
    tenant_id: str
    principal_id: str
    name: str | None


class PresenceStore(Protocol):
    """Which agents are online per tenant, across nodes."""

    async def join(self, member: PresenceMember) -> None: ...

    async def leave(self, member: PresenceMember) -> None: ...

    async def members(self, tenant_id: str) -> list[PresenceMember]: ...

    async def close(self) -> None: ...


class RateLedger(Protocol):
    """What each principal spent per one-second window across nodes, so a rate limit holds
    for the fleet and not per node (``realtime.rate_sync``)."""

    async def exchange(
        self, window: int, spent: Mapping[str, int], read: int, keys: Collection[str]
    ) -> dict[str, int]:
        """Add this node's `spent` tokens to `window`; return the fleet's totals in window
        `read` (a finished one) for `keys`. Raises Unavailable when it cannot."""
        ...

    async def close(self) -> None: ...
