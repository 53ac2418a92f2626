"""The retention sweep's loop, run by a worker (or by `serve` in-process on one machine).

Every few minutes rather than every few seconds like the SLA timers: retention is counted
in days, and a sweep with nothing to do still reads every tenant's settings. Its state is
in the database (a swept conversation's purged_at), so a worker killed mid-sweep loses
nothing and two workers sweeping at once remove each conversation once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from server.services.retention import RetentionService

log = logging.getLogger("flowsupport.retention")
EVERY_S = 300.0


async def run_retention(
    retention: RetentionService, stop: asyncio.Event, every_s: float = EVERY_S
) -> None:
    """Sweep until `stop` is set; a failed sweep is logged and tried again next time."""
    while not stop.is_set():
        try:
            removed = await retention.sweep()
        except Exception:
            log.exception("retention sweep failed; trying again")
        else:
            if removed:
                log.info(
                    "retention: %d conversations emptied, %d messages, %d attachments",
                    removed.conversations,
                    removed.messages,
                    removed.attachments,
                )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every_s)
