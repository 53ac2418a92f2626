"""Fair shares of the database pool between tenants.

A pool hands connections out first come, first served: a tenant flooding with requests
fills its queue, and another tenant's request waits behind all of them. `FairGate` sits in
front of the pool. While a slot is free anyone takes it (one tenant alone may use the whole
pool); once all are taken, each freed slot goes to the waiting tenant that holds the fewest
(max-min fairness), in arrival order within a tenant. So another tenant waits for one unit
of work to finish, not for the flood.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class FairGate:
    def __init__(self, slots: int) -> None:
        self._free = slots
        self._held: dict[str, int] = {}
        self._waiting: dict[str, deque[asyncio.Future[None]]] = {}

    @asynccontextmanager
    async def slot(self, tenant: str) -> AsyncIterator[None]:
        """Hold one of the slots for the block, as `tenant`."""
        await self._acquire(tenant)
        try:
            yield
        finally:
            self._release(tenant)

    def held(self, tenant: str) -> int:
        return self._held.get(tenant, 0)

    def waiting(self) -> int:
        return sum(len(queue) for queue in self._waiting.values())

    async def _acquire(self, tenant: str) -> None:
        if self._free > 0 and not self._waiting:
            self._take(tenant)
            return
        granted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(tenant, deque()).append(granted)
        try:
            await granted
        except asyncio.CancelledError:
            if granted.done() and not granted.cancelled():
                self._release(tenant)  # granted just as it was cancelled: give it back
            else:
                self._forget(tenant, granted)
            raise

    def _release(self, tenant: str) -> None:
        left = self._held[tenant] - 1
        if left:
            self._held[tenant] = left
        else:
            del self._held[tenant]
        self._free += 1
        self._grant()

    def _grant(self) -> None:
        while self._free > 0 and self._waiting:
            tenant = min(self._waiting, key=self.held)  # ties: the longest waiting tenant
            queue = self._waiting[tenant]
            granted = queue.popleft()
            if not queue:
                del self._waiting[tenant]
            self._take(tenant)
            granted.set_result(None)

    def _take(self, tenant: str) -> None:
        self._free -= 1
        self._held[tenant] = self._held.get(tenant, 0) + 1

    def _forget(self, tenant: str, granted: asyncio.Future[None]) -> None:
        queue = self._waiting.get(tenant)
        if queue is None:
            return
        try:
            queue.remove(granted)
        except ValueError:
            return
        if not queue:
            del self._waiting[tenant]
