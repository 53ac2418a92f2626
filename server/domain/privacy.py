"""Privacy requests (GDPR export and erasure) and what the reconciliation scan looks for.
Pure: no I/O."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from server.domain.models import Contact

KINDS = ("export", "erasure")
STATUSES = ("received", "completed", "failed")
# What message bodies, ticket subjects and comments of an erased contact become.
ERASED = "[erased]"
# Names shorter than this are not searched for: "Al" or "Jo" would match everywhere.
MIN_NAME_CHARS = 3
# A number's digits alone (WhatsApp ids are the number without "+") from this many on.
MIN_DIGITS = 7


@dataclass(frozen=True)
class PrivacyRequest:
    """One export or erasure in the tenant's register (migration 0018)."""

    id: uuid.UUID
    kind: str
    contact_id: uuid.UUID | None  # cleared once the contact is erased
    subject_ref: str
    requested_by: uuid.UUID | None  # None: the operator (CLI)
    requester_name: str | None
    requested_at: datetime
    due_at: datetime
    status: str
    completed_at: datetime | None
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Needles:
    """What the reconciliation scan searches every column for.

    ``values``: matched anywhere inside a value, case-insensitively (ids, addresses,
    numbers). ``words``: names, matched only as whole words (``\\m...\\M``), and only those of
    at least MIN_NAME_CHARS characters."""

    values: tuple[str, ...]
    words: tuple[str, ...]

    def like_patterns(self) -> list[str]:
        return [f"%{_like_escaped(v.lower())}%" for v in self.values]

    def word_patterns(self) -> list[str]:
        return [rf"\m{re.escape(w.lower())}\M" for w in self.words]


@dataclass(frozen=True)
class Finding:
    table: str
    column: str
    count: int


def needles_for(contact: Contact) -> Needles:
    """Everything that identifies `contact`: its id, e-mail, phone (and the phone's digits,
    a WhatsApp id), external id; and its whole name as a phrase of whole words (one word of
    it alone, "Carla", is too common to search a help desk for)."""
    values = [str(contact.id)]
    for value in (contact.email, contact.phone, contact.external_id):
        if value and value.strip():
            values.append(value.strip())
    if contact.phone:
        digits = re.sub(r"\D", "", contact.phone)
        if len(digits) >= MIN_DIGITS:
            values.append(digits)
    name = " ".join((contact.name or "").split())
    words = (name,) if len(name) >= MIN_NAME_CHARS else ()
    return Needles(tuple(dict.fromkeys(values)), words)


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
