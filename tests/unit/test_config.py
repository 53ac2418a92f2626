"""Settings come from FLOWSUPPORT_* variables; every error names the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.config import Settings
from server.errors import ConfigError


def settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(tmp_path), **env})


def test_embedded_defaults(tmp_path: Path) -> None:
    """No variables: embedded database on 127.0.0.1:8000, development mode."""
    s = settings(tmp_path)
    assert s.embedded_database
    assert (s.port, s.host, s.env) == (8000, "127.0.0.1", "development")


def test_dev_secret_key_is_generated_once(tmp_path: Path) -> None:
    """The development signing key is made once, kept private, and reused."""
    first = settings(tmp_path).secret_key
    assert settings(tmp_path).secret_key == first
    assert len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"PORT": "eighty"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"FLOWSUPPORT_ENV": "staging"}, "FLOWSUPPORT_ENV"),
        ({"FLOWSUPPORT_DATABASE_URL": "mysql://x"}, "FLOWSUPPORT_DATABASE_URL"),
        ({"FLOWSUPPORT_MIGRATION_DATABASE_URL": "x"}, "FLOWSUPPORT_MIGRATION_DATABASE_URL"),
        ({"FLOWSUPPORT_SECRET_KEY": "short"}, "FLOWSUPPORT_SECRET_KEY"),
        ({"FLOWSUPPORT_ENV": "production"}, "FLOWSUPPORT_SECRET_KEY"),
    ],
)
def test_bad_values_name_the_variable(tmp_path: Path, env: dict[str, str], named: str) -> None:
    """Each invalid value is refused with the variable's name in the message."""
    with pytest.raises(ConfigError, match=named):
        settings(tmp_path, **env)


def test_production_with_external_database_does_not_auto_migrate(tmp_path: Path) -> None:
    """In production, `serve` checks the schema instead of migrating it."""
    s = settings(
        tmp_path,
        FLOWSUPPORT_ENV="production",
        FLOWSUPPORT_SECRET_KEY="k" * 40,
        FLOWSUPPORT_DATABASE_URL="postgresql://app@db/flowsupport",
    )
    assert not s.auto_migrate


def test_public_origins_follow_the_listening_address(tmp_path: Path) -> None:
    base = {"FLOWSUPPORT_DATA_DIR": str(tmp_path), "PORT": "8123"}
    local = Settings.from_env(base)
    assert local.public_url == "http://127.0.0.1:8123"
    assert local.public_origins == (
        "http://127.0.0.1:8123",
        "http://localhost:8123",
        "http://[::1]:8123",
    )
    wildcard = Settings.from_env({**base, "FLOWSUPPORT_HOST": "0.0.0.0"})
    assert wildcard.public_url == "http://127.0.0.1:8123"
    public = Settings.from_env({**base, "FLOWSUPPORT_PUBLIC_URL": "https://help.acme.example/"})
    assert public.public_url == "https://help.acme.example"
    assert public.public_origins == ("https://help.acme.example",)


def test_the_test_clock_is_for_the_test_environment_only(tmp_path: Path) -> None:
    """FLOWSUPPORT_TEST_CLOCK_FILE moves time: accepted with FLOWSUPPORT_ENV=test, refused
    (naming the variable) in development and production, where the clock is the system's."""
    offset = str(tmp_path / "clock")
    tested = settings(tmp_path, FLOWSUPPORT_ENV="test", FLOWSUPPORT_TEST_CLOCK_FILE=offset)
    assert tested.test_clock_file == Path(offset)
    assert settings(tmp_path, FLOWSUPPORT_ENV="test").test_clock_file is None
    for env in ({}, {"FLOWSUPPORT_ENV": "production", "FLOWSUPPORT_SECRET_KEY": "k" * 40}):
        with pytest.raises(ConfigError, match="FLOWSUPPORT_TEST_CLOCK_FILE"):
            settings(tmp_path, FLOWSUPPORT_TEST_CLOCK_FILE=offset, **env)
