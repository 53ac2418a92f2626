"""Tickets: their shape, the status moves allowed, and custom fields checked on write."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.errors import Conflict, ValidationFailed
from server.ids import ContactId, ConversationId, TenantId, UserId

STATUSES = ("new", "open", "pending", "solved", "closed")
PRIORITIES = ("low", "normal", "high", "urgent")
# Where each status may go. Closed is final (a customer writing again starts afresh);
# solved reopens; nothing goes back to new.
MOVES: dict[str, frozenset[str]] = {
    "new": frozenset({"open", "pending", "solved", "closed"}),
    "open": frozenset({"pending", "solved", "closed"}),
    "pending": frozenset({"open", "solved", "closed"}),
    "solved": frozenset({"open", "closed"}),
    "closed": frozenset(),
}
FIELD_TYPES = ("text", "number", "boolean", "choice")


@dataclass(frozen=True)
class Ticket:
    id: uuid.UUID
    tenant_id: TenantId
    number: int
    conversation_id: ConversationId | None
    subject: str
    status: str
    priority: str
    requester_contact_id: ContactId
    assignee_id: UserId | None
    tags: tuple[str, ...]
    custom_fields: dict[str, Any]
    escalation_reason: str | None
    summary: str | None
    first_response_due_at: datetime | None
    resolution_due_at: datetime | None
    first_responded_at: datetime | None
    solved_at: datetime | None
    breaches: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    requester_name: str | None = None
    requester_email: str | None = None
    # The SLA clock stands still while the ticket is pending or solved (domain/case.py):
    # since when, and the business minutes it stood still before.
    sla_paused_at: datetime | None = None
    sla_paused_minutes: float = 0.0

    @property
    def due_at(self) -> datetime | None:
        """The next SLA deadline: first response until answered, then resolution; none
        while the clock is paused or the ticket is done."""
        if self.status in ("solved", "closed") or self.sla_paused_at is not None:
            return None
        if self.first_responded_at is None and self.first_response_due_at is not None:
            return self.first_response_due_at
        return self.resolution_due_at


@dataclass(frozen=True)
class TicketComment:
    id: uuid.UUID
    ticket_id: uuid.UUID
    author_kind: str
    author_id: str | None
    author_name: str | None
    body: str
    public: bool
    created_at: datetime


def check_move(current: str, wanted: str) -> None:
    if wanted not in STATUSES:
        raise ValidationFailed(f"status must be one of {', '.join(STATUSES)}")
    if wanted != current and wanted not in MOVES[current]:
        allowed = ", ".join(sorted(MOVES[current])) or "nothing: it is final"
        raise Conflict(f"a {current} ticket cannot become {wanted} (it may become {allowed})")


def check_priority(priority: str) -> str:
    if priority not in PRIORITIES:
        raise ValidationFailed(f"priority must be one of {', '.join(PRIORITIES)}")
    return priority


def check_tags(tags: list[str]) -> list[str]:
    cleaned = sorted({t.strip().lower() for t in tags})
    if len(cleaned) > 50 or any(not 1 <= len(t) <= 50 for t in cleaned):
        raise ValidationFailed("tags: at most 50, each 1 to 50 characters")
    return cleaned


def check_custom_fields(
    values: dict[str, Any], definitions: list[dict[str, Any]]
) -> dict[str, Any]:
    """Values for the tenant's defined fields only, each of its declared type (null clears)."""
    known = {d["key"]: d for d in definitions}
    for key, value in values.items():
        definition = known.get(key)
        if definition is None:
            names = ", ".join(sorted(known)) or "none are defined"
            raise ValidationFailed(f"custom_fields.{key} is not a field of this tenant ({names})")
        if value is None:
            continue
        kind = definition["type"]
        ok = (
            (kind == "text" and isinstance(value, str) and len(value) <= 1000)
            or (kind == "number" and isinstance(value, int | float) and not isinstance(value, bool))
            or (kind == "boolean" and isinstance(value, bool))
            or (kind == "choice" and value in definition.get("choices", []))
        )
        if not ok:
            expected = f"one of {definition.get('choices')}" if kind == "choice" else f"a {kind}"
            raise ValidationFailed(f"custom_fields.{key} must be {expected}")
    return values


def round_robin(online: list[str], last: str | None) -> str | None:
    """The next of the online agents after the one assigned last (in id order), so
    escalations go round the team; None when nobody is online."""
    if not online:
        return None
    ordered = sorted(online)
    if last in ordered:
        return ordered[(ordered.index(last) + 1) % len(ordered)]
    later = [agent for agent in ordered if last is not None and agent > last]
    return later[0] if later else ordered[0]
