"""Help-center sources to clean text, then to chunks along their heading structure. Pure.

Markdown/MDX: YAML front matter becomes metadata; MDX `import`/`export` lines, `<head>`
blocks and JSX/HTML tags are removed while the text inside them is kept; admonition
markers (`:::tip`) and link targets are dropped, their words kept. HTML: the text of the
body. Plain text: as is. Each chunk carries its article title and heading path, so a chunk
about "Change your plan > Downgrades" means that even on its own.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import yaml

from server.domain.models import Chunk

MAX_CHUNK_CHARS = 900  # about 200 tokens: inside the embedding model's 256-token window
MARKDOWN_SUFFIXES = (".md", ".mdx", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
SUFFIXES = MARKDOWN_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(\n|\Z)", re.S)
_HEAD_BLOCK = re.compile(r"<head>.*?</head>", re.S | re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]*?/?>")
_JSX_EXPR = re.compile(r"\{[^{}\n]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Document:
    title: str
    body: str  # cleaned markdown-ish text, headings kept
    metadata: dict[str, Any] = field(default_factory=dict)


def parse(text: str, suffix: str, fallback_title: str) -> Document:
    """A source file's title, cleaned body and metadata."""
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES:
        return _parse_html(text, fallback_title)
    if suffix in TEXT_SUFFIXES:
        return Document(fallback_title, text.strip())
    metadata: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        loaded = yaml.safe_load(match.group(1))
        metadata = loaded if isinstance(loaded, dict) else {}
        text = text[match.end() :]
    body = clean_markdown(text)
    title = str(metadata.get("title") or _first_heading(body) or fallback_title).strip()
    return Document(title, body, metadata)


def clean_markdown(text: str) -> str:
    """MDX and HTML wrappers out, the words in; code fences untouched."""
    text = _HEAD_BLOCK.sub("", text)
    out: list[str] = []
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        if in_fence:
            out.append(line)
            continue
        stripped = line.strip()
        if re.match(r"^(import|export)\s", stripped):
            continue
        if stripped.startswith(":::"):
            continue
        # Inline code (between backticks) is kept as written: it is often an HTML example.
        parts = line.split("`")
        for index in range(0, len(parts), 2):
            parts[index] = _clean_prose(parts[index])
        out.append("`".join(parts).rstrip())
    return _BLANKS.sub("\n\n", "\n".join(out)).strip()


def _clean_prose(text: str) -> str:
    text = _TAG.sub("", text)
    text = _JSX_EXPR.sub("", text)
    for _ in range(3):  # [![image](src)](href): the inner link first, then the outer one
        text, replaced = _LINK.subn(r"\1", text)
        if not replaced:
            break
    return _EMPHASIS.sub(r"\2", text)


def chunk(document: Document, max_chars: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """Split along headings, then paragraphs, keeping each chunk under `max_chars`."""
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []
    paragraphs: list[str] = []

    def flush() -> None:
        heading = " > ".join(title for _, title in path)
        for text in _pack(paragraphs, max_chars):
            chunks.append(Chunk(len(chunks), heading, text))
        paragraphs.clear()

    block: list[str] = []
    in_fence = False
    for line in document.body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            if block:
                paragraphs.append("\n".join(block).strip())
                block = []
            flush()
            level = len(heading.group(1))
            while path and path[-1][0] >= level:
                path.pop()
            if heading.group(2).strip() != document.title:
                path.append((level, heading.group(2).strip()))
        elif not line.strip() and not in_fence:
            if block:
                paragraphs.append("\n".join(block).strip())
                block = []
        else:
            block.append(line)
    if block:
        paragraphs.append("\n".join(block).strip())
    flush()
    return [c for c in chunks if c.text]


def _pack(paragraphs: list[str], max_chars: int) -> list[str]:
    packed: list[str] = []
    current = ""
    for paragraph in (p for p in paragraphs if p):
        pieces = [paragraph] if len(paragraph) <= max_chars else _split_long(paragraph, max_chars)
        for piece in pieces:
            if current and len(current) + len(piece) + 2 > max_chars:
                packed.append(current)
                current = piece
            else:
                current = f"{current}\n\n{piece}" if current else piece
    if current:
        packed.append(current)
    return packed


def _split_long(paragraph: str, max_chars: int) -> list[str]:
    sentences = re.split(r"(?<=[.!?])\s+", paragraph)
    out: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > max_chars:
            out.append(sentence[:max_chars])
            sentence = sentence[max_chars:]
        if current and len(current) + len(sentence) + 1 > max_chars:
            out.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        out.append(current)
    return out


def _first_heading(body: str) -> str | None:
    for line in body.splitlines():
        match = _HEADING.match(line)
        if match:
            return match.group(2)
    return None


def content_hash(document: Document, model_id: str) -> str:
    """Changes when the text, the title or the embedding model changes."""
    digest = hashlib.sha256()
    for part in (model_id, document.title, document.body):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


class _TextOfHtml(HTMLParser):
    SKIP = frozenset({"script", "style", "head", "nav", "footer"})
    BLOCKS = frozenset({"p", "div", "li", "br", "tr", "section", "article"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.title = ""
        self._skipping = 0
        self._in_title = False
        self._heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self._skipping += 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = int(tag[1])
            self.parts.append("\n\n" + "#" * self._heading + " ")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = 0
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skipping:
            self.parts.append(data if self._heading else re.sub(r"\s+", " ", data))


def _parse_html(text: str, fallback_title: str) -> Document:
    parser = _TextOfHtml()
    parser.feed(text)
    body = _BLANKS.sub("\n\n", "".join(parser.parts)).strip()
    title = parser.title.strip() or _first_heading(body) or fallback_title
    return Document(title, body)
