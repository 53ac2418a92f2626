"""The in-process broker and presence store: one node, no Redis.

Several apps in one process may share a :class:`MemoryBus` to act as several nodes (the
conformance suite runs the same tests over it and over Redis).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping

from server.broker.base import PresenceMember, Receiver, Recovered


class MemoryBus:
    """Topics shared by the brokers attached to it."""

    def __init__(self) -> None:
        self.subscribers: dict[str, set[MemoryBroker]] = {}
        self.spent: dict[tuple[int, str], int] = {}  # the brokers' shared RateLedger


class MemoryBroker:
    def __init__(self, bus: MemoryBus | None = None) -> None:
        self._bus = bus or MemoryBus()
        self._receiver: Receiver | None = None

    async def start(self, receiver: Receiver, recovered: Recovered) -> None:
        self._receiver = receiver

    async def subscribe(self, topic: str) -> None:
        self._bus.subscribers.setdefault(topic, set()).add(self)

    async def unsubscribe(self, topic: str) -> None:
        brokers = self._bus.subscribers.get(topic)
        if brokers is not None:
            brokers.discard(self)
            if not brokers:
                del self._bus.subscribers[topic]

    async def publish(self, topic: str, payload: bytes) -> None:
        for broker in list(self._bus.subscribers.get(topic, ())):
            if broker._receiver is not None:
                await broker._receiver(topic, payload)

    async def ping(self) -> None:
        return None

    async def close(self) -> None:
        for topic in [t for t, brokers in self._bus.subscribers.items() if self in brokers]:
            await self.unsubscribe(topic)
        self._receiver = None


class MemoryPresence:
    def __init__(self) -> None:
        # Counted: one agent with two tabs stays online until both close.
        self._members: dict[str, Counter[tuple[str, str | None]]] = {}

    async def join(self, member: PresenceMember) -> None:
        key = (member.principal_id, member.name)
        self._members.setdefault(member.tenant_id, Counter())[key] += 1

    async def leave(self, member: PresenceMember) -> None:
        counts = self._members.get(member.tenant_id)
        if counts is None:
            return
        key = (member.principal_id, member.name)
        counts[key] -= 1
        if counts[key] <= 0:
            del counts[key]

    async def members(self, tenant_id: str) -> list[PresenceMember]:
        counts = self._members.get(tenant_id, Counter())
        return [PresenceMember(tenant_id, pid, name) for pid, name in sorted(counts, key=str)]

    async def close(self) -> None:
        self._members.clear()


class MemoryLedger:
    """The rate ledger of the nodes sharing one bus (one node: only its own spending)."""

    def __init__(self, bus: MemoryBus | None = None) -> None:
        self._bus = bus or MemoryBus()

    async def exchange(
        self, window: int, spent: Mapping[str, int], read: int, keys: Collection[str]
    ) -> dict[str, int]:
        totals = self._bus.spent
        for key, tokens in spent.items():
            totals[(window, key)] = totals.get((window, key), 0) + tokens
        for stale in [k for k in totals if k[0] < read]:
            del totals[stale]
        return {key: totals.get((read, key), 0) for key in keys}

    async def close(self) -> None:
        return None
