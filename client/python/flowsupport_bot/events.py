"""Typed events for the frames the server pushes (PROTOCOL.md "Server to client")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Participant:
    kind: str
    id: str | None
    name: str | None = None

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Participant:
        return cls(raw.get("kind", ""), raw.get("id"), raw.get("name"))


@dataclass(frozen=True)
class Message:
    id: str
    conversation_id: str
    seq: int
    sender: Participant
    body: str
    private: bool
    client_msg_id: str | None
    created_at: str
    raw: dict[str, Any]

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Message:
        return cls(
            id=raw["id"],
            conversation_id=raw["conversation_id"],
            seq=raw["seq"],
            sender=Participant.of(raw.get("sender", {})),
            body=raw.get("body", ""),
            private=bool(raw.get("private", False)),
            client_msg_id=raw.get("client_msg_id"),
            created_at=raw.get("created_at", ""),
            raw=raw,
        )


@dataclass(frozen=True)
class MessageCreated:
    conversation_id: str
    seq: int
    message: Message


@dataclass(frozen=True)
class ConversationUpdated:
    conversation_id: str
    seq: int
    conversation: dict[str, Any]
    changes: list[str]


@dataclass(frozen=True)
class Typing:
    conversation_id: str
    participant: Participant
    state: bool


@dataclass(frozen=True)
class Read:
    conversation_id: str
    participant: Participant
    seq: int


@dataclass(frozen=True)
class Presence:
    agents_online: int
    agents: list[dict[str, Any]] | None


@dataclass(frozen=True)
class Other:
    """A frame type this SDK version does not model (the protocol only ever adds)."""

    type: str
    frame: dict[str, Any]


Event = MessageCreated | ConversationUpdated | Typing | Read | Presence | Other


def parse_event(frame: dict[str, Any]) -> Event:
    kind = frame.get("type", "")
    if kind == "message.created":
        return MessageCreated(frame["conversation_id"], frame["seq"], Message.of(frame["message"]))
    if kind == "conversation.updated":
        return ConversationUpdated(
            frame["conversation_id"], frame["seq"], frame["conversation"], frame.get("changes", [])
        )
    if kind == "typing":
        return Typing(
            frame["conversation_id"], Participant.of(frame["participant"]), frame["state"]
        )
    if kind == "read":
        return Read(frame["conversation_id"], Participant.of(frame["participant"]), frame["seq"])
    if kind == "presence":
        return Presence(frame["agents_online"], frame.get("agents"))
    return Other(kind, frame)


def event_seq(event: Event) -> tuple[str, int] | None:
    """(conversation_id, seq) for the persisted events that carry one."""
    if isinstance(event, MessageCreated | ConversationUpdated):
        return event.conversation_id, event.seq
    if isinstance(event, Other) and isinstance(event.frame.get("seq"), int):
        conversation = event.frame.get("conversation_id")
        return (conversation, event.frame["seq"]) if isinstance(conversation, str) else None
    return None
