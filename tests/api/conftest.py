"""A real `flowsupport serve` process on a fresh data dir, and the CLI beside it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import TIMEOUT_SCALE


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    data_dir: Path
    env: dict[str, str]
    ready_after_s: float

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


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    data_dir = Path(tempfile.mkdtemp(prefix="fs-live-"))
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLOWSUPPORT_")}
    env.update({"FLOWSUPPORT_DATA_DIR": str(data_dir), "PORT": str(port)})
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = started + 60 * TIMEOUT_SCALE
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stdout.read() if process.stdout else ''}")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("server did not become ready")
        time.sleep(0.05)
    server = LiveServer(base_url, data_dir, env, time.monotonic() - started)
    try:
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30 * TIMEOUT_SCALE)
        finally:
            if process.poll() is None:
                process.kill()
            if process.stdout:
                process.stdout.close()
        subprocess.run(["rm", "-rf", str(data_dir)], check=False)


@pytest.fixture
async def http(live_server: LiveServer) -> Any:
    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=30) as client:
        yield client
