"""Token budgets and tenant settings: pure rules, checked without a database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from server.domain.budgets import TokensUsed, check, next_month_start
from server.domain.tenant_settings import TenantSettings
from server.errors import ValidationFailed

NOW = datetime(2026, 12, 31, 23, 0, tzinfo=UTC)


def test_within_both_budgets_passes() -> None:
    settings = TenantSettings(ai_tokens_per_conversation=1000, ai_tokens_per_month=5000)
    assert check(settings, TokensUsed(conversation=500, month=4000), 500, NOW) is None


def test_conversation_budget_does_not_refill() -> None:
    settings = TenantSettings(ai_tokens_per_conversation=1000)
    verdict = check(settings, TokensUsed(conversation=900, month=0), 101, NOW)
    assert verdict is not None and verdict.retry_after_ms is None
    assert "900 of 1,000 tokens" in verdict.message


def test_month_budget_refills_at_the_next_month_in_utc() -> None:
    settings = TenantSettings(ai_tokens_per_conversation=None, ai_tokens_per_month=5000)
    verdict = check(settings, TokensUsed(conversation=0, month=5000), 1, NOW)
    assert verdict is not None and verdict.retry_after_ms == 3600 * 1000
    assert next_month_start(NOW) == datetime(2027, 1, 1, tzinfo=UTC)


def test_no_limits_means_no_limits() -> None:
    settings = TenantSettings(ai_tokens_per_conversation=None, ai_tokens_per_month=None)
    assert check(settings, TokensUsed(10**12, 10**12), 10**6, NOW) is None


def test_stored_settings_are_read_leniently_and_changed_strictly() -> None:
    stored = {"ai_enabled": False, "ai_tokens_per_month": "lots", "retired_key": 1}
    settings = TenantSettings.from_stored(stored)
    assert settings.ai_enabled is False
    assert settings.ai_tokens_per_month is None  # malformed: the default
    with pytest.raises(ValidationFailed, match="unknown setting 'retired_key'"):
        settings.changed({"retired_key": 1})
    with pytest.raises(ValidationFailed, match="ai_tokens_per_month"):
        settings.changed({"ai_tokens_per_month": True})
    assert settings.changed({"ai_tokens_per_month": 10}).ai_tokens_per_month == 10
