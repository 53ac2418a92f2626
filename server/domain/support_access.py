"""Support access: how a super_admin crosses into a tenant (issue 17). Pure: no I/O.

A super_admin sees a tenant's rows only while it holds an active grant on that tenant: a
justification, at most 24 hours, audited in the tenant's log and listed to its admins, who
may end it. Row-level security enforces it (migration 0016); these are the same rules,
checked first so a request is refused with a clear message.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from server.errors import ValidationFailed
from server.ids import TenantId, UserId

MAX_MINUTES = 24 * 60  # DESIGN.md: "minutes" <= 1440
REASON_CHARS = (10, 500)  # a justification, not a word; the table checks the same


@dataclass(frozen=True)
class SupportGrant:
    """One grant: `user_id` (a super_admin of the platform's tenant) may act in
    `tenant_id` from `created_at` until `expires_at`, unless revoked before."""

    id: uuid.UUID
    tenant_id: TenantId
    user_id: UserId
    user_email: str
    user_name: str
    reason: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    def active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at


def reason(value: str) -> str:
    """The justification, trimmed: 10 to 500 characters, one paragraph of text."""
    cleaned = value.strip()
    low, high = REASON_CHARS
    if not low <= len(cleaned) <= high:
        raise ValidationFailed(f"reason must be {low} to {high} characters")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in cleaned):
        raise ValidationFailed("reason must not contain control characters")
    return cleaned


def expiry(now: datetime, minutes: int) -> datetime:
    """When a grant made at `now` for `minutes` ends: 1 minute to 24 hours."""
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValidationFailed(f"minutes must be 1 to {MAX_MINUTES}")
    return now + timedelta(minutes=minutes)
