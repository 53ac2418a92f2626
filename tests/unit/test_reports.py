"""The pure parts of the reports: the period a request names, the CSV tables and the
greedy grouping of knowledge gaps by meaning."""

from __future__ import annotations

import csv
import io
import math
from datetime import UTC, datetime, timedelta

import pytest

from server.domain import reports
from server.errors import BadRequest

NOW = datetime(2026, 4, 6, 12, 0, tzinfo=UTC)


def test_the_period_defaults_to_the_last_30_days_and_has_a_previous_one() -> None:
    p = reports.period(None, None, None, NOW)
    assert (p.since, p.until, p.interval) == (NOW - timedelta(days=30), NOW, "day")
    before = p.previous()
    assert (before.since, before.until) == (NOW - timedelta(days=60), NOW - timedelta(days=30))
    assert p.head()["previous"] == {
        "since": "2026-02-05T12:00:00.000Z",
        "until": "2026-03-07T12:00:00.000Z",
    }


def test_dates_and_times_with_offsets_are_read_as_instants() -> None:
    p = reports.period("2026-03-23", "2026-04-06T02:00:00+02:00", "week", NOW)
    assert p.since == datetime(2026, 3, 23, tzinfo=UTC)
    assert p.until == datetime(2026, 4, 6, tzinfo=UTC)
    assert reports.period("2026-03-01T00:00:00Z", None, None, NOW).until == NOW
    assert reports.period(None, "2026-03-31", None, NOW).since == datetime(2026, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("since", "until", "interval", "words"),
    [
        ("2026-04-01", "2026-04-01", None, "earlier"),
        ("2025-01-01", "2026-02-06", None, "at most 400 days"),
        ("2025-01-01", "2026-02-05", None, None),  # 400 days: fine
        ("1 April", None, None, "RFC 3339"),
        ("2026-04-01T10:00", None, None, "offset"),
        (None, None, "month", "day or week"),
    ],
)
def test_bad_periods_are_refused(
    since: str | None, until: str | None, interval: str | None, words: str | None
) -> None:
    if words is None:
        reports.period(since, until, interval, NOW)
        return
    with pytest.raises(BadRequest, match=words):
        reports.period(since, until, interval, NOW)


def test_unknown_reports_are_refused() -> None:
    assert reports.report_name("gaps") == "gaps"
    with pytest.raises(BadRequest, match="unknown report"):
        reports.report_name("revenue")


def test_csv_tables_have_a_header_and_empty_cells_for_none() -> None:
    team = {"agents": [{"id": "u1", "name": "Ada, B.", "conversations": 2, "replies": 3,
                        "first_response_median_minutes": 89.0,
                        "resolution_median_minutes": None, "sla_attained": 1,
                        "sla_breached": 0, "sla_attainment_rate": 1.0}]}  # fmt: skip
    rows = list(csv.reader(io.StringIO(reports.csv_text("team", team))))
    assert rows == [
        ["id", "name", "conversations", "replies", "first_response_median_minutes",
         "resolution_median_minutes", "sla_attained", "sla_breached", "sla_attainment_rate"],
        ["u1", "Ada, B.", "2", "3", "89.0", "", "1", "0", "1.0"],
    ]  # fmt: skip
    ai = {m: {"value": 0.5, "previous": None} for m in reports.AI_FIGURES}
    rows = list(csv.reader(io.StringIO(reports.csv_text("ai", ai))))
    assert rows[0] == ["metric", "value", "previous"]
    assert rows[1:] == [[m, "0.5", ""] for m in reports.AI_FIGURES]


def test_grouping_takes_the_biggest_group_first_and_its_central_item_as_label() -> None:
    # Unit vectors in the plane: 0, 1, 2 close together (1 in their middle), 3 and 4 a
    # pair far off, 5 alone.
    def unit(degrees: float) -> list[float]:
        return [math.cos(math.radians(degrees)), math.sin(math.radians(degrees))]

    vectors = [unit(0), unit(10), unit(20), unit(90), unit(95), unit(200)]
    groups = reports.group_by_meaning(vectors, threshold=0.95)  # about 18 degrees
    assert groups == [[1, 0, 2], [3, 4], [5]]
    assert reports.group_by_meaning([], 0.9) == []
    assert reports.group_by_meaning(vectors, threshold=0.999) == [[0], [1], [2], [3], [4], [5]]
