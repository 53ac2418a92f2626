"""Telling agents, inside the conversation, that a reply did not reach the customer: an
internal note from the system (once per reply), announced like any message."""

from __future__ import annotations

import uuid
from datetime import datetime

from server.clock import Clock
from server.domain.access import SecurityContext
from server.domain.events import EventSink, MessageCreated
from server.domain.models import Role, Sender
from server.ids import ConversationId, TenantId
from server.store import messages
from server.store.db import Database

SYSTEM = Sender("system", None, "FlowSupport")


async def note_undelivered(
    db: Database,
    sink: EventSink,
    tenant_id: TenantId,
    message_id: uuid.UUID,
    why: str,
    *,
    now: datetime,
) -> None:
    async with db.unit(SecurityContext(tenant_id, Role.AGENT)) as conn:
        message = await messages.mark_failed(conn, message_id, why)
        if message is None:
            return  # erased since
        result, current = await messages.append(
            conn,
            conversation_id=ConversationId(message.conversation_id),
            sender=SYSTEM,
            body=why,
            private=True,
            client_msg_id=f"undelivered-{message_id}",
            now=now,
        )
    await sink.message_updated(message, ("status",))
    if result.created:
        await sink.persisted(MessageCreated(result.message, current))


class UndeliveredNotes:
    """`note_undelivered` on one service's database, sink and clock."""

    def __init__(self, db: Database, sink: EventSink, clock: Clock) -> None:
        self._db = db
        self._sink = sink
        self._clock = clock

    async def note(self, tenant_id: TenantId, message_id: uuid.UUID, why: str) -> None:
        await note_undelivered(
            self._db, self._sink, tenant_id, message_id, why, now=self._clock.now()
        )
