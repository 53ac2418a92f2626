"""Inbound e-mail for a support inbox: who wrote, in which thread, what is new, what is attached.

Pure: bytes in, frozen values out, no I/O. The standard library's ``email`` package does
the MIME work (RFC 2045-2049, 2047, 2231); this module adds what an inbox needs on top:
the body choice, an HTML-to-text pass, quote and signature stripping, loop detection
(RFC 3834) and the ticket number in the subject. Limits are the caller's: every
attachment is listed with its true decoded size and nothing is refused here.

    ValueError
    ├── MalformedMail   no header block at all: the bytes are not an e-mail
    └── MailTooLarge    over the caller's size limit; the caller raises it, this module never does
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses
from html.parser import HTMLParser


class MalformedMail(ValueError):
    """The bytes carry no header block, so there is nothing to thread or answer."""


class MailTooLarge(ValueError):
    """A message over the caller's total-size limit (raised by the caller, shared here)."""


@dataclass(frozen=True)
class Attachment:
    filename: str  # sanitised: no path separators or control characters; "attachment" if none
    content_type: str
    size: int  # bytes of the decoded payload, however large
    sha256: str  # hex digest of the decoded payload
    inline: bool  # shown inside the message (signature images, pasted screenshots)


@dataclass(frozen=True)
class ParsedMail:
    message_id: str | None
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    from_address: str | None
    from_name: str | None
    to_addresses: tuple[str, ...]
    subject: str
    text: str  # what the sender newly wrote
    full_text: str  # the whole body before quote and signature stripping
    attachments: tuple[Attachment, ...]
    automated: bool
    ticket_number: int | None


def parse_mail(raw: bytes, *, max_attachment_bytes: int = 10_000_000) -> ParsedMail:
    """Everything the inbox needs from one raw message; raises only MalformedMail.

    ``max_attachment_bytes`` changes nothing in the result: attachments above it are
    listed with their real ``size`` so the caller can refuse each with a reason.
    """
    msg = _parse(raw)
    body_parts, attachment_parts = _parts(msg)
    subject = " ".join(_header(msg, "Subject").split())
    lines = _body_text(body_parts).split("\n")
    full_text = _tidy(lines)
    forwarded = _FORWARD_SUBJECT.match(subject) is not None
    from_name, from_address = _from(msg)
    return ParsedMail(
        message_id=next(iter(_ids(_header(msg, "Message-ID"))), None),
        in_reply_to=_ids(_header(msg, "In-Reply-To")),
        references=_ids(_header(msg, "References")),
        from_address=from_address,
        from_name=from_name,
        to_addresses=_recipients(msg),
        subject=subject,
        text=_tidy(_new_lines(lines, forwarded)) or full_text,
        full_text=full_text,
        attachments=tuple(_attachment(part) for part in attachment_parts),
        automated=_automated(msg, from_address),
        ticket_number=_ticket_number(subject),
    )


def payload(raw: bytes, attachment_index: int) -> bytes:
    """The decoded bytes of ``ParsedMail.attachments[attachment_index]``, parsed again so
    a ParsedMail never holds attachment bytes; IndexError when there is no such attachment."""
    _, attachments = _parts(_parse(raw))
    if not 0 <= attachment_index < len(attachments):
        raise IndexError(f"attachment {attachment_index} of {len(attachments)}")
    return _leaf_bytes(attachments[attachment_index])


# "[#42]", "[Acme Support #42]", "Ticket #42", "ticket: #42"; never "abc#1" or "#42abc".
_TICKET = re.compile(r"\[(?:[^\[\]#]*\s)?#(\d{1,18})\]|\bticket\s*:?\s*#(\d{1,18})(?!\w)", re.I)


def _ticket_number(subject: str) -> int | None:
    """The ticket a reply belongs to, from the tag our outgoing subjects carry."""
    match = _TICKET.search(subject)
    return None if match is None else int(match.group(1) or match.group(2))


# --- headers ---------------------------------------------------------------------------

_FALLBACK_CHARSETS = ("utf-8", "windows-1252")
_MAX_DEPTH = 50  # multipart and message/* levels; real mail has a handful
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # PostgreSQL text refuses NUL
_MSG_ID = re.compile(r"<\s*([^<>\s]+?)\s*>")


def _parse(raw: bytes) -> Message:
    """policy.default, unless its structured header parsers raise on this input (on some
    hostile headers CPython's raise ValueError and the like, and only when a header is
    first read); compat32 reads every header as a plain string and never does."""
    msg: Message
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        _read_headers(msg)
    except RecursionError as exc:
        raise MalformedMail("MIME parts nested too deeply") from exc
    except MalformedMail:
        raise
    except Exception:  # a header policy.default cannot read
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        _read_headers(msg)
    if not msg.keys():
        raise MalformedMail("no header block: not an RFC 5322 message")
    return msg


def _read_headers(msg: Message) -> None:
    """Parse every header of every part now, not halfway through reading the mail; refuse
    nesting no mail client produces, before anything recurses over it."""
    stack = [(msg, 0)]
    while stack:
        part, depth = stack.pop()
        if depth > _MAX_DEPTH:
            raise MalformedMail("MIME parts nested too deeply")
        part.values()
        stack.extend((child, depth + 1) for child in _children(part))


def _decode(data: bytes, charset: str | None) -> str:
    """Bytes to text in the declared charset, else UTF-8, else Windows-1252, else Latin-1:
    the order in which mislabelled mail is most often right."""
    for name in (charset, *_FALLBACK_CHARSETS) if charset else _FALLBACK_CHARSETS:
        try:
            return data.decode(name)
        except (LookupError, ValueError):  # unknown, non-text or NUL-named codec; wrong bytes
            continue
    return data.decode("latin-1")


def _unescape(text: str) -> str:
    """Raw 8-bit bytes the parser kept as surrogate escapes, decoded like a body."""
    if not any("\udc80" <= char <= "\udcff" for char in text):
        return text
    return _decode(text.encode("utf-8", "surrogateescape"), None)


def _decode_words(text: str) -> str:
    """RFC 2047 encoded words to text, each in its charset with the body's fallbacks."""
    if "=?" not in text:
        return text
    try:
        chunks = decode_header(text)
    except (ValueError, HeaderParseError):  # broken base64 inside an encoded word
        return text
    return "".join(
        chunk if isinstance(chunk, str) else _decode(chunk, charset or "raw-unicode-escape")
        for chunk, charset in chunks
    )


def _headers(msg: Message, name: str) -> list[str]:
    """Every value of one header, unfolded and decoded; read raw, because the policy's
    structured parsers mangle or refuse some of what real clients send."""
    wanted = name.lower()
    return [
        _CONTROL.sub("", _decode_words(_unescape(re.sub(r"\r?\n", "", str(value)))).strip())
        for key, value in msg.raw_items()
        if key.lower() == wanted
    ]


def _header(msg: Message, name: str) -> str:
    values = _headers(msg, name)
    return values[0] if values else ""


def _ids(value: str) -> tuple[str, ...]:
    """Message ids without brackets, in order, once each (RFC 5322 §3.6.4)."""
    found = _MSG_ID.findall(value) or [token for token in value.split() if "@" in token]
    return tuple(dict.fromkeys(found))


def _addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lower-cased address) pairs; names are decoded after splitting, so
    an encoded comma in a name never splits an address."""
    raw = [_unescape(re.sub(r"\r?\n", "", str(v))) for k, v in msg.raw_items() if k.lower() == name]
    pairs = getaddresses(raw)
    clean = [(_CONTROL.sub("", _decode_words(n)).strip(), _CONTROL.sub("", a)) for n, a in pairs]
    return [(name, address.strip().lower()) for name, address in clean if address.strip()]


def _from(msg: Message) -> tuple[str | None, str | None]:
    found = _addresses(msg, "from")
    if not found:
        return None, None
    name, address = found[0]
    return name or None, address


def _recipients(msg: Message) -> tuple[str, ...]:
    names = ("to", "cc", "delivered-to", "x-original-to")
    found = [address for name in names for _, address in _addresses(msg, name)]
    return tuple(dict.fromkeys(address for address in found if "@" in address))


def _automated(msg: Message, from_address: str | None) -> bool:
    """Mail no human typed, so an auto-acknowledgement would start a loop (RFC 3834)."""
    auto_submitted = _headers(msg, "Auto-Submitted")
    suppress = set(re.split(r"[\s,]+", _header(msg, "X-Auto-Response-Suppress").lower()))
    local_part = (from_address or "").partition("@")[0]
    return (
        any(value.split(";")[0].strip().lower() != "no" for value in auto_submitted)
        or _header(msg, "Precedence").lower() in {"bulk", "junk", "list", "auto_reply"}
        or any(name in msg for name in ("List-Id", "List-Unsubscribe"))
        or any(name in msg for name in ("X-Autoreply", "X-Autorespond"))
        or bool(suppress & {"all", "oof", "autoreply"})
        or any("".join(path.split()) == "<>" for path in _headers(msg, "Return-Path"))
        or local_part in {"mailer-daemon", "postmaster"}
        or msg.get_content_type() == "multipart/report"
    )


# --- MIME structure: which parts are the body, which are attachments -------------------


def _parts(msg: Message) -> tuple[list[Message], list[Message]]:
    """(body parts, attachment parts), each in document order."""
    body: list[Message] = []
    attachments: list[Message] = []
    _collect(msg, body, attachments)
    return body, attachments


def _children(part: Message) -> list[Message]:
    if not part.is_multipart():  # get_payload() would decode a leaf, in its charset
        return []
    payload = part.get_payload()
    return (
        [child for child in payload if isinstance(child, Message)]
        if isinstance(payload, list)
        else []
    )


def _is_body_text(part: Message) -> bool:
    return (
        part.get_content_type() in ("text/plain", "text/html")
        and part.get_content_disposition() != "attachment"
        and not _filename(part)
    )


def _filename(part: Message) -> str | None:
    try:
        return part.get_filename()
    except ValueError:  # an RFC 2231 charset name the codec lookup refuses (it holds a NUL)
        return None


def _charset(part: Message) -> str | None:
    try:
        return part.get_content_charset()
    except ValueError:  # the same, for the charset parameter
        return None


def _is_rendering(part: Message) -> bool:
    """Another rendering of the same text (text/enriched, text/watch-html...), not a file."""
    return (
        part.get_content_maintype() == "text"
        and part.get_content_subtype() != "calendar"
        and (part.get_content_disposition() != "attachment" and not _filename(part))
    )


def _collect(part: Message, body: list[Message], attachments: list[Message]) -> None:
    """mixed, related and the rest: every child in order; alternative: one child's body,
    every child's files (the HTML rendering may hold a pasted screenshot)."""
    maintype = part.get_content_maintype()
    if maintype != "multipart" or not part.is_multipart():
        # A multipart without a boundary is read as the text it really is.
        is_body = maintype == "multipart" or _is_body_text(part)
        (body if is_body else attachments).append(part)
        return
    if part.get_content_subtype() != "alternative":
        for child in _children(part):
            _collect(child, body, attachments)
        return
    options: list[tuple[list[Message], list[Message]]] = []
    for child in _children(part):
        options.append(([], []))
        _collect(child, *options[-1])
    chosen = _choose([option_body for option_body, _ in options])
    for index, (option_body, option_files) in enumerate(options):
        if index == chosen:
            body.extend(option_body)
        attachments.extend(file for file in option_files if not _is_rendering(file))


def _choose(bodies: list[list[Message]]) -> int:
    """Plain text first (what the sender typed), HTML when the plain part is empty."""
    texts = [_body_text(parts).strip() for parts in bodies]
    plain = [any(part.get_content_subtype() == "plain" for part in parts) for parts in bodies]
    for index in range(len(bodies)):
        if texts[index] and plain[index]:
            return index
    return next((index for index, text in enumerate(texts) if text), 0)


def _body_text(parts: list[Message]) -> str:
    texts = (_part_text(part).strip("\n") for part in parts)
    return "\n\n".join(text for text in texts if text.strip())


def _part_text(part: Message) -> str:
    data = part.get_payload(decode=True)
    text = _decode(data, _charset(part)) if isinstance(data, bytes) else ""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if part.get_content_subtype() == "html":
        return _html_text(text)
    if str(part.get_param("format", "")).lower() == "flowed":
        return _unflow(text, delsp=str(part.get_param("delsp", "")).lower() == "yes")
    return text


def _unflow(text: str, *, delsp: bool) -> str:
    """Join RFC 3676 soft line breaks, so paragraphs are not hard-wrapped at 72 columns."""
    lines: list[tuple[int, str]] = []
    soft = False
    for line in text.split("\n"):
        content = line.lstrip(">")
        depth = len(line) - len(content)
        content = content.removeprefix(" ")  # space-stuffing, §4.4
        if soft and lines[-1][0] == depth:
            lines[-1] = (depth, lines[-1][1] + content)
        else:
            lines.append((depth, content))
        soft = content.endswith(" ") and content != "-- "
        if soft and delsp:
            lines[-1] = (depth, lines[-1][1][:-1])
    return "\n".join(">" * depth + " " * bool(depth) + content for depth, content in lines)


def _attachment(part: Message) -> Attachment:
    data = _leaf_bytes(part)
    disposition = part.get_content_disposition()
    return Attachment(
        filename=_safe_filename(_filename(part)),
        content_type=part.get_content_type(),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        inline=disposition == "inline" or (disposition is None and "Content-ID" in part),
    )


def _leaf_bytes(part: Message) -> bytes:
    if part.is_multipart():  # message/rfc822, message/delivery-status
        # Parsed, not kept (RFC 2046 §5.2): written back as read, without refolding.
        policy = part.policy.clone(max_line_length=0, linesep="\r\n")
        return b"".join(child.as_bytes(policy=policy) for child in _children(part))
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


# Control and bidi-override characters: an RLO shows "invoice\u202efdp.exe" as "invoiceexe.pdf".
_UNSAFE_NAME_CHARS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def _safe_filename(name: str | None) -> str:
    """The last path segment, without control characters or what Windows refuses."""
    name = re.split(r"[/\\]", _decode_words(_unescape(name or "")))[-1]
    name = re.sub(r'[<>:"|?*]', "_", _UNSAFE_NAME_CHARS.sub("", name))
    name = " ".join(name.split()).strip(" .")
    if len(name) > 200:
        stem, dot, extension = name.rpartition(".")
        keep = dot and len(extension) <= 16
        name = f"{stem[: 199 - len(extension)]}.{extension}" if keep else name[:200]
    return name or "attachment"


# --- HTML to text -----------------------------------------------------------------------

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


def _html_text(html: str) -> str:
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


# --- what is new: quotes, reply headers, signatures ---------------------------------------

# Reply attributions (Gmail, Apple Mail, Thunderbird) in the languages our customers write.
_ATTRIBUTION = re.compile(
    r"^(?:On\b.*\bwrote|Am\b.*\bschrieb\b.*|Le\b.*\ba\s+écrit|El\b.*\bescribió|Op\b.*\bschreef\b.*"
    r"|Il\b.*\bha\s+scritto|Em\b.*\bescreveu)\s*:$"
)
_OPENER = re.compile(r"^(?:On|Am|Le|El|Op|Il|Em)\s")
_ORIGINAL = re.compile(
    r"^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original"
    r"|Oorspronkelijk bericht|Messaggio originale)\s*-{2,}$",
    re.I,
)
_RULE = re.compile(r"^_{10,}$")
_FROM_LINE = re.compile(r"^\*?(?:From|Von|De|Van|Da|Från|Fra)\s?:\*?\s*\S")
_SENT_LINE = re.compile(
    r"^\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado(?: el)?|Verzonden|Inviato|Skickat|Sendt)\s?:"
)
_FORWARD = re.compile(
    r"^(?:-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré"
    r"|Mensaje reenviado|Doorgestuurd bericht)\s*-{2,}|Begin forwarded message:"
    r"|Anfang der weitergeleiteten Nachricht:|Début du message réexpédié\s?:)$",
    re.I,
)
_FORWARD_SUBJECT = re.compile(r"^(?:\[[^\]]*\]\s*)?(?:fwd?|wg|tr|rv|enc)\s*:", re.I)
_FOOTER = re.compile(
    r"^(?:Sent from my [\w .'-]{1,40}|Sent from (?:Outlook|Mail|Yahoo Mail)(?: for [\w ]{1,20})?"
    r"|Get Outlook for (?:iOS|Android)|Von meinem [\w -]{1,30} gesendet"
    r"|Envoyé de mon [\w -]{1,30}|Enviado desde mi [\w -]{1,30})[.!]?"
    r"(?:\s*(?:<[^>\s]*>|\([^)\s]*\)))?$",
    re.I,
)


def _is_attribution(lines: list[str], index: int) -> bool:
    """ "On <date>, <name> wrote:", also wrapped over two lines; a date is always there."""
    line = lines[index].strip()
    candidates = [line]
    if _OPENER.match(line) and index + 1 < len(lines):
        candidates.append(f"{line} {lines[index + 1].strip()}")
    return any(
        len(text) <= 300 and _ATTRIBUTION.match(text) and re.search(r"\d", text)
        for text in candidates  # the length bound keeps the regex linear on hostile lines
    )


def _is_outlook_header(lines: list[str], index: int) -> bool:
    """Outlook's "-----Original Message-----", or a From:/Sent: block (after a rule)."""
    line = lines[index].strip()
    following = [text.strip() for text in lines[index + 1 : index + 6] if text.strip()]
    if _RULE.match(line):
        return bool(following) and _FROM_LINE.match(following[0]) is not None
    if _FROM_LINE.match(line):
        return any(_SENT_LINE.match(text) for text in following[:4])
    return _ORIGINAL.match(line) is not None


def _new_lines(lines: list[str], forwarded: bool) -> list[str]:
    """The lines the sender wrote. A reply header ends them; a forward is content, kept
    whole; quotes, footers and the signature (from "-- ", RFC 3676 §4.3) are dropped."""
    kept: list[str] = []
    in_signature = after_quote = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _FORWARD.match(stripped) or (forwarded and _is_outlook_header(lines, index)):
            while kept and not kept[-1].strip():
                kept.pop()
            return [*kept, "", *lines[index:]]
        if in_signature:
            continue
        if _is_attribution(lines, index) or _is_outlook_header(lines, index):
            break
        if stripped.startswith(">"):
            if kept and kept[-1].strip():
                kept.append("")  # one blank line where the quote was
            after_quote = True
        elif line.rstrip() == "--":
            in_signature = True
        elif _FOOTER.match(stripped):
            continue
        elif stripped or not (after_quote and (not kept or not kept[-1].strip())):
            after_quote = after_quote and not stripped
            kept.append(line)
    return kept


def _tidy(lines: Iterable[str]) -> str:
    """Lines without trailing whitespace, at most two blank lines in a row, none around."""
    out: list[str] = []
    blanks = 0
    for line in lines:
        line = line.rstrip()
        blanks = 0 if line else blanks + 1
        if blanks <= 2:
            out.append(line)
    return "\n".join(out).strip("\n")
