"""What the audit log holds and how it is asked for: entries, the filters of `GET /v1/audit`
(validated here, pure), and the access review's rows. Entries name ids and actions, never
personal data (server/store/audit.py writes them)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.errors import ValidationFailed
from server.ids import TenantId

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
EXPORT_MAX_ROWS = 100_000  # a CSV export stops here and says so (X-Truncated: true)
_ACTION = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$")
_KIND = re.compile(r"^[a-z_]{1,40}$")
MAX_TEXT = 200


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    tenant_id: TenantId | None
    actor_kind: str
    actor_id: str | None
    action: str
    target_kind: str | None
    target_id: str | None
    client_address: str | None
    details: dict[str, Any]


@dataclass(frozen=True)
class AuditQuery:
    """The filters of one read: each None matches every entry. `action_prefix`: `action`
    ended with "." (`auth.` matches `auth.login`, `auth.login_failed`…)."""

    actor_id: str | None = None
    action: str | None = None
    action_prefix: bool = False
    target_kind: str | None = None
    target_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def query(
    *,
    actor: str | None = None,
    action: str | None = None,
    target: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> AuditQuery:
    """The filters of `GET /v1/audit` from their query-string values; ValidationFailed names
    the one that is malformed."""
    clean_action = _text(action, "action")
    if clean_action is not None and not _ACTION.match(clean_action):
        raise ValidationFailed("action: dotted lower-case words, e.g. auth.login or auth.")
    kind, ident = _target(_text(target, "target"))
    start, end = instant(since, "since"), instant(until, "until")
    if start is not None and end is not None and end < start:
        raise ValidationFailed("until is before since")
    return AuditQuery(
        actor_id=_text(actor, "actor"),
        action=clean_action,
        action_prefix=bool(clean_action and clean_action.endswith(".")),
        target_kind=kind,
        target_id=ident,
        since=start,
        until=end,
    )


def instant(value: str | None, name: str) -> datetime | None:
    """An ISO-8601 instant with its offset (`2025-01-31T12:00:00Z`); a date or a time
    without offset is refused, since it names no instant."""
    if value is None or value == "":
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        example = "2025-01-31T12:00:00Z"
        raise ValidationFailed(f"{name}: not an ISO-8601 instant (e.g. {example})") from None
    if moment.tzinfo is None:
        raise ValidationFailed(f"{name}: give the offset too (Z or +02:00)")
    return moment


def limit(value: int | None) -> int:
    """A page size: 1..500, 50 when not given."""
    if value is None:
        return DEFAULT_LIMIT
    if not 1 <= value <= MAX_LIMIT:
        raise ValidationFailed(f"limit must be between 1 and {MAX_LIMIT}")
    return value


def _target(value: str | None) -> tuple[str | None, str | None]:
    """`id` or `kind:id`."""
    if value is None:
        return None, None
    kind, sep, ident = value.partition(":")
    if not sep:
        return None, value
    if not _KIND.match(kind) or not ident:
        raise ValidationFailed("target: an id, or kind:id (e.g. user:6f1c…)")
    return kind, ident


def _text(value: str | None, name: str) -> str | None:
    if value is None or value.strip() == "":
        return None
    if len(value) > MAX_TEXT:
        raise ValidationFailed(f"{name}: at most {MAX_TEXT} characters")
    return value.strip()


@dataclass(frozen=True)
class ReviewRow:
    """One staff account in an access review (SOC 2): who holds which role, since when,
    and when it was last used."""

    tenant_id: TenantId
    tenant_name: str
    user_id: uuid.UUID
    email: str
    name: str
    role: str
    active: bool
    created_at: datetime
    last_sign_in_at: datetime | None
    last_activity_at: datetime | None  # its sessions' last use (moved at most once a minute)
