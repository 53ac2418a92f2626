"""Telling agents, inside the conversation, that a reply did not reach the customer: an
internal note from the system (once per reply), announced like any message."""

from __future__ import annotations

import uuid

from server.domain.access import SecurityContext
from server.domain.events import EventSink, MessageCreated
from server.domain.models import Role, Sender
from server.ids import ConversationId, TenantId
from server.store import messages
from server.store.db import Database

SYSTEM = Sender("system", None, "FlowSupport")


async def note_undelivered(
    db: Database, sink: EventSink, tenant_id: TenantId, message_id: uuid.UUID, why: str
) -> None:
    async with db.unit(SecurityContext(tenant_id, Role.AGENT)) as conn:
        message = await messages.get(conn, message_id)
        if message is None:
            return
        result, current = await messages.append(
            conn,
            conversation_id=ConversationId(message.conversation_id),
            sender=SYSTEM,
            body=why,
            private=True,
            client_msg_id=f"undelivered-{message_id}",
        )
    if result.created:
        await sink.persisted(MessageCreated(result.message, current))
