"""OrphanWatch: which of other nodes' answer streams are over because their node went silent."""

from __future__ import annotations

from server.realtime.streams import ORPHAN_AFTER_S, OrphanWatch

TOPIC = "t:x:conv:c1"


def started(watch: OrphanWatch, node: str, stream: str, now: float) -> None:
    watch.heard(node, now)
    frame = {"type": "ai.started", "stream_id": stream, "conversation_id": "c1"}
    watch.ai_frame(node, "x", frame, TOPIC)
    watch.ai_frame(node, "x", frame, "t:x:inbox")


def test_a_silent_nodes_open_streams_are_orphaned_once() -> None:
    watch = OrphanWatch()
    started(watch, "a", "st_1", 0.0)
    started(watch, "b", "st_2", 0.0)
    watch.heard("b", ORPHAN_AFTER_S)  # b says it is alive, a does not
    assert watch.orphans(ORPHAN_AFTER_S - 0.1) == []
    ended = watch.orphans(ORPHAN_AFTER_S + 0.1)
    assert [(s.stream_id, s.node, s.topics) for s in ended] == [("st_1", "a", {TOPIC, "t:x:inbox"})]
    assert watch.orphans(ORPHAN_AFTER_S + 0.2) == []  # each stream ends once
    assert [s.stream_id for s in watch.orphans(100.0)] == ["st_2"]  # b falls silent later
    assert watch.orphans(200.0) == []
    assert watch.open_streams == 0


def test_a_finished_stream_is_never_orphaned() -> None:
    watch = OrphanWatch()
    started(watch, "a", "st_1", 0.0)
    watch.ai_frame("a", "x", {"type": "ai.done", "stream_id": "st_1"}, TOPIC)
    assert watch.orphans(100.0) == []


def test_a_broker_outage_gives_every_node_a_fresh_lease() -> None:
    watch = OrphanWatch()
    started(watch, "a", "st_1", 0.0)
    watch.forgive(50.0)  # nobody was heard during the outage: that proves nothing
    assert watch.orphans(50.0 + ORPHAN_AFTER_S - 0.1) == []
    assert [s.stream_id for s in watch.orphans(50.0 + ORPHAN_AFTER_S + 0.1)] == ["st_1"]
