"""The Procfile's processes start for real beside a running server and stop on SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from tests.live import TIMEOUT_SCALE, LiveServer

ROOT = Path(__file__).resolve().parents[2]


def test_procfile_names_real_commands() -> None:
    """web: serves, worker: runs jobs; both are `flowsupport` subcommands."""
    lines = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line
    )
    assert lines["web"].split()[:2] == ["flowsupport", "serve"]
    assert lines["worker"].split()[:2] == ["flowsupport", "worker"]


def test_worker_runs_on_the_shared_database_and_stops_cleanly(live_server: LiveServer) -> None:
    """`flowsupport worker` joins the server's embedded database, then exits 0 on SIGTERM."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "server", "worker"],
        env=live_server.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert worker.stdout is not None
    try:
        for line in worker.stdout:
            if "worker started" in line:
                break
        else:
            raise AssertionError("worker exited before starting")
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30 * TIMEOUT_SCALE) == 0
        assert "worker stopped" in worker.stdout.read()
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.stdout.close()
