"""Real `flowsupport serve` processes on a data dir, and the CLI beside them."""

from __future__ import annotations

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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

TIMEOUT_SCALE = float(os.environ.get("FLOWSUPPORT_TEST_TIMEOUT_SCALE", "1"))
# .ci/run sets this: there a missing Redis or PostgreSQL 15 fails the run instead of skipping.
REQUIRE_SERVICES = os.environ.get("FLOWSUPPORT_TEST_REQUIRE_SERVICES") == "1"


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
class LiveServer:
    base_url: str
    data_dir: Path
    env: dict[str, str]
    process: subprocess.Popen[str]
    output: OutputDrain | None = None  # what it logged lately

    @property
    def ws_url(self) -> str:
        return self.base_url.replace("http://", "ws://") + "/v1/ws"

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
    data_dir: Path, *, extra_env: dict[str, str] | None = None, port: int | None = None
) -> Iterator[LiveServer]:
    """`flowsupport serve` on `data_dir` until the block ends (then SIGTERM, like a deploy)."""
    port = port or free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLOWSUPPORT_")}
    env.update({"FLOWSUPPORT_DATA_DIR": str(data_dir), "PORT": str(port)})
    env.update(extra_env or {})
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve"],
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
