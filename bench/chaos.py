"""Chaos soak: several nodes on one Redis, clients chatting, faults at random; then a check.

    .venv/bin/python bench/chaos.py                  # 10 minutes, the README's figures
    .venv/bin/python bench/chaos.py --smoke          # about a minute, run by .ci/run
    .venv/bin/python bench/chaos.py --duration 120 --seed 7

Three `flowsupport serve` nodes share one data dir (so one embedded PostgreSQL) and one
Redis of this run's own. Visitors ask questions from the knowledge base (the AI answers or
hands over), agents take the handed-over cases, answer, hand them back or resolve them,
and a bot writes notes and replies. Every client reconnects to a random node on any close
(backoff with full jitter), resumes each conversation by `seq` and resends what was not
acknowledged with the same `client_msg_id` (PROTOCOL.md "Ordering and delivery").
Meanwhile, at seeded random intervals, a node is killed (SIGKILL) or stopped (SIGTERM) and
started again, Redis is killed and started again, or PostgreSQL's connections of the
application role are terminated.

Kills and cuts wait (briefly) for a message.send in flight, so that they land between a
send and its ack. The questions are the bundled help center's written ones
(bench/data/plausible_eval.json): those the AI answers, judged before the run by the code
the server answers with, and those it must hand to a person.

Then the faults stop, the clients finish sending, and the run is checked, Jepsen-style,
against the transcript PostgreSQL holds (read as its owner):

  lost           an acknowledged message that is not in the transcript as acknowledged;
  doubled        a message stored twice (a client_msg_id twice, or a row no client sent);
  not converged  a client whose events (by seq, what it may see) differ from the transcript;
  out of order   a delivery repeated, or out of seq order (staff: a gap), on a connection;
  stuck          a conversation whose last visitor message has no answer (AI, agent, bot),
                 no hand-over after it and is not waiting for a person; or an AI stream a
                 connected client saw start and never end.

It exits 1 when any of them is not zero. The data dir (logs of every node) is kept then.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import asyncpg
import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from bench.serving import free_port, pct
from server.config import Settings
from server.domain.access import SecurityContext
from server.domain.models import Role
from server.ids import TenantId
from server.kb.embedders import LocalEmbedder
from server.services.admin import AdminService
from server.services.knowledge import KnowledgeBase
from server.store.db import Database
from server.store.provision import EMBEDDED_APP_ROLE, DatabaseUrls, database_urls, prepare

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "examples/kb/plausible/docs"
QUESTIONS = ROOT / "bench/data/plausible_eval.json"
ARTICLES = (
    "billing.md",
    "custom-event-goals.md",
    "excluding.md",
    "2fa.md",
    "cancel-subscription.md",
    "users-roles.md",
    "reset-password.md",
    "change-email.md",
    "change-plan.md",
    "subscription-plans.md",
)
PASSWORD = "chaos-pass-1"
UNANSWERED_S = 15  # the tenant's unanswered_escalation_s: the sweep that un-sticks questions
REQUEST_S = 15.0  # no answer to a request for this long: send it again
SETTLE_S = 90.0  # after the drain, how long the run may take to converge
IDS = re.compile(r"\b(?:s|st)_[0-9a-f]+|[0-9a-f]{8}-[0-9a-f-]{27}")  # out of logged lines


@dataclass(frozen=True)
class Sizes:
    duration: float
    nodes: int
    visitors: int
    agents: int
    think: tuple[float, float]  # a visitor's pause between questions, seconds
    fault_gap: tuple[float, float]  # between two faults, seconds


FULL = Sizes(600, 3, 16, 3, (2.0, 8.0), (5.0, 15.0))
SMOKE = Sizes(40, 3, 8, 2, (1.0, 4.0), (3.0, 7.0))


# -- processes ------------------------------------------------------------------------------


class Redis:
    """This run's own redis-server: killing it disturbs no other Redis on the machine."""

    def __init__(self, run_dir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._log = run_dir / "redis.log"
        self._process: subprocess.Popen[bytes] | None = None

    async def start(self) -> None:
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no", "--logfile", str(self._log)]
        self._process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
        for _ in range(200):
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            await asyncio.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()


class Node:
    """One `flowsupport serve` on the shared data dir, on a port it keeps across restarts
    (its clients' list of nodes stays valid, as behind a load balancer)."""

    def __init__(self, index: int, run_dir: Path, env: dict[str, str]) -> None:
        self.index = index
        self.port = free_port()
        self.ws_url = f"ws://127.0.0.1:{self.port}/v1/ws"
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._env = {**env, "PORT": str(self.port)}
        self._log = run_dir / f"node-{index}.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    async def start(self) -> None:
        with self._log.open("ab") as log:
            log.write(f"---- start at {time.strftime('%H:%M:%S')}\n".encode())
            self._process = subprocess.Popen(
                [sys.executable, "-m", "server", "serve"],
                env=self._env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        async with httpx.AsyncClient() as http:
            for _ in range(1200):
                if not self.running:
                    last = self._log.read_text(errors="replace").strip().splitlines()[-1:]
                    raise RuntimeError(f"node {self.index} exited: {' '.join(last)}")
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get(f"{self.base_url}/readyz", timeout=2)).status_code == 200:
                        return
                await asyncio.sleep(0.05)
        raise RuntimeError(f"node {self.index} did not become ready; see {self._log}")

    async def stop(self, sig: int) -> None:
        """Send `sig` and wait for the process to go (SIGTERM: up to its graceful 15 s)."""
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.send_signal(sig)
        for _ in range(400):
            if process.poll() is not None:
                return
            await asyncio.sleep(0.05)
        process.kill()
        process.wait()


# -- the tenant -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tenant:
    tenant_id: str
    widget_key: str
    agent_tokens: list[str]
    api_key: str
    answered: list[str]  # the questions its knowledge base answers


async def provision(urls: DatabaseUrls, env: dict[str, str], node: Node, agents: int) -> Tenant:
    """A tenant with agents and a bot, its knowledge base a few articles of the bundled help
    center (ingested by the real `python -m kb_ingest`), its unanswered-question limit short
    so that the sweep's rescue of a question whose answer a fault lost fits in the run."""
    db = await Database.connect(urls.app, max_size=1)
    try:
        admin = AdminService(db)
        tenant = await admin.create_tenant("Chaos shop", [])
        await admin.change_settings(tenant, {"unanswered_escalation_s": UNANSWERED_S})
        emails = [f"agent-{i}@chaos.example" for i in range(agents)]
        for i, email in enumerate(emails):
            await admin.create_user(
                tenant, email=email, password=PASSWORD, role="agent", name=f"Agent {i}"
            )
        api_key = await admin.create_api_key(tenant, "Chaos bot")
    finally:
        await db.close()
    folder = Path(env["FLOWSUPPORT_DATA_DIR"]) / "kb"
    folder.mkdir()
    for name in ARTICLES:
        shutil.copy(KB / name, folder / name)
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "kb_ingest", str(folder), "--tenant", str(tenant.id), "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(f"kb_ingest failed: {done.stderr}")
    async with httpx.AsyncClient(base_url=node.base_url) as http:
        tokens = []
        for email in emails:
            login = await http.post("/v1/auth/login", json={"email": email, "password": PASSWORD})
            tokens.append(login.raise_for_status().json()["access_token"])
    return Tenant(
        str(tenant.id), tenant.widget_key, tokens, api_key, await answered(urls, tenant.id)
    )


async def answered(urls: DatabaseUrls, tenant_id: TenantId) -> list[str]:
    """The written questions about the ingested articles that the AI answers, judged by
    the code the server answers with: most visitors' questions then stream an answer (the
    rest, and the questions that must go to a person, hand over)."""
    data = json.loads(QUESTIONS.read_text())
    db = await Database.connect(urls.app, max_size=1)
    try:
        knowledge = KnowledgeBase(db, LocalEmbedder())
        staff = SecurityContext(tenant_id, Role.AGENT)
        return [
            q["q"]
            for q in data["answerable"]
            if q["articles"][0] in ARTICLES
            and (await knowledge.judge(staff, tenant_id, q["q"])).answerable
        ]
    finally:
        await db.close()


def handed_over() -> list[str]:
    """Questions the AI must hand to a person, and requests for one."""
    data = json.loads(QUESTIONS.read_text())
    classes = ("refund", "off_topic", "legal")
    return [q["q"] for q in data["unanswerable"] if q["class"] in classes] + [
        q["q"] for q in data["wants_person"]
    ]


# -- clients --------------------------------------------------------------------------------


class Disconnected(Exception):
    """The connection a request went out on closed before its answer."""


@dataclass
class Watch:
    """What one client holds of one conversation: every event it got, by seq."""

    conversation_id: str
    staff: bool
    events: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # (type, msg id)
    senders: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # (kind, event)
    status: str = "open"
    assignee_id: str | None = None
    state_seq: int = -1
    seen_at: dict[int, float] = field(default_factory=dict)

    @property
    def last_seq(self) -> int:
        return max(self.events, default=0)

    def state(self, conversation: dict[str, Any], seq: int) -> None:
        if seq >= self.state_seq:
            self.state_seq = seq
            self.status = conversation["status"]
            self.assignee_id = conversation.get("assignee_id")

    def last_message(self) -> tuple[int, str, str | None] | None:
        """(seq, sender kind, event) of the latest public message held."""
        if not self.senders:
            return None
        seq = max(self.senders)
        return seq, *self.senders[seq]


@dataclass
class Outgoing:
    conversation_id: str
    client_msg_id: str
    body: str
    private: bool = False
    first_sent: float = 0.0


@dataclass
class Stats:
    """Counters every client adds to."""

    sent: int = 0
    acked: int = 0
    resent: int = 0  # acknowledged only after a fault made the client send it again
    reconnects: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    out_of_order: int = 0


class Peer:
    """A PROTOCOL.md client that survives anything: reconnect, resume by seq, resend."""

    def __init__(
        self, name: str, hello: dict[str, Any], urls: list[str], rng: random.Random, stats: Stats
    ) -> None:
        self.name = name
        self.hello = hello
        self.urls = urls
        self.rng = rng
        self.stats = stats
        self.staff = "widget_key" not in hello
        self.me = ""
        self.watches: dict[str, Watch] = {}
        self.acked: dict[str, tuple[str, str, int]] = {}  # cmid -> (conversation, id, seq)
        self.sent_ids: set[str] = set()
        self.streams: dict[str, str] = {}  # open on this connection: stream id -> conversation
        self.connected = asyncio.Event()
        self.quiet = False  # the drain: finish what is queued, start nothing new
        self.outbox: asyncio.Queue[Outgoing | dict[str, Any]] = asyncio.Queue()
        self.busy = False
        self._ws: ClientConnection | None = None
        self._waiting: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._ids = itertools.count(1)
        self._cmids = itertools.count(1)
        self._stopping = False
        self.node_url: str | None = None  # the node of the current connection
        self.sending = False  # a message.send is out, unanswered

    # -- connection ---------------------------------------------------------------------

    async def run(self) -> None:
        """Stay connected until `stop`; every session resumes where the last one ended."""
        attempt = 0
        while not self._stopping:
            url = self.rng.choice(self.urls)
            self.node_url = url
            welcomed = False
            try:
                async with connect(url, open_timeout=5, close_timeout=1, max_queue=None) as ws:
                    welcomed = await self._session(ws)
            except (OSError, TimeoutError, WebSocketException, Disconnected):
                pass
            finally:
                self._ws = None
                self.connected.clear()
                self.streams.clear()
                for waiting in self._waiting.values():
                    if not waiting.done():
                        waiting.set_exception(Disconnected())
            if self._stopping:
                return
            self.stats.reconnects += 1
            attempt = 0 if welcomed else attempt + 1
            # PROTOCOL.md 1012: reconnect with backoff and jitter, to any node.
            await asyncio.sleep(self.rng.uniform(0, min(4.0, 0.2 * 2**attempt)))

    async def stop(self) -> None:
        self._stopping = True
        if self._ws is not None:
            await self._ws.close()

    async def _session(self, ws: ClientConnection) -> bool:
        await ws.send(json.dumps({"type": "hello", **self.hello}))
        welcome = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if welcome.get("type") != "welcome":
            return False
        self.me = welcome["principal"]["id"]
        if "visitor_token" in welcome:
            self.hello["visitor_token"] = welcome["visitor_token"]
        self._ws = ws
        reader = asyncio.create_task(self._read(ws))
        try:
            for watch in list(self.watches.values()):
                await self._resume(ws, watch)
            self.connected.set()
            await reader
        finally:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await reader
        return True

    async def _resume(self, ws: ClientConnection, watch: Watch) -> None:
        """Subscribe from the last seq held; a refusal (a dependency down) is retried, then
        the connection is given up for another."""
        frame = {
            "type": "subscribe",
            "conversation_id": watch.conversation_id,
            "after_seq": watch.last_seq,
        }
        for _ in range(5):
            answer = await self.request(frame)
            if answer["type"] == "ack":
                watch.state(answer["conversation"], answer["last_seq"])
                return
            self.stats.errors[f"subscribe {answer.get('code')}"] += 1
            await asyncio.sleep(0.5)
        await ws.close()
        raise Disconnected()

    async def request(self, frame: dict[str, Any]) -> dict[str, Any]:
        """Send a frame with a fresh id; its ack or error. Raises Disconnected or
        TimeoutError when the answer cannot come."""
        ws = self._ws
        if ws is None:
            raise Disconnected()
        request_id = f"r{next(self._ids)}"
        waiting: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[request_id] = waiting
        try:
            await ws.send(json.dumps({**frame, "id": request_id}))
            return await asyncio.wait_for(waiting, REQUEST_S)
        except WebSocketException as exc:
            # Sending on a closed connection fails without yielding, and waiting for a set
            # Event does not yield either: a retry loop would spin, and the reader never
            # get to see the close. The connection is done: say so at once.
            if self._ws is ws:
                self._ws = None
                self.connected.clear()
            raise Disconnected() from exc
        finally:
            self._waiting.pop(request_id, None)

    async def _read(self, ws: ClientConnection) -> None:
        with contextlib.suppress(WebSocketException):
            async for data in ws:
                self.receive(json.loads(data))

    # -- frames in ----------------------------------------------------------------------

    def receive(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        if kind in ("ack", "error") and frame.get("id") in self._waiting:
            waiting = self._waiting[frame["id"]]
            if not waiting.done():
                waiting.set_result(frame)
        elif kind in ("message.created", "conversation.updated", "ticket.created"):
            if "seq" in frame:
                self._event(frame)
        elif kind == "ai.started":
            self.streams[frame["stream_id"]] = frame["conversation_id"]
        elif kind == "ai.done":
            self.streams.pop(frame["stream_id"], None)

    def _event(self, frame: dict[str, Any]) -> None:
        cid, seq, kind = frame["conversation_id"], int(frame["seq"]), frame["type"]
        watch = self.watches.setdefault(cid, Watch(cid, self.staff))
        message = frame.get("message")
        held = (kind, message["id"] if message else None)
        # PROTOCOL.md: nothing doubled, in order; for staff and bots also without gaps.
        if (
            seq in watch.events
            or seq <= watch.last_seq
            or (self.staff and seq != watch.last_seq + 1)
        ):
            self.stats.out_of_order += 1
        watch.events.setdefault(seq, held)
        watch.seen_at.setdefault(seq, time.monotonic())
        if message is not None and not message["private"]:
            watch.senders[seq] = (message["sender"]["kind"], message.get("event"))
        if kind == "conversation.updated":
            watch.state(frame["conversation"], seq)

    # -- frames out ---------------------------------------------------------------------

    def say(self, conversation_id: str, body: str, *, private: bool = False) -> str:
        """Queue a message; the sender task delivers it, however long that takes."""
        cmid = f"{self.name}-{next(self._cmids)}"
        self.sent_ids.add(cmid)
        self.outbox.put_nowait(Outgoing(conversation_id, cmid, body, private))
        return cmid

    async def send_loop(self) -> None:
        """Deliver the outbox in order: each message until it is acknowledged."""
        while True:
            item = await self.outbox.get()
            self.busy = True
            try:
                if isinstance(item, Outgoing):
                    await self._deliver(item)
                else:
                    await self._update(item)
            finally:
                self.busy = self.outbox.qsize() > 0

    async def _deliver(self, out: Outgoing) -> None:
        out.first_sent = time.monotonic()
        self.stats.sent += 1
        frame = {
            "type": "message.send",
            "conversation_id": out.conversation_id,
            "client_msg_id": out.client_msg_id,
            "body": out.body,
            "private": out.private,
        }
        tries = 0
        while True:
            await self.connected.wait()
            tries += 1
            self.sending = True
            try:
                answer = await self.request(frame)
            except (Disconnected, TimeoutError):
                await asyncio.sleep(0.05)
                continue  # PROTOCOL.md: no ack, resend with the same client_msg_id
            finally:
                self.sending = False
            if answer["type"] == "ack":
                if tries > 1:
                    self.stats.resent += 1
                message = answer["message"]
                self.acked[out.client_msg_id] = (
                    message["conversation_id"],
                    message["id"],
                    message["seq"],
                )
                self.stats.acked += 1
                self.stats.latencies.append(time.monotonic() - out.first_sent)
                return
            code = answer.get("code", "?")
            self.stats.errors[f"message.send {code}"] += 1
            if code not in ("unavailable", "rate_limited", "internal"):
                return  # refused for good: not acknowledged, so not the checker's
            await asyncio.sleep(max(0.3, answer.get("retry_after_ms", 0) / 1000))

    async def _update(self, frame: dict[str, Any]) -> None:
        """A conversation.update: tried once on the current connection (best effort)."""
        await self.connected.wait()
        try:
            answer = await self.request(frame)
        except (Disconnected, TimeoutError):
            self.stats.errors["conversation.update lost"] += 1
            return
        if answer["type"] == "ack":
            watch = self.watches.get(frame["conversation_id"])
            if watch is not None:
                watch.state(answer["conversation"], answer["conversation"]["last_seq"])
        else:
            self.stats.errors[f"conversation.update {answer.get('code')}"] += 1

    async def start_conversation(self) -> str:
        """A visitor's conversation. One key for every try: a retry after a lost ack gets
        the conversation the first try made (PROTOCOL.md `client_conv_id`), never a second."""
        key = uuid.uuid4().hex
        while True:
            await self.connected.wait()
            with contextlib.suppress(Disconnected, TimeoutError):
                answer = await self.request({"type": "conversation.start", "client_conv_id": key})
                if answer["type"] == "ack":
                    cid = str(answer["conversation"]["id"])
                    self.watches.setdefault(cid, Watch(cid, self.staff))
                    return cid
            await asyncio.sleep(0.5)

    async def follow(self, conversation_id: str) -> None:
        """Staff: subscribe to a conversation from its first event (and on every reconnect)."""
        watch = self.watches.setdefault(conversation_id, Watch(conversation_id, self.staff))
        while True:
            await self.connected.wait()
            ws = self._ws
            with contextlib.suppress(Disconnected, TimeoutError):
                if ws is not None:
                    await self._resume(ws, watch)
                    return
            await asyncio.sleep(0.05)


async def visitor_loop(
    peer: Peer, conversation_id: str, asks: Callable[[], str], sizes: Sizes
) -> None:
    """Ask, wait for an answer (or a hand-over, or a while), think, ask again."""
    watch = peer.watches[conversation_id]
    while not peer.quiet:
        await asyncio.sleep(peer.rng.uniform(*sizes.think))
        if peer.quiet:
            return
        cmid = peer.say(conversation_id, asks())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not peer.quiet:
            await asyncio.sleep(0.5)
            mine = peer.acked.get(cmid)
            last = watch.last_message()
            if mine is not None and last is not None and last[0] > mine[2] and last[1] != "visitor":
                break
            if mine is not None and watch.status == "waiting_human":
                break


async def agent_loop(peer: Peer, owned: list[str]) -> None:
    """Answer the cases that wait for a person (which takes them), then hand them back to
    the AI, resolve them or keep them."""
    answered: dict[str, int] = {}
    n = 0
    while not peer.quiet:
        await asyncio.sleep(1.0)
        if not peer.connected.is_set() or peer.busy:
            continue
        for cid in owned:
            watch = peer.watches[cid]
            last = watch.last_message()
            if last is None or answered.get(cid, 0) >= last[0]:
                continue
            seq, kind, event = last
            waiting = kind == "visitor" or (kind == "system" and event == "escalated")
            mine = watch.assignee_id == peer.me and watch.status in ("open", "pending")
            queue = watch.status == "waiting_human" and watch.assignee_id in (None, peer.me)
            if not waiting or not (mine or queue):
                continue
            if time.monotonic() - watch.seen_at.get(seq, 0) < peer.rng.uniform(1, 4):
                continue
            answered[cid] = seq
            n += 1
            peer.say(cid, f"{peer.name} answering, reply {n}: have a look at Settings.")
            roll = peer.rng.random()
            if roll < 0.6:  # back to the AI
                change = {"status": "open", "assignee_id": None}
            elif roll < 0.8:
                change = {"status": "resolved"}
            else:
                continue
            peer.outbox.put_nowait(
                {"type": "conversation.update", "conversation_id": cid, **change}
            )


async def bot_loop(peer: Peer, conversations: list[str]) -> None:
    """A bot that leaves internal notes, and now and then a public line."""
    n = 0
    while not peer.quiet:
        await asyncio.sleep(peer.rng.uniform(0.5, 2.5))
        if peer.quiet or peer.busy:
            continue
        n += 1
        cid = peer.rng.choice(conversations)
        if peer.rng.random() < 0.25:
            peer.say(cid, f"Bot tip {n}: our status page lists incidents.")
        else:
            peer.say(cid, f"Bot note {n}: visitor tagged.", private=True)


# -- faults ---------------------------------------------------------------------------------


class Faults:
    """Kill and restart nodes, restart Redis, cut PostgreSQL's connections: at random."""

    def __init__(
        self,
        nodes: list[Node],
        redis: Redis,
        owner: asyncpg.Connection,
        peers: list[Peer],
        rng: random.Random,
    ) -> None:
        self.nodes = nodes
        self.peers = peers
        self.redis = redis
        self.owner = owner
        self.rng = rng
        self.counts: Counter[str] = Counter()
        self._restarts: set[asyncio.Task[None]] = set()
        self._bouncing: set[Node] = set()
        self.problems: list[str] = []  # nodes that would not start again: the run fails

    async def run(self, until: float, gap: tuple[float, float]) -> None:
        kinds: dict[str, Callable[[], Awaitable[bool]]] = {
            "node SIGKILL + restart": lambda: self._node(signal.SIGKILL),
            "node SIGTERM + restart": lambda: self._node(signal.SIGTERM),
            "Redis restart": self._redis,
            "PostgreSQL connections cut": self._postgres,
        }
        weights = [3, 1, 2, 3]
        while True:
            await asyncio.sleep(self.rng.uniform(*gap))
            if time.monotonic() >= until:
                break
            kind = self.rng.choices(list(kinds), weights)[0]
            if await kinds[kind]():
                self.counts[kind] += 1
        await self.heal()

    async def heal(self) -> None:
        """Every restart done, every node running."""
        while self._restarts:
            await asyncio.gather(*self._restarts)
        for node in self.nodes:
            if not node.running:
                await self._start(node)

    async def _start(self, node: Node) -> None:
        try:
            await node.start()
        except RuntimeError as exc:
            self.problems.append(str(exc))

    async def _node(self, sig: int) -> bool:
        steady = [n for n in self.nodes if n.running and n not in self._bouncing]
        if len(steady) < 2:
            return False  # one node always serves (as a fleet keeps one up)
        node = self.rng.choice(steady)
        pause = self.rng.uniform(0.5, 5.0)
        self._bouncing.add(node)
        if sig == signal.SIGKILL:
            await self._in_flight(node.ws_url)

        async def bounce() -> None:
            try:
                await node.stop(sig)
                await asyncio.sleep(pause)
                await self._start(node)
            finally:
                self._bouncing.discard(node)

        task = asyncio.create_task(bounce())
        self._restarts.add(task)
        task.add_done_callback(self._restarts.discard)
        await asyncio.sleep(0.2)  # the signal is sent before the next fault is chosen
        return True

    async def _redis(self) -> bool:
        self.redis.kill()
        await asyncio.sleep(self.rng.uniform(0.3, 4.0))
        await self.redis.start()
        return True

    async def _in_flight(self, url: str | None) -> None:
        """Wait (a little) for a message.send to be out to `url` (None: to any node), so
        the fault lands between a send and its ack: the case resending must get right."""
        for _ in range(1000):
            if any(p.sending and url in (None, p.node_url) for p in self.peers):
                return
            await asyncio.sleep(0.002)

    async def _postgres(self) -> bool:
        await self._in_flight(None)
        cut = await self.owner.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = $1",
            EMBEDDED_APP_ROLE,
        )
        return bool(cut)


# -- the check ------------------------------------------------------------------------------


@dataclass
class Verdict:
    lost: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    not_converged: list[str] = field(default_factory=list)
    stuck: list[str] = field(default_factory=list)
    transcript: int = 0  # rows read: the check is repeated until it holds and is still
    messages: Counter[str] = field(default_factory=Counter)  # by sender kind (or event)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.doubled or self.not_converged or self.stuck)


async def check(owner: asyncpg.Connection, peers: list[Peer], conversations: list[str]) -> Verdict:
    """Every client's record against the transcript, as PostgreSQL's owner reads it."""
    verdict = Verdict()
    rows = await owner.fetch(
        """
        SELECT e.conversation_id::text AS cid, e.seq, e.kind, e.private,
               m.id::text AS message_id, m.sender_kind, m.client_msg_id, m.event
        FROM conversation_events e LEFT JOIN messages m ON m.id = e.message_id
        WHERE e.conversation_id = ANY($1::uuid[]) ORDER BY e.conversation_id, e.seq
        """,
        conversations,
    )
    states = {
        r["cid"]: r["status"]
        for r in await owner.fetch(
            "SELECT id::text AS cid, status FROM conversations WHERE id = ANY($1::uuid[])",
            conversations,
        )
    }
    verdict.transcript = len(rows)
    verdict.messages = Counter(r["event"] or r["sender_kind"] for r in rows if r["message_id"])
    by_message = {r["message_id"]: r for r in rows if r["message_id"]}
    sent = set().union(*(p.sent_ids for p in peers))
    written = Counter(
        r["client_msg_id"] for r in rows if r["sender_kind"] in ("visitor", "agent", "bot")
    )
    for peer in peers:
        for cmid, (cid, message_id, seq) in peer.acked.items():
            row = by_message.get(message_id)
            if (
                row is None
                or row["client_msg_id"] != cmid
                or (row["cid"], row["seq"]) != (cid, seq)
            ):
                verdict.lost.append(f"{peer.name} {cmid} acked as {cid}#{seq}")
    for cmid, count in written.items():
        if cmid not in sent or count > 1:
            verdict.doubled.append(f"{cmid} stored {count} times")
    for peer in peers:
        for cid, watch in peer.watches.items():
            expected = {
                r["seq"]: (r["kind"], r["message_id"])
                for r in rows
                if r["cid"] == cid
                and (watch.staff or (not r["private"] and r["kind"] != "ticket.created"))
            }
            if watch.events != expected:
                missing = sorted(set(expected) - set(watch.events))
                extra = sorted(s for s in watch.events if expected.get(s) != watch.events[s])
                verdict.not_converged.append(f"{peer.name} {cid}: missing {missing} wrong {extra}")
        for stream_id, cid in peer.streams.items():
            if not any(r["client_msg_id"] == stream_id for r in rows if r["cid"] == cid):
                verdict.stuck.append(f"{cid}: {peer.name} still sees stream {stream_id} open")
    for cid in conversations:
        verdict.stuck += unanswered(cid, [r for r in rows if r["cid"] == cid], states.get(cid))
    return verdict


def unanswered(cid: str, rows: list[asyncpg.Record], status: str | None) -> list[str]:
    """The conversation if its last visitor message waits with nobody asked to answer it."""
    messages = [r for r in rows if r["message_id"] and not r["private"]]
    asked = [r["seq"] for r in messages if r["sender_kind"] == "visitor"]
    if not asked or status == "waiting_human":
        return []
    after = [r for r in messages if r["seq"] > asked[-1]]
    if any(r["sender_kind"] in ("ai", "agent", "bot") or r["event"] == "escalated" for r in after):
        return []
    return [f"{cid}: visitor message #{asked[-1]} unanswered, conversation {status}"]


# -- the run --------------------------------------------------------------------------------


@dataclass
class Run:
    sizes: Sizes
    seed: int
    run_dir: Path
    nodes: list[Node] = field(default_factory=list)
    peers: list[Peer] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)

    def spawn(self, work: Awaitable[None]) -> None:
        """Run a client's loop; a crash is reported and fails the run (a client that
        died proves nothing about the server)."""

        async def supervised() -> None:
            try:
                await work
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                traceback.print_exc()
                self.crashed.append(repr(exc))

        self.tasks.append(asyncio.create_task(supervised()))


async def soak(sizes: Sizes, seed: int, keep: bool) -> bool:
    rng = random.Random(seed)
    run_dir = Path(tempfile.mkdtemp(prefix="fs-chaos-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWSUPPORT_")}
    env.update({"FLOWSUPPORT_DATA_DIR": str(run_dir), "FLOWSUPPORT_LOG_FORMAT": "text"})
    redis = Redis(run_dir)
    run = Run(sizes, seed, run_dir)
    ok = False
    try:
        settings = Settings.from_env(env)
        # This process holds the embedded PostgreSQL for the whole run: nodes come and go.
        async with database_urls(settings) as urls:
            await prepare(urls, run_migrations=True)
            owner = await asyncpg.connect(urls.owner)
            try:
                await redis.start()
                node_env = {**env, "FLOWSUPPORT_REDIS_URL": redis.url}
                run.nodes = [Node(i, run_dir, node_env) for i in range(sizes.nodes)]
                await asyncio.gather(*(n.start() for n in run.nodes))
                tenant = await provision(urls, env, run.nodes[0], sizes.agents)
                ok = await chaos(run, tenant, redis, owner, rng)
            finally:
                for peer in run.peers:
                    await peer.stop()
                for task in run.tasks:
                    task.cancel()
                await asyncio.gather(*run.tasks, return_exceptions=True)
                await asyncio.gather(*(n.stop(signal.SIGTERM) for n in run.nodes))
                await owner.close()
    finally:
        redis.kill()
        if ok and not keep:
            shutil.rmtree(run_dir, ignore_errors=True)
        else:
            print(f"data dir and node logs kept in {run_dir}")
    return ok


async def chaos(
    run: Run, tenant: Tenant, redis: Redis, owner: asyncpg.Connection, rng: random.Random
) -> bool:
    sizes, stats = run.sizes, run.stats
    urls = [n.ws_url for n in run.nodes]
    others = handed_over()
    print(f"questions the knowledge base answers: {len(tenant.answered)}", flush=True)

    def ask() -> str:
        return rng.choice(tenant.answered if rng.random() < 0.7 else others)

    visitors = [
        Peer(f"v{i}", {"widget_key": tenant.widget_key}, urls, random.Random(rng.random()), stats)
        for i in range(sizes.visitors)
    ]
    agents = [
        Peer(f"a{i}", {"token": t}, urls, random.Random(rng.random()), stats)
        for i, t in enumerate(tenant.agent_tokens)
    ]
    bot = Peer("bot", {"api_key": tenant.api_key}, urls, random.Random(rng.random()), stats)
    run.peers = [*visitors, *agents, bot]
    for peer in run.peers:
        run.spawn(peer.run())
        run.spawn(peer.send_loop())
    conversations = [await v.start_conversation() for v in visitors]
    for i, cid in enumerate(conversations):  # two agents watch each; the first one answers
        for agent in {agents[i % len(agents)], agents[(i + 1) % len(agents)]}:
            await agent.follow(cid)
        await bot.follow(cid)
    for visitor, cid in zip(visitors, conversations, strict=True):
        run.spawn(visitor_loop(visitor, cid, ask, sizes))
    for i, agent in enumerate(agents):
        run.spawn(agent_loop(agent, conversations[i :: len(agents)]))
    run.spawn(bot_loop(bot, conversations))

    started = time.monotonic()
    faults = Faults(run.nodes, redis, owner, run.peers, random.Random(rng.random()))
    print(f"chaos: {sizes.duration:.0f} s of faults, seed {run.seed} ...", flush=True)
    await faults.run(started + sizes.duration, sizes.fault_gap)
    chaos_s = time.monotonic() - started

    # The drain: nothing new, everything queued delivered, every client connected.
    for peer in run.peers:
        peer.quiet = True
    drained = time.monotonic()
    for _ in range(240):
        if all(p.connected.is_set() and not p.busy and p.outbox.empty() for p in run.peers):
            break
        await asyncio.sleep(0.5)
    # Settle: answers finish, the sweep escalates what a fault left unanswered, every client
    # holds the transcript. Done when the check holds twice in a row on an unchanged one.
    settled = time.monotonic()
    verdict, previous = Verdict(), -1
    while time.monotonic() - settled < SETTLE_S:
        await asyncio.sleep(3)
        verdict = await check(owner, run.peers, conversations)
        if verdict.ok and verdict.transcript == previous:
            break
        previous = verdict.transcript if verdict.ok else -1
    report(run, faults, verdict, chaos_s, time.monotonic() - drained)
    return verdict.ok and stats.out_of_order == 0 and not run.crashed and not faults.problems


def report(run: Run, faults: Faults, verdict: Verdict, chaos_s: float, settle_s: float) -> None:
    sizes, stats = run.sizes, run.stats
    rows: list[tuple[str, object]] = [
        ("duration (faults) / drain and settle", f"{chaos_s:.0f} s / {settle_s:.0f} s"),
        ("nodes / seed", f"{sizes.nodes} / {run.seed}"),
        ("clients", f"{sizes.visitors} visitors, {sizes.agents} agents, 1 bot"),
        (
            "messages sent / acked / acked after a resend",
            f"{stats.sent} / {stats.acked} / {stats.resent}",
        ),
        ("transcript events", verdict.transcript),
        ("transcript messages", ", ".join(f"{k} {n}" for k, n in verdict.messages.most_common())),
        (
            "send-to-ack p50 / p99 / max",
            f"{pct(stats.latencies, 50) * 1000:.0f} / {pct(stats.latencies, 99) * 1000:.0f}"
            f" / {max(stats.latencies, default=0) * 1000:.0f} ms",
        ),
        ("reconnects", stats.reconnects),
    ]
    rows += [(f"faults: {kind}", count) for kind, count in sorted(faults.counts.items())]
    rows.append(("faults: total", sum(faults.counts.values())))
    rows += [(f"answered: {kind}", count) for kind, count in sorted(stats.errors.items())]
    rows += [
        ("lost", len(verdict.lost)),
        ("doubled", len(verdict.doubled)),
        ("stuck", len(verdict.stuck)),
        ("not converged", len(verdict.not_converged)),
        ("deliveries out of order or repeated", stats.out_of_order),
        ("client tasks crashed", len(run.crashed)),
        ("node restarts that failed", len(faults.problems)),
    ]
    logged = server_errors(run.run_dir)
    rows.append(("server log ERROR lines (not checked)", sum(logged.values())))
    rows += [(f"  {line}", count) for line, count in logged.most_common(5)]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for line in itertools.islice(itertools.chain(faults.problems, failures(verdict)), 40):
        print(f"  {line}")


def server_errors(run_dir: Path) -> Counter[str]:
    """What the nodes logged at ERROR, by message (ids cut off): read, never asserted,
    since a fault may rightly make a node log one."""
    found: Counter[str] = Counter()
    for log in sorted(run_dir.glob("node-*.log")):
        for line in log.read_text(errors="replace").splitlines():
            if " ERROR " in line:
                found[IDS.sub("…", line.split(" ERROR ", 1)[1])[:70]] += 1
    return found


def failures(verdict: Verdict) -> Iterator[str]:
    for name in ("lost", "doubled", "stuck", "not_converged"):
        for line in getattr(verdict, name):
            yield f"{name}: {line}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--smoke", action="store_true", help="short and small, for CI")
    parser.add_argument("--duration", type=float, help="seconds of faults (default 600)")
    parser.add_argument("--seed", type=int, default=1, help="the faults' and clients' RNG seed")
    parser.add_argument("--keep", action="store_true", help="keep the data dir and node logs")
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        sys.exit("bench/chaos.py: needs redis-server on PATH (it runs a Redis of its own)")
    sizes = SMOKE if args.smoke else FULL
    if args.duration is not None:
        sizes = replace(sizes, duration=args.duration)
    ok = asyncio.run(soak(sizes, args.seed, args.keep))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
