"""``flowsupport worker``: the durable job runner as its own process (the Procfile's worker:)."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

import uvloop

from server.clock import SystemClock
from server.config import Settings
from server.errors import StartupError
from server.store.db import Database
from server.store.provision import database_urls, prepare
from server.workers.handlers import job_handlers
from server.workers.runner import JobRunner

log = logging.getLogger("flowsupport.worker")


def run_worker(settings: Settings) -> int:
    """Run jobs until SIGTERM or SIGINT; the job in hand finishes first."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    return uvloop.run(_main(settings))


async def _main(settings: Settings) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with database_urls(settings) as urls:
            await prepare(urls, run_migrations=settings.auto_migrate)
            db = await Database.connect(urls.app, max_size=4)
            try:
                handlers = job_handlers(db)
                log.info("worker started; job kinds: %s", ", ".join(sorted(handlers)) or "none")
                await JobRunner(db, SystemClock(), handlers).run(stop)
            finally:
                await db.close()
    except StartupError as exc:
        print(f"flowsupport: {exc}", file=sys.stderr)
        return 1
    log.info("worker stopped")
    return 0
