"""Summaries of a conversation on an agent's request ("Summarise" in the inbox).

Written by the LLM when one is configured (the handoff-note prompt, counted against the
tenant's AI usage, within its budgets), else extractive from the conversation's own messages
(domain/handoff.recap); a provider failure falls back to the extractive one, so the agent
always gets something true. Nothing is stored or sent: the agent reads it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from server.ai.base import Handoff, Summarizer, TokenUsage
from server.clock import Clock
from server.domain import handoff
from server.domain.access import Principal, is_staff
from server.domain.models import Conversation
from server.errors import Forbidden, Unavailable
from server.services.conversations import ConversationService
from server.store import ai_usage, messages
from server.store.db import Database

log = logging.getLogger(__name__)
RECAP_MESSAGES = 60  # how far back a summary reads
ASKED = "An agent asked for a summary of the conversation so far."


@dataclass(frozen=True)
class Summary:
    text: str
    by: str  # "llm" or "extractive"


class SummaryService:
    def __init__(
        self,
        db: Database,
        conversations: ConversationService,
        summarizer: Summarizer | None,
        may_spend: Callable[[Conversation], Awaitable[bool]],
        clock: Clock,
    ) -> None:
        self._may_spend = may_spend
        self._db = db
        self._conversations = conversations
        self._summarizer = summarizer
        self._clock = clock

    async def summarize(self, principal: Principal, conversation_id: str) -> Summary:
        """The conversation so far, for staff who may see it."""
        if not is_staff(principal):
            raise Forbidden("only agents and bots summarise conversations")
        conversation = await self._conversations.get(principal, conversation_id)
        async with self._db.unit(principal.context()) as conn:
            recent = await messages.latest(conn, conversation.id, RECAP_MESSAGES)
        if self._summarizer is not None and recent and await self._may_spend(conversation):
            transcript = tuple(
                (m.sender.kind + (" (internal note)" if m.private else ""), m.body) for m in recent
            )
            usage = TokenUsage()
            try:
                written = await self._summarizer.summarize(Handoff(ASKED, transcript), usage)
            except Unavailable as exc:
                log.warning("summary of %s by the LLM failed: %s", conversation.id, exc)
            else:
                if usage.total:
                    async with self._db.unit(principal.context()) as conn:
                        await ai_usage.add(
                            conn,
                            conversation.tenant_id,
                            conversation.id,
                            usage.total,
                            self._clock.now(),
                        )
                if written.strip():
                    return Summary(written.strip()[: handoff.SUMMARY_CHARS], "llm")
        return Summary(handoff.recap(recent), "extractive")
