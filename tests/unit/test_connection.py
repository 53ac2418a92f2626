"""A connection's outbox is bounded (a client too slow to keep up is closed, not skipped),
and it carries out its cursors' decisions: replay from the store, merge live events.

The store is a typed stand-in for ConversationService.replay (the `Replays` seam) that
answers like it: the events after `after_seq`, at most `limit`, truncated when more remain.
The cursor's rules themselves are tabled in test_cursor.py; these check the I/O around them.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime

from server.domain.access import Principal
from server.domain.events import ConversationUpdated, PersistedEvent
from server.domain.models import Conversation, Role
from server.ids import ContactId, ConversationId, TenantId
from server.protocol.codec import JSON
from server.realtime.connection import Connection, Cursor
from server.realtime.direct import DirectWriter
from server.realtime.envelope import EVENT, Envelope
from server.services.conversations import Replay
from tests.unit.test_direct import Protocol

CONVERSATION = Conversation(
    id=ConversationId(uuid.uuid4()),
    tenant_id=TenantId(uuid.uuid4()),
    contact_id=ContactId(uuid.uuid4()),
    status="open",
    channel="web",
    subject=None,
    assignee_id=None,
    priority="normal",
    tags=(),
    ai_enabled=True,
    last_seq=0,
    created_at=datetime(2026, 1, 1, tzinfo=UTC),
    updated_at=datetime(2026, 1, 1, tzinfo=UTC),
)
CID = str(CONVERSATION.id)


class Store:
    """Stored events of one conversation; `replay` answers like ConversationService's.
    While `gate` is clear, a replay waits after reading (a slow database), so a test can
    offer live events meanwhile."""

    def __init__(self, *seqs: int) -> None:
        self.events: list[PersistedEvent] = []
        self.calls: list[tuple[int, int]] = []
        self.gate = asyncio.Event()
        self.gate.set()
        self.store(*seqs)

    def store(self, *seqs: int) -> None:
        for seq in seqs:
            self.events.append(ConversationUpdated(seq, CONVERSATION, ("status",)))

    async def replay(
        self, principal: Principal, conversation_id: str, after_seq: int, limit: int
    ) -> Replay:
        assert conversation_id == CID
        self.calls.append((after_seq, limit))
        found = [e for e in self.events if e.seq > after_seq][: limit + 1]
        last = max((e.seq for e in self.events), default=0)
        await self.gate.wait()
        truncated = len(found) > limit
        page = found[:limit]
        return Replay(CONVERSATION, page, truncated, page[-1].seq if truncated else last)


class StuckSocket:
    def __init__(self) -> None:
        self.sent: list[str | bytes] = []
        self.closed: tuple[int, str] | None = None
        self.release = asyncio.Event()

    async def transmit(self, data: str | bytes) -> None:
        await self.release.wait()
        self.sent.append(data)

    async def close(self, code: int, reason: str) -> None:
        self.closed = (code, reason)


def connection(
    socket: StuckSocket,
    outbox: int = 8,
    store: Store | None = None,
    direct: DirectWriter | None = None,
) -> Connection:
    who = Principal("agent", str(uuid.uuid4()), TenantId(uuid.uuid4()), Role.AGENT, "A")
    return Connection(
        session_id="s_test",
        principal=who,
        codec=JSON,
        transmit=socket.transmit,
        close=socket.close,
        conversations=store or Store(),
        outbox_size=outbox,
        direct=direct,
    )


def event(seq: int, private: bool = False, conversation_id: str = "c") -> Envelope:
    return Envelope(
        kind=EVENT,
        node="n",
        tenant_id="t",
        conversation_id=conversation_id,
        seq=seq,
        private=private,
        frame={"type": "message.created", "seq": seq},
    )


def live(seq: int) -> Envelope:
    return event(seq, conversation_id=CID)


def received(socket: StuckSocket) -> list[tuple[str, int]]:
    """What the client got: (frame type, seq), replayed rows being conversation.updated."""
    frames = [json.loads(data) for data in socket.sent]
    return [(frame["type"], frame["seq"]) for frame in frames]


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


def replayed(*seqs: int) -> list[tuple[str, int]]:
    return [("conversation.updated", seq) for seq in seqs]


def delivered(*seqs: int) -> list[tuple[str, int]]:
    return [("message.created", seq) for seq in seqs]


async def test_slow_client_is_closed_with_a_reconnectable_code() -> None:
    socket = StuckSocket()
    conn = connection(socket, outbox=8)
    for i in range(20):
        conn.send({"type": "pong", "n": i})
    await asyncio.sleep(0.01)
    assert socket.closed == (1012, "too slow: reconnect and resume by seq")
    await conn.stop_tasks()


async def test_events_are_delivered_once_in_order() -> None:
    """Duplicates are dropped; in-order events flow; the cursor follows."""
    socket = StuckSocket()
    socket.release.set()
    conn = connection(socket)
    conn.cursors["c"] = Cursor("topic", last_seq=4, buffer=None)
    for seq in (4, 5, 5, 6):
        conn.offer(False, event(seq))
    await asyncio.sleep(0.01)
    assert [s for s in socket.sent] == [
        '{"type":"message.created","seq":5}',
        '{"type":"message.created","seq":6}',
    ]
    assert conn.cursors["c"].last_seq == 6
    await conn.drain()


def test_private_events_are_hidden_from_visitors_but_move_the_cursor() -> None:
    envelope = event(7, private=True)
    assert envelope.encoded(JSON, "visitor") is None
    assert envelope.encoded(JSON, "staff") == '{"type":"message.created","seq":7}'
    assert envelope.encoded(JSON, "staff") is envelope.encoded(JSON, "staff")  # encoded once


async def test_catch_up_replays_then_merges_what_arrived_meanwhile() -> None:
    """subscribe after_seq=2: rows 3..4 from the store, then the live events that arrived
    during the replay, without the one the replay already sent."""
    socket = StuckSocket()
    socket.release.set()
    store = Store(1, 2, 3, 4)
    store.gate.clear()
    conn = connection(socket, store=store)
    conn.cursors[CID] = Cursor("topic", last_seq=2)
    catching_up = asyncio.create_task(conn.catch_up(CID))
    await settle()
    for seq in (4, 6, 5):
        conn.offer(False, live(seq))
    store.gate.set()
    await catching_up
    await settle()
    assert received(socket) == replayed(3, 4) + delivered(5, 6)
    assert store.calls == [(2, 1000)]
    assert conn.cursors[CID].live and conn.cursors[CID].last_seq == 6
    await conn.drain()


async def test_truncated_pages_are_read_until_the_end() -> None:
    socket = StuckSocket()
    socket.release.set()
    store = Store(*range(1, 2503))
    conn = connection(socket, outbox=4096, store=store)
    conn.cursors[CID] = Cursor("topic", last_seq=0)
    await conn.catch_up(CID)
    await settle()
    assert store.calls == [(0, 1000), (1000, 1000), (2000, 1000)]
    assert received(socket) == replayed(*range(1, 2503))
    await conn.drain()


async def test_a_gap_in_live_events_reads_the_store() -> None:
    """The hub lost 5 and 6: the connection reads them, then sends 7 once."""
    socket = StuckSocket()
    socket.release.set()
    store = Store(1, 2, 3, 4, 5, 6, 7)
    conn = connection(socket, store=store)
    conn.cursors[CID] = Cursor("topic", last_seq=4, buffer=None)
    conn.offer(False, live(7))
    await settle()
    assert store.calls == [(4, 1000)]
    assert received(socket) == replayed(5, 6, 7)
    conn.offer(False, live(7))
    conn.offer(False, live(8))
    await settle()
    assert received(socket) == replayed(5, 6, 7) + delivered(8)
    await conn.drain()


async def test_resync_catches_up_live_conversations() -> None:
    """After a broker outage, a live conversation reads what was stored meanwhile."""
    socket = StuckSocket()
    socket.release.set()
    store = Store(1, 2, 3)
    conn = connection(socket, store=store)
    conn.cursors[CID] = Cursor("topic", last_seq=2, buffer=None)
    conn.resync()
    await settle()
    assert store.calls == [(2, 1000)]
    assert received(socket) == replayed(3)
    assert conn.cursors[CID].live
    await conn.drain()


async def test_unsubscribing_during_a_replay_sends_nothing_of_it() -> None:
    socket = StuckSocket()
    socket.release.set()
    store = Store(1, 2, 3)
    store.gate.clear()
    conn = connection(socket, store=store)
    conn.cursors[CID] = Cursor("topic", last_seq=0)
    catching_up = asyncio.create_task(conn.catch_up(CID))
    await settle()
    del conn.cursors[CID]
    store.gate.set()
    await catching_up
    await settle()
    assert socket.sent == []
    await conn.drain()


def writer_tasks() -> list[asyncio.Task[object]]:
    return [t for t in asyncio.all_tasks() if t.get_name().startswith("writer-")]


async def test_an_idle_connection_keeps_no_writer_task() -> None:
    """The writer runs only while frames wait, so 10,000 idle sockets hold no 10,000
    suspended tasks; the next frame starts it again, in order."""
    socket = StuckSocket()
    conn = connection(socket)
    conn.send({"type": "pong", "n": 1})
    conn.send({"type": "pong", "n": 2})
    await settle()
    assert len(writer_tasks()) == 1  # blocked in the send, the second frame queued
    socket.release.set()
    await settle()
    assert writer_tasks() == []
    conn.send({"type": "pong", "n": 3})
    await settle()
    assert [json.loads(d)["n"] for d in socket.sent] == [1, 2, 3]
    assert writer_tasks() == []


async def test_answers_go_pre_framed_when_nothing_waits_ahead_of_them() -> None:
    """An answer skips the outbox only when nothing is queued or being sent before it:
    behind a frame the ASGI send still holds, it waits its turn."""
    protocol = Protocol()
    socket = StuckSocket()
    conn = connection(socket, direct=DirectWriter.attach(protocol.asgi_send))
    conn.send({"type": "pong", "n": 1})
    assert protocol.transport.written == [b'\x81\x15{"type":"pong","n":1}']
    protocol.writable.clear()  # back-pressure: the next frame goes through the outbox
    conn.send({"type": "pong", "n": 2})
    protocol.writable.set()
    conn.send({"type": "pong", "n": 3})  # queued behind n=2, not written ahead of it
    await settle()
    assert len(protocol.transport.written) == 1
    socket.release.set()
    await settle()
    assert [json.loads(d)["n"] for d in socket.sent] == [2, 3]
    conn.send({"type": "pong", "n": 4})
    assert len(protocol.transport.written) == 2
