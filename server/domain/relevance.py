"""Whether the knowledge base holds the answer to a question: the answer-or-escalate rule.

Two signals, both calibrated on bench/data/plausible_questions.json (bench/retrieval.py):
the best passage must be close enough in meaning, and every name the question mentions
(a capitalised word inside a sentence, or a code such as GA4) must appear somewhere in the
tenant's knowledge base. Meaning alone lets "How do I reset my Netflix password?" through
on a help center full of password articles; the name it asks about is unknown there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Best cosine similarity under which the knowledge base is taken not to hold the answer.
RELEVANCE_THRESHOLD = 0.40

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
_CODE = re.compile(r"[A-Za-z]+\d|\d+[A-Za-z]|[a-z][A-Z]")
_NOT_NAMES = frozenset({"I", "I'm", "I've", "I'd", "I'll", "OK"})


@dataclass(frozen=True)
class Relevance:
    answerable: bool
    confidence: float  # the best passage's similarity
    unknown_names: tuple[str, ...] = ()


def named_terms(question: str) -> list[str]:
    """Names and codes the question mentions: capitalised words that do not open a
    sentence, and words mixing letters with digits or inner capitals, in order, once."""
    found: dict[str, None] = {}
    for sentence in _SENTENCE.split(question.strip()):
        for position, match in enumerate(_WORD.finditer(sentence)):
            word = match.group()
            if word in _NOT_NAMES:
                continue
            capitalised = word[0].isupper() and position > 0
            if capitalised or _CODE.search(word):
                found.setdefault(word, None)
    return list(found)


def judge(
    best_similarity: float,
    unknown_names: list[str],
    threshold: float = RELEVANCE_THRESHOLD,
) -> Relevance:
    answerable = best_similarity >= threshold and not unknown_names
    return Relevance(answerable, best_similarity, tuple(unknown_names))
