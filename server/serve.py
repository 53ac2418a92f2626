"""``flowsupport serve``: provision the database, then run uvicorn on uvloop in one loop."""

from __future__ import annotations

import logging
import signal
import sys
from dataclasses import replace

import uvicorn
import uvloop

import server.logs as logs
from server.app import create_app
from server.config import Settings
from server.errors import StartupError
from server.protocol.codes import HEARTBEAT_S, READABLE_FRAME_BYTES
from server.store.provision import database_urls, prepare

log = logging.getLogger("flowsupport")


def serve(settings: Settings, *, host: str | None, port: int | None) -> int:
    """Run until SIGTERM/SIGINT; start-up problems print one line and exit 1."""
    logs.configure(json_lines=settings.log_format == "json")
    # uvicorn handles SIGTERM itself, then raises it again once it has stopped; the default
    # action would kill us before the embedded database is released, so absorb that echo.
    signal.signal(signal.SIGTERM, lambda signum, frame: None)
    listening = replace(
        settings, host=host or settings.host, port=settings.port if port is None else port
    )
    return uvloop.run(_serve(listening))


async def _serve(settings: Settings) -> int:
    host, port = settings.host, settings.port
    try:
        async with database_urls(settings) as urls:
            applied = await prepare(urls, run_migrations=settings.auto_migrate)
            if applied:
                log.info("applied migrations: %s", ", ".join(applied))
            app = create_app(settings, urls=urls)
            config = uvicorn.Config(
                app,
                host=host,
                port=port,
                http="httptools",
                ws="websockets-sansio",
                lifespan="on",
                log_config=None,
                server_header=False,
                timeout_graceful_shutdown=10,
                ws_max_size=READABLE_FRAME_BYTES,  # larger frames close 1009 unread
                ws_ping_interval=HEARTBEAT_S,
                ws_ping_timeout=2 * HEARTBEAT_S,  # two missed heartbeats drop the client
            )
            await uvicorn.Server(config).serve()
    except StartupError as exc:
        print(f"flowsupport: {exc}", file=sys.stderr)
        return 1
    return 0
