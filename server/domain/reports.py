"""The pure parts of the reports (README "Reports"): the period a request asks for and the
one before it, headline figures with their previous value, percentiles, and the CSV table
each report exports. The figures themselves are aggregated in SQL (server/store/reports.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from server.clock import rfc3339
from server.errors import BadRequest

NAMES = ("volume", "ai", "team", "csat", "gaps")
INTERVALS = ("day", "week")
DEFAULT_DAYS = 30
MAX_DAYS = 400
REOPEN_WINDOW = timedelta(days=7)  # an AI resolution reopened within it does not count
COMMENTS_LIMIT = 50


@dataclass(frozen=True)
class Period:
    """`[since, until)`, and `interval` for series."""

    since: datetime
    until: datetime
    interval: str = "day"

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        length = self.until - self.since
        return Period(self.since - length, self.since, self.interval)

    def head(self) -> dict[str, Any]:
        """The part every report answers first."""
        before = self.previous()
        return {
            "since": rfc3339(self.since),
            "until": rfc3339(self.until),
            "previous": {"since": rfc3339(before.since), "until": rfc3339(before.until)},
        }


def _instant(value: str, name: str) -> datetime:
    """An RFC 3339 time with an offset, or a date (its midnight, UTC)."""
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
        moment = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(f"{name} must be an RFC 3339 date or time, got {value!r}") from None
    if moment.tzinfo is None:
        raise BadRequest(f"{name} must carry a UTC offset (e.g. 2026-03-01T00:00:00Z)")
    return moment.astimezone(UTC)


def period(since: str | None, until: str | None, interval: str | None, now: datetime) -> Period:
    """The period a request names; by default the last DEFAULT_DAYS days up to `now`."""
    end = _instant(until, "until") if until else now.astimezone(UTC)
    start = _instant(since, "since") if since else end - timedelta(days=DEFAULT_DAYS)
    if start >= end:
        raise BadRequest("since must be earlier than until")
    if end - start > timedelta(days=MAX_DAYS):
        raise BadRequest(f"a report covers at most {MAX_DAYS} days")
    step = interval or "day"
    if step not in INTERVALS:
        raise BadRequest("interval must be day or week")
    return Period(start, end, step)


def report_name(name: str) -> str:
    """A known report's name, else a 404-free clear refusal."""
    if name not in NAMES:
        raise BadRequest(f"unknown report {name!r}: one of {', '.join(NAMES)}")
    return name


def figure(value: float | None, previous: float | None) -> dict[str, float | None]:
    """A headline figure beside the same figure over the previous period."""
    return {"value": value, "previous": previous}


def ratio(part: float, whole: float) -> float | None:
    """`part / whole`, or None when there is nothing to divide (no rate, not zero)."""
    return None if whole == 0 else part / whole


# The rows each report exports as CSV (one table per report), header line first.
CSV_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "volume": ("series", ("start", "conversations", "messages")),
    "ai": ("figures", ("metric", "value", "previous")),
    "team": (
        "agents",
        (
            "id",
            "name",
            "conversations",
            "replies",
            "first_response_median_minutes",
            "resolution_median_minutes",
            "sla_attained",
            "sla_breached",
            "sla_attainment_rate",
        ),
    ),
    "csat": ("distribution", ("rating", "count")),
    "gaps": ("groups", ("size", "label", "examples", "conversation_ids")),
}
AI_FIGURES = ("answered", "answer_rate", "resolution_rate", "handover_rate")


def _cell(value: Any) -> str:
    """A CSV cell; a list (gaps' examples and conversation ids) joined by " | "."""
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return "" if value is None else str(value)


def csv_text(name: str, report: Mapping[str, Any]) -> str:
    """The report's CSV table: volume its series, ai its headline figures (metric, value,
    previous), team its agent rows, csat its rating distribution, gaps its groups."""
    key, columns = CSV_TABLES[name]
    if key == "figures":
        rows: list[dict[str, Any]] = [
            {"metric": m, "value": report[m]["value"], "previous": report[m]["previous"]}
            for m in AI_FIGURES
        ]
    else:
        rows = list(report[key])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return out.getvalue()


# Knowledge gaps: questions handed over for these reasons are ones the AI lacked.
GAP_REASONS = ("no_answer", "sensitive", "unanswered", "visitor_left")
GAP_THRESHOLD = 0.7  # cosine similarity at which two questions count as the same one
GAP_GROUPS = 20
GAP_EXAMPLES = 5
GAP_QUESTIONS = 300  # the latest handed-over questions of the period that are grouped


def group_by_meaning(vectors: Sequence[Sequence[float]], threshold: float) -> list[list[int]]:
    """Greedy grouping of unit vectors: the item with the most others at cosine >=
    `threshold` (still ungrouped) takes them as its group, biggest first, until none is
    left. Each group lists its most central item first (the highest summed similarity to
    the rest of its group), then the others in input order."""
    if not vectors:
        return []
    matrix = np.asarray(vectors, dtype=np.float64)
    similar = matrix @ matrix.T >= threshold
    left = np.ones(len(vectors), dtype=bool)
    groups: list[list[int]] = []
    while left.any():
        counts = (similar & left).sum(axis=1) * left
        seed = int(np.argmax(counts))
        members = [int(i) for i in np.flatnonzero(similar[seed] & left)]
        left[members] = False
        sub = matrix[members] @ matrix[members].T
        centre = members[int(np.argmax(sub.sum(axis=1)))]
        groups.append([centre, *(m for m in members if m != centre)])
    groups.sort(key=lambda g: (-len(g), g[0]))
    return groups
