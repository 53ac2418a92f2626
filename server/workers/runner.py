"""Runs durable jobs: claim a batch, run each handler, then finish, retry or give up.

At-least-once: a job whose worker dies is claimed again when its lease ends, so handlers
must be idempotent. A handler may run at most ~90% of the lease before it is cancelled,
so a live worker never overlaps with the one that takes its job over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

from server.clock import Clock
from server.domain.access import SecurityContext
from server.domain.retry import backoff_seconds, should_give_up
from server.errors import Unavailable
from server.store import jobs
from server.store.db import Database
from server.store.jobs import Job

log = logging.getLogger("flowsupport.worker")

JobHandler = Callable[[Job], Awaitable[None]]
OPERATOR = SecurityContext.operator()
MAX_PAUSE_S = 8.0  # the longest wait between rounds while the loop keeps failing


class JobRunner:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        handlers: Mapping[str, JobHandler],
        *,
        lease_s: float = 60.0,
        batch: int = 10,
        idle_s: float = 0.5,
        rng: random.Random | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._handlers = dict(handlers)
        self._lease = timedelta(seconds=lease_s)
        self._batch = batch
        self._idle_s = idle_s
        self._rng = rng or random.Random()

    async def run(self, stop: asyncio.Event) -> None:
        """Work until `stop` is set; the job in hand is finished first. While the database
        is unreachable it backs off (doubling, up to a few seconds), and says so once."""
        failures = 0
        while not stop.is_set():
            pause = self._idle_s
            try:
                done = await self.run_once()
                if failures:
                    log.info("job loop recovered after %d failed rounds", failures)
                failures = 0
            except Unavailable as exc:
                if not failures:
                    log.warning("job loop paused: %s", exc.message)
                failures += 1
                done, pause = 0, min(MAX_PAUSE_S, self._idle_s * 2 ** min(failures, 10))
            except Exception:
                log.exception("job loop failed; backing off")
                failures += 1
                done, pause = 0, min(MAX_PAUSE_S, self._idle_s * 2 ** min(failures, 10))
            if done == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=pause)

    async def run_once(self) -> int:
        """Claim and run one batch of due jobs; return how many were claimed."""
        async with self._db.unit(OPERATOR) as conn:
            claimed = await jobs.claim(
                conn, now=self._clock.now(), lease=self._lease, limit=self._batch
            )
        for job in claimed:
            await self._run(job)
        return len(claimed)

    async def _run(self, job: Job) -> None:
        handler = self._handlers.get(job.kind)
        if handler is None:
            log.error("job %s: no handler for kind %r; giving up", job.id, job.kind)
            await self._finish(job, "failed", f"no handler for kind {job.kind!r}")
            return
        try:
            async with asyncio.timeout(self._lease.total_seconds() * 0.9):
                await handler(job)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:2000]
            if should_give_up(job.attempt, job.max_attempts):
                log.error("job %s (%s) failed for good: %s", job.id, job.kind, error, exc_info=exc)
                await self._finish(job, "failed", error)
                return
            delay = backoff_seconds(job.attempt, rng=self._rng)
            log.warning(
                "job %s (%s) attempt %d failed, retry in %.1fs: %s",
                job.id,
                job.kind,
                job.attempt,
                delay,
                error,
            )
            async with self._db.unit(OPERATOR) as conn:
                await jobs.retry_later(
                    conn, job, run_at=self._clock.now() + timedelta(seconds=delay), error=error
                )
            return
        await self._finish(job, "done", None)

    async def _finish(self, job: Job, outcome: str, error: str | None) -> None:
        async with self._db.unit(OPERATOR) as conn:
            kept = await jobs.finish(conn, job, now=self._clock.now(), outcome=outcome, error=error)
        if not kept:
            log.warning("job %s: lease lost before it finished; another worker owns it", job.id)
