"""The little Markdown knowledge-base passages keep, and the plain text they read as. Pure.

A passage keeps list items, **bold**, `inline code` and links as ``[text](https://...)`` so
it reads well where it is shown. What is embedded is its plain text: link targets and bold
markers dropped, so URLs never pull a passage towards a query (code stays as written).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")
# A link target may hold one level of parentheses (Wikipedia-style URLs).
LINK = re.compile(r"\[([^\[\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?)\s*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")


class Fences:
    """Which lines of a Markdown text are inside fenced code, fed one line at a time. As
    CommonMark has it: only a bare fence of the opening kind, at least as long, closes a
    block, so a "```json" line inside a "```bash" block is code, not a new block."""

    def __init__(self) -> None:
        self.opener: str | None = None  # the line that opened the block we are in

    @property
    def inside(self) -> bool:
        return self.opener is not None

    def fence(self, line: str) -> bool:
        """Whether `line` opens or closes a block (and the state moves past it)."""
        match = _FENCE.match(line)
        if match is None:
            return False
        marker, rest = match.groups()
        if self.opener is None:
            if marker[0] == "`" and "`" in rest:
                return False  # ```code``` inline, not a fence
            self.opener = line
            return True
        opening = closing_fence(self.opener)
        if marker[0] == opening[0] and len(marker) >= len(opening) and not rest.strip():
            self.opener = None
            return True
        return False


def closing_fence(opener: str) -> str:
    """The line that closes the code block `opener` opened."""
    match = _FENCE.match(opener)
    return match.group(1) if match else "```"


def outside_code(line: str, change: Callable[[str], str]) -> str:
    """`change` applied to the prose of one line, its `inline code` spans left as written
    (a link's text may hold code: [`date_range`](#date_range) stays one link)."""
    if "`" not in line:
        return change(line)
    spans: list[str] = []

    def stash(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"\x00{len(spans) - 1}\x00"

    changed = change(_CODE_SPAN.sub(stash, line))
    return _PLACEHOLDER.sub(lambda m: spans[int(m.group(1))], changed)


def _plain_line(line: str) -> str:
    return _STRONG.sub(r"\2", LINK.sub(r"\1", line))


def plain_text(markdown: str) -> str:
    """What a passage says, without link targets or bold markers; fenced code untouched."""
    if "](" not in markdown and "**" not in markdown and "__" not in markdown:
        return markdown
    out: list[str] = []
    fences = Fences()
    for line in markdown.split("\n"):
        if not fences.fence(line) and not fences.inside:
            line = outside_code(line, _plain_line)
        out.append(line)
    return "\n".join(out)
