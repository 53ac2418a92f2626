"""Typed identifiers. Ids are UUIDs in PostgreSQL and strings on the wire (PROTOCOL.md)."""

from __future__ import annotations

import uuid
from typing import NewType

from server.errors import NotFound

TenantId = NewType("TenantId", uuid.UUID)
UserId = NewType("UserId", uuid.UUID)
ContactId = NewType("ContactId", uuid.UUID)
ApiKeyId = NewType("ApiKeyId", uuid.UUID)
ConversationId = NewType("ConversationId", uuid.UUID)
MessageId = NewType("MessageId", uuid.UUID)


def parse_uuid(value: str, what: str) -> uuid.UUID:
    """Parse an id from a client; a malformed id is reported exactly like a missing one."""
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        raise NotFound(f"{what} not found") from None
