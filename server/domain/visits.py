"""What a visitor's widget says about where it is, and what counts as a visit.

The widget reports its page, referrer, language and time zone in `hello` (`context`); the
browser and operating system come from the connection's User-Agent, named coarsely (a
family and a major version) because agents need "Safari 17 on iOS", not a fingerprint.
Everything is clipped and kept only when it looks like what it claims to be: this is
customer-supplied text shown to agents.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from urllib.parse import urlsplit

VISIT_GAP = timedelta(minutes=30)  # a connection after this long away is a new visit
URL_CHARS = 2000
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}$")
_TIMEZONE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")
# Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari".
_BROWSERS = (
    ("Edge", re.compile(r"\bEdg(?:e|A|iOS)?/(\d+)")),
    ("Opera", re.compile(r"\bOPR/(\d+)")),
    ("Samsung Internet", re.compile(r"\bSamsungBrowser/(\d+)")),
    ("Firefox", re.compile(r"\b(?:Firefox|FxiOS)/(\d+)")),
    ("Chrome", re.compile(r"\b(?:HeadlessChrome|Chrome|CriOS)/(\d+)")),
    ("Safari", re.compile(r"\bVersion/(\d+)[.\d]* (?:Mobile/\S+ )?Safari/")),
)
_SYSTEMS = (
    ("iOS", re.compile(r"\b(?:iPhone|iPad|iPod)\b")),
    ("Android", re.compile(r"\bAndroid\b")),
    ("ChromeOS", re.compile(r"\bCrOS\b")),
    ("Windows", re.compile(r"\bWindows\b")),
    ("macOS", re.compile(r"\bMac OS X\b|\bMacintosh\b")),
    ("Linux", re.compile(r"\bLinux\b")),
)


def browser_and_os(user_agent: str | None) -> dict[str, str]:
    """`{"browser": "Chrome 131", "os": "macOS"}`, with what could be recognised."""
    agent = (user_agent or "")[:512]
    found: dict[str, str] = {}
    for name, pattern in _BROWSERS:
        match = pattern.search(agent)
        if match:
            found["browser"] = f"{name} {match.group(1)}"
            break
    for name, pattern in _SYSTEMS:
        if pattern.search(agent):
            found["os"] = name
            break
    return found


def seen_context(reported: object, user_agent: str | None) -> dict[str, str]:
    """What to keep of a `hello`'s context: http(s) page and referrer URLs (without their
    query or fragment), a BCP 47
    language tag, an IANA time zone name; anything else (a context that is no object
    included) is dropped, never stored and never a reason to refuse the visitor."""
    given: Mapping[str, object] = reported if isinstance(reported, Mapping) else {}
    kept = browser_and_os(user_agent)
    for key in ("page", "referrer"):
        value = given.get(key)
        if isinstance(value, str) and _web_url(value):
            kept[key] = _without_query(value)
    language = given.get("language")
    if isinstance(language, str) and _LANGUAGE.match(language):
        kept["language"] = language
    timezone = given.get("timezone")
    if isinstance(timezone, str) and len(timezone) <= 64 and _TIMEZONE.match(timezone):
        kept["timezone"] = timezone
    return kept


def _without_query(url: str) -> str:
    """Scheme, host and path: a query or fragment may carry a customer's secrets (reset
    tokens, session ids) and an agent needs only where they are."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _web_url(value: str) -> bool:
    if len(value) > URL_CHARS or any(ord(c) < 32 for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)
