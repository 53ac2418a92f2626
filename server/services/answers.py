"""AI answers: retrieve, decide whether the knowledge base can answer, stream or escalate.

One answer runs per conversation at a time, supervised: an agent's `ai.stop` cancels it at
once (the model's stream is closed) and it ends `stopped`; a failure ends it `error` and
hands the conversation to a person. Frames are live-only; the finished answer is persisted
once as a message from `ai`, which replays like any message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from dataclasses import dataclass

from server.ai.base import AnswerRequest, ChatModel, Passage
from server.domain.access import Principal, SecurityContext, is_staff
from server.domain.events import AiDelta, AiDone, AiStarted, Citation, EventSink, MessageCreated
from server.domain.models import Conversation, Message, Role, Sender
from server.errors import Forbidden, NotFound
from server.services.conversations import ConversationService
from server.services.knowledge import KnowledgeBase
from server.store import messages
from server.store.db import Database

log = logging.getLogger("flowsupport.answers")

# Best cosine similarity under which the knowledge base is taken not to hold the answer
# (calibrated with bench/retrieval.py on the Plausible question set).
RELEVANCE_THRESHOLD = 0.40
PASSAGES = 3
STALL_S = 20.0  # no new piece for this long after the first: the answer has failed
INTERRUPTED = " … [interrupted]"
AI_SENDER = Sender("ai", None, "Assistant")


@dataclass
class _Running:
    stream_id: str
    task: asyncio.Task[None]
    stopped_by: str | None = None


class AnswerService:
    def __init__(
        self,
        db: Database,
        knowledge: KnowledgeBase,
        model: ChatModel,
        conversations: ConversationService,
        sink: EventSink,
        *,
        threshold: float = RELEVANCE_THRESHOLD,
        stall_s: float = STALL_S,
    ) -> None:
        self._stall_s = stall_s
        self._db = db
        self._knowledge = knowledge
        self._model = model
        self._conversations = conversations
        self._sink = sink
        self._threshold = threshold
        self._running: dict[str, _Running] = {}

    def visitor_wrote(self, conversation: Conversation, message: Message) -> None:
        """Start answering a visitor's message (after commit); a newer question replaces an
        answer still being written."""
        if not conversation.ai_enabled or conversation.status in ("waiting_human", "closed"):
            return
        key = str(conversation.id)
        previous = self._running.get(key)
        if previous is not None:
            previous.task.cancel()
        stream_id = "st_" + uuid.uuid4().hex[:16]
        task = asyncio.create_task(self._answer(conversation, message, stream_id))
        self._running[key] = _Running(stream_id, task)
        task.add_done_callback(lambda _: self._forget(key, stream_id))

    async def stop(self, principal: Principal, conversation_id: str) -> None:
        """An agent takes over: the running answer ends `stopped` at once."""
        if not is_staff(principal):
            raise Forbidden("only agents and bots stop AI answers")
        await self._conversations.get(principal, conversation_id)  # visibility check
        running = self._running.get(conversation_id)
        if running is None or running.task.done():
            raise NotFound("no AI answer is running in this conversation")
        running.stopped_by = principal.id
        running.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running.task

    async def close(self) -> None:
        """Shutdown: cancel every running answer (each ends `stopped`)."""
        for running in list(self._running.values()):
            running.task.cancel()
        for running in list(self._running.values()):
            with contextlib.suppress(asyncio.CancelledError):
                await running.task

    def _forget(self, key: str, stream_id: str) -> None:
        running = self._running.get(key)
        if running is not None and running.stream_id == stream_id:
            del self._running[key]

    async def _answer(self, conversation: Conversation, message: Message, stream_id: str) -> None:
        tenant, conversation_id = conversation.tenant_id, conversation.id
        await self._sink.ai(AiStarted(tenant, conversation_id, stream_id))
        parts: list[str] = []
        passages: tuple[Passage, ...] = ()
        try:
            passages = await self._retrieve(conversation, message.body)
            confidence = passages[0].similarity if passages else 0.0
            if confidence < self._threshold:
                await self._end(conversation, stream_id, "escalated", (), confidence)
                await self._escalate(conversation)
                return
            pieces = aiter(self._model.stream(AnswerRequest(message.body, passages)))
            try:
                while True:
                    try:
                        piece = await asyncio.wait_for(anext(pieces), self._stall_s)
                    except StopAsyncIteration:
                        break
                    await self._sink.ai(
                        AiDelta(tenant, conversation_id, stream_id, len(parts), piece)
                    )
                    parts.append(piece)
            finally:
                await pieces.aclose()  # type: ignore[attr-defined]
            created = await self._persist(conversation, stream_id, "".join(parts), passages)
            await self._end(
                conversation, stream_id, "complete", passages, confidence, created.message
            )
            # PROTOCOL.md: ai.done first, then the message.created carrying the seq.
            await self._sink.persisted(created)
        except asyncio.CancelledError:
            await self._end(conversation, stream_id, "stopped", passages, 0.0)
            raise
        except Exception:
            log.exception("answer %s in conversation %s failed", stream_id, conversation_id)
            if not parts:
                # Nothing was shown: the provider was unavailable (after its retries).
                await self._end(conversation, stream_id, "escalated", (), 0.0)
            else:
                # The visitor saw part of an answer: keep it, marked, and say it broke off.
                partial = await self._persist(
                    conversation, stream_id, "".join(parts) + INTERRUPTED, passages
                )
                await self._end(conversation, stream_id, "error", passages, 0.0, partial.message)
                await self._sink.persisted(partial)
            await self._escalate(conversation)

    async def _retrieve(self, conversation: Conversation, question: str) -> tuple[Passage, ...]:
        staff = SecurityContext(conversation.tenant_id, Role.AGENT)
        hits = await self._knowledge.search_as(
            staff, conversation.tenant_id, question[:500], PASSAGES
        )
        return tuple(
            Passage(str(h.article_id), h.title, h.url, h.heading_path, h.content, h.similarity)
            for h in hits
        )

    async def _persist(
        self, conversation: Conversation, stream_id: str, text: str, passages: tuple[Passage, ...]
    ) -> MessageCreated:
        staff = SecurityContext(conversation.tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            result, current = await messages.append(
                conn,
                conversation_id=conversation.id,
                sender=AI_SENDER,
                body=text,
                client_msg_id=stream_id,  # one stored answer per stream, whatever happens
                citations=[_citation_dict(c) for c in _citations(passages[:1])],
            )
        return MessageCreated(result.message, current)

    async def _end(
        self,
        conversation: Conversation,
        stream_id: str,
        reason: str,
        passages: tuple[Passage, ...],
        confidence: float,
        message: Message | None = None,
    ) -> None:
        cited = _citations(passages[:1]) if reason == "complete" else ()
        await self._sink.ai(
            AiDone(
                conversation.tenant_id,
                conversation.id,
                stream_id,
                reason,
                cited,
                round(confidence, 3),
                message,
            )
        )

    async def _escalate(self, conversation: Conversation) -> None:
        """Hand the conversation to a person (the escalation issue adds the ticket)."""
        await self._conversations.escalate(conversation.tenant_id, conversation.id)


def _citations(passages: tuple[Passage, ...]) -> tuple[Citation, ...]:
    seen: dict[str, Citation] = {}
    for passage in passages:
        seen.setdefault(
            passage.article_id, Citation(passage.article_id, passage.title, passage.url)
        )
    return tuple(seen.values())


def _citation_dict(citation: Citation) -> dict[str, str]:
    out = {"article_id": citation.article_id, "title": citation.title}
    if citation.url:
        out["url"] = citation.url
    return out
