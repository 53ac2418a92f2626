"""Start-up: installing FlowSupport from its locks, and `flowsupport serve` until it is ready.

    .venv/bin/python bench/startup.py [--runs N] [--cold-cache] [--keep]   # a few minutes
    .venv/bin/python bench/startup.py --smoke   # seconds: the locks and the existing .venv

Full mode, on this machine, in temporary directories holding copies of the work tree (`git
ls-files -co --exclude-standard`: committed, modified and new files, so uncommitted work counts):

  install   a fresh `scripts/bootstrap` (the runtime: requirements.lock) in one copy and a fresh
            `scripts/bootstrap dev` (requirements-dev.lock), the baseline, in another: seconds,
            the .venv's size (du), and which dev tools it holds; then the stamp's no-op rerun,
            and `scripts/bootstrap dev` over the runtime .venv (what a developer's first
            `scripts/test` after `scripts/serve` costs).
  serve     a fresh `scripts/serve` in the runtime copy (its .venv just made, an empty data dir):
            seconds from exec until GET /readyz answers 200, against the bare embedded
            PostgreSQL on a fresh dir, measured in the same run.
  warm      as ever: `flowsupport serve` (this interpreter) on a fresh and on a warm data dir
            against the bare embedded PostgreSQL (initdb + pg_ctl start on a fresh dir, pg_ctl
            start on a warm one) through the same wheel binaries: what FlowSupport adds (the
            Python start, migrations, the posture check, the HTTP server).

The download caches (uv's, and pip's for uv itself) are this machine's own unless
--cold-cache gives every install empty ones: a warm cache (any run after the first) gives
the "second machine" figures, wheels from disk; a cold one adds the downloads from PyPI.
Figures only, never assertions; the issue's targets (runtime .venv <= 650 MB, a fresh
`scripts/serve` ready in <= 45 s) are printed beside.
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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_locks import DEV_LOCK, RUNTIME_LOCK, canonical, dev_only_names, parse_lock

TARGET_RUNTIME_MB = 650
TARGET_READY_S = 45
READY_TIMEOUT_S = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(process: subprocess.Popen[bytes], port: int, started: float) -> float:
    """Seconds from `started` to the first 200 from /readyz; raises when the process ends."""
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
                if r.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError):
            pass
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early ({process.returncode})")
        if time.monotonic() - started > READY_TIMEOUT_S:
            raise RuntimeError(f"/readyz not 200 after {READY_TIMEOUT_S} s")
        time.sleep(0.01)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def serve_ready_seconds(data_dir: Path) -> float:
    """Seconds from exec to the first 200 from /readyz (this interpreter's FlowSupport)."""
    port = free_port()
    env = {**os.environ, "FLOWSUPPORT_DATA_DIR": str(data_dir), "PORT": str(port)}
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        return wait_ready(process, port, started)
    finally:
        stop(process)


def bare_postgres_seconds(data_dir: Path) -> float:
    from server.store.embedded import EmbeddedPostgres

    started = time.monotonic()
    server = EmbeddedPostgres(data_dir)
    server.acquire()
    elapsed = time.monotonic() - started
    server.release()
    return elapsed


# --- the work tree, its installs and their .venvs ---------------------------------------------


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This environment without what would point a fresh copy elsewhere (an active venv, a
    database or data dir of this machine's FlowSupport)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("FLOWSUPPORT_") and k not in {"VIRTUAL_ENV", "PYTHONPATH", "PORT"}
    }
    return {**env, **(extra or {})}


def copy_work_tree(dest: Path) -> int:
    """Copy the tracked files (as they are now) and the untracked, unignored ones to `dest`."""
    listing = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "-co", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    copied = 0
    for name in sorted({n for n in listing.split("\0") if n}):
        source = ROOT / name
        if source.is_symlink() or source.is_file():  # skips files deleted in the work tree
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
            copied += 1
    return copied


def run_timed(command: list[str], cwd: Path, env: Mapping[str, str], log: Path) -> float:
    started = time.monotonic()
    with log.open("ab") as out:
        result = subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=out, check=False)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        tail = log.read_text(errors="replace").splitlines()[-20:]
        sys.exit(f"{' '.join(command)} failed in {cwd} ({result.returncode}):\n" + "\n".join(tail))
    return elapsed


def du_mb(path: Path) -> float:
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0]) / 1024


@dataclass
class Venv:
    mb: float
    distributions: set[str]
    dev_tools: set[str]
    stamp: str


def inspect_venv(venv: Path) -> Venv:
    listing = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import importlib.metadata as m\n"
            "print('\\n'.join(d.metadata['Name'] or '' for d in m.distributions()))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = {canonical(n) for n in listing.split()}
    stamp_file = venv / ".bootstrap-stamp"
    stamp = stamp_file.read_text().split()[0] if stamp_file.exists() else "none"
    return Venv(du_mb(venv), names, names & dev_only_names(), stamp)


def download_cache() -> tuple[str, float]:
    """uv's cache (scripts/bootstrap installs the locks with uv): where, and how full."""
    uv = ROOT / ".venv" / "bin" / "uv"
    where = (
        subprocess.run(
            [str(uv), "cache", "dir"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if uv.exists()
        else ""
    )
    path = Path(where) if where else None
    return where or "?", du_mb(path) if path and path.is_dir() else 0.0


def tools(found: set[str]) -> str:
    return f"{len(found)} of {len(dev_only_names())}" if found else "none"


def ratio(value: float, base: float) -> str:
    return f"{value / base:7.2f}" if base > 0 else "      -"


# --- the two modes -----------------------------------------------------------------------------


def smoke() -> None:
    runtime, dev = parse_lock(RUNTIME_LOCK), parse_lock(DEV_LOCK)
    dev_only = sorted(set(dev) - set(runtime))
    leaked = set(runtime) & dev_only_names()
    print("start-up benchmark, smoke: the locks and this work tree's .venv (nothing installed)")
    print(f"{'':40} {'runtime':>10} {'dev':>10} {'ratio':>7}")
    print(f"{'locked packages':40} {len(runtime):10} {len(dev):10} {ratio(len(runtime), len(dev))}")
    print(f"{'dev tools locked':40} {tools(leaked):>10} {tools(set(dev) & dev_only_names()):>10}")
    print(f"dev-only packages in requirements-dev.lock: {len(dev_only)}")
    venv = ROOT / ".venv"
    if (venv / "bin" / "python").exists():
        found = inspect_venv(venv)
        print(
            f"existing .venv: {found.mb:.0f} MB (du), {len(found.distributions)} distributions, "
            f"dev tools: {tools(found.dev_tools)}, bootstrap stamp: {found.stamp} "
            f"(target for a runtime .venv: <= {TARGET_RUNTIME_MB} MB)"
        )
    else:
        print("existing .venv: none")


def full(runs: int, cold_cache: bool, keep: bool) -> None:
    cache_dir, cache_mb = download_cache()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        "start-up benchmark: fresh installs from the locks, a fresh scripts/serve "
        f"({os.cpu_count()} cores, load average {load} at the start)"
    )
    if cold_cache:
        print("download cache: a new empty one per install (--cold-cache): downloads included")
    else:
        state = "warm: wheels come from disk" if cache_mb > 1 else "cold: downloads included"
        print(
            f"download cache (uv): {cache_dir}, {cache_mb:.0f} MB before this run ({state}; a "
            "warm cache gives the 'second machine' figures)"
        )
    root = Path(tempfile.mkdtemp(prefix="fs-bench-startup-"))
    try:
        installs: dict[str, tuple[Path, float, float, Venv]] = {}
        for mode in ("runtime", "dev"):
            tree = root / mode
            copied = copy_work_tree(tree)
            caches = root / f"caches-{mode}"
            extra = (
                {"PIP_CACHE_DIR": str(caches / "pip"), "UV_CACHE_DIR": str(caches / "uv")}
                if cold_cache
                else {}
            )
            env = clean_env(extra)
            log = root / f"bootstrap-{mode}.log"
            command = ["scripts/bootstrap"] + (["dev"] if mode == "dev" else [])
            seconds = run_timed(command, tree, env, log)
            again = run_timed(command, tree, env, log)
            installs[mode] = (tree, seconds, again, inspect_venv(tree / ".venv"))
            print(f"  {mode}: {copied} files copied, installed in {seconds:.1f} s")

        (rt_tree, rt_s, rt_again, rt), (_, dev_s, dev_again, dev) = (
            installs["runtime"],
            installs["dev"],
        )
        print(
            f"\n{'install (fresh copy, fresh .venv)':40} {'runtime':>10} {'dev':>10} {'ratio':>7}"
        )
        print(f"{'scripts/bootstrap [dev], s':40} {rt_s:10.1f} {dev_s:10.1f} {ratio(rt_s, dev_s)}")
        print(f"{'.venv size, MB (du)':40} {rt.mb:10.0f} {dev.mb:10.0f} {ratio(rt.mb, dev.mb)}")
        print(
            f"{'distributions in .venv':40} {len(rt.distributions):10} {len(dev.distributions):10}"
        )
        print(f"{'dev tools in .venv':40} {tools(rt.dev_tools):>10} {tools(dev.dev_tools):>10}")
        print(f"{'again, nothing changed (stamp), s':40} {rt_again:10.2f} {dev_again:10.2f}")

        ready = []
        for run in range(runs):
            port = free_port()
            env = clean_env({"FLOWSUPPORT_DATA_DIR": str(root / f"data-{run}")})
            with (root / f"serve-{run}.log").open("wb") as log_file:
                started = time.monotonic()
                process = subprocess.Popen(
                    ["scripts/serve", "--port", str(port)],
                    cwd=rt_tree,
                    env=env,
                    stdout=log_file,
                    stderr=log_file,
                    start_new_session=True,
                )
                try:
                    ready.append(wait_ready(process, port, started))
                except RuntimeError as exc:
                    stop(process)
                    tail = (root / f"serve-{run}.log").read_text(errors="replace")
                    sys.exit(f"scripts/serve: {exc}:\n" + "\n".join(tail.splitlines()[-20:]))
                finally:
                    stop(process)
        bare = statistics.median(
            bare_postgres_seconds(Path(tempfile.mkdtemp(prefix="bare-", dir=root)))
            for _ in range(runs)
        )
        first, median = ready[0], statistics.median(ready)
        print(
            f"\n{'fresh scripts/serve until /readyz is 200':40} {'first':>10} {'median':>10} "
            f"{'ratio':>7}   (runtime .venv just made, empty data dir, {runs} runs)"
        )
        print(f"{'scripts/serve, s':40} {first:10.2f} {median:10.2f} {ratio(median, bare)}")
        print(f"{'baseline: bare embedded PostgreSQL, s':40} {'':10} {bare:10.2f}")
        print(f"{'new machine: install + first ready, s':40} {rt_s + first:10.1f}")

        upgrade = run_timed(
            ["scripts/bootstrap", "dev"], rt_tree, clean_env(), root / "bootstrap-upgrade.log"
        )
        after = inspect_venv(rt_tree / ".venv")
        print(
            f"\nscripts/bootstrap dev over that runtime .venv: {upgrade:.1f} s, then "
            f"{after.mb:.0f} MB, dev tools {tools(after.dev_tools)}, stamp {after.stamp}"
        )
        print(
            f"\ntargets (the issue): runtime .venv <= {TARGET_RUNTIME_MB} MB: {rt.mb:.0f} MB "
            f"({'within' if rt.mb <= TARGET_RUNTIME_MB else 'over'}); fresh scripts/serve ready "
            f"<= {TARGET_READY_S} s: {first:.1f} s "
            f"({'within' if first <= TARGET_READY_S else 'over'}), "
            f"{rt_s + first:.1f} s counting its install "
            f"({'within' if rt_s + first <= TARGET_READY_S else 'over'})"
        )
        if not cold_cache:
            print(f"download cache after the installs: {download_cache()[1]:.0f} MB")
    finally:
        if keep:
            print(f"\nkept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print()
    warm_table(runs)


def warm_table(runs: int) -> None:
    rows = []
    measures: tuple[tuple[str, Callable[[Path], float]], ...] = (
        ("flowsupport serve", serve_ready_seconds),
        ("bare embedded PostgreSQL", bare_postgres_seconds),
    )
    for label, measure in measures:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--smoke", action="store_true", help="the locks and the existing .venv only, for CI"
    )
    parser.add_argument(
        "--cold-cache", action="store_true", help="an empty pip cache per install (downloads)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = parser.parse_args()
    if args.smoke:
        smoke()
    else:
        full(max(1, args.runs), args.cold_cache, args.keep)


if __name__ == "__main__":
    main()
