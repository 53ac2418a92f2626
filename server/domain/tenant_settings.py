"""Per-tenant settings: what each tenant may tune, with the defaults a new tenant gets.

Stored as one JSONB object on the tenant. Reading is lenient (a key missing from the stored
object takes its default, so adding a setting needs no data migration); changing is strict
(unknown keys and wrong types are refused with the key's name, nothing is half-applied).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from server.errors import ValidationFailed

MAX_TOKENS_SETTING = 1_000_000_000


@dataclass(frozen=True)
class TenantSettings:
    # Visitors' questions get AI answers in conversations started while this is on.
    ai_enabled: bool = True
    # LLM tokens (prompt + completion) one conversation may use; None: no limit.
    ai_tokens_per_conversation: int | None = 20_000
    # LLM tokens the whole tenant may use per calendar month (UTC); None: no limit.
    ai_tokens_per_month: int | None = None

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
        return replace(self, **{k: _CHECKS[k](v, k) for k, v in changes.items()})

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


_CHECKS: dict[str, Callable[[Any, str], Any]] = {
    "ai_enabled": _boolean,
    "ai_tokens_per_conversation": _token_limit,
    "ai_tokens_per_month": _token_limit,
}
