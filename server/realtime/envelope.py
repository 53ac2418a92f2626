"""What crosses the broker: one event, packed once, encoded once per (encoding, viewer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgpack

from server.protocol.codec import Codec
from server.protocol.wire import data_frame

STAFF = "staff"
VISITOR = "visitor"

EVENT = "event"  # persisted, carries seq
SIGNAL = "signal"  # typing, read
PRESENCE = "presence"  # agents online changed in a tenant
AI = "ai"  # ai.started / ai.delta / ai.done: live-only, no seq
TICKET = "ticket"  # ticket.updated / ticket.sla_breached: live-only, to inbox watchers
CREATED = "created"  # conversation.created: live-only, to inbox watchers its filter admits
UPDATED = "updated"  # message.updated: live-only, to the conversation's subscribers
ALIVE = "alive"  # a node's heartbeat on NODES_TOPIC: its answer streams are still being written
NODES_TOPIC = "nodes"


@dataclass
class Envelope:
    kind: str
    node: str
    tenant_id: str
    conversation_id: str | None = None
    seq: int = 0
    private: bool = False
    status: str | None = None
    assignee_id: str | None = None
    frame: dict[str, Any] = field(default_factory=dict)
    _encoded: dict[tuple[str, str], str | bytes | None] = field(default_factory=dict)
    _framed: dict[tuple[str, str], bytes | None] = field(default_factory=dict)

    def encoded(self, codec: Codec, viewer: str) -> str | bytes | None:
        """The frame for this viewer in this encoding (None: the viewer must not see it).

        Cached: a message fanned out to 1,000 connections is encoded at most four times.
        """
        key = (codec.name, viewer)
        if key not in self._encoded:
            hidden = viewer == VISITOR and self.private
            self._encoded[key] = None if hidden else codec.encode(self.frame)
        return self._encoded[key]

    def framed(self, codec: Codec, viewer: str) -> bytes | None:
        """The same frame as complete WebSocket frame bytes, built once per key."""
        key = (codec.name, viewer)
        if key not in self._framed:
            data = self.encoded(codec, viewer)
            if data is None:
                self._framed[key] = None
            else:
                payload = data.encode() if isinstance(data, str) else data
                self._framed[key] = data_frame(payload, binary=codec.binary)
        return self._framed[key]

    def pack(self) -> bytes:
        packed: bytes = msgpack.packb(
            [
                self.kind,
                self.node,
                self.tenant_id,
                self.conversation_id,
                self.seq,
                self.private,
                self.status,
                self.assignee_id,
                self.frame,
            ],
            use_bin_type=True,
        )
        return packed

    @classmethod
    def unpack(cls, data: bytes) -> Envelope:
        kind, node, tenant, conv, seq, private, status, assignee, frame = msgpack.unpackb(
            data, raw=False
        )
        return cls(kind, node, tenant, conv, seq, private, status, assignee, frame)


def conversation_topic(tenant_id: str, conversation_id: str) -> str:
    return f"t:{tenant_id}:conv:{conversation_id}"


def inbox_topic(tenant_id: str) -> str:
    return f"t:{tenant_id}:inbox"


def presence_topic(tenant_id: str) -> str:
    return f"t:{tenant_id}:presence"
