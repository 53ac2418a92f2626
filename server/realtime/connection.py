"""One client connection: its bounded outbox and writer, and its per-conversation cursors.

Delivery per conversation is exactly once and in ``seq`` order. What to send and what to
read is decided by ``protocol.cursor`` (no I/O: duplicates, gaps, buffer-then-merge); the
connection carries it out: it reads the missing events from PostgreSQL and writes frames.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeAlias

from server.domain.access import Principal
from server.domain.events import PersistedEvent
from server.errors import FlowSupportError
from server.metrics import Metrics
from server.protocol.codec import Codec
from server.protocol.codes import CLOSE_INTERNAL, CLOSE_RESTARTING
from server.protocol.cursor import Cursor as SeqCursor
from server.protocol.cursor import Fetch
from server.protocol.cursor import Step as SeqStep
from server.protocol.wire import data_frame
from server.realtime import present
from server.realtime.direct import DirectWriter
from server.realtime.envelope import (
    AI,
    CREATED,
    EVENT,
    SIGNAL,
    STAFF,
    TICKET,
    UPDATED,
    VISITOR,
    Envelope,
)
from server.services.conversations import InboxFilter, Replay

log = logging.getLogger("flowsupport.realtime")

# Sends the encoded frame; raises when the socket is gone.
Transmit = Callable[[str | bytes], Awaitable[None]]
Close = Callable[[int, str], Awaitable[None]]


@dataclass(frozen=True)
class _Close:
    code: int
    reason: str


# What a connection holds of one conversation: replayed rows are stored events, live ones
# the hub's envelopes.
Cursor: TypeAlias = SeqCursor[PersistedEvent, Envelope]
Step: TypeAlias = SeqStep[PersistedEvent, Envelope]


class Replays(Protocol):
    """Where a catch-up reads the events a client misses (ConversationService)."""

    async def replay(
        self, principal: Principal, conversation_id: str, after_seq: int, limit: int
    ) -> Replay: ...


class Connection:
    def __init__(
        self,
        *,
        session_id: str,
        principal: Principal,
        codec: Codec,
        transmit: Transmit,
        close: Close,
        conversations: Replays,
        outbox_size: int = 1024,
        direct: DirectWriter | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.session_id = session_id
        self.principal = principal
        self.codec = codec
        self.viewer = VISITOR if principal.kind == "visitor" else STAFF
        self.tenant_id = str(principal.tenant_id)
        self.cursors: dict[str, Cursor] = {}
        self.topics: set[str] = set()  # the hub's bookkeeping: topics this connection is in
        self.inbox: InboxFilter | None = None
        self._transmit = transmit
        self._close = close
        self._conversations = conversations
        self._outbox: deque[str | bytes | _Close] = deque()
        self._outbox_size = outbox_size
        self._tasks: set[asyncio.Task[None]] = set()
        # Runs only while the outbox holds frames: an idle connection keeps no task.
        self._writer: asyncio.Task[None] | None = None
        self._direct = direct
        self._metrics = metrics
        self._sending = False  # the writer is inside an ASGI send
        self.closing = False

    # -- output -------------------------------------------------------------------------

    @property
    def queued(self) -> int:
        """Frames waiting in the outbox (the /metrics queue-depth gauge)."""
        return len(self._outbox)

    def send(self, frame: dict[str, Any]) -> None:
        """Send a frame to this connection alone (answers, errors, replayed rows)."""
        data = self.codec.encode(frame)
        if self._can_write_directly():
            assert self._direct is not None
            payload = data.encode() if isinstance(data, str) else data
            if self._direct.write(data_frame(payload, binary=self.codec.binary)):
                return
        self.enqueue(data)

    def enqueue(self, data: str | bytes | None) -> None:
        """Queue an encoded frame; a client that cannot keep up is closed, never skipped."""
        if data is None or self.closing:
            return
        if len(self._outbox) >= self._outbox_size:
            log.warning("session %s: outbox full, closing slow client", self.session_id)
            if self._metrics is not None:
                self._metrics.slow_client_disconnects.inc()
            self.spawn(self.shut(CLOSE_RESTARTING, "too slow: reconnect and resume by seq"))
            return
        self._queue(data)

    def deliver(self, envelope: Envelope) -> None:
        """Send a fanned-out frame: pre-framed straight to the socket when nothing is
        queued ahead of it, else through the outbox (same order either way)."""
        if self._can_write_directly():
            assert self._direct is not None
            framed = envelope.framed(self.codec, self.viewer)
            if framed is None or self._direct.write(framed):
                return
        self.enqueue(envelope.encoded(self.codec, self.viewer))

    def _can_write_directly(self) -> bool:
        """Whether a frame may skip the outbox: nothing queued or being sent ahead of it."""
        return (
            self._direct is not None and not self._sending and not self._outbox and not self.closing
        )

    def _queue(self, item: str | bytes | _Close) -> None:
        self._outbox.append(item)
        if self._writer is None:
            self._writer = asyncio.create_task(self._write(), name=f"writer-{self.session_id}")

    async def _write(self) -> None:
        """Empty the outbox through the ASGI send, then end (the next frame starts anew)."""
        try:
            while self._outbox:
                data = self._outbox.popleft()
                if isinstance(data, _Close):
                    with contextlib.suppress(Exception):
                        await self._close(data.code, data.reason)
                    return
                self._sending = True
                try:
                    await self._transmit(data)
                except Exception:  # the socket is gone; the reader notices and cleans up
                    self.closing = True
                    return
                finally:
                    self._sending = False
        finally:
            self._writer = None

    async def drain(self) -> None:
        """Finish writing what is queued (graceful close, at most 5 s), then stop."""
        writer = self._writer
        if writer is None:
            return
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(asyncio.shield(writer), timeout=5)
        writer.cancel()

    async def shut(self, code: int, reason: str) -> None:
        """Close now, dropping what is queued (a slow client cannot take it anyway)."""
        if self.closing:
            return
        self.closing = True
        with contextlib.suppress(Exception):
            await self._close(code, reason)

    def shut_after_queued(self, code: int, reason: str) -> None:
        """Close once the frames already queued are written (e.g. the errors that explain
        a policy close)."""
        if self.closing:
            return
        self.closing = True
        if len(self._outbox) >= self._outbox_size:
            self.spawn(self._close(code, reason))
        else:
            self._queue(_Close(code, reason))

    def spawn(self, work: Awaitable[None]) -> None:
        """Run `work` supervised: kept referenced, failures logged, cancelled on close."""

        async def supervised() -> None:
            try:
                await work
            except asyncio.CancelledError:
                raise
            except FlowSupportError as exc:
                log.warning("session %s: %s; closing for a retry", self.session_id, exc.message)
                await self.shut(CLOSE_RESTARTING, "temporarily unavailable: reconnect")
            except Exception:
                log.exception("session %s: background work failed", self.session_id)
                await self.shut(CLOSE_INTERNAL, "internal error")

        task = asyncio.create_task(supervised())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def stop_tasks(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    # -- input from the hub ---------------------------------------------------------------

    def offer(self, topic_is_inbox: bool, envelope: Envelope) -> None:
        """An envelope arrived on a topic this connection is in; deliver it or not."""
        if envelope.kind == EVENT:
            conversation_id = envelope.conversation_id or ""
            cursor = self.cursors.get(conversation_id)
            if topic_is_inbox:
                # The conversation's own topic delivers (in order) to a subscriber.
                if (
                    cursor is None
                    and self.inbox is not None
                    and self.inbox.admits(envelope.status, envelope.assignee_id, self.principal.id)
                ):
                    self.deliver(envelope)
                return
            if cursor is not None:
                step = cursor.offer(envelope)
                self._carry_out(step)
                if step.fetch is not None:  # a gap: read what the hub lost
                    self.spawn(self._catch_up(conversation_id, cursor, step.fetch))
        elif envelope.kind == AI:
            # Live-only: to subscribers of the conversation, or else to inbox watchers.
            subscribed = envelope.conversation_id in self.cursors
            if subscribed != topic_is_inbox and (subscribed or self.inbox is not None):
                self.deliver(envelope)
        elif envelope.kind == TICKET:
            if topic_is_inbox and self.inbox is not None:
                self.deliver(envelope)
        elif envelope.kind == UPDATED:
            # Live-only, to subscribers (a visitor's encoding hides a private message's).
            if not topic_is_inbox and envelope.conversation_id in self.cursors:
                self.deliver(envelope)
        elif envelope.kind == CREATED:
            if (
                topic_is_inbox
                and self.inbox is not None
                and self.inbox.admits(envelope.status, envelope.assignee_id, self.principal.id)
            ):
                self.deliver(envelope)
        elif envelope.kind == SIGNAL:
            participant = envelope.frame.get("participant", {})
            if (
                envelope.conversation_id in self.cursors
                and participant.get("id") != self.principal.id
            ):
                self.deliver(envelope)

    # -- catching up --------------------------------------------------------------------

    def _carry_out(self, step: Step) -> None:
        """Send what the cursor decided, in its order: replayed rows, then live events."""
        for event in step.rows:
            self.send(present.event_frame(event))
        for envelope in step.live:
            self.deliver(envelope)

    async def catch_up(self, conversation_id: str) -> None:
        """Send what the client misses after its cursor from PostgreSQL, then go live."""
        cursor = self.cursors.get(conversation_id)
        if cursor is not None:
            await self._catch_up(conversation_id, cursor, cursor.catch_up())

    async def _catch_up(self, conversation_id: str, cursor: Cursor, fetch: Fetch) -> None:
        """Read the pages the cursor asks for until it is live; stop once the client
        unsubscribed (or subscribed afresh: that cursor runs its own catch-up)."""
        next_fetch: Fetch | None = fetch
        while next_fetch is not None and self.cursors.get(conversation_id) is cursor:
            replay = await self._conversations.replay(
                self.principal, conversation_id, next_fetch.after_seq, next_fetch.limit
            )
            if self.cursors.get(conversation_id) is not cursor:
                return  # unsubscribed meanwhile
            step = cursor.replayed(
                replay.events, truncated=replay.truncated, last_seq=replay.last_seq
            )
            self._carry_out(step)
            next_fetch = step.fetch

    def resync(self) -> None:
        """After a broker outage: every live conversation catches up from its cursor."""
        for conversation_id, held in self.cursors.items():
            fetch = held.resync()
            if fetch is not None:
                self.spawn(self._catch_up(conversation_id, held, fetch))
