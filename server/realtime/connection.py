"""One client connection: its bounded outbox and writer, and its per-conversation cursor.

Delivery per conversation is exactly once and in ``seq`` order: the cursor remembers the
last seq the client holds; a duplicate is dropped, a gap (a broker message lost, a broker
reconnect) makes the connection buffer live events, read the missing ones from
PostgreSQL, then merge. The same path serves `subscribe` with `after_seq`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import server.metrics as metrics
from server.domain.access import Principal
from server.errors import FlowSupportError
from server.protocol.codec import Codec
from server.protocol.codes import CLOSE_INTERNAL, CLOSE_RESTARTING, MAX_REPLAY
from server.realtime import present
from server.realtime.direct import DirectWriter
from server.realtime.envelope import AI, EVENT, SIGNAL, STAFF, TICKET, VISITOR, Envelope
from server.services.conversations import ConversationService, InboxFilter

log = logging.getLogger("flowsupport.realtime")

# Sends the encoded frame; raises when the socket is gone.
Transmit = Callable[[str | bytes], Awaitable[None]]
Close = Callable[[int, str], Awaitable[None]]


@dataclass(frozen=True)
class _Close:
    code: int
    reason: str


@dataclass
class Cursor:
    """What a connection holds of one conversation."""

    topic: str
    last_seq: int = 0
    buffer: list[Envelope] | None = field(default_factory=list)  # None: live, no catch-up

    @property
    def live(self) -> bool:
        return self.buffer is None


class Connection:
    def __init__(
        self,
        *,
        session_id: str,
        principal: Principal,
        codec: Codec,
        transmit: Transmit,
        close: Close,
        conversations: ConversationService,
        outbox_size: int = 1024,
        direct: DirectWriter | None = None,
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
        self._outbox: asyncio.Queue[str | bytes | _Close | None] = asyncio.Queue(outbox_size)
        self._tasks: set[asyncio.Task[None]] = set()
        self._writer: asyncio.Task[None] | None = None
        self._direct = direct
        self._sending = False  # the writer is inside an ASGI send
        self.closing = False

    # -- output -------------------------------------------------------------------------

    def start(self) -> None:
        self._writer = asyncio.create_task(self._write(), name=f"writer-{self.session_id}")

    @property
    def queued(self) -> int:
        """Frames waiting in the outbox (the /metrics queue-depth gauge)."""
        return self._outbox.qsize()

    def send(self, frame: dict[str, Any]) -> None:
        self.enqueue(self.codec.encode(frame))

    def enqueue(self, data: str | bytes | None) -> None:
        """Queue an encoded frame; a client that cannot keep up is closed, never skipped."""
        if data is None or self.closing:
            return
        try:
            self._outbox.put_nowait(data)
        except asyncio.QueueFull:
            log.warning("session %s: outbox full, closing slow client", self.session_id)
            metrics.SLOW_CLIENT_DISCONNECTS.inc()
            self.spawn(self.shut(CLOSE_RESTARTING, "too slow: reconnect and resume by seq"))

    def deliver(self, envelope: Envelope) -> None:
        """Send a fanned-out frame: pre-framed straight to the socket when nothing is
        queued ahead of it, else through the outbox (same order either way)."""
        if (
            self._direct is not None
            and not self._sending
            and self._outbox.empty()
            and not self.closing
        ):
            framed = envelope.framed(self.codec, self.viewer)
            if framed is None or self._direct.write(framed):
                return
        self.enqueue(envelope.encoded(self.codec, self.viewer))

    async def _write(self) -> None:
        while True:
            data = await self._outbox.get()
            if data is None:
                return
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

    async def drain(self) -> None:
        """Finish writing what is queued (graceful close), then stop the writer."""
        if self._writer is None:
            return
        with contextlib.suppress(asyncio.QueueFull):
            self._outbox.put_nowait(None)
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._writer), timeout=5)
        self._writer.cancel()

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
        try:
            self._outbox.put_nowait(_Close(code, reason))
        except asyncio.QueueFull:
            self.spawn(self._close(code, reason))

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
                self._advance(conversation_id, cursor, envelope)
        elif envelope.kind == AI:
            # Live-only: to subscribers of the conversation, or else to inbox watchers.
            subscribed = envelope.conversation_id in self.cursors
            if subscribed != topic_is_inbox and (subscribed or self.inbox is not None):
                self.deliver(envelope)
        elif envelope.kind == TICKET:
            if topic_is_inbox and self.inbox is not None:
                self.deliver(envelope)
        elif envelope.kind == SIGNAL:
            participant = envelope.frame.get("participant", {})
            if (
                envelope.conversation_id in self.cursors
                and participant.get("id") != self.principal.id
            ):
                self.deliver(envelope)

    def _advance(self, conversation_id: str, cursor: Cursor, envelope: Envelope) -> None:
        if cursor.buffer is not None:
            cursor.buffer.append(envelope)
        elif envelope.seq <= cursor.last_seq:
            return  # already delivered
        elif envelope.seq == cursor.last_seq + 1:
            cursor.last_seq = envelope.seq
            self.deliver(envelope)
        else:
            cursor.buffer = [envelope]
            self.spawn(self.catch_up(conversation_id))

    # -- catching up --------------------------------------------------------------------

    async def catch_up(self, conversation_id: str) -> None:
        """Send what the client misses after its cursor from PostgreSQL, then go live."""
        cursor = self.cursors.get(conversation_id)
        while cursor is not None:
            replay = await self._conversations.replay(
                self.principal, conversation_id, cursor.last_seq, MAX_REPLAY
            )
            if self.cursors.get(conversation_id) is not cursor:
                return  # unsubscribed meanwhile
            for event in replay.events:
                if event.seq > cursor.last_seq:
                    cursor.last_seq = event.seq
                    self.send(present.event_frame(event))
            cursor.last_seq = max(cursor.last_seq, replay.last_seq)
            if replay.truncated:
                continue
            pending = sorted(cursor.buffer or [], key=lambda e: e.seq)
            cursor.buffer = []
            for index, envelope in enumerate(pending):
                if envelope.seq <= cursor.last_seq:
                    continue
                if envelope.seq != cursor.last_seq + 1:
                    cursor.buffer = pending[index:]
                    break
                cursor.last_seq = envelope.seq
                self.deliver(envelope)
            else:
                cursor.buffer = None
                return

    def resync(self) -> None:
        """After a broker outage: every conversation catches up from its cursor."""
        for conversation_id, cursor in self.cursors.items():
            if cursor.live:
                cursor.buffer = []
                self.spawn(self.catch_up(conversation_id))
