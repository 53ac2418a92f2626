"""Read positions: what each reader (agent, bot, or the customer) has read, stored.

A `read` frame moves its sender's position in a conversation forward; the position lives
in PostgreSQL (`read_positions`), so `unread_count` is right after a sign-out and sign-in
and on every node. Clients send `read` as messages scroll into view, often many a second:
reads of one reader in one conversation are coalesced over a short window into one write
of the highest seq, and one `read` frame to the other participants after it is stored. A
request of that reader's own that counts unread messages writes what is pending first.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from dataclasses import dataclass

from server.domain.access import Principal, sender_of
from server.domain.events import EventSink, ReadSignal
from server.domain.models import Conversation
from server.store import conversations
from server.store.db import Database
from server.supervisor import Supervisor

WINDOW_S = 0.5  # reads of one reader and conversation within this become one write

_Key = tuple[str, str, uuid.UUID]  # reader kind, reader id, conversation


@dataclass
class _Pending:
    principal: Principal
    conversation: Conversation
    seq: int


class ReadPositions:
    def __init__(
        self,
        db: Database,
        sink: EventSink,
        *,
        window_s: float = WINDOW_S,
        supervisor: Supervisor | None = None,
    ) -> None:
        self._supervisor = supervisor or Supervisor()
        self._db = db
        self._sink = sink
        self._window_s = window_s
        self._pending: dict[_Key, _Pending] = {}
        self._timers: dict[_Key, asyncio.Task[None]] = {}
        self._flushing: set[_Key] = set()

    def offer(self, principal: Principal, conversation: Conversation, seq: int) -> None:
        """Record that `principal` read `conversation` up to `seq` (checked by the caller):
        written at the end of the window this read opens or joins."""
        key = (principal.kind, principal.id, conversation.id)
        pending = self._pending.get(key)
        if pending is not None:
            pending.seq = max(pending.seq, seq)
            return
        self._pending[key] = _Pending(principal, conversation, seq)
        self._timers[key] = self._supervisor.spawn(
            self._after_window(key), name=f"read-position-{conversation.id}"
        )

    async def settle(self, principal: Principal) -> None:
        """Write this reader's pending positions now, before answering a request of theirs
        that counts unread messages: what they have read reads as read to them at once."""
        mine = [k for k in self._timers if k[0] == principal.kind and k[1] == principal.id]
        for key in mine:
            task = self._timers.get(key)
            if task is None:
                continue
            if key in self._flushing:
                await asyncio.wait([task])  # being written; its failure is the supervisor's
                continue
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            self._timers.pop(key, None)
            await self._flush(key)

    async def close(self) -> None:
        """Shutdown: write what is pending now rather than lose it (each write on its own,
        its failure logged by the supervisor)."""
        timers = list(self._timers.values())
        for task in timers:
            task.cancel()
        if timers:
            await asyncio.wait(timers)
        for key in list(self._pending):
            await self._supervisor.run_detached(self._flush(key), name="read-position")

    async def _after_window(self, key: _Key) -> None:
        await asyncio.sleep(self._window_s)
        self._flushing.add(key)
        try:
            await self._flush(key)
        finally:
            self._flushing.discard(key)
            self._timers.pop(key, None)

    async def _flush(self, key: _Key) -> None:
        pending = self._pending.pop(key, None)
        if pending is None:
            return
        who, conversation = pending.principal, pending.conversation
        async with self._db.unit(who.context()) as conn:
            await conversations.set_read(
                conn,
                tenant_id=conversation.tenant_id,
                conversation_id=conversation.id,
                reader_kind=who.kind,
                reader_id=uuid.UUID(who.id),
                seq=pending.seq,
            )
        await self._sink.signal(
            ReadSignal(conversation.tenant_id, conversation.id, sender_of(who), pending.seq)
        )
