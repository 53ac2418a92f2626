"""Keyset page cursors for lists ordered by (a time, an id), newest first: opaque to
clients (URL-safe base64), stable under inserts (no offsets that shift). The id is a uuid
for most lists, a bigint for the audit log."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from server.errors import ValidationFailed

Id = TypeVar("Id", uuid.UUID, int)


def encode_cursor(updated_at: datetime, row_id: uuid.UUID | int) -> str:
    raw = f"{updated_at.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str | None, parse_id: Callable[[str], Id]) -> tuple[datetime, Id] | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, _, ident = raw.partition("|")
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            raise ValueError("naive time")
        return moment, parse_id(ident)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ValidationFailed("cursor is not one this API returned") from None


def decode_cursor(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    return _decode(cursor, uuid.UUID)


def decode_serial_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """A cursor of a list keyed by (created_at, a bigint id): the audit log."""
    return _decode(cursor, int)
