"""LoopWatch reports the collector's pauses as well as the loop's lag."""

from __future__ import annotations

import gc

from server.loopwatch import LoopWatch
from server.metrics import Metrics
from server.supervisor import Supervisor


def pause(metrics: Metrics) -> float:
    return metrics.registry.get_sample_value("flowsupport_gc_pause_seconds_max") or 0.0


async def test_a_collection_shows_as_a_pause_until_the_next_scrape() -> None:
    metrics = Metrics()
    supervisor = Supervisor()
    watch = LoopWatch(metrics, supervisor)
    watch.start()
    gc.disable()  # only the collection below, none the allocator triggers
    try:
        garbage = [[i] for i in range(200_000)]  # a full collection has something to walk
        gc.collect()
        del garbage
        watch.scrape()
        assert pause(metrics) > 0
        watch.scrape()  # nothing collected since: the worst pause starts afresh
        assert pause(metrics) == 0
    finally:
        gc.enable()
        await watch.stop()
        await supervisor.close()
    assert watch._collecting not in gc.callbacks
