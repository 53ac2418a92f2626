"""Rate limits that hold across nodes, not per node.

Each node decides every frame with its own buckets (no round trip on the hot path). Once a
second it tells the others, through the `RateLedger`, what each principal spent on it in
that one-second window, reads what the fleet spent in the window before, and charges its
own buckets with the part other nodes spent. A principal spread over n nodes may so
overdraw by about one burst per node before the charges arrive; after that it gets its one
rate in all. With one node (no Redis) the ledger only echoes this node's own spending.
"""

from __future__ import annotations

import asyncio
import logging

from server.broker.base import RateLedger
from server.clock import Clock
from server.errors import Unavailable
from server.protocol.session import Holders
from server.supervisor import Supervisor

log = logging.getLogger("flowsupport.realtime")

# Just after a window's boundary, so every node has reported into the window it reads.
SYNC_OFFSET_S = 0.2


class RateSync:
    """Keeps the buckets in `holders` charged with what their keys spent elsewhere."""

    def __init__(
        self, holders: Holders, ledger: RateLedger, clock: Clock, supervisor: Supervisor
    ) -> None:
        self._holders = holders
        self._ledger = ledger
        self._clock = clock
        self._supervisor = supervisor
        self._own: dict[int, dict[str, int]] = {}  # window -> what this node reported
        self._read_up_to = 0  # windows charged already (a window is never charged twice)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = self._supervisor.spawn(self._run(), name="rate-sync")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.wait([self._task])

    async def sync_once(self) -> None:
        """Report this window's spending; charge what others spent in the previous one."""
        window = int(self._clock.now().timestamp())
        spent: dict[str, int] = {}
        for key, bucket in self._holders.buckets.items():
            if bucket.spent != bucket.reported:
                spent[key] = bucket.spent - bucket.reported
                bucket.reported = bucket.spent
        mine = self._own.setdefault(window, {})
        for key, tokens in spent.items():
            mine[key] = mine.get(key, 0) + tokens
        read = window - 1
        previous = self._own.get(read, {}) if read > self._read_up_to else {}
        totals = await self._ledger.exchange(window, spent, read, previous.keys())
        self._read_up_to = max(self._read_up_to, read)
        now = self._clock.monotonic()
        for key, total in totals.items():
            elsewhere = total - previous.get(key, 0)
            charged = self._holders.buckets.get(key)
            if elsewhere > 0 and charged is not None:
                charged.charge(elsewhere, now)
        for old in [w for w in self._own if w < read]:
            del self._own[old]

    async def _run(self) -> None:
        while True:
            fraction = self._clock.now().timestamp() % 1.0
            await asyncio.sleep((1.0 - fraction + SYNC_OFFSET_S) % 1.0 or 1.0)
            try:
                await self.sync_once()
            except Unavailable as exc:  # the broker is down: limits stay per node meanwhile
                log.debug("rate sync skipped: %s", exc)
