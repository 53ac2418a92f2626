"""The per-connection state machine, without I/O: hello deadline, auth state, rate limit.

The connection feeds it times and frames; it answers with decisions. Nothing here awaits,
so every rule is unit-tested with a manual clock.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from server.protocol.codes import HELLO_DEADLINE_S


class State(enum.Enum):
    AWAITING_HELLO = "awaiting_hello"
    READY = "ready"
    CLOSED = "closed"


@dataclass
class TokenBucket:
    """`rate` frames per second on average, bursts up to `burst`. `spent` counts the tokens
    taken here and `reported` how many of them other nodes were told of (``RateSync``)."""

    rate: float
    burst: float
    tokens: float
    updated: float
    spent: int = 0
    reported: int = 0

    @classmethod
    def full(cls, rate: float, burst: float, now: float) -> TokenBucket:
        return cls(rate, burst, burst, now)

    def wait(self, now: float) -> float:
        """Seconds until a token is available (0: one is), spending nothing."""
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self, now: float) -> float:
        """Spend one token; return 0 when allowed, else the seconds until one is available."""
        wait = self.wait(now)
        if wait == 0:
            self.tokens -= 1
            self.spent += 1
        return wait

    def charge(self, tokens: int, now: float) -> None:
        """Spend what the same principal spent on other nodes: its rate holds across the
        fleet. The debt is bounded (one burst), so a charge never locks a principal out for
        longer than `burst / rate` past its own refill."""
        self._refill(now)
        self.tokens = max(-self.burst, self.tokens - tokens)

    def refilled(self, now: float) -> bool:
        return self.tokens + (now - self.updated) * self.rate >= self.burst

    def _refill(self, now: float) -> None:
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now


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
    # Frames sent before the `retry_after_ms` this connection was given, tolerated before
    # closing with 4008; reset by an allowed frame that waited. Counting only those, not
    # every refusal, keeps a socket that shares a drained bucket (an address's visitors) and
    # waits as told open, and closes a flood that ignores it within a few dozen frames.
    strikes: int = 20
    hello_deadline_s: float = HELLO_DEADLINE_S
    # Connections one principal (a visitor token's contact, an agent, an API key) may hold
    # open on a node: a widget in a few tabs, an agent on a few devices, a bot's pool.
    visitor_connections: int = 10
    agent_connections: int = 20
    bot_connections: int = 200
    # Sockets one client address may hold open on a node, counted from the upgrade (before
    # any hello): FLOWSUPPORT_MAX_CONNECTIONS_PER_ADDRESS. Beyond it the upgrade gets a 429,
    # as it does past this rate of new upgrades (a loop reconnecting as fast as it can).
    address_connections: int = 256
    upgrades_per_address: Rate = Rate(10.0, 50.0)
    # A refused upgrade is answered after a pause, so a loop reconnecting at once costs a
    # sleeping task, not a handshake, per attempt. An address refused past this rate is
    # answered only after the whole Retry-After: a flood then knocks a tenth as often.
    refusals_per_address: Rate = Rate(2.0, 20.0)
    refusal_pause_s: float = 1.0
    retry_after_s: int = 10
    # Visitors are anonymous (the widget key is public, so a new visitor costs nothing):
    # all visitor frames from one address also share this bucket.
    visitors_per_address: Rate = Rate(30.0, 60.0)

    def rate_for(self, kind: str) -> Rate:
        return {"visitor": self.visitor, "bot": self.bot}.get(kind, self.agent)

    def connections_for(self, kind: str) -> int:
        return {"visitor": self.visitor_connections, "bot": self.bot_connections}.get(
            kind, self.agent_connections
        )


class Holders:
    """Connections open per key (a principal, a client address), capped, and one token
    bucket per key that all of them spend from, so more sockets never multiply a rate. A
    bucket outlives its key's last connection until it has refilled: reconnecting does not
    reset a flood's debt. Forgetting refilled buckets walks them all, so it runs at most once
    per `PRUNE_EVERY_S`, not on every close: a storm of n closing sockets costs n, not n²."""

    PRUNE_EVERY_S = 1.0

    def __init__(self) -> None:
        self._open: dict[str, int] = {}
        self.buckets: dict[str, TokenBucket] = {}
        self._pruned_at = -math.inf

    def open(self, key: str, cap: int) -> bool:
        """Count one more connection for `key`; False (nothing counted): `cap` are open."""
        count = self._open.get(key, 0)
        if count >= cap:
            return False
        self._open[key] = count + 1
        return True

    def bucket(self, key: str, rate: Rate, now: float) -> TokenBucket:
        """The key's shared bucket, made full on first use."""
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = TokenBucket.full(rate.per_s, rate.burst, now)
        return bucket

    def close(self, key: str, now: float) -> None:
        left = self._open.get(key, 0) - 1
        if left > 0:
            self._open[key] = left
            return
        self._open.pop(key, None)
        self.prune(now)

    def prune(self, now: float) -> None:
        """Forget the buckets of keys with nothing open that have refilled (a refilled
        bucket is a full one, as a new key's would be)."""
        if now - self._pruned_at < self.PRUNE_EVERY_S:
            return
        self._pruned_at = now
        for idle, bucket in list(self.buckets.items()):
            if idle not in self._open and bucket.refilled(now):
                del self.buckets[idle]

    def open_count(self, key: str) -> int:
        return self._open.get(key, 0)


class Principals:
    """Limits per principal across all its connections on this node: at most
    `connections_for(kind)` open at once, one bucket they all spend from (``RateSync``
    charges it with what the principal spent on other nodes)."""

    def __init__(self, limits: SessionLimits) -> None:
        self._limits = limits
        self.holders = Holders()

    def open(self, key: str, kind: str, now: float) -> TokenBucket | None:
        """The principal's shared bucket for a new connection, or None: too many open."""
        if not self.holders.open(key, self._limits.connections_for(kind)):
            return None
        return self.holders.bucket(key, self._limits.rate_for(kind), now)

    def close(self, key: str, now: float) -> None:
        self.holders.close(key, now)

    def open_count(self, key: str) -> int:
        return self.holders.open_count(key)


class Addresses:
    """Limits per client address on this node: new upgrades per second, sockets open from
    the upgrade on, and one bucket for the frames of all the anonymous visitors behind it.
    The loopback is exempt: a process on this machine (a proxy forwarding a client's own
    address, a health check, a benchmark) is not a remote flood."""

    EXEMPT = frozenset(("127.0.0.1", "::1"))

    def __init__(self, limits: SessionLimits) -> None:
        self._limits = limits
        self.holders = Holders()
        self._upgrades = Holders()
        self._refusals = Holders()

    def open(self, address: str, now: float) -> bool:
        """Count one more socket for `address`; False (nothing counted): over a cap."""
        if address in self.EXEMPT:
            return True
        upgrades = self._upgrades.bucket(address, self._limits.upgrades_per_address, now)
        if upgrades.take(now) > 0:
            return False
        return self.holders.open(address, self._limits.address_connections)

    def refusal_pause(self, address: str, now: float) -> float:
        """How long to hold a refused upgrade before answering it: short at first, the
        whole Retry-After for an address that keeps knocking."""
        patience = self._refusals.bucket(address, self._limits.refusals_per_address, now)
        if patience.take(now) > 0:
            return float(self._limits.retry_after_s)
        return self._limits.refusal_pause_s

    def visitors_bucket(self, address: str, now: float) -> TokenBucket | None:
        """The bucket all visitors behind `address` share (None for the loopback)."""
        if address in self.EXEMPT:
            return None
        return self.holders.bucket(address, self._limits.visitors_per_address, now)

    def close(self, address: str, now: float) -> None:
        if address not in self.EXEMPT:
            self.holders.close(address, now)
            self._upgrades.prune(now)
            self._refusals.prune(now)


class Session:
    """What one connection may do next."""

    def __init__(self, opened_at: float, limits: SessionLimits | None = None) -> None:
        self.limits = limits or SessionLimits()
        self.state = State.AWAITING_HELLO
        self.hello_deadline = opened_at + self.limits.hello_deadline_s
        rate = self.limits.visitor  # the strictest until hello says who this is
        self._buckets: tuple[TokenBucket, ...] = (
            TokenBucket.full(rate.per_s, rate.burst, opened_at),
        )
        self._strikes = 0
        self._retry_at = opened_at  # before it, a frame ignores the wait it was told

    def hello_overdue(self, now: float) -> bool:
        return self.state is State.AWAITING_HELLO and now >= self.hello_deadline

    def authenticated(self, *buckets: TokenBucket) -> None:
        """Hello succeeded: from now on a frame spends one token from each of the shared
        `buckets` (the principal's; for a visitor, its address's too), or from none."""
        if self.state is State.AWAITING_HELLO:
            self.state = State.READY
            self._buckets = buckets

    def closed(self) -> None:
        self.state = State.CLOSED

    def admit(self, now: float) -> tuple[Verdict, int]:
        """Rate-limit one incoming frame: (verdict, retry_after_ms)."""
        early = now < self._retry_at
        wait = max(bucket.wait(now) for bucket in self._buckets)
        if wait == 0:
            for bucket in self._buckets:
                bucket.take(now)
            if not early:
                self._strikes = 0
            return Verdict.ACCEPT, 0
        if early:
            self._strikes += 1
            if self._strikes > self.limits.strikes:
                return Verdict.CLOSE_POLICY, 0
        self._retry_at = now + wait
        return Verdict.RATE_LIMITED, max(1, round(wait * 1000))
