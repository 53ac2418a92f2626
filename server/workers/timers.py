"""The timers behind escalation and SLAs, run every few seconds by a worker (or by `serve`
in-process on a single machine).

Their state lives in the database (a visitor's `awaiting_reply_since`, a ticket's deadlines
and marked breaches), not in the timer: a worker killed mid-sweep loses nothing, the next
sweep picks up where it stopped, and two workers sweeping at once act once (each
escalation and each breach mark happens under a row lock, and re-checks first).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from server.services.escalation import EscalationService
from server.services.tickets import TicketService

log = logging.getLogger("flowsupport.timers")
EVERY_S = 2.0


async def run_timers(
    escalation: EscalationService,
    tickets: TicketService,
    stop: asyncio.Event,
    every_s: float = EVERY_S,
) -> None:
    """Sweep until `stop` is set."""
    while not stop.is_set():
        escalated = breached = 0
        try:
            escalated = await escalation.sweep_unanswered()
        except Exception:
            log.exception("escalation sweep failed; trying again")
        try:
            breached = await tickets.check_breaches()
        except Exception:
            log.exception("SLA sweep failed; trying again")
        if escalated or breached:
            log.info("timers: %d escalated, %d SLA breaches", escalated, breached)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every_s)
