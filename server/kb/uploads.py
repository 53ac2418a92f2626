"""Help-center files uploaded over HTTP, read into (source path, text) pairs. Pure.

An upload is one or more files: articles (the suffixes `python -m kb_ingest` reads) or
.zip archives of them. An archive is read in memory, never extracted, and defensively:
entries with absolute paths, `..`, backslashes or drive letters, links and encrypted entries
are refused (ValidationFailed), and what the files hold together, as declared and as
actually read (declared sizes can lie), is capped at `max_bytes` (TooLarge): a zip bomb
stops at the cap. Inside an archive, files of other kinds, nested archives and the
`__MACOSX/` and `._` files macOS adds are passed over; an archive whose files all sit in one
folder is read from inside it, so a zipped folder gives the source paths `kb_ingest FOLDER`
gives.
"""

from __future__ import annotations

import io
import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass

from server.errors import TooLarge, ValidationFailed
from server.kb.chunking import SUFFIXES

ARCHIVE_SUFFIX = ".zip"
MAX_FILES = 5000  # articles in one upload, archives' entries included
READ_CHUNK = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Upload:
    name: str  # as the client named it (a relative path at most)
    data: bytes


@dataclass
class Unpacked:
    files: list[tuple[str, str]]  # (source path, text), in upload order
    passed_over: int = 0  # archive entries that are not articles


def unpack(uploads: list[Upload], max_bytes: int) -> Unpacked:
    """Every article in `uploads`; raises ValidationFailed for a file that is neither an
    article nor an archive, an unsafe path or a duplicate, TooLarge past `max_bytes`."""
    out = Unpacked([])
    budget = _Budget(max_bytes)
    for upload in uploads:
        name = safe_path(upload.name, upload.name)
        suffix = posixpath.splitext(name)[1].lower()
        if suffix == ARCHIVE_SUFFIX:
            _unpack_archive(name, upload.data, budget, out)
        elif suffix in SUFFIXES:
            budget.spend(len(upload.data), name)
            out.files.append((name, _text(upload.data)))
        else:
            raise ValidationFailed(
                f"{name}: upload articles ({', '.join(SUFFIXES)}) or a .zip of them"
            )
        if len(out.files) > MAX_FILES:
            raise TooLarge(f"an upload holds at most {MAX_FILES} articles")
    seen: set[str] = set()
    for path, _ in out.files:
        if path in seen:
            raise ValidationFailed(f"{path} is in the upload twice")
        seen.add(path)
    return out


def safe_path(name: str, where: str) -> str:
    """`name` as a relative POSIX path inside the upload; ValidationFailed when it would
    point anywhere else (or is not a name at all)."""
    if (
        not name
        or "\\" in name
        or "\0" in name
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(part in ("", ".", "..") for part in name.rstrip("/").split("/"))
        or any(ord(ch) < 32 for ch in name)
        or len(name) > 1000
    ):
        raise ValidationFailed(f"{where}: {name!r} is not a safe relative path")
    return name


class _Budget:
    """What the upload's files may hold together."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.left = max_bytes

    def spend(self, size: int, name: str) -> None:
        self.left -= size
        if self.left < 0:
            raise TooLarge(f"{name}: the upload's files hold more than {self.max_bytes} bytes")


def _unpack_archive(name: str, data: bytes, budget: _Budget, out: Unpacked) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ValidationFailed(f"{name} is not a readable .zip archive") from None
    if len(entries) > MAX_FILES:
        raise TooLarge(f"{name} holds more than {MAX_FILES} entries")
    articles = []
    for entry in entries:
        where = f"{name}: {entry.filename}"
        path = safe_path(entry.filename, name)
        if entry.is_dir():
            continue
        if stat.S_ISLNK(entry.external_attr >> 16):
            raise ValidationFailed(f"{where} is a link; archives may hold files only")
        if entry.flag_bits & 0x1:
            raise ValidationFailed(f"{where} is encrypted")
        base = posixpath.basename(path)
        if path.startswith("__MACOSX/") or base.startswith("._"):
            continue
        if posixpath.splitext(path)[1].lower() not in SUFFIXES:
            out.passed_over += 1
            continue
        articles.append((path, entry))
    if sum(entry.file_size for _, entry in articles) > budget.left:
        raise TooLarge(f"{name} unpacks to more than {budget.max_bytes} bytes")
    root = _common_folder([path for path, _ in articles])
    for path, entry in articles:
        text = _text(_read(archive, entry, budget, f"{name}: {path}"))
        out.files.append((path[len(root) :], text))


def _read(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: _Budget, where: str) -> bytes:
    """An entry's bytes, read in pieces and charged as they come: a size declared smaller
    than the content does not get past the budget."""
    parts = []
    try:
        with archive.open(entry) as stream:
            while piece := stream.read(READ_CHUNK):
                budget.spend(len(piece), where)
                parts.append(piece)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
        raise ValidationFailed(f"{where} cannot be read: {exc}") from None
    return b"".join(parts)


def _common_folder(paths: list[str]) -> str:
    """'folder/' when every path lies in that one top-level folder, else ''."""
    if not paths or any("/" not in p for p in paths):
        return ""
    firsts = {p.split("/", 1)[0] for p in paths}
    return f"{firsts.pop()}/" if len(firsts) == 1 else ""


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")  # as kb_ingest reads files
