"""Which broker a process uses: in-process for one node, Redis when one is configured.

A pure factory: only the composition root (``server.wiring``) calls it.
"""

from __future__ import annotations

from server.broker.base import Broker, PresenceStore, RateLedger
from server.broker.memory import MemoryBroker, MemoryLedger, MemoryPresence
from server.config import Settings
from server.supervisor import Supervisor


def broker_for(
    settings: Settings, node_id: str, supervisor: Supervisor
) -> tuple[Broker, PresenceStore]:
    """In-process for one node; Redis when FLOWSUPPORT_REDIS_URL names one (presence
    entries carry `node_id`, the hub's own)."""
    if settings.redis_url is None:
        return MemoryBroker(), MemoryPresence()
    from server.broker.redis import RedisBroker, RedisPresence  # redis: 0.35 s to import

    return (
        RedisBroker(settings.redis_url, supervisor),
        RedisPresence(settings.redis_url, node_id, supervisor),
    )


def ledger_for(settings: Settings) -> RateLedger:
    """Where nodes tell each other what each principal spent: Redis when configured."""
    if settings.redis_url is None:
        return MemoryLedger()
    from server.broker.redis import RedisLedger

    return RedisLedger(settings.redis_url)
