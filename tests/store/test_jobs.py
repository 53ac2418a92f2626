"""The durable job queue and its runner: exactly-once effects, retries, lease take-over."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from server.clock import ManualClock
from server.store import jobs
from server.store.db import Database
from server.store.jobs import Job
from server.store.provision import DatabaseUrls
from server.workers.runner import OPERATOR, JobRunner
from tests.helpers import Seeded, seed_tenant


@pytest.fixture
async def db(fresh_urls: DatabaseUrls) -> AsyncIterator[Database]:
    """A database of each test's own: a runner claims every tenant's due jobs."""
    database = await Database.connect(
        fresh_urls.app, max_size=6, transaction_pooler=fresh_urls.transaction_pooler
    )
    yield database
    await database.close()


@pytest.fixture
async def seeded(db: Database) -> Seeded:
    return await seed_tenant(db, "jobs")


async def enqueue(db: Database, seeded: Seeded, clock: ManualClock, kind: str, n: int) -> list[int]:
    ids = []
    async with db.unit(seeded.as_agent) as conn:
        for i in range(n):
            job_id = await jobs.enqueue(
                conn,
                tenant_id=seeded.tenant.id,
                kind=kind,
                payload={"i": i},
                run_at=clock.now(),
                max_attempts=3,
            )
            assert job_id is not None
            ids.append(job_id)
    return ids


async def outcomes(db: Database, ids: list[int]) -> dict[int, tuple[str | None, int]]:
    async with db.unit(OPERATOR) as conn:
        rows = await conn.fetch(
            "SELECT id, outcome, attempts FROM jobs WHERE id = ANY($1::bigint[])", ids
        )
    return {r["id"]: (r["outcome"], r["attempts"]) for r in rows}


async def test_two_runners_run_each_job_once(db: Database, seeded: Seeded) -> None:
    """Two runners draining one queue at once: every job runs exactly once."""
    clock = ManualClock()
    kind = f"count-{seeded.tenant.id}"
    ids = await enqueue(db, seeded, clock, kind, 40)
    seen: Counter[int] = Counter()

    async def handler(job: Job) -> None:
        seen[job.payload["i"]] += 1
        await asyncio.sleep(0.001)

    runners = [JobRunner(db, clock, {kind: handler}, batch=3) for _ in range(2)]

    async def drain(runner: JobRunner) -> None:
        while await runner.run_once():
            pass

    await asyncio.gather(*(drain(r) for r in runners))
    assert seen == Counter(range(40))
    assert set((await outcomes(db, ids)).values()) == {("done", 1)}


async def test_failures_retry_with_backoff_then_give_up(db: Database, seeded: Seeded) -> None:
    """A failing job waits its backoff before each retry and fails for good at max_attempts."""
    clock = ManualClock()
    kind = f"fail-{seeded.tenant.id}"
    [job_id] = await enqueue(db, seeded, clock, kind, 1)
    calls = 0

    async def handler(job: Job) -> None:
        nonlocal calls
        calls += 1
        raise RuntimeError("provider down")

    runner = JobRunner(db, clock, {kind: handler}, rng=random.Random(7))
    assert await runner.run_once() == 1
    assert await runner.run_once() == 0  # not due yet: backoff
    clock.advance(2.0)  # attempt 1 waits between 1 and 2 s
    assert await runner.run_once() == 1
    clock.advance(4.0)
    assert await runner.run_once() == 1
    clock.advance(3600)
    assert await runner.run_once() == 0
    assert calls == 3
    assert (await outcomes(db, [job_id]))[job_id] == ("failed", 3)
    async with db.unit(OPERATOR) as conn:
        assert await conn.fetchval("SELECT last_error FROM jobs WHERE id = $1", job_id) == (
            "RuntimeError: provider down"
        )


async def test_lost_lease_is_taken_over_and_fenced(db: Database, seeded: Seeded) -> None:
    """A worker that dies holding a job: after the lease another runs it; the first can't finish."""
    clock = ManualClock()
    kind = f"lease-{seeded.tenant.id}"
    [job_id] = await enqueue(db, seeded, clock, kind, 1)
    async with db.unit(OPERATOR) as conn:
        [stale] = await jobs.claim(conn, now=clock.now(), lease=timedelta(seconds=60), limit=10)
    ran: list[int] = []

    async def handler(job: Job) -> None:
        ran.append(job.attempt)

    runner = JobRunner(db, clock, {kind: handler}, lease_s=60)
    assert await runner.run_once() == 0  # still leased to the "dead" worker
    clock.advance(61)
    assert await runner.run_once() == 1
    assert ran == [2]
    async with db.unit(OPERATOR) as conn:
        assert not await jobs.finish(conn, stale, now=clock.now(), outcome="done", error=None)
    assert (await outcomes(db, [job_id]))[job_id] == ("done", 2)


async def test_unknown_kind_fails_clearly(db: Database, seeded: Seeded) -> None:
    """A job nobody handles is failed with a reason, not dropped or retried forever."""
    clock = ManualClock()
    [job_id] = await enqueue(db, seeded, clock, f"mystery-{seeded.tenant.id}", 1)
    while await JobRunner(db, clock, {}).run_once():
        pass
    assert (await outcomes(db, [job_id]))[job_id] == ("failed", 1)


async def test_dedupe_key_enqueues_once(db: Database, seeded: Seeded) -> None:
    """Two enqueues with one dedupe key (e.g. two nodes' timers) make one job."""
    clock = ManualClock()
    made = []
    for _ in range(2):
        async with db.unit(seeded.as_agent) as conn:
            made.append(
                await jobs.enqueue(
                    conn,
                    tenant_id=seeded.tenant.id,
                    kind="escalate",
                    payload={},
                    run_at=clock.now(),
                    dedupe_key="conv-1",
                )
            )
    assert made[0] is not None
    assert made[1] is None
