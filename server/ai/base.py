"""The ChatModel seam: retrieved passages and a question in, the answer's text pieces out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol


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


class ChatModel(Protocol):
    def stream(self, request: AnswerRequest) -> AsyncIterator[str]:
        """The answer, piece by piece. Cancellation (ai.stop) closes the iterator."""
        ...
