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
import email.parser
import email.policy
import hashlib
import re
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses

from server.channels.html_text import html_text
from server.channels.reply_text import is_forward, new_lines, tidy


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
    full_text = tidy(lines)
    forwarded = is_forward(subject)
    from_name, from_address = _from(msg)
    return ParsedMail(
        message_id=next(iter(_ids(_header(msg, "Message-ID"))), None),
        in_reply_to=_ids(_header(msg, "In-Reply-To")),
        references=_ids(_header(msg, "References")),
        from_address=from_address,
        from_name=from_name,
        to_addresses=_recipients(msg),
        subject=subject,
        text=tidy(new_lines(lines, forwarded)) or full_text,
        full_text=full_text,
        attachments=tuple(_attachment(part) for part in attachment_parts),
        automated=_automated(msg, from_address),
        ticket_number=_ticket_number(subject),
    )


@dataclass(frozen=True)
class Headline:
    message_id: str | None
    from_address: str | None
    from_name: str | None
    subject: str


def headline(raw: bytes) -> Headline:
    """Who sent a message, its Message-ID and subject, read from the header block alone
    (the body is not parsed: cheap for any size); raises only MalformedMail."""
    msg = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
    if not msg.keys():
        raise MalformedMail("no header block: not an RFC 5322 message")
    from_name, from_address = _from(msg)
    return Headline(
        message_id=next(iter(_ids(_header(msg, "Message-ID"))), None),
        from_address=from_address,
        from_name=from_name,
        subject=" ".join(_header(msg, "Subject").split()),
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
        return html_text(text)
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


def safe_filename(name: str | None) -> str:
    """A file name fit to store and show (uploads too: services/attachments.py)."""
    return _safe_filename(name)


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
