"""Help-center sources to clean text, then to chunks along their heading structure. Pure.

Markdown/MDX: YAML front matter becomes metadata; MDX `import`/`export` lines, `<head>`
blocks, JSX/HTML tags and `{expressions}` are removed while the text inside them is kept;
admonition markers (`:::tip`) and images are dropped. What reads well stays Markdown: list
items, **bold**, `inline code`, and links as `[text](https://...)`: a link between articles
(`billing.md#refunds`, `/custom-props/introduction`) is resolved to the absolute URL when the
help center's base URL is known (server/kb/site.py), else reduced to its text. HTML: the text
of the body. Plain text: as is. Each chunk carries its article title and heading path, so a
chunk about "Change your plan > Downgrades" means that even on its own; what is embedded is
its plain text (Chunk.embedding_input: no link targets).
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import yaml

from server.domain.markdown import LINK, Fences, closing_fence, outside_code, plain_text
from server.domain.models import Chunk
from server.kb.site import is_web_url

MAX_CHUNK_CHARS = 900  # of plain text, about 200 tokens: inside the model's 256-token window
MARKDOWN_SUFFIXES = (".md", ".mdx", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
SUFFIXES = MARKDOWN_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES

# (href, is an HTML <a href>) -> the absolute URL to link to, or None for the text alone.
Links = Callable[[str, bool], str | None]

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(\n|\Z)", re.S)
_HEAD_BLOCK = re.compile(r"<head>.*?</head>", re.S | re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]*?/?>")
_JSX_EXPR = re.compile(r"\{[^{}\n]*\}")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*(?:\([^()]*\)[^()]*)*\)")
_HTML_LINK = re.compile(
    r"<a\s[^<>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)')[^<>]*>(.*?)</a\s*>", re.I
)
_HTML_STRONG = re.compile(r"<(b|strong)>(.*?)</\1\s*>", re.I)
_HTML_ITEM = re.compile(r"^(\s*)<li\b[^<>]*>\s*", re.I)
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_OPEN_TAG = re.compile(r"<[A-Za-z][\w.:-]*(?:\s[^<>]*)?$")  # a tag still open at the line's end
_TAG_LINES = 40
_COMMENT = re.compile(r"<!--.*?-->")
_OPEN_COMMENT = re.compile(r"<!--(?!.*-->)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Document:
    title: str
    body: str  # cleaned Markdown: headings, lists, bold, code and absolute links kept
    metadata: dict[str, Any] = field(default_factory=dict)


def absolute_only(href: str, html: bool) -> str | None:
    """Links when the help center's URL is unknown: only absolute web URLs are kept."""
    return href.strip() if is_web_url(href.strip()) else None


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A Markdown source's YAML front matter (empty when it has none) and the rest."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    loaded = yaml.safe_load(match.group(1))
    return (loaded if isinstance(loaded, dict) else {}), text[match.end() :]


def parse(text: str, suffix: str, fallback_title: str, links: Links = absolute_only) -> Document:
    """A source file's title, cleaned body and metadata; `links` resolves link targets."""
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES:
        return _parse_html(text, fallback_title)
    if suffix in TEXT_SUFFIXES:
        return Document(fallback_title, text.strip())
    metadata, text = front_matter(text)
    body = clean_markdown(text, links)
    title = str(metadata.get("title") or _first_heading(body) or fallback_title).strip()
    return Document(title, body, metadata)


def clean_markdown(text: str, links: Links = absolute_only) -> str:
    """MDX and HTML wrappers out, the words and readable Markdown in; code untouched."""
    lines = _HEAD_BLOCK.sub("", text).splitlines()
    out: list[str] = []
    fences = Fences()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if fences.fence(line) or fences.inside:
            out.append(line)
            continue
        stripped = line.strip()
        if re.match(r"^(import|export)\s", stripped):
            continue
        if stripped.startswith(":::"):
            continue
        prose = outside_code(line, str)
        if _OPEN_COMMENT.search(prose):
            line, index = _joined(lines, line, index, "-->")
        elif _OPEN_TAG.search(prose):
            line, index = _joined(lines, line, index, ">")
        # Inline code (between backticks) is kept as written: it is often an HTML example.
        out.append(outside_code(line, lambda prose: _clean_prose(prose, links)).rstrip())
    return _BLANKS.sub("\n\n", "\n".join(out)).strip()


def _joined(lines: list[str], line: str, index: int, end: str) -> tuple[str, int]:
    """A tag whose attributes run over several lines (`<CtaBox` ... `/>`), or a comment,
    joined onto one line up to `end`, so it goes like any other; unchanged when it never
    ends before a blank line."""
    joined = line
    for at in range(index, min(index + _TAG_LINES, len(lines))):
        if not lines[at].strip():
            break
        joined += " " + lines[at].strip()
        if end in lines[at]:
            return joined, at + 1
    return line, index


def _clean_prose(text: str, links: Links) -> str:
    text = _COMMENT.sub("", text)
    text = _HTML_ITEM.sub(r"\1- ", text)
    text = _HTML_LINK.sub(
        lambda m: _link(m.group(3), m.group(1) or m.group(2) or "", True, links), text
    )
    text = _HTML_STRONG.sub(
        lambda m: f"**{m.group(2).strip()}**" if m.group(2).strip() else "", text
    )
    text = _AUTOLINK.sub(lambda m: f"[{m.group(1)}]({m.group(1)})", text)
    text = _TAG.sub("", text)
    text = _JSX_EXPR.sub("", text)
    for _ in range(3):  # [![image](src)](href): the image first, then the emptied link
        text, dropped = _IMAGE.subn("", text)
        if not dropped:
            break
    return LINK.sub(lambda m: _link(m.group(1), m.group(2), False, links), text)


def _link(text: str, target: str, html: bool, links: Links) -> str:
    text = text.strip()
    if not text:
        return ""
    href = target.split()[0] if target.split() else ""
    url = links(href, html) if href else None
    if url is None:
        return text
    return f"[{text}]({url})"


def chunk(document: Document, max_chars: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """Split along headings, then paragraphs (then lines, then sentences), keeping each
    chunk's plain text (what is embedded) under `max_chars`."""
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []
    paragraphs: list[str] = []
    plain_title = plain_text(document.title)

    def flush() -> None:
        heading = " > ".join(title for _, title in path)
        for text in _pack(paragraphs, max_chars):
            chunks.append(Chunk(len(chunks), heading, text))
        paragraphs.clear()

    block: list[str] = []
    fences = Fences()
    for line in document.body.splitlines():
        in_fence = fences.fence(line) or fences.inside
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            if block:
                paragraphs.append(_paragraph(block))
                block = []
            flush()
            level = len(heading.group(1))
            while path and path[-1][0] >= level:
                path.pop()
            name = plain_text(heading.group(2)).strip()
            if name != plain_title:
                path.append((level, name))
        elif not line.strip() and not in_fence:
            if block:
                paragraphs.append(_paragraph(block))
                block = []
        else:
            block.append(line)
    if block:
        paragraphs.append(_paragraph(block))
    flush()
    return [c for c in chunks if c.text]


def _paragraph(lines: list[str]) -> str:
    """A block of lines as one paragraph, its indentation kept relative to its first line
    (a nested list separated from its parent by a blank line stays a list)."""
    return textwrap.dedent("\n".join(lines)).strip()


def _size(text: str) -> int:
    """How long `text` is where it counts, in the embedding model's window."""
    return len(plain_text(text))


def _pack(paragraphs: list[str], max_chars: int) -> list[str]:
    packed: list[str] = []
    current, size = "", 0
    for paragraph in (p for p in paragraphs if p):
        length = _size(paragraph)
        pieces = [(paragraph, length)] if length <= max_chars else _split_long(paragraph, max_chars)
        for piece, piece_size in pieces:
            if current and size + piece_size + 2 > max_chars:
                packed.append(current)
                current, size = piece, piece_size
            elif current:
                current, size = f"{current}\n\n{piece}", size + 2 + piece_size
            else:
                current, size = piece, piece_size
    if current:
        packed.append(current)
    return packed


def _split_long(paragraph: str, max_chars: int) -> list[tuple[str, int]]:
    """A paragraph too long for one chunk, in pieces (with their sizes) along its lines, so
    list items stay items; a code block cut in two is closed and reopened."""
    lines = paragraph.split("\n")
    if len(lines) == 1:
        return _split_sentences(paragraph, max_chars)
    out: list[tuple[str, int]] = []
    current: list[str] = []
    size = 0
    fences = Fences()
    for line in lines:
        length = _size(line)
        units = [(line, length)] if length <= max_chars else _split_sentences(line, max_chars)
        opener = fences.opener  # of the code block `line` is in, if any
        closing = fences.fence(line) and opener is not None
        for unit, unit_size in units:
            if current and size + unit_size + 1 > max_chars and not closing:
                if opener is not None:  # cut inside a code block: close it, reopen it
                    current.append(closing_fence(opener))
                out.append(("\n".join(current), size))
                current, size = ([opener], len(opener)) if opener is not None else ([], 0)
            size += unit_size + (1 if current else 0)
            current.append(unit)
    if current:
        out.append(("\n".join(current), size))
    return out


def _split_sentences(text: str, max_chars: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    current, size = "", 0
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        while _size(sentence) > max_chars:
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            out.append((sentence[:cut], _size(sentence[:cut])))
            sentence = sentence[cut:].lstrip()
        length = _size(sentence)
        if current and size + length + 1 > max_chars:
            out.append((current, size))
            current, size = sentence, length
        elif current:
            current, size = f"{current} {sentence}", size + 1 + length
        else:
            current, size = sentence, length
    if current:
        out.append((current, size))
    return out


def _first_heading(body: str) -> str | None:
    for line in body.splitlines():
        match = _HEADING.match(line)
        if match:
            return plain_text(match.group(2))
    return None


def content_hash(document: Document, model_id: str, url: str | None = None) -> str:
    """Changes when the text, the title, the public URL or the embedding model changes."""
    digest = hashlib.sha256()
    for part in (model_id, document.title, document.body, url or ""):
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
