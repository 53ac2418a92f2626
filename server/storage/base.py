"""The object-store seam attachments are kept through (FLOWSUPPORT_STORAGE_URL).

Keys are made here, never from user input: ``<tenant id>/<random hex>``, so a key cannot
name a path outside its store nor collide with another tenant's. Implementations raise
ObjectMissing for a key they do not hold and StorageError for anything else.
"""

from __future__ import annotations

import re
import secrets
from typing import Protocol

from server.errors import NotFound, Unavailable

KEY = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9a-f]{32}$")


class ObjectMissing(NotFound):
    """The store holds nothing under this key (deleted, or never written)."""


class StorageError(Unavailable):
    """The store failed (unreachable, refused): a retry may help."""


class ObjectStore(Protocol):
    """Bytes by key. ``put`` is atomic (a reader sees all of it or nothing); ``delete`` of
    a missing key succeeds (deletes are retried after failures)."""

    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes: ...

    async def delete(self, key: str) -> None: ...


def new_key(tenant_id: str) -> str:
    """A fresh tenant-prefixed key: 128 random bits, no user-chosen part."""
    key = f"{tenant_id}/{secrets.token_hex(16)}"
    return check_key(key)


def check_key(key: str) -> str:
    """``key`` if it has the shape new_key makes; ValueError otherwise (no ``..``, no
    separators of any other kind can pass)."""
    if not KEY.fullmatch(key):
        raise ValueError(f"not a storage key: {key!r}")
    return key
