"""A rate limit for the widget's HTTP paths (e-mail capture, help-center search), per
principal: the same token bucket the realtime frames spend (protocol/session.py), kept in
this process. A visitor holds one bucket however many tabs it opens."""

from __future__ import annotations

import math
from collections import OrderedDict

from server.clock import Clock
from server.domain.access import Principal
from server.errors import RateLimited
from server.protocol.session import TokenBucket

PER_S = 2.0
BURST = 20.0
MAX_BUCKETS = 10_000  # the least recently used is forgotten past this (a full bucket anyway)


class VisitorRate:
    def __init__(self, clock: Clock, per_s: float = PER_S, burst: float = BURST) -> None:
        self._clock = clock
        self._per_s = per_s
        self._burst = burst
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def spend(self, who: Principal) -> None:
        """Take one request's token; raises RateLimited (429, retry_after_ms) when empty."""
        now = self._clock.monotonic()
        key = f"{who.tenant_id}:{who.kind}:{who.id}"
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = TokenBucket.full(self._per_s, self._burst, now)
            while len(self._buckets) > MAX_BUCKETS:
                self._buckets.popitem(last=False)
        self._buckets.move_to_end(key)
        wait = bucket.take(now)
        if wait > 0:
            raise RateLimited("too many requests: slow down", max(1, math.ceil(wait * 1000)))
