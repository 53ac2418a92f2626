"""Mailgun's inbound-parse webhook signature: HMAC-SHA256 of timestamp + token with the
account's signing key. A stale timestamp is refused (a captured post cannot be replayed
later), and so is a token seen before (the caller claims each one once)."""

from __future__ import annotations

import hashlib
import hmac

MAX_AGE_S = 300


def signature_problem(
    signing_key: str, timestamp: str, token: str, signature: str, now: float
) -> str | None:
    """None when genuine and fresh; else why not (for the audit log, never the caller)."""
    if not (timestamp and token and signature) or not timestamp.isdigit():
        return "missing or malformed signature fields"
    expected = hmac.new(
        signing_key.encode(), (timestamp + token).encode(), hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest(expected, signature.lower()):
        return "signature does not match"
    if abs(now - int(timestamp)) > MAX_AGE_S:
        return f"timestamp older than {MAX_AGE_S} s"
    return None
