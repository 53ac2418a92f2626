"""SLA deadlines in business hours: pure arithmetic over a calendar."""

from __future__ import annotations

from datetime import UTC, datetime, time

from server.domain.sla import BusinessHours, deadline

BERLIN_OFFICE = BusinessHours("Europe/Berlin", (0, 1, 2, 3, 4), time(9), time(17))


def test_round_the_clock_counts_every_minute() -> None:
    start = datetime(2026, 11, 27, 15, 50, tzinfo=UTC)
    assert deadline(start, 30, None) == datetime(2026, 11, 27, 16, 20, tzinfo=UTC)


def test_friday_evening_rolls_over_the_weekend() -> None:
    start = datetime(2026, 11, 27, 15, 50, tzinfo=UTC)  # Friday 16:50 in Berlin (UTC+1)
    due = deadline(start, 30, BERLIN_OFFICE)
    assert due == datetime(2026, 11, 30, 8, 20, tzinfo=UTC)  # Monday 09:20 in Berlin


def test_before_opening_starts_at_opening_and_spans_days() -> None:
    start = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)  # Tuesday 06:00 in Berlin
    assert deadline(start, 60, BERLIN_OFFICE) == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    # 10 business hours: Tuesday's 8 and 2 on Wednesday.
    assert deadline(start, 600, BERLIN_OFFICE) == datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def test_daylight_saving_change_is_respected() -> None:
    start = datetime(2026, 3, 27, 15, 30, tzinfo=UTC)  # Friday 16:30 CET; Sunday is CEST
    due = deadline(start, 60, BERLIN_OFFICE)
    assert due == datetime(2026, 3, 30, 7, 30, tzinfo=UTC)  # Monday 09:30 CEST
