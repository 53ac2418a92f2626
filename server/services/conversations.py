"""Reading conversations: what a principal may see, as row-level security decides."""

from __future__ import annotations

from server.domain.access import Principal
from server.domain.models import Message
from server.errors import NotFound
from server.ids import ConversationId
from server.store import conversations, messages
from server.store.db import Database


class ConversationService:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def messages_after(
        self, principal: Principal, conversation_id: ConversationId, after_seq: int, limit: int
    ) -> list[Message]:
        """Messages after `after_seq`; another tenant's conversation is simply not found."""
        async with self._db.unit(principal.context()) as conn:
            if await conversations.get(conn, conversation_id) is None:
                raise NotFound("conversation not found")
            return await messages.after_seq(conn, conversation_id, after_seq, limit)
