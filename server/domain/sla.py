"""SLA deadlines: targets per priority, counted in the tenant's business hours.

A target of N minutes means N minutes of business time: a ticket created on Friday at 16:50
with a 30-minute first-response target, in business hours Monday to Friday 09:00-17:00, is
due on Monday at 09:20. Without business hours every minute counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class SlaTarget:
    first_response_minutes: int | None
    resolution_minutes: int | None


@dataclass(frozen=True)
class BusinessHours:
    timezone: str
    days: tuple[int, ...]  # 0 = Monday
    start: time
    end: time


DEFAULT_TARGETS: dict[str, SlaTarget] = {
    "urgent": SlaTarget(15, 4 * 60),
    "high": SlaTarget(60, 8 * 60),
    "normal": SlaTarget(4 * 60, 24 * 60),
    "low": SlaTarget(8 * 60, 48 * 60),
}


def deadline(start: datetime, minutes: float, hours: BusinessHours | None) -> datetime:
    """`minutes` of business time after `start` (an aware datetime; the answer is too)."""
    if hours is None:
        return start + timedelta(minutes=minutes)
    zone = ZoneInfo(hours.timezone)
    cursor = start.astimezone(zone)
    left = timedelta(minutes=minutes)
    for _ in range(366 * 2):  # a bounded walk, one business day at a time
        day_start = cursor.replace(
            hour=hours.start.hour, minute=hours.start.minute, second=0, microsecond=0
        )
        day_end = cursor.replace(
            hour=hours.end.hour, minute=hours.end.minute, second=0, microsecond=0
        )
        if cursor.weekday() in hours.days and cursor < day_end:
            opening = max(cursor, day_start)
            available = day_end - opening
            if left <= available:
                return (opening + left).astimezone(start.tzinfo)
            left -= available
        next_day = (cursor + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        cursor = next_day
    raise ValueError("business hours leave no working time")


def business_minutes(start: datetime, end: datetime, hours: BusinessHours | None) -> float:
    """The business time from `start` to `end`, in minutes (0 when `end` is not later): how
    long an SLA clock paused between them would have run."""
    if end <= start:
        return 0.0
    if hours is None:
        return (end - start).total_seconds() / 60
    zone = ZoneInfo(hours.timezone)
    cursor, stop = start.astimezone(zone), end.astimezone(zone)
    total = timedelta()
    while cursor < stop:
        day_start = cursor.replace(
            hour=hours.start.hour, minute=hours.start.minute, second=0, microsecond=0
        )
        day_end = cursor.replace(
            hour=hours.end.hour, minute=hours.end.minute, second=0, microsecond=0
        )
        if cursor.weekday() in hours.days:
            opening, closing = max(cursor, day_start), min(stop, day_end)
            if closing > opening:
                total += closing - opening
        cursor = (cursor + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return total.total_seconds() / 60


def resumed(
    due: datetime | None, paused_at: datetime, now: datetime, hours: BusinessHours | None
) -> datetime | None:
    """A deadline after a pause from `paused_at` to `now`: what was left of it when the
    clock stopped, counted again from `now`. A deadline already missed stays as it was."""
    if due is None or due <= paused_at:
        return due
    return deadline(now, business_minutes(paused_at, due, hours), hours)
