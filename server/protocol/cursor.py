"""The `seq` cursor of one subscribed conversation, without I/O.

PROTOCOL.md promises per conversation: every event after the client's `after_seq`
exactly once, in `seq` order, then the live ones. Live events come through the hub, which
may repeat, reorder or lose them (a broker message lost, a broker reconnect); the
database does not. So the cursor keeps the last seq the client holds and, while a
catch-up (a replay read from the database) is in flight, buffers live events to merge
once the replay reaches them.

Like the `websockets` library's protocol core, it is fed events (a live event, a page of
replayed rows, a resync) and answers decisions (a `Step`: send these, then fetch that);
the connection does the I/O. Nothing here awaits, reads a clock or touches a socket, so
every rule is a table test (tests/unit/test_cursor.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, Self, TypeVar

from server.protocol.codes import MAX_REPLAY


class Sequenced(Protocol):
    """Anything that carries a conversation's `seq`: a stored event or a live envelope."""

    @property
    def seq(self) -> int: ...


R = TypeVar("R", bound=Sequenced)  # a replayed row (the connection's: PersistedEvent)
L = TypeVar("L", bound=Sequenced)  # a live event from the hub (the connection's: Envelope)


@dataclass(frozen=True)
class Fetch:
    """Read the conversation's events after `after_seq` (at most `limit`, oldest first),
    then hand the page to `Cursor.replayed`."""

    after_seq: int
    limit: int = MAX_REPLAY


@dataclass(frozen=True)
class Step(Generic[R, L]):
    """A decision: send `rows`, then `live` (together they are in seq order, each once),
    then, when `fetch` is set, read that page before the conversation can go live."""

    rows: tuple[R, ...] = ()
    live: tuple[L, ...] = ()
    fetch: Fetch | None = None


@dataclass
class Cursor(Generic[R, L]):
    """What a connection holds of one conversation: the last seq the client has, and the
    live events held back while a catch-up is in flight (`buffer` None: live, no catch-up).

    A new cursor buffers from the start: a subscriber joins the topic first and replays
    after, so nothing published in between is lost, and the merge drops the doubles."""

    topic: str
    last_seq: int = 0
    buffer: list[L] | None = field(default_factory=list)

    @property
    def live(self) -> bool:
        return self.buffer is None

    @classmethod
    def subscribe(
        cls, topic: str, conversation_last_seq: int, after_seq: int | None
    ) -> tuple[Self, bool]:
        """The cursor for `subscribe`, and whether its ack says `truncated`.

        No `after_seq` means no replay: the client starts at the conversation's last seq.
        Otherwise at most MAX_REPLAY events are replayed; when more are missing the ack
        carries `truncated` and the client pages the older ones over HTTP. An `after_seq`
        beyond the conversation's last seq starts at the last seq (nothing to replay)."""
        cursor = cls(topic)
        if after_seq is None:
            cursor.last_seq = conversation_last_seq
            return cursor, False
        start = max(after_seq, conversation_last_seq - MAX_REPLAY)
        cursor.last_seq = min(start, conversation_last_seq)
        return cursor, start > after_seq

    def catch_up(self) -> Fetch:
        """Begin reading what the client misses after its cursor (after `subscribe`, or for
        a conversation it follows from its start); live events buffer meanwhile."""
        if self.buffer is None:
            self.buffer = []
        return Fetch(self.last_seq)

    def offer(self, event: L) -> Step[R, L]:
        """A live event from the hub. The next seq is sent; a repeat is dropped; during a
        catch-up it waits in the buffer; after a gap (the hub lost some) it waits too,
        and a catch-up starts: the database has what is missing."""
        if self.buffer is not None:
            self.buffer.append(event)
            return Step()
        if event.seq <= self.last_seq:
            return Step()  # already delivered
        if event.seq == self.last_seq + 1:
            self.last_seq = event.seq
            return Step(live=(event,))
        self.buffer = [event]
        return Step(fetch=Fetch(self.last_seq))

    def replayed(self, rows: Sequence[R], *, truncated: bool, last_seq: int) -> Step[R, L]:
        """A page of the catch-up arrived (the answer to the last `Fetch`).

        Rows after the cursor are sent. `last_seq` is how far the page is complete (the
        conversation's last seq when read, or the page's last row when `truncated`): it
        moves the cursor past events this viewer may not see (a visitor's stream skips
        private notes). A truncated page asks for the next one. Otherwise the buffer is
        merged in seq order, repeats dropped, until it runs out (live from now on) or
        shows a gap (read again from there: the rest stays buffered)."""
        sent: list[R] = []
        for row in rows:
            if row.seq > self.last_seq:
                self.last_seq = row.seq
                sent.append(row)
        self.last_seq = max(self.last_seq, last_seq)
        if truncated:
            return Step(rows=tuple(sent), fetch=Fetch(self.last_seq))
        pending = sorted(self.buffer or [], key=lambda event: event.seq)
        merged: list[L] = []
        for index, event in enumerate(pending):
            if event.seq <= self.last_seq:
                continue
            if event.seq != self.last_seq + 1:
                self.buffer = pending[index:]
                return Step(tuple(sent), tuple(merged), Fetch(self.last_seq))
            self.last_seq = event.seq
            merged.append(event)
        self.buffer = None
        return Step(tuple(sent), tuple(merged))

    def resync(self) -> Fetch | None:
        """The broker reconnected: what it carried meanwhile may be lost, so a live cursor
        catches up from its seq. One already catching up is left alone: a seq its replay
        did not see shows as a gap at the next live event, which starts another."""
        if self.buffer is not None:
            return None
        self.buffer = []
        return Fetch(self.last_seq)
