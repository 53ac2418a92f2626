"""The job kinds this build runs, mapped to their handlers.

Features register their kinds here as they arrive (escalation timers, SLA checks,
outbound delivery); a job of a kind this build does not know fails with a clear error
rather than being silently dropped.
"""

from __future__ import annotations

from server.store.db import Database
from server.workers.runner import JobHandler


def job_handlers(db: Database) -> dict[str, JobHandler]:
    """Every handler, bound to the app's services."""
    return {}
