"""The answerer with no LLM configured: it quotes the best passage instead of writing one.

Nothing is invented: the answer is the cited article's own sentences that best match the
question, streamed in small pieces like a model's tokens so clients need no second path.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

from server.ai.base import AnswerRequest, TokenUsage

MAX_ANSWER_CHARS = 700
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[a-z0-9]+")


class ExtractiveModel:
    def __init__(self, piece_words: int = 3, pause_s: float = 0.0) -> None:
        self._piece_words = piece_words
        self._pause_s = pause_s  # pacing between pieces (tests use it to stop mid-answer)

    @property
    def uses_tokens(self) -> bool:
        return False  # quoting costs no LLM tokens: budgets do not apply

    def prompt_tokens(self, request: AnswerRequest) -> int:
        return 0

    async def stream(self, request: AnswerRequest, usage: TokenUsage) -> AsyncIterator[str]:
        text = self.answer_text(request)
        words = text.split(" ")
        for start in range(0, len(words), self._piece_words):
            piece = " ".join(words[start : start + self._piece_words])
            yield piece if start + self._piece_words >= len(words) else piece + " "
            await asyncio.sleep(self._pause_s)

    def answer_text(self, request: AnswerRequest) -> str:
        """The best passage whole when it is short (steps keep their beginning); a long one
        from just before its sentence sharing most words with the question."""
        if not request.passages:
            return ""
        passage = request.passages[0]
        sentences = [s.strip(" -*") for s in _SENTENCE.split(passage.text) if s.strip(" -*")]
        asked = set(_WORD.findall(request.question.lower()))
        overlap = [len(asked & set(_WORD.findall(s.lower()))) for s in sentences]
        start = 0
        if sum(len(s) + 1 for s in sentences) > MAX_ANSWER_CHARS and sentences:
            best = max(range(len(sentences)), key=lambda i: (overlap[i], -i))
            start = max(0, best - 1)
        answer = ""
        for sentence in sentences[start:]:
            if answer and len(answer) + len(sentence) + 1 > MAX_ANSWER_CHARS:
                break
            answer = f"{answer} {sentence}".strip()
        return answer
