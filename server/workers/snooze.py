"""The snooze sweep's loop, run by a worker (or by `serve` in-process on one machine).

Every two seconds like the SLA timers: a snooze ends at a minute an agent chose, so it
should not end much later. Its state is in the database (a conversation's snoozed_until),
so a worker killed mid-sweep loses nothing and two workers reopen each conversation once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from server.services.snooze import SnoozeService

log = logging.getLogger("flowsupport.snooze")
EVERY_S = 2.0


async def run_snooze(snooze: SnoozeService, stop: asyncio.Event, every_s: float = EVERY_S) -> None:
    """Sweep until `stop` is set; a failed sweep is logged and tried again next time."""
    while not stop.is_set():
        try:
            woken = await snooze.wake_due()
        except Exception:
            log.exception("snooze sweep failed; trying again")
        else:
            if woken:
                log.info("snooze: %d conversations reopened", woken)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every_s)
