"""Per-tenant settings: what each tenant may tune, with the defaults a new tenant gets.

Stored as one JSONB object on the tenant. Reading is lenient (a key missing from the stored
object takes its default, so adding a setting needs no data migration); changing is strict
(unknown keys and wrong types are refused with the key's name, nothing is half-applied).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server.domain import widget as looks
from server.domain.sla import DEFAULT_TARGETS, BusinessHours, SlaTarget
from server.domain.tickets import FIELD_TYPES, PRIORITIES
from server.errors import ValidationFailed

MAX_TOKENS_SETTING = 1_000_000_000
MAX_RETENTION_DAYS = 36_500  # a hundred years; past it, keep forever (null) says it better
DEFAULT_ESCALATION_MESSAGE = (
    "Thanks for your patience: a person from our team will get back to you here as soon "
    "as possible."
)
DEFAULT_GREETING = (
    "Hi! I'm the virtual assistant. Ask me anything about our product, or ask for a person "
    "at any time."
)
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_FIELD_KEY = re.compile(r"^[a-z][a-z0-9_]{0,49}$")


def _default_sla() -> dict[str, dict[str, int | None]]:
    return {
        priority: {
            "first_response_minutes": target.first_response_minutes,
            "resolution_minutes": target.resolution_minutes,
        }
        for priority, target in DEFAULT_TARGETS.items()
    }


@dataclass(frozen=True)
class TenantSettings:
    # Visitors' questions get AI answers in conversations started while this is on.
    ai_enabled: bool = True
    # LLM tokens (prompt + completion) one conversation may use; None: no limit.
    ai_tokens_per_conversation: int | None = 20_000
    # LLM tokens the whole tenant may use per calendar month (UTC); None: no limit.
    ai_tokens_per_month: int | None = None
    # The system message a visitor sees when a person takes over.
    escalation_message: str = DEFAULT_ESCALATION_MESSAGE
    # The assistant's reply to a visitor's greeting ("Hi!"): no search, no ticket.
    ai_greeting: str = DEFAULT_GREETING
    # A visitor's question nobody (AI or agent) answered for this long escalates; 0: never.
    unanswered_escalation_s: int = 120
    # A visitor who leaves with an unanswered question escalates at once.
    escalate_on_disconnect: bool = True
    # Per priority: {"first_response_minutes", "resolution_minutes"} (null: no target).
    sla: dict[str, dict[str, int | None]] = field(default_factory=_default_sla)
    # None: SLA clocks run round the clock; else {"timezone", "days" (0=Mon), "start", "end"}.
    business_hours: dict[str, Any] | None = None
    # Escalated tickets go round the agents online (and unassigned when nobody is).
    auto_assign: bool = False
    # Ticket custom fields: [{"key", "label"?, "type": text|number|boolean|choice, "choices"?}]
    ticket_fields: list[dict[str, Any]] = field(default_factory=list)
    # The widget's look (domain/widget.py): greeting, brand_color, theme, launcher_position.
    widget: dict[str, str] = field(default_factory=lambda: dict(looks.DEFAULT_LOOK))
    # Conversations resolved (or closed) longer ago than this many days lose their content
    # to the worker's retention sweep (services/retention.py); None: kept forever.
    retention_days: int | None = None

    def sla_target(self, priority: str) -> SlaTarget:
        target = self.sla.get(priority, {})
        return SlaTarget(target.get("first_response_minutes"), target.get("resolution_minutes"))

    def hours(self) -> BusinessHours | None:
        if self.business_hours is None:
            return None
        return BusinessHours(
            self.business_hours["timezone"],
            tuple(self.business_hours["days"]),
            time.fromisoformat(self.business_hours["start"]),
            time.fromisoformat(self.business_hours["end"]),
        )

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> TenantSettings:
        """The stored object over the defaults; unknown or malformed keys are ignored."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in stored:
                try:
                    values[f.name] = _CHECKS[f.name](stored[f.name], f.name)
                except ValidationFailed:
                    continue
        return cls(**values)

    def changed(self, changes: Mapping[str, Any]) -> TenantSettings:
        """A copy with `changes` applied, each validated; raises ValidationFailed."""
        unknown = sorted(set(changes) - set(_CHECKS))
        if unknown:
            raise ValidationFailed(f"unknown setting {unknown[0]!r}; known: {sorted(_CHECKS)}")
        checked: dict[str, Any] = {
            k: looks.look(v, k, self.widget) if k == "widget" else _CHECKS[k](v, k)
            for k, v in changes.items()
        }  # the widget's keys not given keep their values
        return replace(self, **checked)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _boolean(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationFailed(f"{key} must be true or false")
    return value


def _token_limit(value: Any, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationFailed(f"{key} must be a whole number of tokens or null (no limit)")
    if not 0 <= value <= MAX_TOKENS_SETTING:
        raise ValidationFailed(f"{key} must be between 0 and {MAX_TOKENS_SETTING:,}")
    return value


def _message(value: Any, key: str) -> str:
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= 1000:
        raise ValidationFailed(f"{key} must be text of 1 to 1000 characters")
    return value.strip()


def _seconds(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 7 * 86400:
        raise ValidationFailed(f"{key} must be whole seconds from 0 (never) to 604800")
    return value


def _minutes(value: Any, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 525_600:
        raise ValidationFailed(f"{key} must be whole minutes from 1 to 525600, or null")
    return value


def _days(value: Any, key: str) -> int | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not 1 <= value <= MAX_RETENTION_DAYS
    ):
        raise ValidationFailed(
            f"{key} must be whole days from 1 to {MAX_RETENTION_DAYS}, or null (keep forever)"
        )
    return value


def _sla(value: Any, key: str) -> dict[str, dict[str, int | None]]:
    if not isinstance(value, dict):
        raise ValidationFailed(f"{key} must be an object keyed by priority")
    merged = _default_sla()
    for priority, target in value.items():
        if priority not in PRIORITIES:
            raise ValidationFailed(f"{key}.{priority}: priority must be one of {PRIORITIES}")
        if not isinstance(target, dict) or not set(target) <= {
            "first_response_minutes",
            "resolution_minutes",
        }:
            raise ValidationFailed(
                f"{key}.{priority} must be {{first_response_minutes, resolution_minutes}}"
            )
        for name, minutes in target.items():
            merged[priority][name] = _minutes(minutes, f"{key}.{priority}.{name}")
    return merged


def _business_hours(value: Any, key: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"timezone", "days", "start", "end"}:
        raise ValidationFailed(f"{key} must be null or {{timezone, days, start, end}}")
    try:
        ZoneInfo(str(value["timezone"]))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed(f"{key}.timezone is not a known time zone") from None
    days = value["days"]
    if (
        not isinstance(days, list)
        or not days
        or any(isinstance(d, bool) or d not in range(7) for d in days)
    ):
        raise ValidationFailed(f"{key}.days must list weekdays 0 (Monday) to 6")
    clocks = [value["start"], value["end"]]
    if not all(isinstance(c, str) and _CLOCK.match(c) for c in clocks) or clocks[0] >= clocks[1]:
        raise ValidationFailed(f"{key}.start and .end must be HH:MM with start before end")
    return {
        "timezone": value["timezone"],
        "days": sorted(set(days)),
        "start": clocks[0],
        "end": clocks[1],
    }


def _ticket_fields(value: Any, key: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > 100:
        raise ValidationFailed(f"{key} must be a list of at most 100 field definitions")
    seen: set[str] = set()
    out = []
    for index, definition in enumerate(value):
        where = f"{key}[{index}]"
        if not isinstance(definition, dict) or not set(definition) <= {
            "key",
            "label",
            "type",
            "choices",
        }:
            raise ValidationFailed(f"{where} must be {{key, label?, type, choices?}}")
        name = definition.get("key")
        if not isinstance(name, str) or not _FIELD_KEY.match(name) or name in seen:
            raise ValidationFailed(f"{where}.key must be a unique snake_case name")
        seen.add(name)
        if definition.get("type") not in FIELD_TYPES:
            raise ValidationFailed(f"{where}.type must be one of {FIELD_TYPES}")
        choices = definition.get("choices")
        if (definition["type"] == "choice") != (choices is not None) or (
            choices is not None
            and (
                not isinstance(choices, list)
                or not choices
                or not all(isinstance(c, str) for c in choices)
            )
        ):
            raise ValidationFailed(f"{where}.choices: a list of strings, for choice fields only")
        out.append(dict(definition))
    return out


_CHECKS: dict[str, Callable[[Any, str], Any]] = {
    "ai_enabled": _boolean,
    "ai_tokens_per_conversation": _token_limit,
    "ai_tokens_per_month": _token_limit,
    "escalation_message": _message,
    "ai_greeting": _message,
    "unanswered_escalation_s": _seconds,
    "escalate_on_disconnect": _boolean,
    "auto_assign": _boolean,
    "sla": _sla,
    "business_hours": _business_hours,
    "ticket_fields": _ticket_fields,
    "widget": looks.look,
    "retention_days": _days,
}
