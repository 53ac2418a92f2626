"""Which sockets a revocation closes, and that it reaches another node's hub through the
broker alone (no sweep involved): two hubs on one in-process bus."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace

from server.broker.memory import MemoryBroker, MemoryBus, MemoryPresence
from server.domain.access import Principal
from server.domain.accounts import Revocation, leaves_no_admin
from server.domain.models import Role
from server.ids import TenantId, UserId
from server.protocol.codec import JSON
from server.protocol.codes import CLOSE_UNAUTHORIZED
from server.realtime import revocations
from server.realtime.connection import Connection
from server.realtime.envelope import Envelope
from server.realtime.hub import Hub
from server.services.conversations import Replay

TENANT = TenantId(uuid.uuid4())


def agent(session_id: str | None = None, tenant: TenantId = TENANT) -> Principal:
    return Principal("agent", str(uuid.uuid4()), tenant, Role.AGENT, "A", session_id=session_id)


def bot() -> Principal:
    return Principal("bot", str(uuid.uuid4()), TENANT, Role.AGENT, "Bot")


def test_a_revocation_covers_users_sessions_and_keys_of_its_tenant() -> None:
    """Users: all their sessions; sessions: those only; keys: bots; never another tenant's
    principal, never a visitor."""
    ann, ben, helper = agent("s1"), agent("s2"), bot()
    visitor = Principal("visitor", ann.id, TENANT, Role.CUSTOMER)
    by_user = Revocation(TENANT, user_ids=frozenset({ann.id}))
    assert by_user.covers(ann) and not by_user.covers(ben) and not by_user.covers(visitor)
    by_session = Revocation(TENANT, session_ids=frozenset({"s2"}))
    assert by_session.covers(ben) and not by_session.covers(ann)
    by_key = Revocation(TENANT, api_key_ids=frozenset({helper.id}))
    assert by_key.covers(helper) and not by_key.covers(ann)
    elsewhere = agent("s1", TenantId(uuid.uuid4()))
    assert not Revocation(TENANT, user_ids=frozenset({elsewhere.id})).covers(elsewhere)
    assert Revocation(None, session_ids=frozenset({"s1"})).covers(elsewhere)  # the sweep's
    assert not Revocation(TENANT)


def test_a_revocation_crosses_the_broker_unchanged() -> None:
    """What one node packs, another unpacks to the same revocation."""
    sent = Revocation(
        TENANT, frozenset({"u"}), frozenset({"s1", "s2"}), frozenset({str(uuid.uuid4())})
    )
    assert revocations.unpack(Envelope.unpack(revocations.pack(sent, "node-a"))) == sent
    sweep = Revocation(None, session_ids=frozenset({"s"}))
    assert revocations.unpack(Envelope.unpack(revocations.pack(sweep, "n"))) == sweep


def test_the_last_active_admin_is_kept() -> None:
    """Only taking the one remaining admin out leaves the tenant without one."""
    me, you = UserId(uuid.uuid4()), UserId(uuid.uuid4())
    assert leaves_no_admin([me], me)
    assert not leaves_no_admin([me, you], me)
    assert not leaves_no_admin([you], me)  # not an active admin: nothing changes


class NoReplays:
    async def replay(
        self, principal: Principal, conversation_id: str, after_seq: int, limit: int
    ) -> Replay:
        raise AssertionError("no replay expected")


class Socket:
    def __init__(self) -> None:
        self.closed = asyncio.Event()
        self.code: int | None = None

    async def transmit(self, data: str | bytes) -> None:
        return None

    async def close(self, code: int, reason: str) -> None:
        self.code = code
        self.closed.set()


async def test_a_revocation_on_one_hub_closes_the_sockets_on_the_other() -> None:
    """Node A revokes a session: node B closes the socket using it with 4001 (through the
    broker), and leaves the user's other session and everyone else alone."""
    bus = MemoryBus()
    a = Hub(MemoryBroker(bus), MemoryPresence(), "node-a")
    b = Hub(MemoryBroker(bus), MemoryPresence(), "node-b")
    await a.start()
    await b.start()
    ann = agent("s-1")
    sockets = {}
    for principal in (ann, replace(ann, session_id="s-2"), agent("s-3")):
        socket = Socket()
        connection = Connection(
            session_id=f"ws-{principal.session_id}",
            principal=principal,
            codec=JSON,
            transmit=socket.transmit,
            close=socket.close,
            conversations=NoReplays(),
        )
        await b.connected(connection)
        sockets[principal.session_id] = (socket, connection)
    await a.revoked(Revocation(TENANT, session_ids=frozenset({"s-1"})))
    first, _ = sockets["s-1"]
    await asyncio.wait_for(first.closed.wait(), 1)
    assert first.code == CLOSE_UNAUTHORIZED
    assert not sockets["s-2"][0].closed.is_set() and not sockets["s-3"][0].closed.is_set()
    await a.revoked(Revocation(TENANT, user_ids=frozenset({ann.id})))
    await asyncio.wait_for(sockets["s-2"][0].closed.wait(), 1)
    assert not sockets["s-3"][0].closed.is_set()
    for _, connection in sockets.values():
        await connection.stop_tasks()
        await connection.drain()
