"""Retry policy as pure functions: when to try again, and when to give up."""

from __future__ import annotations

import random


def backoff_seconds(
    attempt: int, *, base: float = 2.0, cap: float = 600.0, rng: random.Random | None = None
) -> float:
    """Exponential backoff with "equal jitter": between half and all of base * 2**(attempt-1).

    Never zero, so a failing job cannot spin; capped so a long outage still retries.
    """
    half = min(cap, base * 2 ** max(0, attempt - 1)) / 2
    jitter = rng.uniform(0, half) if rng is not None else random.uniform(0, half)
    return float(half + jitter)


def should_give_up(attempt: int, max_attempts: int) -> bool:
    return attempt >= max_attempts
