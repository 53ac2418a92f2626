"""How a tenant's widget looks on its customers' sites, and the tag that embeds it. Pure.

The look is public (the widget reads it with its widget key before drawing the launcher),
so it holds nothing but presentation: the first line the visitor reads, the brand colour,
the light or dark theme, and which corner the launcher sits in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from server.errors import ValidationFailed

MAX_GREETING_CHARS = 500
THEMES = ("light", "dark", "auto")  # auto: the visitor's prefers-color-scheme
LAUNCHER_POSITIONS = ("right", "left")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# The look a tenant has until its admins change it: the widget's own dark palette and
# accent (client/web/src/widget/widget.css), bottom right.
DEFAULT_LOOK: dict[str, str] = {
    "greeting": "Hi there! Ask us anything: our assistant answers right away, and a person "
    "is one click away.",
    "brand_color": "#1d6ae5",
    "theme": "dark",
    "launcher_position": "right",
}


def look(value: Any, key: str, current: Mapping[str, str] | None = None) -> dict[str, str]:
    """`value` (some or all of the look's keys) over `current` (default: DEFAULT_LOOK),
    each key checked; raises ValidationFailed naming the first bad one."""
    if not isinstance(value, dict):
        raise ValidationFailed(f"{key} must be an object with {sorted(DEFAULT_LOOK)}")
    unknown = sorted(set(value) - set(DEFAULT_LOOK))
    if unknown:
        raise ValidationFailed(f"{key}.{unknown[0]} is not a widget setting")
    merged = dict(current or DEFAULT_LOOK)
    for name, given in value.items():
        merged[name] = _CHECKS[name](given, f"{key}.{name}")
    return merged


def _greeting(value: Any, key: str) -> str:
    if not isinstance(value, str) or len(value.strip()) > MAX_GREETING_CHARS:
        raise ValidationFailed(f"{key} must be text of at most {MAX_GREETING_CHARS} characters")
    if any(ord(ch) < 32 and ch != "\n" for ch in value):
        raise ValidationFailed(f"{key} must not contain control characters")
    return value.strip()


def _colour(value: Any, key: str) -> str:
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise ValidationFailed(f"{key} must be a colour as #RRGGBB")
    return value.lower()


def _one_of(allowed: tuple[str, ...]) -> Any:
    def check(value: Any, key: str) -> str:
        if value not in allowed:
            raise ValidationFailed(f"{key} must be one of {', '.join(allowed)}")
        return str(value)

    return check


_CHECKS = {
    "greeting": _greeting,
    "brand_color": _colour,
    "theme": _one_of(THEMES),
    "launcher_position": _one_of(LAUNCHER_POSITIONS),
}


def snippet(server_url: str, widget_key: str) -> str:
    """The one `<script>` tag that embeds the widget (README "Web clients"): `server_url`
    is where browsers reach this server ('' for a page this server serves itself)."""
    src = html.escape(f"{server_url}/widget.js")
    return f'<script src="{src}" data-widget-key="{html.escape(widget_key)}" async></script>'
