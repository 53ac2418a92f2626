"""The conversation event log: what `subscribe` with after_seq replays, in seq order."""

from __future__ import annotations

import json
import uuid

from server.domain.events import (
    ConversationUpdated,
    MessageCreated,
    PersistedEvent,
    TicketCreated,
)
from server.domain.models import Conversation
from server.domain.tickets import Ticket
from server.ids import ConversationId, TenantId
from server.store import conversations, messages, tickets
from server.store.db import Connection

MESSAGE_COLUMNS = ", ".join("m." + c for c in messages.FIELDS)


async def append_update(
    conn: Connection,
    *,
    tenant_id: TenantId,
    conversation_id: ConversationId,
    changes: tuple[str, ...],
) -> ConversationUpdated:
    """Record a `conversation.updated` under the next seq; call after updating the row."""
    seq = await conversations.next_seq(conn, conversation_id)
    snapshot = await conversations.get(conn, conversation_id)
    assert snapshot is not None
    await conn.execute(
        """
        INSERT INTO conversation_events (tenant_id, conversation_id, seq, kind, payload)
        VALUES ($1, $2, $3, 'conversation.updated', $4::jsonb)
        """,
        tenant_id,
        conversation_id,
        seq,
        json.dumps({"changes": list(changes)}),
    )
    return ConversationUpdated(seq=seq, conversation=snapshot, changes=changes)


async def append_ticket_created(
    conn: Connection, *, conversation: Conversation, ticket: Ticket
) -> TicketCreated:
    """Record a staff-only `ticket.created` under the conversation's next seq."""
    seq = await conversations.next_seq(conn, conversation.id)
    await conn.execute(
        """
        INSERT INTO conversation_events (tenant_id, conversation_id, seq, kind, private, payload)
        VALUES ($1, $2, $3, 'ticket.created', true, $4::jsonb)
        """,
        conversation.tenant_id,
        conversation.id,
        seq,
        json.dumps({"ticket_id": str(ticket.id)}),
    )
    return TicketCreated(seq, conversation, ticket)


async def after(
    conn: Connection, conversation: Conversation, after_seq: int, limit: int
) -> list[PersistedEvent]:
    """Events with seq > after_seq that this context may see, oldest first.

    A `conversation.updated` replays with the conversation as it is now: clients apply
    the latest state, and the changed field names say what moved.
    """
    rows = await conn.fetch(
        f"""
        SELECT e.seq AS event_seq, e.kind AS event_kind, e.payload AS event_payload,
               {MESSAGE_COLUMNS}
        FROM conversation_events e LEFT JOIN messages m ON m.id = e.message_id
        WHERE e.conversation_id = $1 AND e.seq > $2
        ORDER BY e.seq LIMIT $3
        """,
        conversation.id,
        after_seq,
        limit,
    )
    found: list[PersistedEvent] = []
    for row in rows:
        if row["event_kind"] == "message.created":
            found.append(MessageCreated(messages.from_row(row), conversation))
        elif row["event_kind"] == "conversation.updated":
            changes = tuple(json.loads(row["event_payload"]).get("changes", []))
            found.append(ConversationUpdated(row["event_seq"], conversation, changes))
        elif row["event_kind"] == "ticket.created":
            ticket_id = uuid.UUID(json.loads(row["event_payload"])["ticket_id"])
            ticket = await tickets.get(conn, ticket_id)
            if ticket is not None:  # not for customers (row-level security)
                found.append(TicketCreated(row["event_seq"], conversation, ticket))
    return found
