"""Flood benchmark: another tenant's send-to-ack while one site's visitors flood the server.

One `flowsupport serve` (no Redis). A quiet tenant's visitor sends a message every 200 ms and
times each send to its ack: first alone (the baseline, measured in the same run), then while
an attacker in another process floods from 500 attempted sockets:

  principal   one visitor token on every socket (the widget's own token, replayed);
  address     every socket a new visitor (the widget key is public).

Both come from one client address, as a trusted proxy forwards it (X-Forwarded-For): the
loopback itself is exempt from the per-address caps.

The attacker never honours `retry_after_ms` and reconnects as soon as it is refused or
closed. Target (issue 16): the quiet tenant's p95 stays within 2x its baseline. The server
and its PostgreSQL run on CPU 0, this process and the attacker on the other CPUs: a real
attacker's CPU is its own machine's.

    .venv/bin/python bench/flood.py            # 20 s per phase
    .venv/bin/python bench/flood.py --smoke    # 5 s per phase
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

from bench.serving import ROOT, cpu_seconds, pct, serving
from server.config import Settings
from server.services.admin import AdminService
from server.store.db import Database
from server.store.provision import database_urls

ORIGIN = "https://shop.example"
ATTACKER_ADDRESS = "203.0.113.66"
SOCKETS = 500
QUIET_INTERVAL_S = 0.2


async def make_tenants(data_dir: Path) -> tuple[str, str]:
    """Two tenants with AI off (the hub and the database are measured, not answers)."""
    settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(data_dir)})
    keys = []
    async with database_urls(settings) as urls:
        db = await Database.connect(urls.app, max_size=1)
        try:
            admin = AdminService(db)
            for name in ("quiet", "flooding"):
                tenant = await admin.create_tenant(f"{name} {uuid.uuid4().hex[:6]}", [ORIGIN])
                await admin.set_ai_enabled(tenant, False)
                keys.append(tenant.widget_key)
        finally:
            await db.close()
    return keys[0], keys[1]


async def hello(ws: ClientConnection, frame: dict[str, Any]) -> dict[str, Any]:
    await ws.send(json.dumps({"type": "hello", **frame}))
    welcome: dict[str, Any] = json.loads(await ws.recv())
    return welcome


async def quiet_phase(url: str, widget_key: str, seconds: float) -> list[float]:
    """Send-to-ack latencies (ms) of one well-behaved visitor, one message per interval."""
    latencies: list[float] = []
    async with connect(
        url, additional_headers={"Origin": ORIGIN}, compression=None, open_timeout=30
    ) as ws:
        await hello(ws, {"widget_key": widget_key})
        await ws.send(json.dumps({"type": "conversation.start", "id": "start"}))
        conversation_id = ""
        while not conversation_id:
            frame = json.loads(await ws.recv())
            if frame.get("id") == "start":
                conversation_id = frame["conversation"]["id"]
        end = time.perf_counter() + seconds
        n = 0
        while time.perf_counter() < end:
            n += 1
            request_id = f"q{n}"
            sent = time.perf_counter()
            await ws.send(
                json.dumps(
                    {
                        "type": "message.send",
                        "id": request_id,
                        "conversation_id": conversation_id,
                        "client_msg_id": uuid.uuid4().hex,
                        "body": f"quiet message {n}",
                    }
                )
            )
            while True:
                frame = json.loads(await asyncio.wait_for(ws.recv(), 30))
                if frame.get("id") == request_id:
                    break
            latencies.append((time.perf_counter() - sent) * 1000)
            await asyncio.sleep(max(0.0, QUIET_INTERVAL_S - (time.perf_counter() - sent)))
    return latencies


# -- the attacker (its own process) ---------------------------------------------------------


async def attack(url: str, widget_key: str, mode: str, seconds: float) -> dict[str, int]:
    """Flood from SOCKETS attempted sockets until `seconds` pass; counts of what happened."""
    counts: Counter[str] = Counter()
    # From a remote address, as a trusted proxy forwards it (the loopback itself is exempt).
    headers = {"Origin": ORIGIN, "X-Forwarded-For": ATTACKER_ADDRESS}
    end = time.monotonic() + seconds
    token: dict[str, str] = {}
    if mode == "principal":
        async with connect(url, additional_headers=headers, compression=None) as ws:
            token["visitor_token"] = (await hello(ws, {"widget_key": widget_key}))["visitor_token"]

    async def drain(ws: ClientConnection) -> None:
        async for raw in ws:
            frame = json.loads(raw)
            if frame.get("type") == "ack":
                counts["acked"] += 1
            elif frame.get("type") == "error":
                counts[f"error {frame.get('code')}"] += 1

    async def socket_loop(index: int) -> None:
        n = 0
        while time.monotonic() < end:
            try:
                async with connect(
                    url, additional_headers=headers, compression=None, open_timeout=10
                ) as ws:
                    welcome = await hello(ws, {"widget_key": widget_key, **token})
                    if welcome.get("type") != "welcome":
                        counts["refused after hello"] += 1
                        continue
                    counts["welcomed"] += 1
                    await ws.send(json.dumps({"type": "conversation.start", "id": "c"}))
                    conversation_id = ""
                    while not conversation_id:
                        frame = json.loads(await ws.recv())
                        if frame.get("id") == "c":
                            conversation_id = frame.get("conversation", {}).get("id", "")
                    reader = asyncio.create_task(drain(ws))
                    try:
                        while time.monotonic() < end:
                            n += 1
                            await ws.send(
                                json.dumps(
                                    {
                                        "type": "message.send",
                                        "id": f"f{index}.{n}",
                                        "conversation_id": conversation_id,
                                        "client_msg_id": uuid.uuid4().hex,
                                        "body": "flood",
                                    }
                                )
                            )
                            counts["sent"] += 1
                            await asyncio.sleep(0)
                    finally:
                        reader.cancel()
            except InvalidStatus as refused:
                counts[f"upgrade {refused.response.status_code}"] += 1
                await asyncio.sleep(0.01)
            except ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else "none"
                counts[f"closed {code}"] += 1
            except (OSError, TimeoutError, WebSocketException):
                counts["connect failed"] += 1
                await asyncio.sleep(0.01)

    tasks = [asyncio.create_task(socket_loop(i)) for i in range(SOCKETS)]
    # A socket the server stopped reading blocks its send: the clock ends it, not the server.
    _, stuck = await asyncio.wait(tasks, timeout=seconds + 5)
    for task in stuck:
        task.cancel()
    await asyncio.gather(*stuck, return_exceptions=True)
    counts["still sending at the end"] = len(stuck)
    return dict(counts)


def attacker(url: str, widget_key: str, mode: str, seconds: float) -> subprocess.Popen[str]:
    """The flood, in its own process sharing this one's core at the lowest priority: it
    stands for a remote machine, so its spinning must not delay the quiet visitor's own
    client (that would be measured as the server's latency)."""
    return subprocess.Popen(
        [
            "nice",
            "-n",
            "19",
            sys.executable,
            __file__,
            "--attack",
            mode,
            url,
            widget_key,
            str(seconds),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


# -- the run -------------------------------------------------------------------------------


async def run(seconds: float) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    data_dir = Path(tempfile.mkdtemp(prefix="fs-flood-"))
    rows: list[tuple[str, list[float], dict[str, float]]] = []
    try:
        # The attacker stands for a remote machine: its CPU must not be the server's. So the
        # server (and its PostgreSQL) get CPU 0, this process and the attacker the others.
        everything = os.sched_getaffinity(0)
        server_cpus = {min(everything)} if len(everything) > 1 else None
        if server_cpus is not None:
            os.sched_setaffinity(0, everything - server_cpus)
        env = {"FLOWSUPPORT_LOG_LEVEL": "WARNING"}
        async with serving("flood", data_dir, env, cpus=server_cpus) as server:
            quiet_key, flooding_key = await make_tenants(data_dir)
            cpu = cpu_seconds(server.pid)
            latencies = await quiet_phase(server.ws_url, quiet_key, seconds)
            spent = {"server CPU share": (cpu_seconds(server.pid) - cpu) / seconds}
            rows.append(("quiet (baseline)", latencies, spent))
            for mode in ("principal", "address"):
                flood = attacker(server.ws_url, flooding_key, mode, seconds + 3)
                await asyncio.sleep(2)  # let the flood build up
                cpu = cpu_seconds(server.pid)
                latencies = await quiet_phase(server.ws_url, quiet_key, seconds)
                spent = {"server CPU share": (cpu_seconds(server.pid) - cpu) / seconds}
                out, _ = await asyncio.to_thread(flood.communicate)
                rows.append((f"flood: {mode}", latencies, {**spent, **json.loads(out or "{}")}))
                await asyncio.sleep(2)  # the flood's sockets close
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    report(rows)


def report(rows: list[tuple[str, list[float], dict[str, float]]]) -> None:
    base_p95 = pct(rows[0][1], 95)
    print(f"flood benchmark: {SOCKETS} attempted sockets; quiet visitor every {QUIET_INTERVAL_S}s")
    print(f"{'phase':20} {'sends':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p95/base':>9}")
    for name, latencies, _ in rows:
        p95 = pct(latencies, 95)
        print(
            f"{name:20} {len(latencies):6d} {pct(latencies, 50):8.1f} {p95:8.1f} "
            f"{pct(latencies, 99):8.1f} {p95 / base_p95:9.2f}"
        )
    for name, _, counts in rows:
        print(f"{name}: " + ", ".join(f"{k} {v:g}" for k, v in sorted(counts.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--smoke", action="store_true", help="5 s per phase")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument(
        "--attack", nargs=4, metavar=("MODE", "URL", "KEY", "S"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.attack:
        mode, url, key, seconds = args.attack
        print(json.dumps(asyncio.run(attack(url, key, mode, float(seconds)))))
        return
    asyncio.run(run(5.0 if args.smoke else args.seconds))


if __name__ == "__main__":
    main()
