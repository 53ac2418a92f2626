"""What the benchmarks share: a real `flowsupport serve` on a data dir, a free port, and
percentiles. Each benchmark measures its own baseline in the same run; this only starts
and stops the thing measured."""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


async def worst_stalls_ms(metrics_url: str) -> tuple[float, float]:
    """FlowSupport's worst event-loop lag and longest GC pause since the previous read of
    its /metrics (each read starts a new window), in ms."""
    async with httpx.AsyncClient() as http:
        text = (await http.get(metrics_url)).text
    lag, pause = "flowsupport_event_loop_lag_seconds_max", "flowsupport_gc_pause_seconds_max"
    found = {lag: math.nan, pause: math.nan}
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name in found:
            found[name] = 1000 * float(value)
    return found[lag], found[pause]


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `values`; NaN when there are none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    base: str
    env: dict[str, str]
    log: Path

    @property
    def ws_url(self) -> str:
        return self.base.replace("http://", "ws://") + "/v1/ws"

    @property
    def pid(self) -> int:
        return self.process.pid

    def errors(self, lines: int = 12) -> str:
        """The end of the last traceback in the server's log (why something failed)."""
        text = self.log.read_text(errors="replace").splitlines()
        starts = [i for i, line in enumerate(text) if line.startswith("Traceback")]
        return "\n".join(text[starts[-1] :][-lines:]) if starts else "(no traceback logged)"

    def stop(self) -> None:
        self.process.terminate()  # graceful, like a deploy (cProfile writes its file)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(
    name: str,
    data_dir: Path,
    extra_env: dict[str, str],
    profile: Path | None = None,
    cpus: set[int] | None = None,
) -> Server:
    """Start `flowsupport serve` on `data_dir`; its output goes to a log there. Given `cpus`,
    it (and the embedded PostgreSQL it starts a moment later) runs on those CPUs only."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWSUPPORT_")}
    env.update({"FLOWSUPPORT_DATA_DIR": str(data_dir), "PORT": str(port)})
    env.update(extra_env)
    command = [sys.executable, "-m", "server", "serve"]
    if profile is not None:
        profile.mkdir(parents=True, exist_ok=True)
        command[1:1] = ["-m", "cProfile", "-o", str(profile / f"{name}.prof")]
    log_path = data_dir / f"serve-{name}.log"
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, preexec_fn=pin
        )
    return Server(name, process, f"http://127.0.0.1:{port}", env, log_path)


async def ready(server: Server, timeout_s: float = 60) -> None:
    """Wait for /readyz; raise with the log's end when the server exits or never gets there."""
    async with httpx.AsyncClient() as http:
        for _ in range(int(timeout_s / 0.05)):
            if server.process.poll() is not None:
                raise RuntimeError(f"serve exited:\n{server.log.read_text()[-2000:]}")
            try:
                if (await http.get(f"{server.base}/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.05)
    raise RuntimeError("serve did not become ready")


@contextlib.asynccontextmanager
async def serving(
    name: str,
    data_dir: Path,
    extra_env: dict[str, str],
    profile: Path | None = None,
    cpus: set[int] | None = None,
) -> AsyncIterator[Server]:
    """`flowsupport serve` on `data_dir`, ready, until the block ends."""
    server = start(name, data_dir, extra_env, profile, cpus)
    try:
        await ready(server)
        yield server
    finally:
        server.stop()
