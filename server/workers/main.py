"""``flowsupport worker``: the durable job runner as its own process (the Procfile's worker:)."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import uvloop

import server.logs as logs
from server.clock import Clock
from server.config import Settings
from server.errors import StartupError
from server.services.escalation import EscalationService
from server.services.outbound_mail import OutboundMail
from server.services.outbound_text import OutboundText
from server.services.retention import RetentionService
from server.services.snooze import SnoozeService
from server.services.tickets import TicketService
from server.store.db import Database
from server.supervisor import Supervisor
from server.wiring import build_services
from server.workers.handlers import job_handlers
from server.workers.retention import run_retention
from server.workers.runner import JobRunner
from server.workers.snooze import run_snooze
from server.workers.timers import run_timers

log = logging.getLogger("flowsupport.worker")


def run_worker(settings: Settings) -> int:
    """Run jobs until SIGTERM or SIGINT; the job in hand finishes first."""
    logs.configure(json_lines=settings.log_format == "json")
    return uvloop.run(_main(settings))


async def _main(settings: Settings) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    if settings.redis_url is None:
        log.warning(
            "no FLOWSUPPORT_REDIS_URL: escalations made here reach clients only when they "
            "resync; on one machine let `serve` run the timers (FLOWSUPPORT_INPROCESS_JOBS)"
        )
    try:
        async with AsyncExitStack() as stack:
            wired = await build_services(settings, stack)
            async with background_worker(
                wired.db,
                wired.clock,
                wired.escalation,
                wired.tickets,
                wired.outbound_mail,
                wired.outbound_text,
                supervisor=wired.supervisor,
                retention=wired.retention,
                snooze=wired.snooze,
            ) as loops:
                log.info("worker started")
                signalled = wired.supervisor.spawn(stop.wait(), name="worker-stop")
                await asyncio.wait([signalled, *loops], return_when=asyncio.FIRST_COMPLETED)
                signalled.cancel()
                if not stop.is_set():  # a loop ended by itself: the supervisor logged why
                    log.error("worker loop %s ended; stopping", _ended(loops))
                    return 1
    except StartupError as exc:
        print(f"flowsupport: {exc}", file=sys.stderr)
        return 1
    log.info("worker stopped")
    return 0


def _ended(loops: list[asyncio.Task[None]]) -> str:
    return ", ".join(task.get_name() for task in loops if task.done())


@asynccontextmanager
async def background_worker(
    db: Database,
    clock: Clock,
    escalation: EscalationService,
    tickets: TicketService,
    outbound_mail: OutboundMail,
    outbound_text: OutboundText,
    *,
    supervisor: Supervisor,
    retention: RetentionService,
    snooze: SnoozeService,
) -> AsyncIterator[list[asyncio.Task[None]]]:
    """The job runner, the timers, the snooze and retention sweeps, running until the block exits
    (then they finish the job in hand and stop). All are supervised: one that fails is
    logged at once (with its traceback); the block gets their tasks to notice."""
    stop = asyncio.Event()
    handlers = job_handlers(outbound_mail, outbound_text)
    log.info("jobs and timers running; job kinds: %s", ", ".join(sorted(handlers)) or "none")
    loops = [
        supervisor.spawn(JobRunner(db, clock, handlers).run(stop), name="job-runner"),
        supervisor.spawn(run_timers(escalation, tickets, stop), name="timers"),
        supervisor.spawn(run_retention(retention, stop), name="retention"),
        supervisor.spawn(run_snooze(snooze, stop), name="snooze"),
    ]
    try:
        yield loops
    finally:
        stop.set()
        await asyncio.wait(loops)  # a failure was logged by the supervisor when it happened
