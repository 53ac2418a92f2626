"""The seq cursor (server/protocol/cursor.py), one table: input events -> decisions.

Each case starts a cursor, feeds it events and compares everything it decided, in order:
`ack truncated` / `ack` (the subscribe ack's truncation), `row N` (a replayed row sent),
`live N` (a live event sent), `fetch after N` (read the events after N), and at the end
where the cursor stands. Events:

    ("subscribe", conversation_last_seq, after_seq)   subscribe, then start its catch-up
    ("follow",)                                       a conversation followed from seq 0
    ("live_at", seq)                                  a cursor already live at seq
    ("live", seq)                                     a live event from the hub
    ("page", [seqs], truncated, last_seq)             the answer to the last fetch
    ("catch_up",)                                     start a catch-up on this cursor
    ("resync",)                                       the broker reconnected
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from server.protocol.codes import MAX_REPLAY
from server.protocol.cursor import Cursor, Fetch, Step


@dataclass(frozen=True)
class Row:
    """A stored event, replayed from the database."""

    seq: int


@dataclass(frozen=True)
class Live:
    """An event fanned out by the hub."""

    seq: int


Event = tuple[Any, ...]


@dataclass(frozen=True)
class Case:
    id: str
    events: list[Event]
    decided: list[str]
    last_seq: int
    live: bool = True


def seqs(first: int, last: int) -> list[int]:
    return list(range(first, last + 1))


def said(fetch: Fetch | None) -> list[str]:
    if fetch is None:
        return []
    assert fetch.limit == MAX_REPLAY
    return [f"fetch after {fetch.after_seq}"]


def step_said(step: Step[Row, Live]) -> list[str]:
    assert all(isinstance(r, Row) for r in step.rows)
    assert all(isinstance(e, Live) for e in step.live)
    return (
        [f"row {r.seq}" for r in step.rows]
        + [f"live {e.seq}" for e in step.live]
        + said(step.fetch)
    )


def run(events: list[Event]) -> tuple[Cursor[Row, Live], list[str]]:
    cursor: Cursor[Row, Live] | None = None
    decided: list[str] = []
    for event in events:
        kind = event[0]
        if kind == "subscribe":
            cursor, truncated = Cursor[Row, Live].subscribe("topic", event[1], event[2])
            decided.append("ack truncated" if truncated else "ack")
            decided += said(cursor.catch_up())
            continue
        if kind == "follow":
            cursor = Cursor[Row, Live]("topic")
            decided += said(cursor.catch_up())
            continue
        if kind == "live_at":
            cursor = Cursor[Row, Live]("topic", event[1], buffer=None)
            continue
        assert cursor is not None, "a case starts with subscribe, follow or live_at"
        if kind == "live":
            decided += step_said(cursor.offer(Live(event[1])))
        elif kind == "page":
            rows = [Row(seq) for seq in event[1]]
            decided += step_said(cursor.replayed(rows, truncated=event[2], last_seq=event[3]))
        elif kind == "catch_up":
            decided += said(cursor.catch_up())
        elif kind == "resync":
            decided += said(cursor.resync())
        else:
            raise AssertionError(f"unknown event {kind}")
    assert cursor is not None
    return cursor, decided


CASES = [
    # -- subscribe and catch-up ------------------------------------------------------------
    Case(
        "subscribe without after_seq: no replay, then live",
        [("subscribe", 5, None), ("page", [], False, 5), ("live", 6)],
        ["ack", "fetch after 5", "live 6"],
        last_seq=6,
    ),
    Case(
        "subscribe without after_seq still replays what was stored since the conversation was read",
        [("subscribe", 5, None), ("page", [6], False, 6)],
        ["ack", "fetch after 5", "row 6"],
        last_seq=6,
    ),
    Case(
        "catch-up replays exactly the missing events, then goes live",
        [("subscribe", 5, 2), ("page", [3, 4, 5], False, 5), ("live", 6)],
        ["ack", "fetch after 2", "row 3", "row 4", "row 5", "live 6"],
        last_seq=6,
    ),
    Case(
        "a new conversation: nothing to replay",
        [("subscribe", 0, 0), ("page", [], False, 0), ("live", 1)],
        ["ack", "fetch after 0", "live 1"],
        last_seq=1,
    ),
    Case(
        "after_seq beyond the conversation's last seq starts at the last seq",
        [("subscribe", 5, 9), ("page", [], False, 5), ("live", 6)],
        ["ack", "fetch after 5", "live 6"],
        last_seq=6,
    ),
    Case(
        "the catch-up is not over until the page arrives: it stays buffering",
        [("subscribe", 5, 2), ("live", 6)],
        ["ack", "fetch after 2"],
        last_seq=2,
        live=False,
    ),
    Case(
        "a row the client already holds is not sent again",
        [("subscribe", 5, 3), ("page", [2, 3, 4, 5], False, 5)],
        ["ack", "fetch after 3", "row 4", "row 5"],
        last_seq=5,
    ),
    Case(
        "a follow-up conversation is replayed from its start",
        [("follow",), ("page", [1, 2], False, 2), ("live", 3)],
        ["fetch after 0", "row 1", "row 2", "live 3"],
        last_seq=3,
    ),
    Case(
        "a visitor's replay skips private events: last_seq moves the cursor past them",
        [("subscribe", 5, 2), ("page", [3], False, 5), ("live", 6)],
        ["ack", "fetch after 2", "row 3", "live 6"],
        last_seq=6,
    ),
    Case(
        "a catch-up started on a live cursor buffers too",
        [("live_at", 4), ("catch_up",), ("live", 6), ("page", [5], False, 5)],
        ["fetch after 4", "row 5", "live 6"],
        last_seq=6,
    ),
    # -- truncation --------------------------------------------------------------------------
    Case(
        "more than MAX_REPLAY missing: the ack says truncated, the newest 1000 are replayed",
        [("subscribe", 2500, 0), ("page", seqs(1501, 2500), False, 2500)],
        ["ack truncated", "fetch after 1500"] + [f"row {s}" for s in seqs(1501, 2500)],
        last_seq=2500,
    ),
    Case(
        "exactly MAX_REPLAY missing is not truncated",
        [("subscribe", 2500, 1500), ("page", seqs(1501, 2500), False, 2500)],
        ["ack", "fetch after 1500"] + [f"row {s}" for s in seqs(1501, 2500)],
        last_seq=2500,
    ),
    Case(
        "one more than MAX_REPLAY missing is truncated",
        [("subscribe", 2500, 1499), ("page", seqs(1501, 2500), False, 2500)],
        ["ack truncated", "fetch after 1500"] + [f"row {s}" for s in seqs(1501, 2500)],
        last_seq=2500,
    ),
    Case(
        "a truncated page asks for the next one before going live",
        [
            ("subscribe", 4, 2),
            ("page", [3, 4], True, 4),
            ("live", 6),
            ("page", [5, 6], False, 6),
            ("live", 7),
        ],
        ["ack", "fetch after 2", "row 3", "row 4", "fetch after 4", "row 5", "row 6", "live 7"],
        last_seq=7,
    ),
    Case(
        "a truncated page merges nothing yet: the next page comes first",
        [
            ("subscribe", 4, 2),
            ("live", 5),
            ("page", [3, 4], True, 4),
            ("page", [5], False, 5),
        ],
        ["ack", "fetch after 2", "row 3", "row 4", "fetch after 4", "row 5"],
        last_seq=5,
    ),
    # -- live events during a catch-up: buffer, then merge --------------------------------
    Case(
        "live events during a catch-up wait, then follow the replay",
        [
            ("subscribe", 4, 2),
            ("live", 5),
            ("live", 6),
            ("page", [3, 4], False, 4),
        ],
        ["ack", "fetch after 2", "row 3", "row 4", "live 5", "live 6"],
        last_seq=6,
    ),
    Case(
        "buffered events the replay already sent are dropped",
        [
            ("subscribe", 4, 2),
            ("live", 4),
            ("live", 5),
            ("live", 6),
            ("live", 7),
            ("page", [3, 4, 5, 6], False, 6),
        ],
        ["ack", "fetch after 2", "row 3", "row 4", "row 5", "row 6", "live 7"],
        last_seq=7,
    ),
    Case(
        "buffered events out of order are merged in seq order, each once",
        [
            ("subscribe", 4, 4),
            ("live", 7),
            ("live", 5),
            ("live", 6),
            ("live", 5),
            ("page", [], False, 4),
        ],
        ["ack", "fetch after 4", "live 5", "live 6", "live 7"],
        last_seq=7,
    ),
    Case(
        "a gap inside the buffer reads again from it; the rest stays buffered",
        [
            ("subscribe", 3, 2),
            ("live", 5),
            ("live", 6),
            ("page", [3], False, 3),
            ("live", 7),
            ("page", [4, 5, 6], False, 6),
        ],
        ["ack", "fetch after 2", "row 3", "fetch after 3", "row 4", "row 5", "row 6", "live 7"],
        last_seq=7,
    ),
    Case(
        "after a gap inside the buffer, the rest is kept for the next page",
        [
            ("subscribe", 3, 2),
            ("live", 5),
            ("live", 6),
            ("page", [3], False, 3),
            ("page", [4], False, 4),
        ],
        ["ack", "fetch after 2", "row 3", "fetch after 3", "row 4", "live 5", "live 6"],
        last_seq=6,
    ),
    # -- duplicates and order on a live cursor ---------------------------------------------
    Case(
        "duplicates are dropped, in-order events flow",
        [("live_at", 4), ("live", 4), ("live", 5), ("live", 5), ("live", 6)],
        ["live 5", "live 6"],
        last_seq=6,
    ),
    Case(
        "an old event is dropped",
        [("live_at", 4), ("live", 2), ("live", 1)],
        [],
        last_seq=4,
    ),
    # -- gaps ---------------------------------------------------------------------------------
    Case(
        "a gap starts a catch-up from the cursor; what arrives meanwhile is merged",
        [
            ("live_at", 4),
            ("live", 7),
            ("live", 8),
            ("page", [5, 6, 7], False, 7),
            ("live", 9),
        ],
        ["fetch after 4", "row 5", "row 6", "row 7", "live 8", "live 9"],
        last_seq=9,
    ),
    Case(
        "out of order on a live cursor: the early one is a gap, the late one waits",
        [
            ("live_at", 4),
            ("live", 6),
            ("live", 5),
            ("page", [5, 6], False, 6),
        ],
        ["fetch after 4", "row 5", "row 6"],
        last_seq=6,
    ),
    Case(
        "only one catch-up at a time: a second gap during it only buffers",
        [
            ("live_at", 4),
            ("live", 6),
            ("live", 9),
            ("page", [5, 6], False, 6),
            ("page", [7, 8, 9], False, 9),
        ],
        ["fetch after 4", "row 5", "row 6", "fetch after 6", "row 7", "row 8", "row 9"],
        last_seq=9,
    ),
    # -- resync after a broker outage --------------------------------------------------------
    Case(
        "resync: a live cursor catches up from its seq",
        [
            ("live_at", 4),
            ("resync",),
            ("live", 7),
            ("page", [5, 6], False, 6),
        ],
        ["fetch after 4", "row 5", "row 6", "live 7"],
        last_seq=7,
    ),
    Case(
        "resync with nothing lost: back to live",
        [("live_at", 4), ("resync",), ("page", [], False, 4), ("live", 5)],
        ["fetch after 4", "live 5"],
        last_seq=5,
    ),
    Case(
        "resync during a catch-up starts no second one",
        [("subscribe", 4, 2), ("resync",), ("page", [3, 4], False, 4), ("live", 5)],
        ["ack", "fetch after 2", "row 3", "row 4", "live 5"],
        last_seq=5,
    ),
    Case(
        "resync after the catch-up finished reads again",
        [("subscribe", 4, 2), ("page", [3, 4], False, 4), ("resync",)],
        ["ack", "fetch after 2", "row 3", "row 4", "fetch after 4"],
        last_seq=4,
        live=False,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_cursor(case: Case) -> None:
    cursor, decided = run(case.events)
    assert decided == case.decided
    assert (cursor.last_seq, cursor.live) == (case.last_seq, case.live)


def test_every_decision_is_sent_once_in_seq_order() -> None:
    """Across the table, what a case sends is strictly increasing (exactly once, in
    order), so a case with a wrong expectation of that kind cannot hide."""
    for case in CASES:
        sent = [int(d.split()[1]) for d in case.decided if d.split()[0] in ("row", "live")]
        assert sent == sorted(set(sent)), case.id
