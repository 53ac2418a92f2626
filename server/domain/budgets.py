"""AI token budgets: whether an answer may still call the LLM, and what to say when not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from server.domain.tenant_settings import TenantSettings


@dataclass(frozen=True)
class TokensUsed:
    conversation: int
    month: int  # the tenant's, this calendar month (UTC)


@dataclass(frozen=True)
class BudgetExhausted:
    message: str
    retry_after_ms: int | None  # when the budget refills; None: it does not


def month_start(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def next_month_start(now: datetime) -> datetime:
    start = month_start(now)
    return (
        start.replace(year=start.year + 1, month=1)
        if start.month == 12
        else start.replace(month=start.month + 1)
    )


def check(
    settings: TenantSettings, used: TokensUsed, estimate: int, now: datetime
) -> BudgetExhausted | None:
    """None when `estimate` more tokens fit in both budgets; else which one is used up."""
    per_conversation = settings.ai_tokens_per_conversation
    if per_conversation is not None and used.conversation + estimate > per_conversation:
        return BudgetExhausted(
            f"this conversation has used its AI budget ({used.conversation:,} of "
            f"{per_conversation:,} tokens): a person will answer",
            None,
        )
    per_month = settings.ai_tokens_per_month
    if per_month is not None and used.month + estimate > per_month:
        refill = next_month_start(now) - now
        return BudgetExhausted(
            f"the AI budget of this workspace for the month is used up ({used.month:,} of "
            f"{per_month:,} tokens): a person will answer",
            int(refill.total_seconds() * 1000),
        )
    return None
