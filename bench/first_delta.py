"""Time to the first AI token: a visitor's message `ack` to the first `ai.delta` frame.

    .venv/bin/python bench/first_delta.py                  # 50 questions per mode
    .venv/bin/python bench/first_delta.py --smoke          # 5 questions, quick
    .venv/bin/python bench/first_delta.py --questions 20 --full-kb --profile /tmp/prof

Two `flowsupport serve` processes run in turn on one data dir (one knowledge base, ingested
once with `python -m kb_ingest`): the first with no LLM configured (the extractive
answerer quotes the best passage), the second answering through LiteLLM from the local
OpenAI-compatible test server (tests/fakes/openai_server.py, in a thread of this process),
which streams its pieces at once. Each question from bench/data/plausible_eval.json
(answerable ones) is asked in a fresh conversation by a fresh visitor, and the next one
waits for `ai.done`, so answers never overlap. Times are taken with time.perf_counter when
a frame is read, in this process. Target: with an instant LLM, the first `ai.delta` under
100 ms after the ack.

Baseline, measured on each server in the same run on a tenant with AI off (plain fan-out):
a visitor's message from `message.send` to its `message.created` reaching an agent's
connection (inbox.subscribe); ratios are against it, on the same server process. The
ack -> agent's copy time is printed too but is about zero by construction: the server
fans a message out before it sends the ack, so it cannot be a ratio's denominator.

What ack->first ai.delta includes (PROTOCOL.md "Server to client"): `ai.started`, then
retrieval (query embedding with the local ONNX model in a worker thread, then the hybrid
SQL search in PostgreSQL), then the answerer: with an LLM, building the prompt and the
request through LiteLLM over HTTP to the provider until its first streamed chunk. The
extractive answerer's pacing (FLOWSUPPORT_EXTRACTIVE_PACE_MS) only spaces the pieces after
the first, so it is set to 0 to keep the run short. The first LiteLLM call imports
litellm (seconds): warm-up questions run before measuring.

--profile DIR runs each server under cProfile (DIR/extractive.prof, DIR/llm.prof; read
them with `python -m pstats`); the figures printed then carry the profiler's overhead.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from websockets.asyncio.client import ClientConnection, connect

from bench.serving import ROOT, Server, pct, serving
from kb_ingest.samples import PLAUSIBLE_DOCS
from server.config import Settings
from server.services.admin import AdminService
from server.store.db import Database
from server.store.provision import database_urls
from tests.fakes.openai_server import openai_server

CORPUS = PLAUSIBLE_DOCS
QUESTIONS = ROOT / "bench/data/plausible_eval.json"
ORIGIN = "https://shop.example"
WARM_UP = 3
WAIT_S = 30.0


@dataclass(frozen=True)
class Desk:
    """A tenant as the bench uses it: a widget key for visitors and an agent to log in."""

    tenant_id: str
    widget_key: str
    agent_email: str


# -- processes ------------------------------------------------------------------------------


async def provision(data_dir: Path, *, ai: bool) -> Desk:
    settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(data_dir)})
    suffix = uuid.uuid4().hex[:8]
    async with database_urls(settings) as urls:
        db = await Database.connect(urls.app, max_size=1)
        try:
            admin = AdminService(db)
            tenant = await admin.create_tenant(f"bench {suffix}", [ORIGIN])
            await admin.set_ai_enabled(tenant, ai)
            email = f"agent-{suffix}@bench.example"
            await admin.create_user(tenant, email=email, password="bench-pass-1", role="agent")
        finally:
            await db.close()
    return Desk(str(tenant.id), tenant.widget_key, email)


def ingest(server: Server, tenant_id: str, folder: Path) -> dict[str, Any]:
    """The real `python -m kb_ingest`, against the running server's database."""
    done = subprocess.run(
        [sys.executable, "-m", "kb_ingest", str(folder), "--tenant", tenant_id, "--json"],
        env=server.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"kb_ingest failed: {done.stderr}")
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary


def kb_folder(questions: list[dict[str, Any]], full: bool, into: Path) -> Path:
    """The whole corpus, or a copy of just the articles that answer the asked questions."""
    if full:
        return CORPUS
    for item in questions:
        for article in item["articles"]:
            target = into / article
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(CORPUS / article, target)
    return into


# -- clients --------------------------------------------------------------------------------


@dataclass
class Client:
    """A protocol connection whose reader stamps every frame with perf_counter on arrival."""

    ws: ClientConnection
    frames: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    reader: asyncio.Task[None] | None = None
    ids: Iterator[int] = field(default_factory=lambda: iter(range(1, 1 << 30)))

    async def read(self) -> None:
        with contextlib.suppress(Exception):
            async for data in self.ws:
                stamp = time.perf_counter()
                self.frames.append((stamp, json.loads(data)))
                self.arrived.set()

    async def send(self, frame: dict[str, Any]) -> float:
        sent = time.perf_counter()
        await self.ws.send(json.dumps(frame))
        return sent

    async def wait(self, match: Callable[[dict[str, Any]], bool]) -> tuple[float, dict[str, Any]]:
        """The first frame read so far or later that matches, with its arrival time."""
        deadline = time.monotonic() + WAIT_S
        seen = 0
        while True:
            for stamp, frame in self.frames[seen:]:
                if match(frame):
                    return stamp, frame
            seen = len(self.frames)
            self.arrived.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching frame")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), left)

    async def request(self, frame: dict[str, Any]) -> tuple[float, float, dict[str, Any]]:
        """(sent at, answered at, answer) for a frame that expects an ack."""
        request_id = f"r{next(self.ids)}"
        sent = await self.send({**frame, "id": request_id})
        stamp, answer = await self.wait(lambda f: f.get("id") == request_id)
        if answer["type"] != "ack":
            raise RuntimeError(f"{frame['type']} refused: {answer}")
        return sent, stamp, answer

    async def close(self) -> None:
        await self.ws.close()
        if self.reader is not None:
            await self.reader


@contextlib.asynccontextmanager
async def session(url: str, hello: dict[str, Any], origin: str | None) -> AsyncIterator[Client]:
    ws = await connect(
        url,
        subprotocols=["flowsupport.v1.json"],  # type: ignore[list-item]
        additional_headers={"Origin": origin} if origin else None,
        compression=None,
        max_queue=None,
        open_timeout=WAIT_S,
        ping_interval=None,
    )
    client = Client(ws)
    client.reader = asyncio.create_task(client.read())
    try:
        await client.send({"type": "hello", **hello})
        welcome = (await client.wait(lambda f: f["type"] in ("welcome", "error")))[1]
        if welcome["type"] != "welcome":
            raise RuntimeError(f"hello refused: {welcome}")
        yield client
    finally:
        await client.close()


async def login(server: Server, desk: Desk) -> str:
    async with httpx.AsyncClient() as http:
        response = await http.post(
            f"{server.base}/v1/auth/login",
            json={"email": desk.agent_email, "password": "bench-pass-1"},
        )
        response.raise_for_status()
        token: str = response.json()["access_token"]
    return token


# -- measurement ----------------------------------------------------------------------------


@dataclass
class Sample:
    question: str
    send_to_ack: float
    send_to_agent: float = 0.0  # the message's message.created at the agent
    ack_to_agent: float = 0.0
    ack_to_started: float | None = None
    ack_to_delta: float | None = None
    ack_to_done: float | None = None
    reason: str | None = None


async def ask(server: Server, desk: Desk, agent: Client, question: str, *, ai: bool) -> Sample:
    """One question from a fresh visitor in a fresh conversation; waits for the answer's end
    (or, with AI off, for the agent's copy) so nothing of it overlaps the next question."""
    async with session(server.ws_url, {"widget_key": desk.widget_key}, ORIGIN) as visitor:
        _, _, started = await visitor.request({"type": "conversation.start"})
        conversation_id = started["conversation"]["id"]
        sent, acked, answer = await visitor.request(
            {
                "type": "message.send",
                "conversation_id": conversation_id,
                "client_msg_id": uuid.uuid4().hex,
                "body": question,
            }
        )
        message_id = answer["message"]["id"]
        sample = Sample(question, send_to_ack=acked - sent)
        at_agent, _ = await agent.wait(
            lambda f: f["type"] == "message.created" and f["message"]["id"] == message_id
        )
        sample.send_to_agent, sample.ack_to_agent = at_agent - sent, at_agent - acked
        if not ai:
            return sample

        def mine(kind: str) -> Callable[[dict[str, Any]], bool]:
            return lambda f: f["type"] == kind and f.get("conversation_id") == conversation_id

        began, _ = await visitor.wait(mine("ai.started"))
        ended, done = await visitor.wait(mine("ai.done"))
        sample.ack_to_started = began - acked
        sample.ack_to_done = ended - acked
        sample.reason = done["reason"]
        deltas = [stamp for stamp, frame in visitor.frames if mine("ai.delta")(frame)]
        if deltas:
            sample.ack_to_delta = deltas[0] - acked
        # Let the agent's copies of this answer arrive before the next question starts.
        await agent.wait(mine("ai.done"))
    return sample


async def phase(
    server: Server, desk: Desk, questions: list[str], *, ai: bool, warm_up: int
) -> list[Sample]:
    token = await login(server, desk)
    async with session(server.ws_url, {"token": token}, None) as agent:
        await agent.request({"type": "inbox.subscribe"})
        for question in questions[:warm_up]:
            await ask(server, desk, agent, question, ai=ai)
        samples = []
        for question in questions:
            samples.append(await ask(server, desk, agent, question, ai=ai))
            agent.frames.clear()  # keep the agent's scan short
    if ai and not any(s.ack_to_delta is not None for s in samples):
        raise RuntimeError(f"no answer streamed on the {server.name} server:\n{server.errors()}")
    return samples


# -- report ---------------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    values: list[float]
    baseline: list[float] | None = None

    def line(self) -> str:
        ms = [1000 * v for v in self.values]
        p50, p95, top = pct(ms, 50), pct(ms, 95), max(ms, default=float("nan"))
        text = f"  {self.label:40} {len(ms):4} {p50:8.2f} {p95:8.2f} {top:8.2f}"
        if self.baseline:
            b50, b95 = pct(self.baseline, 50) * 1000, pct(self.baseline, 95) * 1000
            text += f" {p50 / b50:7.1f}x {p95 / b95:7.1f}x"
        return text


def report(results: dict[str, tuple[list[Sample], list[Sample]]], kb: dict[str, Any]) -> None:
    print(
        f"knowledge base: {kb['articles']} articles, {kb['chunks']} chunks "
        f"(ingested in {kb['seconds']:.1f} s)"
    )
    print(
        f"  {'server / figure (ms)':40} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8} "
        f"{'p50/base':>8} {'p95/base':>8}"
    )
    for name, (plain, answered) in results.items():
        baseline = [s.send_to_agent for s in plain]
        delta = [s.ack_to_delta for s in answered if s.ack_to_delta is not None]
        print(f"{name} server")
        rows = [
            Row("BASE fan-out: send -> agent's copy", baseline),
            Row("fan-out: ack -> agent's copy", [s.ack_to_agent for s in plain]),
            Row("AI on: send -> ack", [s.send_to_ack for s in answered], baseline),
            Row("AI on: ack -> ai.started", [s.ack_to_started or 0.0 for s in answered], baseline),
            Row("AI on: ack -> first ai.delta", delta, baseline),
            Row("AI on: ack -> ai.done", [s.ack_to_done or 0.0 for s in answered], baseline),
        ]
        for row in rows:
            print(row.line())
        for sample in answered:
            if sample.reason != "complete":
                print(f"  (not answered, {sample.reason}: {sample.question!r})")
    llm = [s.ack_to_delta for s in results["llm"][1] if s.ack_to_delta is not None]
    verdict = "met" if pct(llm, 95) < 0.1 else "missed"
    print(
        f"target (instant LLM, first ai.delta < 100 ms after the ack): {verdict}: "
        f"p50 {1000 * pct(llm, 50):.1f} ms, p95 {1000 * pct(llm, 95):.1f} ms"
    )


# -- run ------------------------------------------------------------------------------------


def pick_questions(count: int) -> list[dict[str, Any]]:
    answerable: list[dict[str, Any]] = json.loads(QUESTIONS.read_text())["answerable"]
    return [answerable[i % len(answerable)] for i in range(count)]


async def run(count: int, full_kb: bool, profile: Path | None, keep: bool) -> None:
    chosen = pick_questions(count)
    questions = [item["q"] for item in chosen]
    data_dir = Path(tempfile.mkdtemp(prefix="fs-first-delta-"))
    results: dict[str, tuple[list[Sample], list[Sample]]] = {}
    try:
        quick = {"FLOWSUPPORT_EXTRACTIVE_PACE_MS": "0"}
        async with serving("extractive", data_dir, quick, profile) as server:
            plain = await provision(data_dir, ai=False)
            desk = await provision(data_dir, ai=True)
            folder = kb_folder(chosen, full_kb, data_dir / "kb")
            kb = await asyncio.to_thread(ingest, server, desk.tenant_id, folder)
            results["extractive"] = (
                await phase(server, plain, questions, ai=False, warm_up=WARM_UP),
                await phase(server, desk, questions, ai=True, warm_up=WARM_UP),
            )
        with openai_server() as (base_url, _behaviour):
            llm = {
                "FLOWSUPPORT_LLM_MODEL": "openai/fake-model",
                "FLOWSUPPORT_LLM_API_BASE": base_url,
                "OPENAI_API_KEY": "sk-test",
            }
            async with serving("llm", data_dir, llm, profile) as server:
                results["llm"] = (
                    await phase(server, plain, questions, ai=False, warm_up=WARM_UP),
                    await phase(server, desk, questions, ai=True, warm_up=WARM_UP),
                )
    finally:
        if keep:
            print(f"data dir kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    print(f"first-delta benchmark: {count} questions per mode, after {WARM_UP} warm-up each")
    report(results, kb)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questions", type=int, default=50, help="measured questions per mode")
    parser.add_argument("--smoke", action="store_true", help="5 questions, for a quick check")
    parser.add_argument(
        "--full-kb", action="store_true", help="ingest the whole corpus, not just the answers"
    )
    parser.add_argument("--profile", type=Path, help="run the servers under cProfile, into DIR")
    parser.add_argument("--keep", action="store_true", help="keep the data dir and server logs")
    args = parser.parse_args()
    count = 5 if args.smoke else args.questions
    asyncio.run(run(count, args.full_kb, args.profile, args.keep))


if __name__ == "__main__":
    main()
