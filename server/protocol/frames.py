"""Every client-to-server frame of PROTOCOL.md as a typed, validated model.

Server-to-client frames are built by ``server.realtime.present`` as plain dicts: they are
encoded once per (encoding, viewer kind) and fanned out, so they skip model validation.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    field_validator,
    model_validator,
)

from server.protocol.codes import MAX_BODY_CHARS, MAX_CSAT_COMMENT_CHARS, MAX_ID_CHARS

RequestId = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID_CHARS)]
ObjectId = Annotated[str, StringConstraints(min_length=1, max_length=100)]


class Frame(BaseModel):
    # Unknown fields are ignored: v1 clients may be newer than the server (additive changes).
    model_config = ConfigDict(frozen=True, extra="ignore", strict=True)


class Identity(Frame):
    external_id: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    email: Annotated[str, StringConstraints(max_length=320)] | None = None
    name: Annotated[str, StringConstraints(max_length=200)] | None = None
    hmac: Annotated[str, StringConstraints(min_length=1, max_length=128)]


class Hello(Frame):
    type: Literal["hello"]
    widget_key: Annotated[str, StringConstraints(max_length=200)] | None = None
    token: Annotated[str, StringConstraints(max_length=4096)] | None = None
    api_key: Annotated[str, StringConstraints(max_length=200)] | None = None
    visitor_token: Annotated[str, StringConstraints(max_length=4096)] | None = None
    identity: Identity | None = None
    client: Annotated[str, StringConstraints(max_length=200)] | None = None
    # Where the widget is (PROTOCOL.md additions): page, referrer, language, timezone. Never
    # a reason to refuse a visitor: domain/visits.py keeps what is well-formed, drops the rest.
    context: Any = None


class ConversationStart(Frame):
    type: Literal["conversation.start"]
    id: RequestId
    subject: Annotated[str, StringConstraints(max_length=500)] | None = None
    attributes: dict[str, Any] | None = None
    channel: Literal["web", "email", "sms", "whatsapp", "api"] = "web"
    client_conv_id: Annotated[str, StringConstraints(min_length=1, max_length=128)] | None = None


class ConversationsList(Frame):
    type: Literal["conversations.list"]
    id: RequestId


class Subscribe(Frame):
    type: Literal["subscribe"]
    id: RequestId
    conversation_id: ObjectId
    after_seq: Annotated[int, Field(ge=0)] | None = None


class Unsubscribe(Frame):
    type: Literal["unsubscribe"]
    id: RequestId
    conversation_id: ObjectId


class InboxFilter(Frame):
    status: list[Literal["open", "pending", "waiting_human", "resolved", "closed"]] | None = None
    assignee: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None


class InboxSubscribe(Frame):
    type: Literal["inbox.subscribe"]
    id: RequestId
    filter: InboxFilter | None = None


class MessageSend(Frame):
    type: Literal["message.send"]
    id: RequestId
    conversation_id: ObjectId
    client_msg_id: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    body: str = ""
    private: bool = False
    # PROTOCOL.md additions: upload ids (POST /v1/uploads), at most 10; with any, the body
    # may be empty.
    attachments: Annotated[list[ObjectId], Field(max_length=10)] | None = None

    @field_validator("body")
    @classmethod
    def _body_length(cls, value: str) -> str:
        trimmed = value.strip()
        if len(trimmed) > MAX_BODY_CHARS:
            raise ValueError(f"must be 1 to {MAX_BODY_CHARS} characters after trimming")
        return trimmed

    @model_validator(mode="after")
    def _body_or_files(self) -> MessageSend:
        if not self.body and not self.attachments:
            raise ValueError(
                f"body: must be 1 to {MAX_BODY_CHARS} characters after trimming "
                "(or attachments given)"
            )
        return self


class Typing(Frame):
    type: Literal["typing"]
    conversation_id: ObjectId
    state: bool


class Read(Frame):
    type: Literal["read"]
    conversation_id: ObjectId
    seq: Annotated[int, Field(ge=0)]


class HandoffRequest(Frame):
    type: Literal["handoff.request"]
    id: RequestId
    conversation_id: ObjectId
    reason: Annotated[str, StringConstraints(max_length=1000)] | None = None


class ConversationUpdate(Frame):
    type: Literal["conversation.update"]
    id: RequestId
    conversation_id: ObjectId
    status: Literal["open", "pending", "waiting_human", "resolved", "closed"] | None = None
    assignee_id: ObjectId | None = None
    priority: Literal["low", "normal", "high", "urgent"] | None = None
    tags: list[Annotated[str, StringConstraints(min_length=1, max_length=50)]] | None = None
    # PROTOCOL.md additions: snooze until then (RFC 3339 with offset); null ends a snooze.
    snoozed_until: Annotated[str, StringConstraints(max_length=40)] | None = None


class CsatSubmit(Frame):
    """PROTOCOL.md additions: the customer rates a resolved conversation (1..5)."""

    type: Literal["csat.submit"]
    id: RequestId
    conversation_id: ObjectId
    rating: Annotated[int, Field(ge=1, le=5)]
    comment: Annotated[str, StringConstraints(max_length=MAX_CSAT_COMMENT_CHARS)] | None = None


class AiStop(Frame):
    type: Literal["ai.stop"]
    id: RequestId
    conversation_id: ObjectId


class Ping(Frame):
    type: Literal["ping"]
    id: RequestId | None = None


ClientFrame = Annotated[
    Hello
    | ConversationStart
    | ConversationsList
    | Subscribe
    | Unsubscribe
    | InboxSubscribe
    | MessageSend
    | Typing
    | Read
    | HandoffRequest
    | ConversationUpdate
    | CsatSubmit
    | AiStop
    | Ping,
    Field(discriminator="type"),
]

CLIENT_FRAME: TypeAdapter[ClientFrame] = TypeAdapter(ClientFrame)
CLIENT_TYPES = frozenset(
    {
        "hello",
        "conversation.start",
        "conversations.list",
        "subscribe",
        "unsubscribe",
        "inbox.subscribe",
        "message.send",
        "typing",
        "read",
        "handoff.request",
        "conversation.update",
        "csat.submit",
        "ai.stop",
        "ping",
    }
)
