"""The clocks: the one a test moves in another process through a file, and the wiring's
choice of clock from Settings."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from server.clock import OffsetFileClock, SystemClock
from server.config import Settings
from server.wiring import clock_for


def write_offset(path: Path, text: str) -> None:
    """As tests/live.py's ServerClock does: write aside, then rename into place."""
    draft = path.with_name(path.name + ".draft")
    draft.write_text(text)
    os.replace(draft, path)


def test_offset_file_moves_the_clock_forward_only(tmp_path: Path) -> None:
    path = tmp_path / "clock"
    clock = OffsetFileClock(path)
    assert clock.offset() == 0.0  # no file yet: the system's time
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=1)
    write_offset(path, "3600.5")
    assert clock.offset() == 3600.5
    assert clock.now() - datetime.now(UTC) > timedelta(seconds=3599)
    before = clock.monotonic()
    write_offset(path, "7200")
    assert clock.monotonic() - before >= 3599
    for bad in ("60", "not a number", "inf", "nan", ""):  # never backwards, never broken
        write_offset(path, bad)
        assert clock.offset() == 7200.0
    path.unlink()
    assert clock.offset() == 7200.0


def test_the_wiring_picks_the_test_clock_only_when_configured(tmp_path: Path) -> None:
    base = {"FLOWSUPPORT_DATA_DIR": str(tmp_path)}
    assert isinstance(clock_for(Settings.from_env(base)), SystemClock)
    tested = Settings.from_env(
        {
            **base,
            "FLOWSUPPORT_ENV": "test",
            "FLOWSUPPORT_TEST_CLOCK_FILE": str(tmp_path / "clock"),
        }
    )
    assert isinstance(clock_for(tested), OffsetFileClock)
