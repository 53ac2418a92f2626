"""The answerer with no LLM configured: it quotes the best passage instead of writing one.

Nothing is invented: the answer is the cited article's own sentences that best match the
question, streamed in small pieces like a model's tokens so clients need no second path.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

from server.ai.base import AnswerRequest, Grounding, TokenUsage, pieces_of

MAX_ANSWER_CHARS = 700
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_LINES = re.compile(r"([^\n]*)(\n*)")
_BLOCK_LINE = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|#{1,6}\s|```|>)")
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
        for piece in pieces_of(self.answer_text(request), self._piece_words):
            yield piece
            await asyncio.sleep(self._pause_s)

    async def ground(self, request: AnswerRequest, usage: TokenUsage) -> Grounding | None:
        return None  # it quotes what retrieval judged answerable: nothing of its own to check

    def answer_text(self, request: AnswerRequest) -> str:
        """The best passage whole when it is short; a long one from just before its sentence
        sharing most words with the question. Its Markdown stays as written: list items and
        paragraphs keep their line breaks, links and emphasis their marks."""
        if not request.passages:
            return ""
        units = _units(request.passages[0].text)
        if not units:
            return ""
        asked = set(_WORD.findall(request.question.lower()))
        start = 0
        if sum(len(text) + len(gap) for text, gap in units) > MAX_ANSWER_CHARS:
            overlap = [len(asked & set(_WORD.findall(text.lower()))) for text, _ in units]
            best = max(range(len(units)), key=lambda i: (overlap[i], -i))
            start = max(0, best - 1)
        answer = ""
        for text, gap in units[start:]:
            if answer and len(answer) + len(text) > MAX_ANSWER_CHARS:
                break
            answer += text + gap
        return answer.strip()


def _units(text: str) -> list[tuple[str, str]]:
    """The passage as (sentence or line, the white space after it), in order: a list item
    or heading is one unit, a paragraph line splits into its sentences."""
    units: list[tuple[str, str]] = []
    for line, newlines in _LINES.findall(text.strip()):
        pieces = [line] if _BLOCK_LINE.match(line) else _SENTENCE.split(line)
        for index, piece in enumerate(pieces):
            if piece.strip():
                units.append((piece.strip(), newlines if index == len(pieces) - 1 else " "))
    return units
