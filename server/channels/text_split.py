"""Splitting a reply into the parts a text channel takes (Twilio 1,600 characters a message,
WhatsApp 4,096), at the most natural boundary that fits."""

from __future__ import annotations

import re

# Each pattern ends where a chunk may end, coarsest first.
_BOUNDARIES = (
    re.compile(r"(?=\n[ \t]*\n)"),  # paragraph
    re.compile(r"(?=\n)"),  # line (lists, addresses)
    # sentence: . ! ? … or the CJK full stop and full-width ! ?, then closing quotes
    re.compile(
        r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s)|[\u3002\uff01\uff1f][\"'\u201d\u2019\u300d\u300f)\]]*"
    ),
    re.compile(r"(?=\s)"),  # word
)
_LOOKAHEAD = 200  # characters past the limit a boundary pattern may need to see


def split_text(body: str, limit: int) -> list[str]:
    """``body`` in chunks of at most ``limit`` characters, cut at the last paragraph break
    that fits, else line, sentence, word, and only as a last resort inside a word.

    Whitespace at the cuts and around the whole text is dropped, so no chunk is empty or
    blank (an all-blank ``body`` gives ``[]``). Length is counted in UTF-16 code units, the
    stricter of the ways providers count: an emoji outside the BMP takes two of ``limit``,
    so a chunk fits whether the provider counts code points or UTF-16 units.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2 (one character may take two units)")
    chunks = []
    rest = body.strip()
    while rest:
        fits = _fitting(rest, limit)
        if fits == len(rest):
            chunks.append(rest)
            break
        cut = _cut(rest, fits)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return chunks


def _fitting(text: str, limit: int) -> int:
    """How many leading characters of ``text`` take at most ``limit`` units (at least 1)."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def _cut(text: str, fits: int) -> int:
    """Where the chunk ends: the last boundary within the first ``fits`` characters, past
    the first half for all but word boundaries (so chunks do not come out tiny)."""
    window = text[: fits + _LOOKAHEAD]
    for level, pattern in enumerate(_BOUNDARIES):
        floor = 0 if level == len(_BOUNDARIES) - 1 else fits // 2
        ends = [m.end() for m in pattern.finditer(window) if floor < m.end() <= fits]
        if ends:
            return ends[-1]
    return fits
