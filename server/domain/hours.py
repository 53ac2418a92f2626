"""Whether a tenant is open now, by its business hours (TenantSettings.business_hours):
the widget offers to reply by e-mail outside them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from server.domain.sla import BusinessHours


def is_open(hours: BusinessHours | None, now: datetime) -> bool:
    """True inside the hours (or when the tenant keeps none: always open). `now` is aware;
    the day and the clock are read in the hours' time zone, start inclusive, end exclusive."""
    if hours is None:
        return True
    local = now.astimezone(ZoneInfo(hours.timezone))
    return local.weekday() in hours.days and hours.start <= local.time() < hours.end
