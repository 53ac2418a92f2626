"""Shape checks for values people type: names, e-mail addresses, origins, passwords."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from server.errors import ValidationFailed

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def name(value: str, field: str, *, max_chars: int = 200) -> str:
    cleaned = value.strip()
    if not 1 <= len(cleaned) <= max_chars:
        raise ValidationFailed(f"{field} must be 1 to {max_chars} characters")
    if any(ord(ch) < 32 for ch in cleaned):
        raise ValidationFailed(f"{field} must not contain control characters")
    return cleaned


def email(value: str) -> str:
    cleaned = value.strip().lower()
    if len(cleaned) > 320 or not _EMAIL.match(cleaned):
        raise ValidationFailed("email is not a valid e-mail address")
    return cleaned


def password(value: str, *, min_chars: int, max_chars: int) -> str:
    if not min_chars <= len(value) <= max_chars:
        raise ValidationFailed(f"password must be {min_chars} to {max_chars} characters")
    return value


def origin(value: str) -> str:
    """A browser origin: scheme://host[:port], nothing after it."""
    parts = urlsplit(value.strip())
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise ValidationFailed(f"origin {value!r} must look like https://example.com[:port]")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}"
