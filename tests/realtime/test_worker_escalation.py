"""The worker process runs the escalation timer: SIGKILLed mid-sweep and started again,
every overdue conversation is escalated exactly once. Time passes on the clock `serve` and
the workers share (tests/live.py ServerClock), not on the wall clock."""

from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from tests.live import LiveServer, running_server
from tests.provision import ORIGIN, provision
from tests.wsclient import session

CONVERSATIONS = 60
WAIT_S = 60  # the tenant's unanswered_escalation_s


def start_worker(server: LiveServer) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "server", "worker"],
        env=server.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for_line(worker: subprocess.Popen[str], text: str) -> None:
    assert worker.stdout is not None
    for line in worker.stdout:
        if text in line:
            return
    raise AssertionError(f"worker exited before printing {text!r}")


async def tickets_reach(http: httpx.AsyncClient, staff: dict[str, str], count: int) -> None:
    """Until the tenant has `count` tickets (a sweep runs every 2 s)."""
    for _ in range(150):
        listed = await http.get("/v1/tickets?limit=200", headers=staff)
        if len(listed.json()["tickets"]) >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{len(listed.json()['tickets'])} tickets, expected {count}")


async def test_worker_killed_mid_sweep_escalates_each_conversation_once() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="fs-worker-"))
    # serve leaves the timers to the worker here, as a production deployment does.
    env = {"FLOWSUPPORT_INPROCESS_JOBS": "off"}
    try:
        with running_server(data_dir, extra_env=env) as server:
            tenant = await provision(server)
            staff = {"authorization": f"Bearer {tenant.agent_token}"}
            async with httpx.AsyncClient(base_url=server.base_url) as http:
                await http.patch(
                    "/v1/settings",
                    headers={"authorization": f"Bearer {tenant.admin_token}"},
                    json={"unanswered_escalation_s": WAIT_S, "escalate_on_disconnect": False},
                )
                ids = []
                hello = {"widget_key": tenant.widget_key}
                for group in range(CONVERSATIONS // 10):  # ten each: under visitors' rate limit
                    async with session(server.ws_url, hello, origin=ORIGIN) as visitor:
                        for i in range(10):
                            started = await visitor.ok({"type": "conversation.start"})
                            ids.append(started["conversation"]["id"])
                            await visitor.say(ids[-1], f"Question {group}.{i}?", f"q-{i}")
                server.clock.advance(WAIT_S + 1)  # every question is now overdue

                first = start_worker(server)
                wait_for_line(first, "worker started")
                for _ in range(500):  # kill it as soon as its sweep has begun escalating
                    listed = await http.get("/v1/tickets?limit=1", headers=staff)
                    if listed.json()["tickets"]:
                        break
                    await asyncio.sleep(0.01)
                first.send_signal(signal.SIGKILL)
                first.wait()
                if first.stdout:
                    first.stdout.close()
                before = (await http.get("/v1/tickets?limit=200", headers=staff)).json()
                second = start_worker(server)
                try:
                    wait_for_line(second, "worker started")
                    await tickets_reach(http, staff, CONVERSATIONS)
                    # One more question, overdue once the clock moves again: its ticket
                    # shows a further sweep ran, which must have found nothing else to do.
                    async with session(server.ws_url, hello, origin=ORIGIN) as visitor:
                        started = await visitor.ok({"type": "conversation.start"})
                        canary = started["conversation"]["id"]
                        await visitor.say(canary, "Anyone?", "q-canary")
                    server.clock.advance(WAIT_S + 1)
                    await tickets_reach(http, staff, CONVERSATIONS + 1)
                finally:
                    second.send_signal(signal.SIGTERM)
                    assert second.wait(timeout=30) == 0
                    if second.stdout:
                        second.stdout.close()
                tickets = (await http.get("/v1/tickets?limit=200", headers=staff)).json()
                by_conversation = sorted(t["conversation_id"] for t in tickets["tickets"])
                assert by_conversation == sorted([*ids, canary])
                assert sorted(t["number"] for t in tickets["tickets"]) == list(
                    range(1, CONVERSATIONS + 2)
                )
                for conversation_id in ids:
                    page = await http.get(
                        f"/v1/conversations/{conversation_id}/messages", headers=staff
                    )
                    kinds = [m["sender"]["kind"] for m in page.json()["messages"]]
                    assert kinds == ["visitor", "system"], kinds
                print(f"escalated before the kill: {len(before['tickets'])}/{CONVERSATIONS}")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
