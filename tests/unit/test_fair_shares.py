"""Fair shares across nodes and tenants, without I/O: the rate ledger's charges and the
database gate's order, on a manual clock and plain futures."""

from __future__ import annotations

import asyncio

from server.broker.memory import MemoryBus, MemoryLedger
from server.clock import ManualClock
from server.protocol.session import Principals, Session, SessionLimits, Verdict
from server.realtime.rate_sync import RateSync
from server.store.fairness import FairGate
from server.supervisor import Supervisor


def node(bus: MemoryBus, clock: ManualClock) -> tuple[Principals, RateSync]:
    principals = Principals(SessionLimits())
    sync = RateSync(principals.holders, MemoryLedger(bus), clock, Supervisor())
    return principals, sync


def visitor(principals: Principals, now: float) -> Session:
    session = Session(opened_at=now)
    bucket = principals.open("visitor:t:v", "visitor", now)
    assert bucket is not None
    session.authenticated(bucket)
    return session


async def test_one_principal_on_two_nodes_gets_one_rate() -> None:
    """Each node alone would allow 10 frames/s after the burst; the ledger charges each
    with what the other spent, so together they allow about 10/s, not 20."""
    clock, bus = ManualClock(), MemoryBus()
    (pa, sync_a), (pb, sync_b) = node(bus, clock), node(bus, clock)
    on_a, on_b = visitor(pa, 0.0), visitor(pb, 0.0)
    accepted = 0
    for second in range(1, 31):
        for step in range(40):  # 40 attempts a second on each node
            now = second - 1 + step / 40
            accepted += on_a.admit(now)[0] is Verdict.ACCEPT
            accepted += on_b.admit(now)[0] is Verdict.ACCEPT
        clock.advance(1.0)
        await sync_a.sync_once()
        await sync_b.sync_once()
    limits = SessionLimits().visitor
    alone = limits.burst + 30 * limits.per_s  # what one node allows in 30 s
    assert accepted <= 1.25 * alone, accepted  # two unsynced nodes would allow 2x
    assert accepted >= 0.9 * alone


async def test_one_node_is_not_charged_its_own_spending() -> None:
    clock = ManualClock()
    principals, sync = node(MemoryBus(), clock)
    session = visitor(principals, 0.0)
    accepted = 0
    for second in range(1, 11):
        for step in range(40):
            accepted += session.admit(second - 1 + step / 40)[0] is Verdict.ACCEPT
        clock.advance(1.0)
        await sync.sync_once()
        await sync.sync_once()  # twice in one window: the previous one is charged once
    assert accepted >= 30 + 9 * 10


async def test_a_window_is_charged_once() -> None:
    clock, bus = ManualClock(), MemoryBus()
    pa, sync_a = node(bus, clock)
    visitor(pa, 0.0)
    elsewhere = await MemoryLedger(bus).exchange(
        int(clock.now().timestamp()), {"visitor:t:v": 5}, 0, ()
    )
    assert elsewhere == {}
    bucket = pa.holders.buckets["visitor:t:v"]
    bucket.take(0.0)
    await sync_a.sync_once()  # reports its one token into this window
    clock.advance(1.0)
    await sync_a.sync_once()
    await sync_a.sync_once()
    # Refilled over the second (to its burst), less what the other node spent, once.
    assert bucket.tokens == SessionLimits().visitor.burst - 5


async def test_the_gate_serves_the_quiet_tenant_before_the_flood() -> None:
    gate = FairGate(2)
    order: list[str] = []
    release = asyncio.Event()

    async def work(tenant: str, label: str) -> None:
        async with gate.slot(tenant):
            order.append(label)
            await release.wait()

    flood = [asyncio.create_task(work("loud", f"loud{n}")) for n in range(10)]
    await asyncio.sleep(0)
    quiet = asyncio.create_task(work("quiet", "quiet"))
    await asyncio.sleep(0)
    assert order == ["loud0", "loud1"] and gate.waiting() == 9
    release.set()
    await asyncio.gather(*flood, quiet)
    assert order.index("quiet") == 2  # the first freed slot, ahead of eight loud ones


async def test_the_gate_lets_one_tenant_use_every_slot_and_survives_cancellation() -> None:
    gate = FairGate(3)
    held = asyncio.Event()
    done = asyncio.Event()

    async def hold() -> None:
        async with gate.slot("only"):
            held.set()
            await done.wait()

    holders = [asyncio.create_task(hold()) for _ in range(3)]
    await asyncio.sleep(0)
    assert gate.held("only") == 3  # work-conserving: alone, it may use the whole pool
    waiter = asyncio.create_task(hold())
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.gather(waiter, return_exceptions=True)
    assert gate.waiting() == 0
    done.set()
    await asyncio.gather(*holders)
    assert gate.held("only") == 0
    async with gate.slot("next"):
        assert gate.held("next") == 1
