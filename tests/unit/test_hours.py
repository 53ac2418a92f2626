"""Whether the tenant is open (domain/hours.py), for the widget's e-mail capture, and the
per-visitor limit of the widget's HTTP paths (services/visitor_rate.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time

import pytest

from server.domain.access import Principal
from server.domain.hours import is_open
from server.domain.models import Role
from server.domain.sla import BusinessHours
from server.errors import RateLimited
from server.ids import TenantId
from server.services.visitor_rate import VisitorRate

WEEKDAYS = BusinessHours("Europe/Paris", (0, 1, 2, 3, 4), time(9, 0), time(17, 0))


def test_no_hours_is_always_open() -> None:
    assert is_open(None, datetime(2026, 12, 5, 3, 0, tzinfo=UTC))


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (datetime(2026, 12, 2, 8, 0, tzinfo=UTC), True),  # Wednesday 09:00 in Paris: opens
        (datetime(2026, 12, 2, 7, 59, tzinfo=UTC), False),  # 08:59 in Paris
        (datetime(2026, 12, 2, 15, 59, tzinfo=UTC), True),  # 16:59
        (datetime(2026, 12, 2, 16, 0, tzinfo=UTC), False),  # 17:00: closed (end exclusive)
        (datetime(2026, 12, 5, 10, 0, tzinfo=UTC), False),  # Saturday
        (datetime(2026, 12, 6, 23, 30, tzinfo=UTC), False),  # Monday 00:30 in Paris, too early
    ],
)
def test_hours_are_read_in_the_tenant_zone(utc: datetime, expected: bool) -> None:
    assert is_open(WEEKDAYS, utc) is expected


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def now(self) -> datetime:
        return datetime(2026, 12, 2, tzinfo=UTC)

    def monotonic(self) -> float:
        return self.t


def visitor(n: int) -> Principal:
    tenant = TenantId(uuid.UUID("00000000-0000-0000-0000-000000000001"))
    return Principal("visitor", f"00000000-0000-0000-0000-00000000000{n}", tenant, Role.CUSTOMER)


def test_visitor_rate_is_a_bucket_per_visitor() -> None:
    clock = Clock()
    rate = VisitorRate(clock, per_s=1.0, burst=3.0)
    for _ in range(3):
        rate.spend(visitor(1))
    with pytest.raises(RateLimited) as refused:
        rate.spend(visitor(1))
    assert refused.value.retry_after_ms == 1000
    rate.spend(visitor(2))  # another visitor: its own bucket
    clock.t += 1.0
    rate.spend(visitor(1))  # refilled
