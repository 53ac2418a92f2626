"""A connection's outbox is bounded: a client too slow to keep up is closed, not skipped."""

from __future__ import annotations

import asyncio
import uuid

from server.domain.access import Principal
from server.domain.models import Role
from server.ids import TenantId
from server.protocol.codec import JSON
from server.realtime.connection import Connection, Cursor
from server.realtime.envelope import EVENT, Envelope


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


def connection(socket: StuckSocket, outbox: int = 8) -> Connection:
    who = Principal("agent", str(uuid.uuid4()), TenantId(uuid.uuid4()), Role.AGENT, "A")
    conn = Connection(
        session_id="s_test",
        principal=who,
        codec=JSON,
        transmit=socket.transmit,
        close=socket.close,
        conversations=None,
        outbox_size=outbox,  # type: ignore[arg-type]
    )
    conn.start()
    return conn


def event(seq: int, private: bool = False) -> Envelope:
    return Envelope(
        kind=EVENT,
        node="n",
        tenant_id="t",
        conversation_id="c",
        seq=seq,
        private=private,
        frame={"type": "message.created", "seq": seq},
    )


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
