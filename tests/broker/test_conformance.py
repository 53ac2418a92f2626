"""One conformance suite for every Broker and PresenceStore: in-process and Redis."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest
import redis

from server.broker.base import Broker, PresenceMember, PresenceStore
from server.broker.memory import MemoryBroker, MemoryBus, MemoryPresence
from server.broker.redis import RedisBroker, RedisPresence
from tests.live import service_missing

REDIS_URL = os.environ.get("FLOWSUPPORT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@dataclass
class Node:
    broker: Broker
    received: list[tuple[str, bytes]]
    recoveries: int = 0

    async def wait_for(self, count: int) -> list[tuple[str, bytes]]:
        for _ in range(200):
            if len(self.received) >= count:
                return self.received
            await asyncio.sleep(0.01)
        raise AssertionError(f"got {len(self.received)} of {count} messages")


def redis_or_skip() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        service_missing(f"no Redis at {REDIS_URL}: {exc}")


@pytest.fixture(params=["memory", "redis"])
async def make_node(request: pytest.FixtureRequest) -> AsyncIterator[MakeNode]:
    """Builds nodes that share one transport: a MemoryBus, or one Redis."""
    bus = MemoryBus()
    if request.param == "redis":
        redis_or_skip()
    nodes: list[Node] = []

    async def make() -> Node:
        broker: Broker = MemoryBroker(bus) if request.param == "memory" else RedisBroker(REDIS_URL)
        node = Node(broker, [])

        async def receive(topic: str, payload: bytes) -> None:
            node.received.append((topic, payload))

        async def recovered() -> None:
            node.recoveries += 1

        await broker.start(receive, recovered)
        nodes.append(node)
        return node

    yield make
    for node in nodes:
        await node.broker.close()


MakeNode = Callable[[], Awaitable[Node]]


async def settle(make_node: MakeNode) -> None:
    await asyncio.sleep(0.1)  # Redis applies SUBSCRIBE asynchronously


async def test_published_messages_reach_every_subscribed_node_in_order(make_node: MakeNode) -> None:
    """Two nodes on one topic each get every message once, in publish order."""
    a, b = await make_node(), await make_node()
    topic = f"t:{uuid.uuid4()}:conv:1"
    await a.broker.subscribe(topic)
    await b.broker.subscribe(topic)
    await settle(make_node)
    for i in range(20):
        await a.broker.publish(topic, f"m{i}".encode())
    for node in (a, b):
        got = await node.wait_for(20)
        assert got == [(topic, f"m{i}".encode()) for i in range(20)]


async def test_unsubscribed_and_other_topics_get_nothing(make_node: MakeNode) -> None:
    a, b = await make_node(), await make_node()
    mine, other = f"t:{uuid.uuid4()}:inbox", f"t:{uuid.uuid4()}:inbox"
    await a.broker.subscribe(mine)
    await b.broker.subscribe(mine)
    await settle(make_node)
    await b.broker.unsubscribe(mine)
    await settle(make_node)
    await a.broker.publish(mine, b"one")
    await a.broker.publish(other, b"two")
    assert await a.wait_for(1) == [(mine, b"one")]
    await asyncio.sleep(0.1)
    assert b.received == []


async def test_ping_answers(make_node: MakeNode) -> None:
    node = await make_node()
    await node.broker.ping()


@pytest.fixture(params=["memory", "redis"])
async def presences(
    request: pytest.FixtureRequest,
) -> AsyncIterator[tuple[PresenceStore, PresenceStore]]:
    """Two nodes' presence stores over the same backing store."""
    if request.param == "memory":
        shared = MemoryPresence()
        yield shared, shared
        return
    redis_or_skip()
    a, b = RedisPresence(REDIS_URL, "node-a"), RedisPresence(REDIS_URL, "node-b")
    yield a, b
    await a.close()
    await b.close()


async def test_presence_counts_agents_across_nodes_and_tabs(
    presences: tuple[PresenceStore, PresenceStore],
) -> None:
    """An agent online on two nodes (or tabs) counts once and stays until both leave."""
    a, b = presences
    tenant = str(uuid.uuid4())
    ada = PresenceMember(tenant, "u1", "Ada")
    bo = PresenceMember(tenant, "u2", "Bo")
    await a.join(ada)
    await b.join(ada)
    await b.join(bo)
    assert [m.principal_id for m in await a.members(tenant)] == ["u1", "u2"]
    await a.leave(ada)
    assert [m.principal_id for m in await b.members(tenant)] == ["u1", "u2"]
    await b.leave(ada)
    await b.leave(bo)
    assert await a.members(tenant) == []
