"""The one factory of object stores (called by server/wiring.py only)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from server.errors import ConfigError
from server.storage.base import ObjectStore
from server.storage.files import FileStore


def store_for(url: str | None, data_dir: Path) -> ObjectStore:
    """FLOWSUPPORT_STORAGE_URL: unset is ``<data dir>/attachments``; ``file:///path`` a
    directory; ``s3://bucket/prefix`` an S3-compatible bucket."""
    if url is None:
        return FileStore(data_dir / "attachments")
    parts = urlsplit(url)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise ConfigError("FLOWSUPPORT_STORAGE_URL: file:// URLs name a local path")
        return FileStore(Path(unquote(parts.path)))
    if parts.scheme == "s3":
        if not parts.netloc:
            raise ConfigError("FLOWSUPPORT_STORAGE_URL: s3:// needs a bucket (s3://bucket/prefix)")
        from server.storage.s3 import S3Store  # boto3 costs 0.5 s to import: only for S3

        return S3Store(parts.netloc, unquote(parts.path))
    raise ConfigError("FLOWSUPPORT_STORAGE_URL must be file:///path or s3://bucket/prefix")
