"""The Procfile's processes start for real beside a running server and stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.live import TIMEOUT_SCALE, LiveServer, free_port

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


def test_demo_serves_a_ready_tenant(tmp_path: Path) -> None:
    """`flowsupport demo`: the demo tenant (widget allowed on this server's own pages), its
    agent's login, a knowledge base, and the URLs printed before serving."""
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "refunds.md").write_text("# Refunds\n\nRefunds are issued within 14 days.\n")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLOWSUPPORT_")}
    env["FLOWSUPPORT_DATA_DIR"] = str(tmp_path / "data")
    demo = subprocess.Popen(
        [sys.executable, "-m", "server", "demo", "--port", str(port), "--kb", str(kb)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        printed = []
        assert demo.stdout is not None
        for line in demo.stdout:
            printed.append(line)
            if "Uvicorn running" in line or "Application startup complete" in line:
                break
        text = "".join(printed)
        base = f"http://127.0.0.1:{port}"
        assert f"{base}/demo" in text and f"{base}/inbox" in text
        assert "knowledge base: 1 articles" in text
        page = httpx.get(f"{base}/demo", timeout=10)
        assert page.status_code == 200 and 'data-widget-key="wk_' in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]
        login = httpx.post(
            f"{base}/v1/auth/login",
            json={"email": "agent@demo.flowsupport.test", "password": "demo-agent-pass"},
            timeout=10,
        )
        assert login.status_code == 200, login.text
    finally:
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=30 * TIMEOUT_SCALE)
        if demo.stdout:
            demo.stdout.close()
