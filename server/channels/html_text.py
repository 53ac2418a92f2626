"""HTML mail bodies as clean text: what the sender wrote, readable in a chat transcript.

Scripts, styles and heads dropped; block elements become line breaks, list items "- ",
quoted blocks "> " lines, table rows one line each; links keep their text (the URL follows
when it differs). Unclosed "<" are escaped before parsing: the standard library's parser is
slow on some hostile inputs in older Pythons (CPython gh-135462).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DROP = frozenset({"script", "style", "head", "title", "template"})
# Newlines a block element owes before its content and after it: 2 is a paragraph.
_BLOCKS = (
    {"p": 2, "h1": 2, "h2": 2, "h3": 2, "h4": 2, "h5": 2, "h6": 2}
    | dict.fromkeys(
        ("div", "li", "tr", "table", "ul", "ol", "blockquote", "pre", "hr", "dl", "dt", "dd"), 1
    )
    | dict.fromkeys(("section", "article", "header", "footer", "center", "address"), 1)
)
_NOT_SHOWN = ("#", "cid:", "javascript:", "data:")
_COMMENT_CLOSE = re.compile(r"--\s*>")  # what html.parser ends a comment at


class _HtmlText(HTMLParser):
    """HTML as a mail client shows it, as plain text: blocks on their own lines, list
    items as "- ", blockquotes as "> " so quote stripping treats them like plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._newlines = 2  # trailing newlines written; 2 at the start, so none lead
        self._owed = 0  # newlines owed before the next word
        self._space = False
        self._bullet = False
        self._quote = 0
        self._cell = False  # in a table cell before its first word: no line breaks
        self._paragraph = (0, 0)  # (newlines a <p> owes, len(chunks) at its start)
        self._only_spaces = False  # the text since <p> was all (non-breaking) spaces
        self._skip: list[str] = []
        self._link: tuple[str, int] | None = None  # (href, len(chunks) at <a>)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skip.clear()  # a <head> nobody closed
        if tag in _DROP:
            self._skip.append(tag)
        if self._skip:
            return
        if tag == "br":
            self._pay()
            self._write(">\n" if self._quote and self._newlines else "\n")
        elif tag == "p":
            # Outlook's paragraphs have no margins; its blank lines are <p>&nbsp;</p>.
            outlook = (dict(attrs).get("class") or "").startswith("Mso")
            self._paragraph = (1 if outlook else 2, len(self.chunks))
            self._only_spaces = False
        elif tag == "li":
            self._bullet = True
        elif tag == "blockquote":
            self._quote += 1
        elif tag in ("td", "th"):
            self._space = self._cell = True
        elif tag == "a":
            self._end_link()  # links do not nest: a new one closes the last, as in browsers
            self._link = ((dict(attrs).get("href") or "").strip(), len(self.chunks))
        self._owe(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP and tag in self._skip:
            del self._skip[len(self._skip) - 1 - self._skip[::-1].index(tag) :]
        if self._skip:
            return
        self._owe(tag)
        if tag == "p" and self._only_spaces and self._paragraph[1] == len(self.chunks):
            self._pay()
            self._write("\n")
        elif tag == "blockquote":
            self._quote = max(0, self._quote - 1)
        elif tag in ("td", "th"):
            if not self._cell:  # the cell's last block does not break the row
                self._owed = 0
            self._space, self._cell = True, False
        elif tag == "a":
            self._end_link()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        words = data.split()
        for index, word in enumerate(words):
            self._word(word, space=index > 0 or self._space or data[0].isspace())
        self._space = data[-1:].isspace() or (self._space and not words)
        self._only_spaces = self._only_spaces or (bool(data) and not words)

    def _end_link(self) -> None:
        """Append " (url)" after a link whose text is not its address."""
        if self._link is None:
            return
        (href, start), self._link = self._link, None
        text = "".join(self.chunks[start:]).strip()
        shown = href and not href.lower().startswith(_NOT_SHOWN)
        if text and shown and _bare_url(text) != _bare_url(href):
            self._word(f"({href})", space=True)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """Skip a "<![word" that is no marked section, which the base class asserts on."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def _owe(self, tag: str) -> None:
        level = self._paragraph[0] if tag == "p" else _BLOCKS.get(tag, 0)
        if not self._cell or tag == "tr":
            self._owed = max(self._owed, level)

    def _pay(self) -> None:
        if self._owed > self._newlines:
            self._write("\n" * (self._owed - self._newlines))
        self._owed = 0

    def _word(self, word: str, *, space: bool) -> None:
        self._pay()
        if self._newlines:
            self._write("> " * self._quote + "- " * self._bullet)
            self._bullet = False
        elif space:
            self._write(" ")
        self._write(word)
        self._cell = False

    def _write(self, text: str) -> None:
        self.chunks.append(text)
        content = text.rstrip("\n")
        self._newlines = len(text) - len(content) + (0 if content else self._newlines)


def _bare_url(url: str) -> str:
    url = url.lower().removeprefix("mailto:").removeprefix("tel:")
    return re.sub(r"^https?://", "", url).rstrip("/")


def html_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(_defuse(html))
    parser.close()
    return "".join(parser.chunks)


def _defuse(html: str) -> str:
    """Escape each "<" that opens nothing it closes before the next "<". Before the fix
    for CPython gh-135462 (CVE-2025-6069, in 2025 patch releases; 3.11.7 lacks it) the
    parser rescans to the end for every unclosed construct: 150 kB of "<a " took minutes.
    Escaped, they are text. Linear: each search stops at the next "<" or runs once."""
    out: list[str] = []
    pos = 0
    no_comment_end = len(html)  # a "-->" search that failed once fails for every later one
    while (start := html.find("<", pos)) >= 0:
        if html.startswith("<!--", start):
            found = _COMMENT_CLOSE.search(html, start + 4) if start < no_comment_end else None
            if found is None:
                no_comment_end = min(no_comment_end, start)
            end, close = (found.start(), found.end()) if found else (-1, -1)
        else:
            following = html.find("<", start + 1)
            end = html.find(">", start + 1, following if following >= 0 else len(html))
            section = end >= 0 and html.startswith("<![", start)
            if section and not html[start:end].rstrip().endswith("]"):
                end = -1  # marked sections end in "]>" ("]]>" for CDATA); this one cannot
            close = end + 1
        out.append(html[pos:start] + "&lt;" if end < 0 else html[pos:close])
        pos = start + 1 if end < 0 else close
    out.append(html[pos:])
    return "".join(out)
