"""``flowsupport serve``: provision the database, then run uvicorn on uvloop in one loop.

With ``--workers N`` the machine's cores share one port: N processes, each its own node
(its own loop, pool and hub), bind the port with SO_REUSEPORT so the kernel spreads new
connections across them, and reach each other through the broker as nodes on separate
machines do (so N > 1 needs ``FLOWSUPPORT_REDIS_URL``). This process then only supervises:
it forwards SIGTERM/SIGINT, and starts a worker again when one dies (kill -9, out of
memory), unless it dies within its first seconds, which is a start-up problem that a
restart would only repeat.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import signal
import socket
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from multiprocessing.process import BaseProcess

import uvicorn
import uvloop

import server.logs as logs
from server.app import create_app
from server.config import Settings
from server.errors import StartupError
from server.protocol.codes import HEARTBEAT_S, READABLE_FRAME_BYTES
from server.store.provision import DatabaseUrls, database_urls, prepare

log = logging.getLogger("flowsupport")

LISTEN_BACKLOG = 2048  # a reconnect storm's SYNs wait here instead of being refused
START_GRACE_S = 10.0  # a worker that dies sooner than this failed to start: no restart
RESTART_PAUSE_S = 1.0


@dataclass(frozen=True)
class Listen:
    host: str
    port: int
    reuse_port: bool  # several processes share the port; the kernel balances accepts


def serve(settings: Settings, *, host: str | None, port: int | None, workers: int = 1) -> int:
    """Run until SIGTERM/SIGINT; start-up problems print one line and exit 1."""
    logs.configure(json_lines=settings.log_format == "json")
    listening = replace(
        settings, host=host or settings.host, port=settings.port if port is None else port
    )
    if workers < 1:
        print("flowsupport: --workers must be at least 1", file=sys.stderr)
        return 1
    if workers == 1:
        return _run_node(listening, Listen(listening.host, listening.port, reuse_port=False))
    if listening.redis_url is None:
        print(
            "flowsupport: --workers above 1 needs FLOWSUPPORT_REDIS_URL: the processes are "
            "separate nodes and hear each other's messages through the broker",
            file=sys.stderr,
        )
        return 1
    return _supervise(listening, workers)


def _run_node(settings: Settings, listen: Listen, urls: DatabaseUrls | None = None) -> int:
    # uvicorn handles SIGTERM itself, then raises it again once it has stopped; the default
    # action would kill us before the embedded database is released, so absorb that echo.
    signal.signal(signal.SIGTERM, lambda signum, frame: None)
    if urls is not None:  # a worker: the supervisor has provisioned the database
        return uvloop.run(_listen(settings, listen, urls))
    return uvloop.run(_provision_then(settings, lambda ready: _listen(settings, listen, ready)))


async def _provision_then(settings: Settings, run: Callable[[DatabaseUrls], Awaitable[int]]) -> int:
    """Find or start the database, migrate and check it, then `run`; start-up problems
    print one line and return 1."""
    try:
        async with database_urls(settings) as urls:
            applied = await prepare(urls, run_migrations=settings.auto_migrate)
            if applied:
                log.info("applied migrations: %s", ", ".join(applied))
            return await run(urls)
    except StartupError as exc:
        print(f"flowsupport: {exc}", file=sys.stderr)
        return 1


async def _listen(settings: Settings, listen: Listen, urls: DatabaseUrls) -> int:
    app = create_app(settings, urls=urls)
    config = uvicorn.Config(
        app,
        host=listen.host,
        port=listen.port,
        http="httptools",
        ws="websockets-sansio",
        lifespan="on",
        log_config=None,
        server_header=False,
        timeout_graceful_shutdown=10,
        backlog=LISTEN_BACKLOG,
        ws_max_size=READABLE_FRAME_BYTES,  # larger frames close 1009 unread
        ws_ping_interval=HEARTBEAT_S,
        ws_ping_timeout=2 * HEARTBEAT_S,  # two missed heartbeats drop the client
    )
    try:
        sockets = [_reuse_port_socket(listen)] if listen.reuse_port else None
        await _Node(config).serve(sockets=sockets)
    except StartupError as exc:
        print(f"flowsupport: {exc}", file=sys.stderr)
        return 1
    return 0


class _Node(uvicorn.Server):
    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        """Once serving, move everything start-up made (modules, services, caches) out of
        the collector's reach: a full collection then walks only what connections create,
        which keeps its pause short with thousands of connections (LoopWatch reports the
        pauses)."""
        await super().startup(sockets)
        if self.started:
            gc.collect()
            gc.freeze()


def _reuse_port_socket(listen: Listen, *, accept: bool = True) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(
        listen.host, listen.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    if accept:
        sock.listen(LISTEN_BACKLOG)
    sock.setblocking(False)
    return sock


# -- several processes ---------------------------------------------------------------------


def _supervise(settings: Settings, workers: int) -> int:
    """Provision the database once (the embedded one stays up while this process does),
    then start `workers` nodes on one port and keep them running until told to stop."""
    try:
        holder = _reuse_port_socket(
            Listen(settings.host, settings.port, reuse_port=True), accept=False
        )
    except OSError as exc:
        print(
            f"flowsupport: cannot listen on {settings.host}:{settings.port}: {exc}", file=sys.stderr
        )
        return 1
    # The holder keeps the port (the kernel's choice for --port 0) until the workers hold it;
    # bound but not listening, it is never handed a connection.
    listen = Listen(settings.host, int(holder.getsockname()[1]), reuse_port=True)

    async def keep_running(urls: DatabaseUrls) -> int:
        try:
            return await _keep_workers(settings, listen, urls, workers)
        finally:
            holder.close()

    return uvloop.run(_provision_then(settings, keep_running))


async def _keep_workers(
    settings: Settings, listen: Listen, urls: DatabaseUrls, workers: int
) -> int:
    context = multiprocessing.get_context("spawn")
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopped.set)

    def start(index: int) -> tuple[BaseProcess, float]:
        process = context.Process(
            target=_worker_main,
            args=(_worker_settings(settings, index), listen, urls),
            name=f"flowsupport-{index}",
        )
        process.start()
        return process, time.monotonic()

    running = {index: start(index) for index in range(workers)}
    log.info("serving on %s:%d with %d worker processes", listen.host, listen.port, workers)
    failed = False
    while not stopped.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopped.wait(), timeout=0.2)
        for index, (process, started) in list(running.items()):
            if process.is_alive() or stopped.is_set():
                continue
            if time.monotonic() - started < START_GRACE_S:
                log.error(
                    "worker %d exited with %s while starting: stopping", index, process.exitcode
                )
                failed = True
                stopped.set()
                break
            log.error("worker %d exited with %s: starting it again", index, process.exitcode)
            await asyncio.sleep(RESTART_PAUSE_S)
            running[index] = start(index)
    for process, _ in running.values():
        if process.is_alive():
            process.terminate()  # SIGTERM: a graceful stop, as for a single process
    await asyncio.gather(*(asyncio.to_thread(p.join) for p, _ in running.values()))
    return 1 if failed else 0


def _worker_settings(settings: Settings, index: int) -> Settings:
    """Worker 0 keeps the one-per-machine duties (the SMTP listener, in-process jobs); the
    others serve connections only."""
    if index == 0:
        return settings
    return replace(settings, smtp_listen=None, inprocess_jobs="off")


def _worker_main(settings: Settings, listen: Listen, urls: DatabaseUrls) -> None:
    logs.configure(json_lines=settings.log_format == "json")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the supervisor decides when to stop
    raise SystemExit(_run_node(settings, listen, urls))
