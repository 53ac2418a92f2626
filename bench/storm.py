"""Reconnect storm: every connection dropped at once comes back, resumes by seq, loses nothing.

    .venv/bin/python bench/storm.py                      # 10,000 connections (issue 21)
    .venv/bin/python bench/storm.py --smoke              # 600 connections (.ci/run)

Clients (bots, spread over enough API keys to stay under the per-principal cap) each follow
one of the conversations. While a sender keeps writing into them, the kernel drops every
client's connection at once (`ss -K`, as a load balancer or a network blip would; it needs
root or CAP_NET_ADMIN; the sender and the /healthz probe keep theirs). The clients reconnect
with the bot SDK's backoff (full jitter, flowsupport_bot.session.backoff_delay) and
`subscribe` with `after_seq`, as PROTOCOL.md says. The figures: how long until every client
was back and resumed, /healthz latency during the storm against the same server's quiet
figure, and, after the sender stops, whether any client missed or doubled a message. The
baseline is the raw `websockets` relay (bench/raw_server.py) taking the same storm (connect
and join; it has nothing to resume). The clients run in their own processes, whose CPU is
printed. It exits 1 when a message was lost or doubled (not for any timing).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import uvloop
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from bench.serving import ROOT, cpu_seconds, free_port, pct, serving, worst_stalls_ms
from flowsupport_bot.session import backoff_delay
from server.config import Settings
from server.services.admin import AdminService
from server.store.db import Database
from server.store.provision import database_urls

BOTS_PER_KEY = 150  # under the per-principal connection cap (200 per node)
ROOMS = 100
SEND_PER_S = 50
BACKOFF_CAP_S = 5.0


# -- the clients: several processes, each a share of the connections ------------------------


@dataclass(frozen=True)
class Plan:
    url: str
    flowsupport: bool  # else the raw relay: join a room, nothing to resume
    hellos: list[dict[str, Any]]  # one per connection
    rooms: list[str]  # one per connection


@dataclass
class Tally:
    """What one client process saw (the shared counters say how many are up)."""

    back_after_s: list[float] = field(default_factory=list)  # per connection, after the cut
    received: dict[int, list[int]] = field(default_factory=dict)  # connection -> seqs
    rebounds: int = 0  # connections lost again after they were back
    down_at_end: set[int] = field(default_factory=set)  # connections not up when stopped
    refused: Counter[int] = field(default_factory=Counter)  # HTTP status -> attempts
    failed: Counter[str] = field(default_factory=Counter)  # exception -> attempts
    cpu_s: float = 0.0


@dataclass(frozen=True)
class Shared:
    """What the client processes and the conductor share: when the cut happened, how many
    connections are up the first time and how many came back after the cut; once the sender
    stopped, its last acknowledged seq per room (a JSON file) and how many connections hold
    everything up to it."""

    cut_at: Any  # multiprocessing Value("d")
    connected: Any  # Value("i")
    back: Any  # Value("i")
    stop: Any  # Event
    finals_path: str
    finals_ready: Any  # Event
    settled: Any  # Value("i")


def client_main(plan: Plan, shared: Shared, results: Queue[Tally]) -> None:
    uvloop.run(_clients(plan, shared, results))


async def _clients(plan: Plan, shared: Shared, results: Queue[Tally]) -> None:
    cut_at, stop = shared.cut_at, shared.stop
    tally = Tally()
    started = time.process_time()

    async def one(index: int) -> None:
        last = 0
        seqs: list[int] = []
        tally.received[index] = seqs
        attempt = 0
        first = True
        came_back = False
        tally.down_at_end.add(index)
        while not stop.is_set():
            try:
                async with connect(
                    plan.url, compression=None, max_queue=None, open_timeout=30, ping_interval=None
                ) as ws:
                    if plan.flowsupport:
                        await ws.send(json.dumps(plan.hellos[index]))
                        while json.loads(await ws.recv()).get("type") != "welcome":
                            pass
                        join = {
                            "type": "subscribe",
                            "id": "j",
                            "conversation_id": plan.rooms[index],
                            "after_seq": last,
                        }
                    else:
                        join = {"join": plan.rooms[index]}
                    await ws.send(json.dumps(join))
                    while True:
                        frame = json.loads(await ws.recv())
                        if frame.get("id") == "j" or frame.get("type") == "joined":
                            break
                        last = _take(frame, seqs, last)
                    if first:
                        first = False
                        with shared.connected.get_lock():
                            shared.connected.value += 1
                    elif cut_at.value and not came_back:
                        came_back = True
                        tally.back_after_s.append(time.monotonic() - cut_at.value)
                        with shared.back.get_lock():
                            shared.back.value += 1
                    elif cut_at.value:
                        tally.rebounds += 1
                    attempt = 0
                    tally.down_at_end.discard(index)
                    async for data in ws:
                        last = _take(json.loads(data), seqs, last)
            except InvalidStatus as exc:  # refused at the upgrade (a cap: 429)
                tally.refused[exc.response.status_code] += 1
            except (ConnectionClosed, InvalidHandshake, OSError, TimeoutError) as exc:
                tally.failed[type(exc).__name__] += 1  # cut or timed out: back off, retry
            tally.down_at_end.add(index)
            if not stop.is_set():
                await asyncio.sleep(backoff_delay(attempt, cap=BACKOFF_CAP_S))
                attempt += 1

    async def settle_watch() -> None:
        """Count each connection once it holds its room's last acknowledged message."""
        while not shared.finals_ready.is_set():  # noqa: ASYNC110 (an Event of another process)
            await asyncio.sleep(0.1)
        finals: dict[str, int] = json.loads(Path(shared.finals_path).read_text())
        pending = set(range(len(plan.hellos)))
        while pending:
            for index in list(pending):
                if max(tally.received.get(index) or [0]) >= finals.get(plan.rooms[index], 0):
                    pending.discard(index)
                    with shared.settled.get_lock():
                        shared.settled.value += 1
            await asyncio.sleep(0.1)

    tasks = [asyncio.create_task(settle_watch())]
    for index in range(len(plan.hellos)):
        tasks.append(asyncio.create_task(one(index)))
        if index % 50 == 49:
            await asyncio.sleep(0.01)  # open the first time at a steady pace, not as a storm
    await asyncio.to_thread(stop.wait)
    await asyncio.sleep(0.5)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    tally.cpu_s = time.process_time() - started
    results.put(tally)


def _take(frame: dict[str, Any], seqs: list[int], last: int) -> int:
    if frame.get("type") == "message.created":
        seqs.append(int(frame["seq"]))
        return max(last, int(frame["seq"]))
    return last


# -- one run against one server -------------------------------------------------------------


@dataclass
class Outcome:
    name: str
    connections: int
    connected: int = 0
    back: list[float] = field(default_factory=list)
    health_quiet_ms: list[float] = field(default_factory=list)
    health_storm_ms: list[float] = field(default_factory=list)
    lost: int = 0
    lost_while_down: int = 0  # of `lost`: held by connections that were not up at the end
    doubled: int = 0
    rebounds: int = 0
    refused: Counter[int] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    probes_failed: int = 0
    settle_s: float = math.nan  # from the sender's last ack until every client had it all
    quiet_stalls_ms: tuple[float, float] = (math.nan, math.nan)  # loop lag, GC pause: connected
    storm_stalls_ms: tuple[float, float] = (math.nan, math.nan)  # the same during the storm
    connect_s: float = 0.0  # until every connection was up the first time
    clients_cpu: float = 0.0  # share of the client processes' cores
    server_cpu_s: float = 0.0


async def storm(
    name: str,
    target_port: int,
    health_url: str | None,
    plans: list[Plan],
    sender: Any,
    server_pid: int,
    seconds: float,
) -> tuple[Outcome, list[Tally]]:
    plans = [
        Plan(p.url.replace("PORT", str(target_port)), p.flowsupport, p.hellos, p.rooms)
        for p in plans
    ]
    context = multiprocessing.get_context("spawn")
    shared = Shared(
        context.Value("d", 0.0),
        context.Value("i", 0),
        context.Value("i", 0),
        context.Event(),
        str(Path(tempfile.mkdtemp(prefix="fs-storm-finals-")) / "finals.json"),
        context.Event(),
        context.Value("i", 0),
    )
    cut_at, stop = shared.cut_at, shared.stop
    results: Queue[Tally] = context.Queue()
    workers = [context.Process(target=client_main, args=(p, shared, results)) for p in plans]
    for worker in workers:
        worker.start()
    outcome = Outcome(name, sum(len(p.hellos) for p in plans))
    wall_started = time.monotonic()
    # A new connection per probe, so the cut cannot leave the probe a dead one (a probe in
    # flight at that instant counts as failed).
    async with httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0)) as http:

        async def probe(into: list[float], until: float) -> None:
            while time.monotonic() < until:
                if health_url:
                    began = time.perf_counter()
                    try:
                        await http.get(health_url)
                        into.append(1000 * (time.perf_counter() - began))
                    except httpx.TransportError:
                        outcome.probes_failed += 1
                await asyncio.sleep(0.02)

        # Everyone connected (or five minutes gone), then a quiet /healthz figure.
        deadline = time.monotonic() + 300
        # A counter in shared memory, not an event: polled.
        while shared.connected.value < outcome.connections and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.2)
        outcome.connect_s = time.monotonic() - wall_started
        send = asyncio.create_task(sender.run()) if sender else None
        while sender and not sender.local_port:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        metrics_url = health_url.replace("/healthz", "/metrics") if health_url else None
        if metrics_url:
            await worst_stalls_ms(metrics_url)  # the quiet window starts
        await probe(outcome.health_quiet_ms, time.monotonic() + 2)
        if metrics_url:
            outcome.quiet_stalls_ms = await worst_stalls_ms(metrics_url)
        cpu_before = cpu_seconds(server_pid)
        cut_at.value = time.monotonic()
        drop_connections(target_port, keep=sender.local_port if sender else None)
        # Watch until everyone is back (or `seconds` pass), at least 2 s.
        until = time.monotonic() + seconds
        while time.monotonic() < until and (
            shared.back.value < shared.connected.value or time.monotonic() < cut_at.value + 2
        ):
            await probe(outcome.health_storm_ms, time.monotonic() + 0.2)
        outcome.server_cpu_s = cpu_seconds(server_pid) - cpu_before
        if metrics_url:
            outcome.storm_stalls_ms = await worst_stalls_ms(metrics_url)
        if sender:
            sender.stopping = True
            await send  # type: ignore[misc]
            # Until every client holds its room's last acknowledged message (or 30 s).
            stopped = time.monotonic()
            Path(shared.finals_path).write_text(json.dumps(sender.acked))
            shared.finals_ready.set()
            while shared.settled.value < outcome.connections and time.monotonic() < stopped + 30:  # noqa: ASYNC110
                await asyncio.sleep(0.1)
            outcome.settle_s = time.monotonic() - stopped
            Path(shared.finals_path).unlink()
    Path(shared.finals_path).parent.rmdir()
    stop.set()
    tallies = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    wall = time.monotonic() - wall_started
    outcome.connected = shared.connected.value
    outcome.back = sorted(s for t in tallies for s in t.back_after_s)
    outcome.rebounds = sum(t.rebounds for t in tallies)
    outcome.refused = sum((t.refused for t in tallies), Counter())
    outcome.failed = sum((t.failed for t in tallies), Counter())
    outcome.clients_cpu = sum(t.cpu_s for t in tallies) / (wall * len(workers))
    return outcome, tallies


def drop_connections(port: int, keep: int | None) -> None:
    """Abort every established TCP connection to `port`, both ends, except the one from
    local port `keep`: the kernel resets them (SOCK_DESTROY), nobody gets a closing
    handshake."""
    selector = f"( sport = :{port} or dport = :{port} )"
    if keep:
        selector += f" and not ( sport = :{keep} or dport = :{keep} )"
    done = subprocess.run(
        ["ss", "-K", "-t", "state", "established", selector], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"ss -K failed (needs root or CAP_NET_ADMIN): {done.stderr.strip()}")


class Sender:
    """One bot, connected straight to the server, writing round-robin into every room."""

    def __init__(self, url: str, hello: dict[str, Any], rooms: list[str]) -> None:
        self.url, self.hello, self.rooms = url, hello, rooms
        self.stopping = False
        self.acked: dict[str, int] = {}  # room -> highest acknowledged seq
        self.local_port = 0  # its connection survives the cut

    async def run(self) -> None:
        async with connect(self.url, compression=None, max_queue=None) as ws:
            await ws.send(json.dumps(self.hello))
            await ws.recv()
            self.local_port = int(ws.local_address[1])
            n = 0
            while not self.stopping:
                room = self.rooms[n % len(self.rooms)]
                frame = {
                    "type": "message.send",
                    "id": f"s{n}",
                    "conversation_id": room,
                    "client_msg_id": f"storm-{uuid.uuid4().hex}",
                    "body": f"message {n}",
                }
                await ws.send(json.dumps(frame))
                while True:
                    reply = json.loads(await ws.recv())
                    if reply.get("id") == f"s{n}":
                        break
                if reply.get("type") == "ack":
                    self.acked[room] = max(self.acked.get(room, 0), reply["message"]["seq"])
                n += 1
                await asyncio.sleep(1 / SEND_PER_S)


def verify(outcome: Outcome, plans: list[Plan], tallies: list[Tally], sender: Sender) -> None:
    """Every client holds every seq of its room exactly once, up to the sender's last ack."""
    for plan, tally in zip(plans, tallies, strict=True):
        for index, seqs in tally.received.items():
            want = set(range(1, sender.acked.get(plan.rooms[index], 0) + 1))
            got = [s for s in seqs if s in want]
            missing = len(want - set(got))
            outcome.lost += missing
            if missing and index in tally.down_at_end:
                outcome.lost_while_down += missing
            outcome.doubled += len(got) - len(set(got))


# -- set-up ---------------------------------------------------------------------------------


async def flowsupport_plans(
    base: str, data_dir: Path, connections: int, processes: int
) -> tuple[list[Plan], Sender]:
    settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(data_dir)})
    async with database_urls(settings) as urls:
        db = await Database.connect(urls.app, max_size=1)
        admin = AdminService(db)
        tenant = await admin.create_tenant(f"storm {uuid.uuid4().hex[:6]}", [])
        keys = [
            await admin.create_api_key(tenant, f"storm {i}")
            for i in range(connections // BOTS_PER_KEY + 2)
        ]
        await db.close()
    ws_url = base.replace("http://", "ws://") + "/v1/ws"
    hello = {"type": "hello", "api_key": keys[-1]}
    rooms = []
    async with connect(ws_url, compression=None) as ws:
        await ws.send(json.dumps(hello))
        await ws.recv()
        for i in range(ROOMS):
            await ws.send(json.dumps({"type": "conversation.start", "id": f"c{i}"}))
            while (reply := json.loads(await ws.recv())).get("id") != f"c{i}":
                pass
            rooms.append(reply["conversation"]["id"])
    hellos = [{"type": "hello", "api_key": keys[i // BOTS_PER_KEY]} for i in range(connections)]
    plans = [
        Plan(
            "ws://127.0.0.1:PORT/v1/ws",
            True,
            hellos[p::processes],
            [rooms[i % ROOMS] for i in range(connections)][p::processes],
        )
        for p in range(processes)
    ]
    return plans, Sender(ws_url, hello, rooms)


def raw_plans(connections: int, processes: int) -> list[Plan]:
    rooms = [f"room-{i % ROOMS}" for i in range(connections)]
    return [
        Plan("ws://127.0.0.1:PORT", False, [{}] * len(rooms[p::processes]), rooms[p::processes])
        for p in range(processes)
    ]


async def run(args: argparse.Namespace) -> Outcome:
    processes = args.processes
    data_dir = Path(tempfile.mkdtemp(prefix="fs-storm-"))
    raw_port = free_port()
    raw = subprocess.Popen(
        [sys.executable, str(ROOT / "bench/raw_server.py"), str(raw_port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # its handlers' tracebacks for the connections cut
    )
    assert raw.stdout is not None
    raw.stdout.readline()
    try:
        baseline, _ = await storm(
            "raw websockets", raw_port, None, raw_plans(args.connections, processes), None,
            raw.pid, args.seconds,
        )  # fmt: skip
    finally:
        raw.terminate()
        raw.wait()
    async with serving("storm", data_dir, {}, profile=args.profile) as server:
        plans, sender = await flowsupport_plans(server.base, data_dir, args.connections, processes)
        port = int(server.base.rsplit(":", 1)[1])
        ours, tallies = await storm(
            "FlowSupport", port, f"{server.base}/healthz", plans, sender, server.pid, args.seconds
        )
        verify(ours, plans, tallies, sender)
    report(ours, baseline, args)
    return ours


def report(ours: Outcome, raw: Outcome, args: argparse.Namespace) -> None:
    def back(o: Outcome, p: float) -> str:
        missing = o.connected - len(o.back)
        if missing > 0 and p >= 100 * len(o.back) / max(1, o.connected):
            return f"not back: {missing}"
        return f"{pct(o.back, p):.2f} s"

    print(f"\nreconnect storm: {args.connections} connections, {args.processes} client processes,")
    print(f"all cut at once by the kernel; watched up to {args.seconds:.0f} s after the cut\n")
    print(f"{'':38}{'FlowSupport':>16}{'raw websockets':>18}")
    print(f"{'connected before the cut':38}{ours.connected:>16}{raw.connected:>18}")
    print(f"{'first connect, all (paced)':38}{ours.connect_s:>14.1f} s{raw.connect_s:>16.1f} s")
    for p in (50, 99, 100):
        label = f"back and resumed, p{p}" if p < 100 else "back and resumed, all"
        print(f"{label:38}{back(ours, p):>16}{back(raw, p):>18}")
    quiet, stormy = ours.health_quiet_ms, ours.health_storm_ms
    print(f"{'/healthz quiet p50 / p99':38}{pct(quiet, 50):>9.1f} / {pct(quiet, 99):.1f} ms")
    print(
        f"{'/healthz during the storm p50 / p99':38}{pct(stormy, 50):>9.1f} / {pct(stormy, 99):.1f}"
        f" ms  (x{pct(stormy, 99) / max(0.001, pct(quiet, 99)):.1f} quiet p99)"
    )
    for label, (lag, pause) in (
        ("connected", ours.quiet_stalls_ms),
        ("storm", ours.storm_stalls_ms),
    ):
        print(f"{'worst loop lag / GC pause, ' + label:38}{lag:>9.1f} / {pause:.1f} ms")
    print(f"{'after the last ack, all delivered in':38}{ours.settle_s:>9.1f} s")
    print(f"{'messages lost / doubled':38}{ours.lost:>9} / {ours.doubled}")
    if ours.lost_while_down:
        print(f"{'  of the lost: on connections down at the end':38}{ours.lost_while_down:>9}")
    for o in (ours, raw):
        refused = ", ".join(f"{n} x {status}" for status, n in sorted(o.refused.items()))
        # Every connection fails once at the cut; the rest failed on the way back.
        failed = o.failed.total() - o.connected
        print(f"{o.name + ': retries refused / failed':38}{refused or '0':>9} / {failed}")
    if ours.rebounds:
        print(f"{'connections lost again after coming back':38}{ours.rebounds:>9}")
    if ours.probes_failed:
        print(f"{'/healthz probes cut in flight':38}{ours.probes_failed:>9}")
    each_ms = 1000 * ours.server_cpu_s / max(1, ours.connected)
    print(f"{'server CPU during the storm':38}{ours.server_cpu_s:>9.1f} s  ({each_ms:.2f} ms each)")
    print(f"{'client processes, share of their cores':38}{100 * ours.clients_cpu:>9.0f} %"
          f"{100 * raw.clients_cpu:>15.0f} %")  # fmt: skip
    if ours.clients_cpu > 0.7:
        print("  (the load generator was near saturation: reconnect times include its own delay)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--connections", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument(
        "--seconds", type=float, default=60.0, help="longest wait for everyone to come back"
    )
    parser.add_argument("--profile", type=Path, default=None, help="cProfile the server here")
    parser.add_argument("--smoke", action="store_true", help="600 connections, 30 s at most")
    args = parser.parse_args()
    if args.smoke:
        args.connections, args.seconds = 600, 30.0
    ours = asyncio.run(run(args))
    if ours.lost or ours.doubled:
        raise SystemExit(f"storm: {ours.lost} messages lost, {ours.doubled} doubled")


if __name__ == "__main__":
    main()
