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
from server.ai.select import chat_model_for, summarizer_for
from server.broker.select import broker_in
from server.channels.secretbox import SecretBox
from server.clock import Clock, SystemClock
from server.config import Settings
from server.errors import StartupError
from server.realtime.hub import Hub
from server.services.credentials import TokenSigner
from server.services.csat import CsatLinks
from server.services.escalation import EscalationService
from server.services.outbound_mail import OutboundMail
from server.services.outbound_text import OutboundText
from server.services.tickets import TicketService
from server.store.db import Database
from server.store.provision import database_urls, prepare
from server.workers.handlers import job_handlers
from server.workers.runner import JobRunner
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
        async with database_urls(settings) as urls, AsyncExitStack() as stack:
            await prepare(urls, run_migrations=settings.auto_migrate)
            db = await Database.connect(urls.app, max_size=4)
            stack.push_async_callback(db.close)
            hub = Hub(*broker_in(settings, stack))
            await hub.start()
            clock = SystemClock()
            escalation = EscalationService(
                db,
                hub,
                clock,
                agents_online=hub.agents_online,
                summarizer=summarizer_for(chat_model_for(settings)),
            )
            stack.push_async_callback(escalation.close)
            links = CsatLinks(TokenSigner(settings.secret_key), clock, settings.public_url)
            outbound = OutboundMail(db, hub, settings.smtp_url, links)
            texts = OutboundText(
                db, hub, SecretBox(settings.secret_key), clock, settings.public_url, links
            )
            stack.push_async_callback(texts.close)
            async with background_worker(
                db, clock, escalation, TicketService(db, hub, clock), outbound, texts
            ):
                log.info("worker started")
                await stop.wait()
    except StartupError as exc:
        print(f"flowsupport: {exc}", file=sys.stderr)
        return 1
    log.info("worker stopped")
    return 0


@asynccontextmanager
async def background_worker(
    db: Database,
    clock: Clock,
    escalation: EscalationService,
    tickets: TicketService,
    outbound_mail: OutboundMail,
    outbound_text: OutboundText,
) -> AsyncIterator[None]:
    """The job runner and the timers, running until the block exits (then they finish
    the job in hand and stop)."""
    stop = asyncio.Event()
    handlers = job_handlers(outbound_mail, outbound_text)
    log.info("jobs and timers running; job kinds: %s", ", ".join(sorted(handlers)) or "none")
    tasks = [
        asyncio.create_task(JobRunner(db, clock, handlers).run(stop)),
        asyncio.create_task(run_timers(escalation, tickets, stop)),
    ]
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
