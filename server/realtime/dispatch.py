"""The explicit dispatch table: one handler per client frame type (after `hello`).

A handler answers through the connection; errors it raises become `error` frames with the
request's id, and the connection goes on (PROTOCOL.md: never close for a parsable frame).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from server.errors import BadRequest
from server.protocol import frames, objects
from server.realtime import present
from server.realtime.connection import Connection, Cursor
from server.realtime.envelope import conversation_topic, inbox_topic
from server.realtime.hub import Hub
from server.services.answers import AnswerService
from server.services.conversations import ConversationService, InboxFilter
from server.services.csat import CsatService
from server.services.escalation import EscalationService


@dataclass(frozen=True)
class Context:
    connection: Connection
    hub: Hub
    conversations: ConversationService
    answers: AnswerService
    escalation: EscalationService
    csat: CsatService


Handler = Callable[[Context, Any], Awaitable[None]]


async def conversation_start(ctx: Context, frame: frames.ConversationStart) -> None:
    conn = ctx.connection
    conversation = await ctx.conversations.start(
        conn.principal,
        subject=frame.subject,
        attributes=frame.attributes,
        channel=frame.channel,
        client_conv_id=frame.client_conv_id,
    )
    # PROTOCOL.md: the principal that starts a conversation is subscribed to it at once.
    topic = conversation_topic(conn.tenant_id, str(conversation.id))
    conn.cursors[str(conversation.id)] = Cursor(topic, conversation.last_seq, buffer=None)
    await ctx.hub.join(conn, topic)
    conn.send(present.ack(frame.id, conversation=objects.conversation(conversation)))


async def conversations_list(ctx: Context, frame: frames.ConversationsList) -> None:
    own = await ctx.conversations.own(ctx.connection.principal)
    listed = [objects.own_conversation(c, last) for c, last in own]
    ctx.connection.send(present.ack(frame.id, conversations=listed))


async def subscribe(ctx: Context, frame: frames.Subscribe) -> None:
    conn = ctx.connection
    conversation = await ctx.conversations.get(conn.principal, frame.conversation_id)
    # The operator (super_admin with no user) may follow another tenant's conversation: the
    # topic is the conversation's.
    topic = conversation_topic(str(conversation.tenant_id), frame.conversation_id)
    # The cursor buffers live events from the moment the topic is joined; catch_up then
    # reads everything after the cursor from PostgreSQL and merges: no gap, no double.
    cursor, truncated = Cursor.subscribe(topic, conversation.last_seq, frame.after_seq)
    conn.cursors[frame.conversation_id] = cursor
    await ctx.hub.join(conn, topic)
    fields: dict[str, Any] = {
        "conversation": objects.conversation(conversation),
        "last_seq": conversation.last_seq,
    }
    if truncated:
        fields["truncated"] = True
    conn.send(present.ack(frame.id, **fields))
    await conn.catch_up(frame.conversation_id)


async def unsubscribe(ctx: Context, frame: frames.Unsubscribe) -> None:
    conn = ctx.connection
    cursor = conn.cursors.pop(frame.conversation_id, None)
    if cursor is not None:
        await ctx.hub.leave(conn, cursor.topic)
    conn.send(present.ack(frame.id))


async def inbox_subscribe(ctx: Context, frame: frames.InboxSubscribe) -> None:
    conn = ctx.connection
    wanted = InboxFilter(
        statuses=list(frame.filter.status) if frame.filter and frame.filter.status else None,
        assignee=frame.filter.assignee if frame.filter else None,
    )
    page = await ctx.conversations.inbox(conn.principal, wanted)
    conn.inbox = wanted
    await ctx.hub.join(conn, inbox_topic(conn.tenant_id))
    conn.send(present.ack(frame.id, conversations=[objects.conversation(c) for c in page]))


async def message_send(ctx: Context, frame: frames.MessageSend) -> None:
    conn = ctx.connection
    message = await ctx.conversations.send(
        conn.principal,
        frame.conversation_id,
        client_msg_id=frame.client_msg_id,
        body=frame.body,
        private=frame.private,
        attachments=frame.attachments,
    )
    conn.send(present.ack(frame.id, message=objects.message(message)))
    continued = str(message.conversation_id)
    if continued != frame.conversation_id and continued not in conn.cursors:
        # The conversation was closed: the message started a new one linked to it, and the
        # sender follows that one from its start (as if it had started it).
        topic = conversation_topic(conn.tenant_id, continued)
        conn.cursors[continued] = Cursor(topic)
        await ctx.hub.join(conn, topic)
        await conn.catch_up(continued)


async def typing(ctx: Context, frame: frames.Typing) -> None:
    await ctx.conversations.typing(ctx.connection.principal, frame.conversation_id, frame.state)


async def read(ctx: Context, frame: frames.Read) -> None:
    await ctx.conversations.read(ctx.connection.principal, frame.conversation_id, frame.seq)


async def handoff_request(ctx: Context, frame: frames.HandoffRequest) -> None:
    await ctx.escalation.hand_off(ctx.connection.principal, frame.conversation_id)
    conversation = await ctx.conversations.get(ctx.connection.principal, frame.conversation_id)
    ctx.connection.send(present.ack(frame.id, conversation=objects.conversation(conversation)))


async def conversation_update(ctx: Context, frame: frames.ConversationUpdate) -> None:
    values: dict[str, Any] = {
        name: getattr(frame, name)
        for name in ("status", "assignee_id", "priority", "tags", "snoozed_until")
        if name in frame.model_fields_set
    }
    if values.get("status", "") is None or values.get("priority", "") is None:
        raise BadRequest("status and priority cannot be null")
    if "tags" in values and values["tags"] is None:
        values["tags"] = []
    conversation = await ctx.conversations.update(
        ctx.connection.principal, frame.conversation_id, values
    )
    ctx.connection.send(present.ack(frame.id, conversation=objects.conversation(conversation)))


async def csat_submit(ctx: Context, frame: frames.CsatSubmit) -> None:
    conversation = await ctx.csat.submit(
        ctx.connection.principal, frame.conversation_id, frame.rating, frame.comment
    )
    ctx.connection.send(present.ack(frame.id, conversation=objects.conversation(conversation)))


async def ai_stop(ctx: Context, frame: frames.AiStop) -> None:
    await ctx.answers.stop(ctx.connection.principal, frame.conversation_id)
    ctx.connection.send(present.ack(frame.id))


async def ping(ctx: Context, frame: frames.Ping) -> None:
    pong: dict[str, Any] = {"type": "pong"}
    if frame.id is not None:
        pong["id"] = frame.id
    ctx.connection.send(pong)


async def hello_again(ctx: Context, frame: frames.Hello) -> None:
    raise BadRequest("type: already authenticated; hello is the first frame only")


HANDLERS: dict[type[frames.Frame], Handler] = {
    frames.Hello: hello_again,
    frames.ConversationStart: conversation_start,
    frames.ConversationsList: conversations_list,
    frames.Subscribe: subscribe,
    frames.Unsubscribe: unsubscribe,
    frames.InboxSubscribe: inbox_subscribe,
    frames.MessageSend: message_send,
    frames.Typing: typing,
    frames.Read: read,
    frames.HandoffRequest: handoff_request,
    frames.ConversationUpdate: conversation_update,
    frames.CsatSubmit: csat_submit,
    frames.AiStop: ai_stop,
    frames.Ping: ping,
}
