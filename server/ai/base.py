"""The ChatModel seam: retrieved passages and a question in, the answer's text pieces out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol

CHARS_PER_TOKEN = 4  # the usual estimate for English when a provider reports no usage


@dataclass(frozen=True)
class Passage:
    article_id: str
    title: str
    url: str | None
    heading_path: str
    text: str
    similarity: float


@dataclass(frozen=True)
class AnswerRequest:
    question: str
    passages: tuple[Passage, ...]  # best first; the answer may use only these


@dataclass
class TokenUsage:
    """Filled in by the model while it streams: what the answer cost, for the budgets."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total(self) -> int:
        return self.prompt_tokens + self.completion_tokens


def estimate_tokens(text: str) -> int:
    return -(-len(text) // CHARS_PER_TOKEN)


class ChatModel(Protocol):
    @property
    def uses_tokens(self) -> bool:
        """True when answers spend LLM tokens (and so count against the AI budgets)."""
        ...

    def prompt_tokens(self, request: AnswerRequest) -> int:
        """An estimate of the request's prompt size, checked against budgets beforehand."""
        ...

    def stream(self, request: AnswerRequest, usage: TokenUsage) -> AsyncIterator[str]:
        """The answer, piece by piece, counting its tokens into `usage` (also when it is
        cut short). Cancellation (ai.stop) closes the iterator."""
        ...


@dataclass(frozen=True)
class Handoff:
    """What a summary of an escalated conversation is written from."""

    reason: str  # why it escalated, in words
    transcript: tuple[tuple[str, str], ...]  # (speaker kind, text), oldest first


class Summarizer(Protocol):
    async def summarize(self, handoff: Handoff, usage: TokenUsage) -> str:
        """A few lines an agent reads before answering; raises Unavailable on failure."""
        ...
