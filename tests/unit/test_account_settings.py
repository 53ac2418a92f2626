"""The account-security settings: their defaults, their bounds, and /metrics' token."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.config import Settings
from server.errors import ConfigError


def settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(tmp_path), **env})


def test_defaults_are_ten_failures_fifteen_minutes_and_no_token(tmp_path: Path) -> None:
    """DESIGN.md's defaults: 10 failures, a 900 s lockout, /metrics on the loopback only."""
    s = settings(tmp_path)
    assert (s.login_max_failures, s.login_lockout_s, s.metrics_token) == (10, 900, None)


def test_the_settings_are_read(tmp_path: Path) -> None:
    """Each variable sets its setting."""
    s = settings(
        tmp_path,
        FLOWSUPPORT_LOGIN_MAX_FAILURES="5",
        FLOWSUPPORT_LOGIN_LOCKOUT_S="60",
        FLOWSUPPORT_METRICS_TOKEN="a-scraper-token-of-32-characters",
    )
    assert (s.login_max_failures, s.login_lockout_s) == (5, 60)
    assert s.metrics_token == "a-scraper-token-of-32-characters"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FLOWSUPPORT_LOGIN_MAX_FAILURES", "0"),
        ("FLOWSUPPORT_LOGIN_MAX_FAILURES", "ten"),
        ("FLOWSUPPORT_LOGIN_LOCKOUT_S", "0"),
        ("FLOWSUPPORT_METRICS_TOKEN", "short"),
    ],
)
def test_bad_values_name_their_variable(tmp_path: Path, name: str, value: str) -> None:
    """A value out of bounds (or a guessable token) stops the process, naming the variable."""
    with pytest.raises(ConfigError, match=name):
        settings(tmp_path, **{name: value})
