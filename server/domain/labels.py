"""Managed labels: the palette and the checks of a label's fields. Pure: no I/O.

A label's name is the tag string conversations carry (PROTOCOL.md `tags`); the colour is
one of a fixed palette whose chips stay readable on the inbox's dark theme (the web
client maps each name to its colours, client/web/src/inbox/ui/Labels.js).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from server.errors import ValidationFailed
from server.ids import TenantId

PALETTE: Final = (
    "grey",
    "red",
    "orange",
    "amber",
    "green",
    "teal",
    "blue",
    "indigo",
    "purple",
    "pink",
)
MAX_NAME: Final = 50  # as a tag (PROTOCOL.md conversation.update `tags`)
MAX_DESCRIPTION: Final = 200
MAX_LABELS: Final = 200  # per tenant


@dataclass(frozen=True)
class Label:
    """A managed label as stored (server/store/labels.py)."""

    id: uuid.UUID
    tenant_id: TenantId
    name: str
    colour: str
    description: str
    created_at: datetime
    updated_at: datetime


def check_name(name: str) -> str:
    """The name trimmed; ValidationFailed when empty, too long or holding a comma (the
    list filter takes one label, and tags are never split on commas)."""
    trimmed = name.strip()
    if not 1 <= len(trimmed) <= MAX_NAME:
        raise ValidationFailed(f"name must be 1..{MAX_NAME} characters")
    if "," in trimmed:
        raise ValidationFailed("name cannot hold a comma")
    return trimmed


def check_colour(colour: str) -> str:
    """The colour if it is one of PALETTE; ValidationFailed naming them otherwise."""
    if colour not in PALETTE:
        raise ValidationFailed(f"colour must be one of {', '.join(PALETTE)}")
    return colour


def check_description(description: str) -> str:
    """The description trimmed; ValidationFailed when longer than MAX_DESCRIPTION."""
    trimmed = description.strip()
    if len(trimmed) > MAX_DESCRIPTION:
        raise ValidationFailed(f"description must be at most {MAX_DESCRIPTION} characters")
    return trimmed
