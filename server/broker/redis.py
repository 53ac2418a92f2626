"""Redis pub/sub broker and presence: many nodes sharing one Redis.

The listener is supervised: when the connection drops it reconnects with backoff and full
jitter, resubscribes every topic, then calls `recovered` so the hub makes its clients catch
up by ``seq`` from PostgreSQL (pub/sub keeps nothing for a disconnected subscriber).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Collection, Mapping

import redis.asyncio as aioredis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from server.broker.base import PresenceMember, Receiver, Recovered
from server.errors import Unavailable
from server.supervisor import Supervisor

log = logging.getLogger("flowsupport.broker")

PRESENCE_TTL_S = 60.0
PRESENCE_REFRESH_S = 20.0
RATE_WINDOW_TTL_S = 10  # a window's totals are read one second after it ends


def reconnect_delay(attempt: int, *, base: float = 0.1, cap: float = 5.0) -> float:
    """Full jitter: uniform between 0 and min(cap, base * 2**attempt)."""
    return random.uniform(0, min(cap, base * 2**attempt))


class RedisBroker:
    def __init__(self, url: str, supervisor: Supervisor | None = None) -> None:
        self._supervisor = supervisor or Supervisor()
        self._url = url
        self._client: aioredis.Redis = aioredis.from_url(
            url, socket_connect_timeout=2, socket_timeout=5
        )
        # The subscriber never retries on its own: redis-py would reconnect and resubscribe
        # silently, and the hub would not know that messages were lost meanwhile.
        self._subscriber: aioredis.Redis = aioredis.from_url(
            url,
            socket_connect_timeout=2,
            health_check_interval=10,
            retry=Retry(NoBackoff(), retries=0),
        )
        self._topics: set[str] = set()
        self._pubsub: PubSub | None = None
        self._listener: asyncio.Task[None] | None = None
        self._closing = False
        self._stopped = asyncio.Event()

    async def start(self, receiver: Receiver, recovered: Recovered) -> None:
        self._listener = self._supervisor.spawn(
            self._supervise(receiver, recovered), name="redis-broker-listener"
        )

    async def subscribe(self, topic: str) -> None:
        self._topics.add(topic)
        await self._apply(lambda ps: ps.subscribe(topic))

    async def unsubscribe(self, topic: str) -> None:
        self._topics.discard(topic)
        await self._apply(lambda ps: ps.unsubscribe(topic))

    async def publish(self, topic: str, payload: bytes) -> None:
        try:
            await self._client.publish(topic, payload)
        except RedisError as exc:
            raise Unavailable(f"redis publish failed: {exc}") from exc

    async def ping(self) -> None:
        try:
            await self._client.ping()
        except RedisError as exc:
            raise Unavailable(f"redis unreachable: {exc}") from exc

    async def close(self) -> None:
        # redis-py may turn a cancellation into a connection error; the flag makes the
        # supervisor stop even when the CancelledError itself never reaches it.
        self._closing = True
        self._stopped.set()
        if self._listener is not None:
            self._listener.cancel()
            await asyncio.wait([self._listener])
        if self._pubsub is not None:
            with contextlib.suppress(RedisError):
                await self._pubsub.aclose()  # type: ignore[no-untyped-call]
        await self._client.aclose()
        await self._subscriber.aclose()

    async def _apply(self, change: Callable[[PubSub], Awaitable[object]]) -> None:
        """Subscribe changes go to the live pubsub; after a reconnect all topics are renewed."""
        pubsub = self._pubsub
        if pubsub is None:
            return
        try:
            await change(pubsub)
        except RedisError:
            log.warning("redis subscription change failed; it is renewed on reconnect")

    async def _supervise(self, receiver: Receiver, recovered: Recovered) -> None:
        attempt = 0
        first = True
        while not self._closing:
            pubsub = self._subscriber.pubsub(ignore_subscribe_messages=True)
            try:
                if self._topics:
                    await pubsub.subscribe(*self._topics)
                else:
                    await pubsub.ping()
                self._pubsub = pubsub
                if not first:
                    log.info("redis broker reconnected; %d topics renewed", len(self._topics))
                    await recovered()
                first = False
                attempt = 0
                await self._listen(pubsub, receiver)
            except asyncio.CancelledError:
                raise
            except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
                if self._closing:
                    return
                delay = reconnect_delay(attempt)
                attempt += 1
                log.warning("redis broker connection lost (%s); retrying in %.2fs", exc, delay)
                await self._pause(delay)
            except Exception:
                if self._closing:
                    return
                log.exception("redis broker listener failed; restarting")
                await self._pause(reconnect_delay(attempt))
                attempt += 1
            finally:
                self._pubsub = None
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def _pause(self, seconds: float) -> None:
        """Sleep before a retry, cut short by close()."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopped.wait(), seconds)

    async def _listen(self, pubsub: PubSub, receiver: Receiver) -> None:
        while not self._closing:
            if not pubsub.subscribed:
                # Nothing to listen to yet; get_message would return at once.
                await asyncio.sleep(0.05)
                await pubsub.ping()
                continue
            message = await pubsub.get_message(timeout=1.0)
            if message is None or message.get("type") != "message":
                continue
            topic = message["channel"]
            topic = topic.decode() if isinstance(topic, bytes) else str(topic)
            try:
                await receiver(topic, message["data"])
            except Exception:
                log.exception("delivering a broker message failed")


class RedisPresence:
    """Online agents per tenant in a sorted set scored by expiry; nodes refresh their own."""

    def __init__(self, url: str, node_id: str, supervisor: Supervisor | None = None) -> None:
        self._supervisor = supervisor or Supervisor()
        self._client: aioredis.Redis = aioredis.from_url(url, socket_connect_timeout=2)
        self._node = node_id
        self._mine: dict[str, int] = {}  # member key -> local connection count
        self._refresher: asyncio.Task[None] | None = None

    def _key(self, tenant_id: str) -> str:
        return f"fs:presence:{tenant_id}"

    def _member(self, member: PresenceMember) -> str:
        return json.dumps([member.tenant_id, member.principal_id, member.name, self._node])

    async def join(self, member: PresenceMember) -> None:
        encoded = self._member(member)
        self._mine[encoded] = self._mine.get(encoded, 0) + 1
        if self._refresher is None:
            self._refresher = self._supervisor.spawn(self._refresh(), name="presence-refresh")
        await self._write(member.tenant_id, encoded)

    async def leave(self, member: PresenceMember) -> None:
        encoded = self._member(member)
        left = self._mine.get(encoded, 0) - 1
        if left > 0:
            self._mine[encoded] = left
            return
        self._mine.pop(encoded, None)
        with contextlib.suppress(RedisError):
            await self._client.zrem(self._key(member.tenant_id), encoded)

    async def members(self, tenant_id: str) -> list[PresenceMember]:
        key = self._key(tenant_id)
        try:
            await self._client.zremrangebyscore(key, 0, time.time())
            raw = await self._client.zrange(key, 0, -1)
        except RedisError as exc:
            raise Unavailable(f"redis unreachable: {exc}") from exc
        seen: dict[str, PresenceMember] = {}
        for item in raw:
            tenant, principal, name, _node = json.loads(
                str(item, "utf-8") if isinstance(item, bytes) else str(item)
            )
            seen[principal] = PresenceMember(tenant, principal, name)
        return sorted(seen.values(), key=lambda m: m.principal_id)

    async def close(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            await asyncio.wait([self._refresher])
        for encoded in list(self._mine):
            tenant = json.loads(encoded)[0]
            with contextlib.suppress(RedisError):
                await self._client.zrem(self._key(tenant), encoded)
        await self._client.aclose()

    async def _write(self, tenant_id: str, encoded: str) -> None:
        with contextlib.suppress(RedisError):
            await self._client.zadd(self._key(tenant_id), {encoded: time.time() + PRESENCE_TTL_S})

    async def _refresh(self) -> None:
        """Keep this node's members from expiring; a failed round is logged and retried."""
        while True:
            await asyncio.sleep(PRESENCE_REFRESH_S)
            try:
                for encoded in list(self._mine):
                    await self._write(json.loads(encoded)[0], encoded)
            except Exception:
                log.exception("presence refresh failed; retrying next round")


class RedisLedger:
    """Per-window spending in one counter per (window, principal): INCRBY from each node,
    read back with one MGET, in one pipelined round trip a second."""

    def __init__(self, url: str) -> None:
        self._client: aioredis.Redis = aioredis.from_url(
            url, socket_connect_timeout=2, socket_timeout=2
        )

    async def exchange(
        self, window: int, spent: Mapping[str, int], read: int, keys: Collection[str]
    ) -> dict[str, int]:
        wanted = list(keys)
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                for key, tokens in spent.items():
                    pipe.incrby(f"fs:rate:{window}:{key}", tokens)
                    pipe.expire(f"fs:rate:{window}:{key}", RATE_WINDOW_TTL_S)
                if wanted:
                    pipe.mget([f"fs:rate:{read}:{key}" for key in wanted])
                replies = await pipe.execute()
        except RedisError as exc:
            raise Unavailable(f"redis unreachable: {exc}") from exc
        if not wanted:
            return {}
        return {key: int(value or 0) for key, value in zip(wanted, replies[-1], strict=True)}

    async def close(self) -> None:
        await self._client.aclose()
