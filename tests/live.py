"""Real `flowsupport serve` processes on a data dir, and the CLI beside them."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import ExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from server.config import Settings
from server.store.provision import database_urls
from tests import pgbouncer

TIMEOUT_SCALE = float(os.environ.get("FLOWSUPPORT_TEST_TIMEOUT_SCALE", "1"))
# .ci/run sets this: there a missing Redis or PostgreSQL 15 fails the run instead of skipping.
REQUIRE_SERVICES = os.environ.get("FLOWSUPPORT_TEST_REQUIRE_SERVICES") == "1"
# In a server's data dir: how many seconds its clock (and its CLI's and workers') is ahead.
TEST_CLOCK = "test-clock"


def service_missing(reason: str) -> None:
    """Skip a test whose outside service is absent, or fail where services are promised."""
    if REQUIRE_SERVICES:
        pytest.fail(reason)
    pytest.skip(reason)


class OutputDrain(threading.Thread):
    """Reads a server's output as it comes, keeping the latest lines. Unread, the pipe
    fills (64 KiB: a few hundred logged requests) and the server blocks on its next log
    line, hanging every test that shares it."""

    def __init__(self, process: subprocess.Popen[str], keep: int = 2000) -> None:
        super().__init__(daemon=True, name=f"drain-{process.pid}")
        self.lines: deque[str] = deque(maxlen=keep)
        self._stream = process.stdout

    def run(self) -> None:
        if self._stream is None:
            return
        with contextlib.suppress(ValueError, OSError):  # closed by stop()
            for line in self._stream:
                self.lines.append(line)

    def text(self) -> str:
        return "".join(self.lines)


@dataclass(frozen=True)
class ServerClock:
    """The clock of every process on one data dir (`serve`, `worker`, the CLI): the system's
    plus the offset in a file (FLOWSUPPORT_ENV=test, FLOWSUPPORT_TEST_CLOCK_FILE; read by
    server.clock.OffsetFileClock). A test that needs time to pass advances it instead of
    sleeping; the processes see the new time at their next reading of the clock."""

    path: Path

    def offset(self) -> float:
        try:
            return float(self.path.read_text(encoding="ascii"))
        except FileNotFoundError:
            return 0.0

    def advance(self, seconds: float) -> None:
        assert seconds > 0, "the clock only moves forward"
        draft = self.path.with_name(f"{self.path.name}.{os.getpid()}.draft")
        draft.write_text(repr(self.offset() + seconds), encoding="ascii")
        os.replace(draft, self.path)  # a reader sees the old offset or the new, never half

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.offset())


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    data_dir: Path
    env: dict[str, str]
    process: subprocess.Popen[str]
    output: OutputDrain | None = None  # what it logged lately

    @property
    def ws_url(self) -> str:
        return self.base_url.replace("http://", "ws://") + "/v1/ws"

    @property
    def clock(self) -> ServerClock:
        """The clock this server runs on; `advance` it rather than sleep."""
        return ServerClock(self.data_dir / TEST_CLOCK)

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Stop the process (SIGTERM: graceful) and return its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=30 * TIMEOUT_SCALE)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.output is not None:
            self.output.join(timeout=5)
        if self.process.stdout:
            self.process.stdout.close()
        return self.process.returncode

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run `flowsupport ARGS` against the same data dir (so the same embedded database)."""
        return subprocess.run(
            [sys.executable, "-m", "server", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60 * TIMEOUT_SCALE,
        )

    def cli_json(self, *args: str) -> dict[str, Any]:
        result = self.cli(*args, "--json")
        assert result.returncode == 0, result.stdout + result.stderr
        parsed: dict[str, Any] = json.loads(result.stdout)
        return parsed

    def secret_key(self) -> str:
        return (self.data_dir / "secret_key").read_text().strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(
    data_dir: Path,
    *,
    extra_env: dict[str, str] | None = None,
    port: int | None = None,
    serve_args: tuple[str, ...] = (),
) -> Iterator[LiveServer]:
    """`flowsupport serve` on `data_dir` until the block ends (then SIGTERM, like a deploy).
    It runs as FLOWSUPPORT_ENV=test on the data dir's test clock (`LiveServer.clock`)
    unless `extra_env` names another environment.

    With FLOWSUPPORT_TEST_PGBOUNCER=1 the server runs behind PgBouncer in transaction mode:
    the harness starts the data dir's embedded PostgreSQL and a pgbouncer in front of it
    (tests/pgbouncer.py) unless `extra_env` names its own FLOWSUPPORT_DATABASE_URL. The
    embedded default itself (the server starting its own database) is the default mode's."""
    with ExitStack() as stack:
        env = _server_env(data_dir, port or free_port(), extra_env or {}, stack)
        yield stack.enter_context(_serving(data_dir, env, serve_args))


def _server_env(
    data_dir: Path, port: int, extra_env: dict[str, str], stack: ExitStack
) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLOWSUPPORT_")}
    env.update(
        {
            "FLOWSUPPORT_DATA_DIR": str(data_dir),
            "PORT": str(port),
            "FLOWSUPPORT_ENV": "test",
            "FLOWSUPPORT_TEST_CLOCK_FILE": str(data_dir / TEST_CLOCK),
        }
    )
    if pgbouncer.ENABLED:
        if "FLOWSUPPORT_DATABASE_URL" in extra_env:
            # The test's own database (tests/conftest.py hands out URLs through the pooler);
            # on a direct URL the setting only turns asyncpg's statement cache off.
            env["FLOWSUPPORT_DATABASE_POOLER"] = "transaction"
        else:
            env.update(stack.enter_context(pgbouncer.pooled_data_dir(data_dir)))
    env.update(extra_env)
    return env


@contextmanager
def _serving(
    data_dir: Path, env: dict[str, str], serve_args: tuple[str, ...] = ()
) -> Iterator[LiveServer]:
    port = int(env["PORT"])
    if env["FLOWSUPPORT_ENV"] != "test":
        del env["FLOWSUPPORT_TEST_CLOCK_FILE"]  # refused there: the system's clock only
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", *serve_args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    drain = OutputDrain(process)
    drain.start()
    base_url = f"http://127.0.0.1:{port}"
    deadline = started + 60 * TIMEOUT_SCALE
    while True:
        if process.poll() is not None:
            drain.join(timeout=5)
            raise RuntimeError(f"server exited: {drain.text()}")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("server did not become ready")
        time.sleep(0.05)
    server = LiveServer(base_url, data_dir, env, process, drain)
    try:
        yield server
    finally:
        server.stop()


@asynccontextmanager
async def owner_connection(server: LiveServer) -> AsyncIterator[asyncpg.Connection]:
    """A connection to the server's (embedded) database as its owner, for checks in SQL."""
    settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(server.data_dir)})
    async with database_urls(settings) as urls:
        conn = await asyncpg.connect(urls.owner)
        try:
            yield conn
        finally:
            await conn.close()


async def eventually(
    check: Callable[[], Awaitable[bool]], what: str, timeout_s: float = 15
) -> None:
    """Poll `check` until it holds (an event to wait for, never time to pass)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s * TIMEOUT_SCALE
    while not await check():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def jobs_done(owner: asyncpg.Connection) -> None:
    """Until no queued job is left to run: every reply stored so far has been delivered (or
    given up on), so nothing more leaves unless something new is stored. A job waiting
    for its retry is not done; advance the server's clock past its backoff."""

    async def idle() -> bool:
        return bool(
            await owner.fetchval("SELECT NOT EXISTS (SELECT 1 FROM jobs WHERE finished_at IS NULL)")
        )

    await eventually(idle, "the queued jobs to finish")


async def retry_waiting(owner: asyncpg.Connection) -> None:
    """Until a job has failed and waits for its retry (its backoff is on the server's
    clock: advance it rather than wait)."""

    async def waiting() -> bool:
        return bool(
            await owner.fetchval(
                "SELECT EXISTS (SELECT 1 FROM jobs WHERE finished_at IS NULL "
                "AND last_error IS NOT NULL AND leased_until IS NULL)"
            )
        )

    await eventually(waiting, "a failed job to wait for its retry")
