"""AI answers: retrieve, decide whether the knowledge base can answer, stream or escalate.

One answer runs per conversation at a time, supervised: an agent's `ai.stop` cancels it at
once (the model's stream is closed) and it ends `stopped`; a failure ends it `error` and
hands the conversation to a person, then is raised for the supervisor to log (with any
failure of that hand-over: each step of it is tried). Frames are live-only; the finished
answer is persisted once as a message from `ai`, which replays like any message.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from server.ai.base import AnswerRequest, ChatModel, Passage, TokenUsage, pieces_of
from server.clock import Clock, SystemClock
from server.domain import answerability, budgets, handoff, small_talk
from server.domain.access import Principal, SecurityContext, is_staff
from server.domain.events import (
    AiDelta,
    AiDone,
    AiProblem,
    AiStarted,
    Citation,
    EventSink,
    MessageCreated,
)
from server.domain.models import Conversation, Message, Role, Sender
from server.domain.tenant_settings import TenantSettings
from server.errors import Forbidden, NotFound, Unavailable
from server.metrics import Metrics
from server.protocol import objects
from server.services.conversations import ConversationService
from server.services.escalation import EscalationService
from server.services.knowledge import KnowledgeBase
from server.store import ai_usage, messages, tenants
from server.store.db import Database
from server.supervisor import Supervisor

PASSAGES = 3
DRAFT_CONTEXT = 30  # messages a suggested reply looks back over for the question
MAX_QUESTION_CHARS = 500  # what is searched of a long message: its opening
STALL_S = 20.0  # no new piece for this long after the first: the answer has failed
INTERRUPTED = " … [interrupted]"
DRAIN_S = 5.0  # at shutdown, how long answers being written may take to finish
AI_SENDER = Sender("ai", None, "Assistant")
# Verdicts that hand over because of what was asked, not because nothing answers it.
SENSITIVE = frozenset(
    {
        "instruction",
        "account_action",
        "account_state",
        "refund",
        "future_price",
        "price",
        "discount",
        "legal",
    }
)


@dataclass(frozen=True)
class Draft:
    """A reply written for an agent to edit (never sent by itself): the text, the articles
    it rests on, and when there is none, why, with the closest articles to read."""

    body: str
    citations: tuple[Citation, ...]
    why: str  # "answered", or what made the AI hold back (answerability's verdict, "budget")
    question: Message | None  # the customer's message it answers


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
        escalation: EscalationService,
        sink: EventSink,
        *,
        stall_s: float = STALL_S,
        clock: Clock | None = None,
        supervisor: Supervisor | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self._supervisor = supervisor or Supervisor()
        self._metrics = metrics or Metrics()
        self._stall_s = stall_s
        self._clock = clock or SystemClock()
        self._db = db
        self._knowledge = knowledge
        self._model = model
        self._conversations = conversations
        self._escalation = escalation
        self._sink = sink
        self._running: dict[str, _Running] = {}
        self._shutting_down = False

    def visitor_wrote(self, conversation: Conversation, message: Message) -> None:
        """Start answering a visitor's message (after commit); a newer question replaces an
        answer still being written."""
        if not conversation.ai_may_answer:
            return
        key = str(conversation.id)
        previous = self._running.get(key)
        if previous is not None:
            previous.task.cancel()
        stream_id = "st_" + uuid.uuid4().hex[:16]
        task = self._supervisor.spawn(
            self._answer(conversation, message, stream_id),
            name=f"answer {stream_id} in conversation {conversation.id}",
        )
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
        await asyncio.wait([running.task])  # a failure to end it is the supervisor's to log

    async def close(self, drain_s: float = DRAIN_S) -> None:
        """Shutdown: answers being written get `drain_s` to finish; the rest end `error`,
        their partial text kept and marked interrupted, and a person takes over."""
        self._shutting_down = True
        tasks = [running.task for running in self._running.values()]
        if tasks:
            await asyncio.wait(tasks, timeout=drain_s)
        left = [running.task for running in self._running.values()]
        for task in left:
            task.cancel()
        if left:
            await asyncio.wait(left)  # failures are the supervisor's to log

    async def draft(self, principal: Principal, conversation_id: str) -> Draft:
        """Suggest a reply to the customer's last question for an agent: the retrieval,
        answerability, budgets and grounding a visitor's answer gets, written in full and
        returned, not sent. Where the AI would hand over, no text: the reason and the
        closest articles, for the agent to judge."""
        if not is_staff(principal):
            raise Forbidden("only agents and bots get suggested replies")
        conversation = await self._conversations.get(principal, conversation_id)
        async with self._db.unit(principal.context()) as conn:
            recent = await messages.latest(conn, conversation.id, DRAFT_CONTEXT)
        question = handoff.escalating_question(recent)
        if question is None:
            return Draft("", (), "no_question", None)
        asked = question.body[:MAX_QUESTION_CHARS]
        staff = SecurityContext(conversation.tenant_id, Role.AGENT)
        verdict = await self._knowledge.judge(staff, conversation.tenant_id, asked)
        passages = _passages(verdict)
        if not verdict.answerable:
            return Draft("", _citations(passages), verdict.why, question)
        settings, used = await self._standing(conversation)
        request = AnswerRequest(question.body, passages)
        if self._over_budget(settings, used, request) is not None:
            return Draft("", _citations(passages), "budget", question)
        usage = TokenUsage()
        try:
            checked = await self._model.ground(request, usage)
            if checked is not None:
                if not checked.answerable:
                    return Draft("", _citations(passages), "not_grounded", question)
                passages = tuple(passages[i - 1] for i in checked.passages)
                request = AnswerRequest(question.body, passages)
            pieces = aiter(self._model.stream(request, usage))
            written: list[str] = []
            try:
                while True:
                    try:
                        written.append(await asyncio.wait_for(anext(pieces), self._stall_s))
                    except StopAsyncIteration:
                        break
                    except TimeoutError:
                        raise Unavailable("the AI stopped writing: try again") from None
            finally:
                await pieces.aclose()  # type: ignore[attr-defined]
        finally:
            if usage.total:
                await self._count(conversation, usage.total)
        return Draft("".join(written).strip(), _citations(passages[:1]), "answered", question)

    async def may_spend(self, conversation: Conversation) -> bool:
        """Whether the conversation's and the tenant's AI budgets have tokens left (other
        LLM work on an agent's request, a summary, asks before spending them)."""
        if not self._model.uses_tokens:
            return True
        settings, used = await self._standing(conversation)
        return budgets.check(settings, used, 0, self._clock.now()) is None

    def _forget(self, key: str, stream_id: str) -> None:
        running = self._running.get(key)
        if running is not None and running.stream_id == stream_id:
            del self._running[key]

    async def _answer(self, conversation: Conversation, message: Message, stream_id: str) -> None:
        tenant, conversation_id = conversation.tenant_id, conversation.id
        await self._sink.ai(AiStarted(tenant, conversation_id, stream_id))
        parts: list[str] = []
        passages: tuple[Passage, ...] = ()
        usage = TokenUsage()
        asked = time.monotonic()
        try:
            settings, used = await self._standing(conversation)
            canned = small_talk.reply(message.body, settings.ai_greeting)
            if canned is not None:
                pieces: AsyncIterator[str] = _iterate(pieces_of(canned))
                confidence = 1.0
            else:
                staff = SecurityContext(tenant, Role.AGENT)
                question = message.body[:MAX_QUESTION_CHARS]
                verdict = await self._knowledge.judge(staff, tenant, question)
                confidence = verdict.confidence
                if not verdict.answerable:
                    await self._hand_over(conversation, stream_id, verdict.why, confidence)
                    return
                passages = _passages(verdict)
                request = AnswerRequest(message.body, passages)
                exhausted = self._over_budget(settings, used, request)
                if exhausted is not None:
                    problem = AiProblem("rate_limited", exhausted.message, exhausted.retry_after_ms)
                    await self._end(
                        conversation, stream_id, "escalated", (), confidence, None, problem
                    )
                    await self._escalate(conversation, "budget")
                    return
                checking = TokenUsage()
                try:
                    checked = await self._model.ground(request, checking)
                finally:
                    if checking.total:
                        await self._count(conversation, checking.total)
                if checked is not None:
                    if not checked.answerable:
                        await self._hand_over(conversation, stream_id, "not_grounded", confidence)
                        return
                    passages = tuple(passages[i - 1] for i in checked.passages)
                    request = AnswerRequest(message.body, passages)
                pieces = aiter(self._model.stream(request, usage))
            try:
                while True:
                    try:
                        piece = await asyncio.wait_for(anext(pieces), self._stall_s)
                    except StopAsyncIteration:
                        break
                    if not parts:
                        self._metrics.ai_first_token_seconds.observe(time.monotonic() - asked)
                    await self._sink.ai(
                        AiDelta(tenant, conversation_id, stream_id, len(parts), piece)
                    )
                    parts.append(piece)
            finally:
                await pieces.aclose()  # type: ignore[attr-defined]
                if usage.total:  # counted before ai.done, so the next question sees it
                    await self._count(conversation, usage.total)
            created = await self._persist(conversation, stream_id, "".join(parts), passages)
            await self._end(
                conversation, stream_id, "complete", passages, confidence, created.message
            )
            # PROTOCOL.md: ai.done first, then the message.created carrying the seq.
            await self._sink.persisted(created)
        except asyncio.CancelledError:
            if self._shutting_down and parts:
                # The node is going away mid-answer: keep what the visitor saw, marked.
                failed = await self._broke_off(
                    conversation, stream_id, parts, passages, "the server restarted mid-answer"
                )
            else:
                failed = await _attempt(
                    partial(self._end, conversation, stream_id, "stopped", passages, 0.0)
                )
            if failed:
                raise ExceptionGroup(
                    f"answer {stream_id} in conversation {conversation_id}: ending it failed",
                    failed,
                ) from None
            raise
        except Exception as failure:
            if not parts:
                # Nothing was shown: the provider was unavailable (after its retries).
                problem = AiProblem("unavailable", "the AI could not answer: a person will")
                failed = await _attempt(
                    partial(
                        self._end, conversation, stream_id, "escalated", (), 0.0, None, problem
                    ),
                    partial(self._escalate, conversation, "ai_error"),
                )
            else:
                # The visitor saw part of an answer: keep it, marked, and say it broke off.
                failed = await self._broke_off(
                    conversation,
                    stream_id,
                    parts,
                    passages,
                    "the AI answer broke off: a person will follow",
                )
            if failed:
                raise ExceptionGroup(
                    f"answer {stream_id} in conversation {conversation_id} failed, and so did "
                    "handing it to a person",
                    [failure, *failed],
                ) from None
            raise

    async def _broke_off(
        self,
        conversation: Conversation,
        stream_id: str,
        parts: list[str],
        passages: tuple[Passage, ...],
        why: str,
    ) -> list[Exception]:
        """The visitor saw part of an answer that cannot finish: keep that part, marked,
        say it broke off, and hand the conversation to a person. Every step is tried (the
        escalation above all); what failed is returned."""
        failed: list[Exception] = []
        problem = AiProblem("unavailable", why)
        try:
            kept = await self._persist(
                conversation, stream_id, "".join(parts) + INTERRUPTED, passages
            )
        except Exception as exc:
            failed.append(exc)
            failed += await _attempt(
                partial(self._end, conversation, stream_id, "error", passages, 0.0, None, problem)
            )
        else:
            failed += await _attempt(
                partial(
                    self._end,
                    conversation,
                    stream_id,
                    "error",
                    passages,
                    0.0,
                    kept.message,
                    problem,
                ),
                partial(self._sink.persisted, kept),
            )
        failed += await _attempt(partial(self._escalate, conversation, "ai_error"))
        return failed

    async def _standing(
        self, conversation: Conversation
    ) -> tuple[TenantSettings, budgets.TokensUsed]:
        """The tenant's settings and the tokens already used, read in one unit of work."""
        tenant_id = conversation.tenant_id
        async with self._db.unit(SecurityContext(tenant_id, Role.AGENT)) as conn:
            tenant = await tenants.get(conn, tenant_id)
            used = (
                await ai_usage.used(conn, tenant_id, conversation.id, self._clock.now())
                if self._model.uses_tokens
                else budgets.TokensUsed(0, 0)
            )
        return TenantSettings.from_stored(tenant.settings if tenant else {}), used

    def _over_budget(
        self, settings: TenantSettings, used: budgets.TokensUsed, request: AnswerRequest
    ) -> budgets.BudgetExhausted | None:
        """Whether the conversation's or the tenant's token budget forbids this answer."""
        if not self._model.uses_tokens:
            return None
        return budgets.check(settings, used, self._model.prompt_tokens(request), self._clock.now())

    async def _hand_over(
        self, conversation: Conversation, stream_id: str, why: str, confidence: float
    ) -> None:
        """The knowledge base does not answer this (or must not): a person will."""
        await self._end(conversation, stream_id, "escalated", (), confidence)
        await self._escalate(conversation, "sensitive" if why in SENSITIVE else "no_answer")

    async def _count(self, conversation: Conversation, tokens: int) -> None:
        """Store the tokens spent before going on (the next question must see them), as
        supervised work: cancelling the answer does not lose them, and a failure to store
        them is the supervisor's to log, never the answer's."""
        self._metrics.ai_tokens.inc(tokens)
        await self._supervisor.run_detached(
            self._store_tokens(conversation, tokens), name=f"ai-tokens-{conversation.id}"
        )

    async def _store_tokens(self, conversation: Conversation, tokens: int) -> None:
        staff = SecurityContext(conversation.tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            await ai_usage.add(
                conn, conversation.tenant_id, conversation.id, tokens, self._clock.now()
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
                citations=[objects.citation(c) for c in _citations(passages[:1])],
                now=self._clock.now(),
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
        problem: AiProblem | None = None,
    ) -> None:
        self._metrics.ai_answers.labels(reason).inc()
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
                problem,
            )
        )

    async def _escalate(self, conversation: Conversation, reason: str) -> None:
        """Hand the conversation to a person: it becomes (or reopens) a ticket."""
        await self._escalation.escalate(conversation.tenant_id, conversation.id, reason)


async def _attempt(*steps: Callable[[], Awaitable[None]]) -> list[Exception]:
    """Run each step in turn, whatever the one before did; the failures, in order."""
    failed: list[Exception] = []
    for step in steps:
        try:
            await step()
        except Exception as exc:
            failed.append(exc)
    return failed


def _passages(verdict: answerability.Verdict) -> tuple[Passage, ...]:
    return tuple(
        Passage(str(h.article_id), h.title, h.url, h.heading_path, h.content, h.similarity)
        for h in (ranked.hit for ranked in verdict.ranked[:PASSAGES])
    )


async def _iterate(pieces: list[str]) -> AsyncIterator[str]:
    for piece in pieces:
        yield piece


def _citations(passages: tuple[Passage, ...]) -> tuple[Citation, ...]:
    seen: dict[str, Citation] = {}
    for passage in passages:
        seen.setdefault(
            passage.article_id, Citation(passage.article_id, passage.title, passage.url)
        )
    return tuple(seen.values())
