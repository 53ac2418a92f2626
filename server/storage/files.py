"""The default object store: a directory (under the data dir unless configured).

Writes go to a temporary file in the same directory, flushed, then renamed over the key's
path, so a reader never sees half a file. Keys are checked (base.check_key) before they
become paths, and the resolved path must stay inside the root.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from server.storage.base import ObjectMissing, StorageError, check_key


class FileStore:
    """An ObjectStore over a local directory (created on first write)."""

    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    @property
    def root(self) -> Path:
        return self._root

    def path_of(self, key: str) -> Path:
        """Where ``key`` lives; ValueError for a key that is not one of ours or escapes."""
        path = (self._root / check_key(key)).resolve()
        if not path.is_relative_to(self._root):
            raise ValueError(f"storage key escapes the store: {key!r}")
        return path

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._put, self.path_of(key), data)

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self._get, self.path_of(key), key)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._delete, self.path_of(key))

    @staticmethod
    def _put(path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temp, path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise StorageError(f"could not store the file: {exc.strerror}") from exc

    @staticmethod
    def _get(path: Path, key: str) -> bytes:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise ObjectMissing(f"no stored object {key}") from None
        except OSError as exc:
            raise StorageError(f"could not read the file: {exc.strerror}") from exc

    @staticmethod
    def _delete(path: Path) -> None:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise StorageError(f"could not delete the file: {exc.strerror}") from exc
