"""Event-loop lag: how late the loop runs a callback that asked to run now, and how long
the garbage collector stopped it.

A stalled loop delays every connection on the node; the benchmark reads the worst lag and
the worst collection pause seen from ``GET /metrics`` to check that neither fan-out nor the
collector blocks the loop for long.
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import Any

from server.metrics import Metrics
from server.supervisor import Supervisor

INTERVAL_S = 0.025  # fine enough to see a 50 ms stall, cheap when idle


class LoopWatch:
    def __init__(self, metrics: Metrics, supervisor: Supervisor) -> None:
        self.max_lag_s = 0.0
        self.max_gc_pause_s = 0.0
        self._gc_started = 0.0
        self._metrics = metrics
        self._supervisor = supervisor
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = self._supervisor.spawn(self._watch(), name="loopwatch")
        gc.callbacks.append(self._collecting)

    async def stop(self) -> None:
        if self._collecting in gc.callbacks:
            gc.callbacks.remove(self._collecting)
        if self._task is not None:
            self._task.cancel()
            await asyncio.wait([self._task])

    def take_max(self) -> float:
        """The worst lag since the previous call (then start afresh)."""
        worst, self.max_lag_s = self.max_lag_s, 0.0
        return worst

    def scrape(self) -> None:
        """Set the /metrics gauges to the worst lag and pause since the previous scrape."""
        self._metrics.loop_lag_max.set(self.take_max())
        worst_pause, self.max_gc_pause_s = self.max_gc_pause_s, 0.0
        self._metrics.gc_pause_max.set(worst_pause)

    def _collecting(self, phase: str, info: dict[str, Any]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._gc_started = now
        elif self._gc_started:
            self.max_gc_pause_s = max(self.max_gc_pause_s, now - self._gc_started)

    async def _watch(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(INTERVAL_S)
            lag = time.perf_counter() - before - INTERVAL_S
            if lag > self.max_lag_s:
                self.max_lag_s = lag
