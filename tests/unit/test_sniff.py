"""Content types come from the bytes (server/protocol/sniff.py): the allowlist, and what
is refused however it is named."""

from __future__ import annotations

import io
import zipfile

import pytest

from server.protocol.sniff import INLINE_IMAGES, sniff


def archive(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


DOCX = archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
XLSX = archive({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"})
ODT = archive({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<c/>"})


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, "x.bin", "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 16, "x", "image/jpeg"),
        (b"GIF89a" + b"\x00" * 8, "x.png", "image/gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "x", "image/webp"),
        (b"%PDF-1.7\n", "x.exe", "application/pdf"),
        (DOCX, "a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (XLSX, "a.zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (ODT, "a.odt", "application/vnd.oasis.opendocument.text"),
        ("héllo wörld\n".encode(), "note.txt", "text/plain"),
        (b"a,b\n1,2\n", "table.CSV", "text/csv"),
        (b"\xef\xbb\xbfa,b\n", "t.csv", "text/csv"),
    ],
)
def test_allowed_types_are_recognised_by_their_bytes(data: bytes, name: str, expected: str) -> None:
    """Each allowlisted type is found from its magic numbers whatever the name says."""
    assert sniff(data, name) == expected


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00" + b"\x00" * 60, "cat.png"),  # a Windows executable
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 9, "run.txt"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.png"),
        (b"  <!DOCTYPE html><p>hi", "page.txt"),
        (b"<html><script>alert(1)</script>", "photo.jpg"),
        (b'<?xml version="1.0"?><svg/>', "a.svg"),
        (b"text with a \x00 inside", "a.txt"),
        (b"\xff\xfe\x00\x00latin", "a.txt"),  # not UTF-8
        (bytes(range(256)), "blob"),
        (archive({"evil.exe": b"MZ"}), "docs.docx"),  # a plain zip is not an office document
        (b"PK\x03\x04broken", "a.docx"),
        (archive({"mimetype": b"text/html"}), "a.odt"),
    ],
)
def test_everything_else_is_refused(data: bytes, name: str) -> None:
    """Executables, markup, NULs, other encodings, unknown binaries, plain zips: None."""
    assert sniff(data, name) is None


def test_only_raster_images_are_inline() -> None:
    """SVG is never among the types served inline."""
    assert {"image/png", "image/jpeg", "image/gif", "image/webp"} == INLINE_IMAGES
