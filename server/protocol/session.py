"""The per-connection state machine, without I/O: hello deadline, auth state, rate limit.

The connection feeds it times and frames; it answers with decisions. Nothing here awaits,
so every rule is unit-tested with a manual clock.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from server.protocol.codes import HELLO_DEADLINE_S


class State(enum.Enum):
    AWAITING_HELLO = "awaiting_hello"
    READY = "ready"
    CLOSED = "closed"


@dataclass
class TokenBucket:
    """`rate` frames per second on average, bursts up to `burst`."""

    rate: float
    burst: float
    tokens: float
    updated: float

    @classmethod
    def full(cls, rate: float, burst: float, now: float) -> TokenBucket:
        return cls(rate, burst, burst, now)

    def take(self, now: float) -> float:
        """Spend one token; return 0 when allowed, else the seconds until one is available."""
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class Verdict(enum.Enum):
    ACCEPT = "accept"
    RATE_LIMITED = "rate_limited"  # answer rate_limited with retry_after_ms
    CLOSE_POLICY = "close_policy"  # kept going past the limit: close 4008


@dataclass(frozen=True)
class Rate:
    per_s: float
    burst: float


@dataclass(frozen=True)
class SessionLimits:
    # Frames per second by principal kind: a person types, a bot may answer many chats.
    visitor: Rate = Rate(10.0, 30.0)
    agent: Rate = Rate(20.0, 60.0)
    bot: Rate = Rate(200.0, 400.0)
    # Rate-limited frames tolerated before closing with 4008; reset by a frame that is allowed.
    strikes: int = 20
    hello_deadline_s: float = HELLO_DEADLINE_S
    # Connections one principal (a visitor token's contact, an agent, an API key) may hold
    # open on a node: a widget in a few tabs, an agent on a few devices, a bot's pool.
    visitor_connections: int = 10
    agent_connections: int = 20
    bot_connections: int = 200

    def rate_for(self, kind: str) -> Rate:
        return {"visitor": self.visitor, "bot": self.bot}.get(kind, self.agent)

    def connections_for(self, kind: str) -> int:
        return {"visitor": self.visitor_connections, "bot": self.bot_connections}.get(
            kind, self.agent_connections
        )


class Principals:
    """Limits per principal across all its connections on this node: at most
    `connections_for(kind)` open at once, and one token bucket they all spend from, so more
    sockets never multiply a principal's rate. A bucket outlives its last connection until
    it has refilled: reconnecting does not reset a flood's debt."""

    def __init__(self, limits: SessionLimits) -> None:
        self._limits = limits
        self._open: dict[str, int] = {}
        self._buckets: dict[str, TokenBucket] = {}

    def open(self, key: str, kind: str, now: float) -> TokenBucket | None:
        """The principal's shared bucket for a new connection, or None: too many open."""
        count = self._open.get(key, 0)
        if count >= self._limits.connections_for(kind):
            return None
        self._open[key] = count + 1
        bucket = self._buckets.get(key)
        if bucket is None:
            rate = self._limits.rate_for(kind)
            bucket = self._buckets[key] = TokenBucket.full(rate.per_s, rate.burst, now)
        return bucket

    def close(self, key: str, now: float) -> None:
        left = self._open.get(key, 0) - 1
        if left > 0:
            self._open[key] = left
            return
        self._open.pop(key, None)
        self._prune(now)

    def open_count(self, key: str) -> int:
        return self._open.get(key, 0)

    def _prune(self, now: float) -> None:
        """Forget the buckets of principals with nothing open that have refilled."""
        for key, bucket in list(self._buckets.items()):
            refilled = bucket.tokens + (now - bucket.updated) * bucket.rate >= bucket.burst
            if key not in self._open and refilled:
                del self._buckets[key]


class Session:
    """What one connection may do next."""

    def __init__(self, opened_at: float, limits: SessionLimits | None = None) -> None:
        self.limits = limits or SessionLimits()
        self.state = State.AWAITING_HELLO
        self.hello_deadline = opened_at + self.limits.hello_deadline_s
        rate = self.limits.visitor  # the strictest until hello says who this is
        self._bucket = TokenBucket.full(rate.per_s, rate.burst, opened_at)
        self._strikes = 0

    def hello_overdue(self, now: float) -> bool:
        return self.state is State.AWAITING_HELLO and now >= self.hello_deadline

    def authenticated(self, bucket: TokenBucket) -> None:
        """Hello succeeded: from now on frames spend from the principal's shared bucket."""
        if self.state is State.AWAITING_HELLO:
            self.state = State.READY
            self._bucket = bucket

    def closed(self) -> None:
        self.state = State.CLOSED

    def admit(self, now: float) -> tuple[Verdict, int]:
        """Rate-limit one incoming frame: (verdict, retry_after_ms)."""
        wait = self._bucket.take(now)
        if wait == 0:
            self._strikes = 0
            return Verdict.ACCEPT, 0
        self._strikes += 1
        if self._strikes > self.limits.strikes:
            return Verdict.CLOSE_POLICY, 0
        return Verdict.RATE_LIMITED, max(1, round(wait * 1000))
