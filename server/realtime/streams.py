"""Ending the answers of a node that died: another node's streams are watched through the
broker, and each node says it is alive every HEARTBEAT_S. A stream whose node has not been
heard from for ORPHAN_AFTER_S is over: every node ends it for its own watchers with
`ai.done` (`reason: "error"`), so no agent's view shows an answer being written forever. The
conversation itself is then the escalation timer's (its question is still unanswered).

No I/O here: the hub feeds what it hears and asks, with its clock, what has been orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HEARTBEAT_S = 2.0
ORPHAN_AFTER_S = 3 * HEARTBEAT_S


@dataclass
class Stream:
    stream_id: str
    node: str
    tenant_id: str
    conversation_id: str
    topics: set[str] = field(default_factory=set)


class OrphanWatch:
    def __init__(self) -> None:
        self._streams: dict[str, Stream] = {}
        self._heard: dict[str, float] = {}  # node -> when it was last heard from

    def heard(self, node: str, now: float) -> None:
        self._heard[node] = now

    def ai_frame(self, node: str, tenant_id: str, frame: dict[str, object], topic: str) -> None:
        """An ai.* frame another node published: its stream is open until its ai.done."""
        stream_id = str(frame.get("stream_id"))
        if frame.get("type") == "ai.done":
            self._streams.pop(stream_id, None)
            return
        stream = self._streams.get(stream_id)
        if stream is None:
            stream = Stream(stream_id, node, tenant_id, str(frame.get("conversation_id")))
            self._streams[stream_id] = stream
        stream.topics.add(topic)

    def forgive(self, now: float) -> None:
        """After a broker outage nobody was heard: every node gets a fresh lease."""
        for node in self._heard:
            self._heard[node] = now

    def orphans(self, now: float) -> list[Stream]:
        """The open streams whose node has been silent too long; they are forgotten."""
        silent = {n for n, at in self._heard.items() if now - at > ORPHAN_AFTER_S}
        ended = [s for s in self._streams.values() if s.node in silent]
        for stream in ended:
            del self._streams[stream.stream_id]
        for node in silent:
            if not any(s.node == node for s in self._streams.values()):
                del self._heard[node]
        return ended

    @property
    def open_streams(self) -> int:
        return len(self._streams)
