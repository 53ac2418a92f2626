"""The worker process runs the escalation timer: SIGKILLed mid-sweep and started again,
every overdue conversation is escalated exactly once."""

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
                    json={"unanswered_escalation_s": 1, "escalate_on_disconnect": False},
                )
                ids = []
                hello = {"widget_key": tenant.widget_key}
                for group in range(CONVERSATIONS // 10):  # ten each: under visitors' rate limit
                    async with session(server.ws_url, hello, origin=ORIGIN) as visitor:
                        for i in range(10):
                            started = await visitor.ok({"type": "conversation.start"})
                            ids.append(started["conversation"]["id"])
                            await visitor.say(ids[-1], f"Question {group}.{i}?", f"q-{i}")
                await asyncio.sleep(1.5)  # every question is now overdue

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
                    for _ in range(100):
                        listed = await http.get("/v1/tickets?limit=200", headers=staff)
                        if len(listed.json()["tickets"]) == CONVERSATIONS:
                            break
                        await asyncio.sleep(0.2)
                    await asyncio.sleep(2.5)  # a further sweep, which must find nothing
                finally:
                    second.send_signal(signal.SIGTERM)
                    assert second.wait(timeout=30) == 0
                    if second.stdout:
                        second.stdout.close()
                tickets = (await http.get("/v1/tickets?limit=200", headers=staff)).json()
                by_conversation = sorted(t["conversation_id"] for t in tickets["tickets"])
                assert by_conversation == sorted(ids)
                assert sorted(t["number"] for t in tickets["tickets"]) == list(
                    range(1, CONVERSATIONS + 1)
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
