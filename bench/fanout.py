"""Fan-out benchmark: FlowSupport's /v1/ws against two relays with nothing to persist.

The peers are a raw `websockets.broadcast()` server (bench/raw_server.py, the Python floor)
and a Node `ws` relay (bench/node_relay, `npm ci` on first use). Each server runs as its own
process on the first CPU (FlowSupport with its PostgreSQL); this process is the clients, on
the other CPUs, and reports its own CPU share so that a saturated load generator shows. Each
figure is printed next to both peers measured in the same run, on the same machine.

    .venv/bin/python bench/fanout.py            # the issue's sizes (takes a few minutes)
    .venv/bin/python bench/fanout.py --smoke    # small and quick, run by .ci/run

Scenarios:
  idle          N idle connections: server memory per connection, CPU while idle.
  conversations C conversations of P participants, R messages/s in all: end-to-end latency.
  inbox         A agents watching one inbox, one sender as fast as allowed: deliveries/s.

Notes: clients negotiate no compression (as the peers); FlowSupport persists every
message in PostgreSQL (its CPU is not in the server's figure: it runs in its own
processes, on the server's CPU). The load generator is one process: on a 2-core machine a
second one would share its core.
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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from websockets.asyncio.client import ClientConnection, connect

from bench.serving import cpu_seconds, free_port, pct, worst_stalls_ms
from server.config import Settings
from server.protocol.session import SessionLimits
from server.services.admin import AdminService
from server.store.db import Database
from server.store.provision import database_urls

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Sizes:
    idle: int
    conversations: int
    participants: int
    rate: float
    agents: int
    seconds: float


FULL = Sizes(idle=10_000, conversations=100, participants=10, rate=200, agents=1000, seconds=10)
SMOKE = Sizes(idle=300, conversations=10, participants=5, rate=50, agents=100, seconds=2)
# Principals the clients spread over: each holds at most SessionLimits' connections.
BENCH_BOTS = -(-FULL.idle // SessionLimits().bot_connections) * 2
BENCH_AGENTS = -(-FULL.agents // SessionLimits().agent_connections)


# -- processes ------------------------------------------------------------------------------


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    url: str
    hello: Callable[[int], dict[str, Any] | None]  # per-connection hello (None: raw)
    send_frame: Callable[[str, str, int], dict[str, Any]]  # (room, body, n) -> frame
    join_frame: Callable[[str], dict[str, Any]]
    inbox_join: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def server_cpus() -> set[int] | None:
    """The CPU the servers get (the first); None on a one-CPU machine (nothing to split)."""
    everything = os.sched_getaffinity(0)
    return {min(everything)} if len(everything) > 1 else None


def pinned() -> Callable[[], None] | None:
    """A preexec_fn moving a server process (and what it starts) to `server_cpus()`."""
    cpus = server_cpus()
    return (lambda: os.sched_setaffinity(0, cpus)) if cpus else None


def start_relay(name: str, command: list[str]) -> Server:
    """A relay peer speaking bench/raw_server.py's join-and-relay protocol."""
    port = free_port()
    process = subprocess.Popen([*command, str(port)], stdout=subprocess.PIPE, preexec_fn=pinned())
    assert process.stdout is not None
    if process.stdout.readline().strip() != b"ready":
        process.kill()
        raise RuntimeError(f"{name} did not start")
    return Server(
        name=name,
        process=process,
        url=f"ws://127.0.0.1:{port}",
        hello=lambda i: None,
        send_frame=lambda room, body, n: {
            "room": room,
            "type": "message.created",
            "message": {"body": body},
        },
        join_frame=lambda room: {"join": room},
        inbox_join={"join": "inbox"},
    )


def start_raw() -> Server:
    return start_relay(
        "raw websockets.broadcast()", [sys.executable, str(ROOT / "bench/raw_server.py")]
    )


def start_node() -> Server:
    """The Node `ws` relay, its pinned dependency installed on first use."""
    relay = ROOT / "bench/node_relay"
    if not (relay / "node_modules/ws").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"],
            cwd=relay,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return start_relay("Node ws", ["node", str(relay / "relay.js")])


async def start_flowsupport(data_dir: Path) -> Server:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWSUPPORT_")}
    env.update({"FLOWSUPPORT_DATA_DIR": str(data_dir), "PORT": str(port)})
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=pinned(),  # its embedded PostgreSQL, started by it, inherits the CPU
    )
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient() as http:
        for _ in range(600):
            try:
                if (await http.get(f"{base}/readyz")).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.05)
        settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(data_dir)})
        async with database_urls(settings) as urls:
            db = await Database.connect(urls.app, max_size=1)
            admin = AdminService(db)
            tenant = await admin.create_tenant(f"bench {uuid.uuid4().hex[:6]}", [])
            # Connections are capped and rate-limited per principal (SessionLimits): the
            # clients spread over enough bots and agents to stay within both, as a real
            # fleet of bots and a team of agents would.
            emails = [f"agent-{uuid.uuid4().hex[:8]}@bench.example" for _ in range(BENCH_AGENTS)]
            for email in emails:
                await admin.create_user(tenant, email=email, password="bench-pass-1", role="agent")
            api_keys = [await admin.create_api_key(tenant, f"bench {i}") for i in range(BENCH_BOTS)]
            await db.close()
        tokens = [
            (
                await http.post(
                    f"{base}/v1/auth/login", json={"email": email, "password": "bench-pass-1"}
                )
            ).json()["access_token"]
            for email in emails
        ]
    return Server(
        name="FlowSupport /v1/ws",
        process=process,
        url=f"ws://127.0.0.1:{port}/v1/ws",
        hello=lambda i: {"type": "hello", "api_key": api_keys[i % len(api_keys)]},
        send_frame=lambda room, body, n: {
            "type": "message.send",
            "id": f"s{n}",
            "conversation_id": room,
            # Unique per run and message: a reused client_msg_id is (rightly) a conflict.
            "client_msg_id": f"{room}-{n}",
            "body": body,
        },
        join_frame=lambda room: {"type": "subscribe", "id": "j", "conversation_id": room},
        inbox_join={"type": "inbox.subscribe", "id": "i"},
        extra={"tokens": tokens, "metrics": f"{base}/metrics"},
    )


# -- clients --------------------------------------------------------------------------------


async def open_client(server: Server, hello: dict[str, Any] | None) -> ClientConnection:
    ws = await connect(
        server.url,
        compression=None,
        max_queue=None,
        open_timeout=60,
        ping_interval=None,
        subprotocols=None,
    )
    if hello is not None:
        await ws.send(json.dumps(hello))
        await ws.recv()  # welcome
    return ws


async def open_many(
    server: Server, count: int, hello: Callable[[int], Any]
) -> list[ClientConnection]:
    out: list[ClientConnection] = []
    for start in range(0, count, 200):
        out += await asyncio.gather(
            *(open_client(server, hello(i)) for i in range(start, min(count, start + 200)))
        )
    return out


async def join(ws: ClientConnection, frame: dict[str, Any]) -> None:
    await ws.send(json.dumps(frame))
    while True:
        reply = json.loads(await ws.recv())
        if reply.get("type") in ("ack", "joined"):
            return


async def idle(server: Server, sizes: Sizes) -> dict[str, float]:
    before = rss_bytes(server.pid)
    await stalls_ms(server)  # start the window: the collections while they connect
    clients = await open_many(server, sizes.idle, server.hello)
    await asyncio.sleep(2)
    after = rss_bytes(server.pid)
    cpu0 = cpu_seconds(server.pid)
    await asyncio.sleep(5)
    idle_cpu = (cpu_seconds(server.pid) - cpu0) / 5
    _, pause = await stalls_ms(server)
    await asyncio.gather(*(ws.close() for ws in clients))
    return {
        "kib_per_connection": (after - before) / sizes.idle / 1024,
        "idle_cpu_percent": idle_cpu * 100,
        "server_gc_pause_max_ms": pause,
    }


async def make_rooms(server: Server, sizes: Sizes, count: int) -> list[str]:
    if server.extra:
        ws = await open_client(server, server.hello(0))
        rooms = []
        for i in range(count):
            await ws.send(json.dumps({"type": "conversation.start", "id": f"c{i}"}))
            while True:
                reply = json.loads(await ws.recv())
                if reply.get("id") == f"c{i}":
                    rooms.append(reply["conversation"]["id"])
                    break
        await ws.close()
        return rooms
    return [f"room-{i}" for i in range(count)]


async def conversations(server: Server, sizes: Sizes) -> dict[str, float]:
    rooms = await make_rooms(server, sizes, sizes.conversations)
    members: list[tuple[str, ClientConnection]] = []
    for room in rooms:
        for ws in await open_many(server, sizes.participants, server.hello):
            await join(ws, server.join_frame(room))
            members.append((room, ws))
    latencies: list[float] = []
    stop = asyncio.Event()

    async def receive(ws: ClientConnection) -> None:
        while not stop.is_set():
            try:
                data = await asyncio.wait_for(ws.recv(), 0.5)
            except TimeoutError:
                continue
            frame = json.loads(data)
            if frame.get("type") == "message.created":
                latencies.append(time.time() - float(frame["message"]["body"]))

    receivers = [asyncio.create_task(receive(ws)) for _, ws in members]
    senders = members[:: sizes.participants]  # one sender per conversation
    await stalls_ms(server)  # start the lag window here
    interval = 1 / sizes.rate
    cpu0 = cpu_seconds(server.pid)
    own0 = time.process_time()
    started = time.monotonic()
    sent = 0
    while time.monotonic() - started < sizes.seconds:
        room, ws = senders[sent % len(senders)]
        await ws.send(json.dumps(server.send_frame(room, repr(time.time()), sent)))
        sent += 1
        await asyncio.sleep(max(0.0, started + sent * interval - time.monotonic()))
    await asyncio.sleep(1.0)
    cpu = cpu_seconds(server.pid) - cpu0
    own = (time.process_time() - own0) / (time.monotonic() - started)
    lag, _ = await stalls_ms(server)
    stop.set()
    await asyncio.gather(*receivers)
    await asyncio.gather(*(ws.close() for _, ws in members))
    latencies.sort()
    expected = sent * sizes.participants
    return {
        "sent": sent,
        "delivered": len(latencies),
        "delivered_share": len(latencies) / expected if expected else 0,
        "p50_ms": pct(latencies, 50) * 1000,
        "p99_ms": pct(latencies, 99) * 1000,
        "p999_ms": pct(latencies, 99.9) * 1000,
        "cpu_us_per_delivery": cpu / max(1, len(latencies)) * 1e6,
        "server_loop_lag_max_ms": lag,
        "load_generator_cpu_percent": own * 100,
    }


async def inbox(server: Server, sizes: Sizes) -> dict[str, float]:
    room = (await make_rooms(server, sizes, 1))[0]
    agent_hello = (
        (
            lambda i: {
                "type": "hello",
                "token": server.extra["tokens"][i % len(server.extra["tokens"])],
            }
        )
        if server.extra
        else server.hello
    )
    agents = await open_many(server, sizes.agents, agent_hello)
    for ws in agents:
        await join(ws, server.inbox_join)
    sender = await open_client(server, server.hello(0))
    received = 0
    gaps: list[float] = []
    stop = asyncio.Event()

    async def receive(ws: ClientConnection, watch: bool) -> None:
        nonlocal received
        last = time.monotonic()
        while not stop.is_set():
            try:
                await asyncio.wait_for(ws.recv(), 0.5)
            except TimeoutError:
                continue
            received += 1
            if watch:
                now = time.monotonic()
                gaps.append(now - last)
                last = now

    receivers = [asyncio.create_task(receive(ws, i == 0)) for i, ws in enumerate(agents)]
    await stalls_ms(server)  # start the lag window here
    cpu0 = cpu_seconds(server.pid)
    own0 = time.process_time()
    started = time.monotonic()
    sent = 0
    pending = 0

    async def drain_acks() -> None:
        nonlocal pending
        while not stop.is_set():
            try:
                await asyncio.wait_for(sender.recv(), 0.5)
            except TimeoutError:
                continue
            pending -= 1

    acker = asyncio.create_task(drain_acks()) if server.extra else None
    room_for_raw = "inbox"
    while time.monotonic() - started < sizes.seconds:
        target = room if server.extra else room_for_raw
        await sender.send(json.dumps(server.send_frame(target, repr(time.time()), sent)))
        sent += 1
        pending += 1
        # Bots may send 200 frames/s; keep under it and within a small window.
        await asyncio.sleep(1 / 180 if server.extra else 0.0005)
    elapsed = time.monotonic() - started
    await asyncio.sleep(1.0)
    cpu = cpu_seconds(server.pid) - cpu0
    own = (time.process_time() - own0) / (elapsed + 1.0)
    lag, _ = await stalls_ms(server)
    stop.set()
    await asyncio.gather(*receivers)
    if acker:
        await acker
    await asyncio.gather(*(ws.close() for ws in agents), sender.close())
    return {
        "sent": sent,
        "deliveries_per_s": received / (elapsed + 1.0),
        "delivered_share": received / (sent * sizes.agents) if sent else 0,
        "cpu_us_per_delivery": cpu / max(1, received) * 1e6,
        "longest_gap_ms": max(gaps, default=0) * 1000,
        "server_loop_lag_max_ms": lag,
        "load_generator_cpu_percent": own * 100,
    }


async def stalls_ms(server: Server) -> tuple[float, float]:
    """FlowSupport's worst event-loop lag and longest GC pause since the last read (each read
    starts a new window); NaN for the raw server."""
    if not server.extra:
        return float("nan"), float("nan")
    return await worst_stalls_ms(server.extra["metrics"])


# -- report ---------------------------------------------------------------------------------


async def run(sizes: Sizes) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    data_dir = Path(tempfile.mkdtemp(prefix="fs-bench-"))
    results: dict[str, dict[str, dict[str, float]]] = {}
    cpus = server_cpus()
    if cpus is not None:
        os.sched_setaffinity(0, os.sched_getaffinity(0) - cpus)  # the clients: the rest
    try:
        for starter in ("raw", "node", "ours"):
            if starter == "raw":
                server = start_raw()
            elif starter == "node":
                server = start_node()
            else:
                server = await start_flowsupport(data_dir)
            try:
                results[starter] = {
                    "idle": await idle(server, sizes),
                    "conversations": await conversations(server, sizes),
                    "inbox": await inbox(server, sizes),
                }
            finally:
                server.stop()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    report(results, sizes)


def report(results: dict[str, dict[str, dict[str, float]]], sizes: Sizes) -> None:
    print(f"fan-out benchmark  {sizes}")
    print(
        f"{'scenario / figure':36} {'FlowSupport':>12} {'raw':>10} {'Node ws':>10}"
        f" {'/ raw':>7} {'/ Node':>7}"
    )
    for scenario, figures in results["ours"].items():
        print(f"{scenario}")
        for name, value in figures.items():
            raw = results["raw"][scenario].get(name, float("nan"))
            node = results["node"][scenario].get(name, float("nan"))
            print(
                f"  {name:34} {value:12.2f} {raw:10.2f} {node:10.2f}"
                f" {ratio(value, raw):7.2f} {ratio(value, node):7.2f}"
            )


def ratio(value: float, base: float) -> float:
    return value / base if base else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--smoke", action="store_true", help="small sizes, for CI")
    args = parser.parse_args()
    asyncio.run(run(SMOKE if args.smoke else FULL))


if __name__ == "__main__":
    main()
