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


def pieces_of(text: str, words: int = 3) -> list[str]:
    """A fixed text cut into token-like pieces of a few words, so a quoted answer or a
    canned reply streams exactly like a model's tokens (clients need no second path)."""
    split = text.split(" ")
    return [
        " ".join(split[start : start + words]) + ("" if start + words >= len(split) else " ")
        for start in range(0, len(split), words)
    ]


@dataclass(frozen=True)
class Grounding:
    """A model's own check, before it writes: do the sources answer the question, and
    which of them (1-based, as numbered in the prompt) will the answer use?"""

    answerable: bool
    passages: tuple[int, ...]


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

    async def ground(self, request: AnswerRequest, usage: TokenUsage) -> Grounding | None:
        """The model's check that the sources answer the question, before any text reaches
        the visitor; None for a model that writes nothing of its own (quoting). Raises
        Unavailable when the provider fails."""
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
