"""Time as a seam, so deadlines, token expiry and SLA timers are testable without sleeping."""

from __future__ import annotations

import math
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards; only differences mean anything."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock that moves only when told to: for tests and simulations."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 1, tzinfo=UTC)
        self._mono = 0.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
        self._mono += seconds


class OffsetFileClock:
    """The system clock moved forward by the seconds written in a file: how a test moves
    time for a server or worker in another process (FLOWSUPPORT_TEST_CLOCK_FILE, accepted
    only with FLOWSUPPORT_ENV=test). The test replaces the file (write aside, rename) with
    a larger number to "advance"; a missing, empty or unreadable file leaves the offset as
    it was (0 at first). The offset never shrinks, so neither clock runs backwards."""

    def __init__(self, path: Path | str) -> None:
        self._path = Path(path)
        self._seen: tuple[int, int, int] | None = None
        self._offset = 0.0

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.offset())

    def monotonic(self) -> float:
        return time.monotonic() + self.offset()

    def offset(self) -> float:
        """The seconds this clock is ahead of the system's (the file, re-read when it was
        replaced: one stat per reading)."""
        try:
            stat = os.stat(self._path)
        except OSError:
            return self._offset
        seen = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if seen != self._seen:
            try:
                text = self._path.read_text(encoding="ascii").strip()
                value = float(text) if text else 0.0
            except (OSError, ValueError):
                return self._offset
            self._seen = seen
            if math.isfinite(value):
                self._offset = max(self._offset, value)
        return self._offset


def rfc3339(moment: datetime) -> str:
    """PROTOCOL.md timestamps: RFC 3339 in UTC with milliseconds, e.g. 2026-11-25T19:33:18.123Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
