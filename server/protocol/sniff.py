"""What an uploaded file really is, from its first bytes (never the client's word).

An allowlist: raster images (png, jpeg, gif, webp), pdf, the zip-based office documents
(docx, xlsx, pptx, odt, ods, odp) and UTF-8 text without NULs (plain text, csv). Anything
else, executables, html, svg and unknown binaries among them, is refused by the caller.
Pure: no I/O, table-tested in tests/unit/test_sniff.py.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

# Served inline (Content-Disposition: inline) only when sniffed as one of these.
INLINE_IMAGES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})

OFFICE_BY_MEMBER = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
OPEN_DOCUMENT = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
# Text that a browser would run or render as a document is refused even though it is
# valid UTF-8: its first non-blank characters, lower-cased.
MARKUP_STARTS = ("<!doctype", "<html", "<svg", "<?xml", "<script", "<head", "<body", "<iframe")


def sniff(data: bytes, filename: str = "") -> str | None:
    """The allowlisted content type of ``data``, or None when it is none of them.
    ``filename`` only tells csv from plain text (both are text; nothing else trusts it)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    return _text(data, filename)


def _office(data: bytes) -> str | None:
    """An OOXML or OpenDocument file (zip archives), by the members that make one; any
    other zip is refused."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared in OPEN_DOCUMENT else None
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, content_type in OFFICE_BY_MEMBER.items():
        if any(name.startswith(prefix) for name in names):
            return content_type
    return None


def _text(data: bytes, filename: str) -> str | None:
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    head = text.lstrip("\ufeff \t\r\n").lower()
    if head.startswith(MARKUP_STARTS):
        return None
    if filename.lower().endswith(".csv"):
        return "text/csv"
    return "text/plain"
