"""Which broker a process uses: in-process for one node, Redis when one is configured."""

from __future__ import annotations

import uuid
from contextlib import AsyncExitStack

from server.broker.base import Broker, PresenceStore
from server.broker.memory import MemoryBroker, MemoryPresence
from server.broker.redis import RedisBroker, RedisPresence
from server.config import Settings


def broker_for(settings: Settings) -> tuple[Broker, PresenceStore]:
    """In-process for one node; Redis when FLOWSUPPORT_REDIS_URL names one."""
    if settings.redis_url is None:
        return MemoryBroker(), MemoryPresence()
    node = uuid.uuid4().hex[:12]
    return RedisBroker(settings.redis_url), RedisPresence(settings.redis_url, node)


def broker_in(settings: Settings, stack: AsyncExitStack) -> tuple[Broker, PresenceStore]:
    """`broker_for`, closed when `stack` closes."""
    broker, presence = broker_for(settings)
    stack.push_async_callback(broker.close)
    stack.push_async_callback(presence.close)
    return broker, presence
