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

    def rate_for(self, kind: str) -> Rate:
        return {"visitor": self.visitor, "bot": self.bot}.get(kind, self.agent)


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

    def authenticated(self, kind: str, now: float) -> None:
        """Hello succeeded: the principal kind's rate applies from now on."""
        if self.state is State.AWAITING_HELLO:
            self.state = State.READY
            rate = self.limits.rate_for(kind)
            self._bucket = TokenBucket.full(rate.per_s, rate.burst, now)

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
