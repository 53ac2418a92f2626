"""Calling providers through LiteLLM: the lazy import, and retries within a time budget.

Shared by the answerer (server/ai) and the API embedder (server/kb). LiteLLM is imported on
first use only (its import costs seconds) with LITELLM_LOCAL_MODEL_COST_MAP set, so it never
fetches a price list from the network. Rate limits, timeouts and server errors are retried
with jittered backoff until the budget would be passed; anything else fails at once.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from server.errors import Unavailable

RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
T = TypeVar("T")


def import_litellm() -> Any:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    return litellm


async def with_retries(
    call: Callable[[], Awaitable[T]], *, budget_s: float, max_wait_s: float, failed: str
) -> T:
    """`call()` until it succeeds, retrying only what may pass; Unavailable(`failed`: why)."""
    deadline = time.monotonic() + budget_s
    attempt = 0
    while True:
        try:
            return await call()
        except Exception as exc:
            status = getattr(exc, "status_code", None)
            retryable = status in RETRYABLE_STATUS or isinstance(exc, asyncio.TimeoutError)
            wait = min(max_wait_s, 0.25 * 2**attempt) * random.uniform(0.5, 1.0)
            if not retryable or time.monotonic() + wait > deadline:
                raise Unavailable(f"{failed}: {type(exc).__name__}: {exc}") from exc
            attempt += 1
            await asyncio.sleep(wait)
