"""Revocation at once, everywhere: deactivating a user, changing their role or password,
ending a session or revoking an API key refuses the old credential on the next request and
closes its WebSockets with 4001 within 2 s on every node: through the HTTP API of either
node, and through the CLI with Redis (published) or without it (the servers' sweep)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis
from websockets.asyncio.client import connect

from server.protocol.codes import CLOSE_UNAUTHORIZED
from tests.accounts import bearer
from tests.live import TIMEOUT_SCALE, LiveServer, running_server, service_missing
from tests.provision import AGENT_PASSWORD, Tenant, provision
from tests.wsclient import WAIT_S, Client, session

REDIS_URL = os.environ.get("FLOWSUPPORT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
WITHIN_S = 2.0 * TIMEOUT_SCALE  # the promise: every socket closed within 2 s


@dataclass(frozen=True)
class Nodes:
    a: LiveServer
    b: LiveServer


@pytest.fixture(scope="module")
def nodes() -> Iterator[Nodes]:
    """Two nodes on one database and one Redis."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        service_missing(f"no Redis at {REDIS_URL}: {exc}")
    data_dir = Path(tempfile.mkdtemp(prefix="fs-revoke-"))
    env = {"FLOWSUPPORT_REDIS_URL": REDIS_URL}
    with ExitStack() as stack:
        a = stack.enter_context(running_server(data_dir, extra_env=env))
        b = stack.enter_context(running_server(data_dir, extra_env=env))
        yield Nodes(a, b)
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def lone() -> Iterator[LiveServer]:
    """One node with the in-process broker: the CLI has nobody to publish to."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-revoke-lone-"))
    with running_server(data_dir) as server:
        yield server
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def shop(nodes: Nodes) -> Tenant:
    return await provision(nodes.a)


@pytest.fixture
async def http_a(nodes: Nodes) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=nodes.a.base_url, timeout=30) as client:
        yield client


@pytest.fixture
async def http_b(nodes: Nodes) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=nodes.b.base_url, timeout=30) as client:
        yield client


async def closed_with(client: Client) -> int | None:
    """The close code, once the server has closed the socket (at most WITHIN_S from now)."""
    await asyncio.wait_for(client.ws.wait_closed(), WITHIN_S)
    return client.ws.close_code


async def still_open(client: Client) -> bool:
    """A ping answered: the connection is alive."""
    answer = await client.request({"type": "ping"})
    return answer["type"] == "pong"


async def hello_refused(url: str, hello: dict[str, str]) -> int | None:
    """Connect and say hello with a credential: the close code the server answers with."""
    async with connect(url, subprotocols=["flowsupport.v1.json"], open_timeout=WAIT_S) as ws:
        await ws.send(json.dumps({"type": "hello", **hello}))
        await asyncio.wait_for(ws.wait_closed(), WAIT_S)
        return ws.close_code


def key_id(api_key: str) -> str:
    return str(uuid.UUID(hex=api_key.removeprefix("fsk_").split("_")[0]))


async def test_deactivating_on_node_a_closes_the_agents_inbox_on_node_b(
    nodes: Nodes, shop: Tenant, http_a: httpx.AsyncClient, http_b: httpx.AsyncClient
) -> None:
    """The admin deactivates the agent through A while the agent watches the inbox on B:
    B closes the socket with 4001 within 2 s, and refuses the token over HTTP and hello."""
    async with session(nodes.b.ws_url, {"token": shop.agent_token}) as agent:
        await agent.ok({"type": "inbox.subscribe"})
        done = await http_a.delete(f"/v1/users/{shop.agent_id}", headers=bearer(shop.admin_token))
        assert done.json() == {"user_id": shop.agent_id, "sessions_closed": 1}
        assert await closed_with(agent) == CLOSE_UNAUTHORIZED
    assert (await http_b.get("/v1/me", headers=bearer(shop.agent_token))).status_code == 401
    refused = await hello_refused(nodes.b.ws_url, {"token": shop.agent_token})
    assert refused == CLOSE_UNAUTHORIZED


async def test_revoking_a_key_on_node_a_closes_its_bot_on_node_b(
    nodes: Nodes, shop: Tenant, http_a: httpx.AsyncClient, http_b: httpx.AsyncClient
) -> None:
    """DELETE /v1/apikeys/{id} on A: the bot connected to B is closed (4001) within 2 s,
    and the key is refused everywhere."""
    async with session(nodes.b.ws_url, {"api_key": shop.api_key}) as bot:
        await bot.ok({"type": "inbox.subscribe"})
        revoked = await http_a.delete(
            f"/v1/apikeys/{key_id(shop.api_key)}", headers=bearer(shop.admin_token)
        )
        assert revoked.json() == {"revoked": True}
        assert await closed_with(bot) == CLOSE_UNAUTHORIZED
    assert (await http_b.get("/v1/me", headers=bearer(shop.api_key))).status_code == 401
    assert await hello_refused(nodes.a.ws_url, {"api_key": shop.api_key}) == CLOSE_UNAUTHORIZED


async def test_the_cli_with_redis_closes_the_sockets_on_every_node(
    nodes: Nodes, shop: Tenant
) -> None:
    """`flowsupport user deactivate` and `apikey revoke` publish through Redis: the agent's
    sockets on A and B and the bot's on B close within 2 s of the command's end."""
    async with (
        session(nodes.a.ws_url, {"token": shop.agent_token}) as on_a,
        session(nodes.b.ws_url, {"token": shop.agent_token}) as on_b,
        session(nodes.b.ws_url, {"api_key": shop.api_key}) as bot,
    ):
        email = shop.agent_email
        done = nodes.a.cli_json("user", "deactivate", "--tenant", shop.tenant_id, "--email", email)
        assert done == {"user_id": shop.agent_id, "sessions_closed": 1}
        assert await closed_with(on_a) == CLOSE_UNAUTHORIZED
        assert await closed_with(on_b) == CLOSE_UNAUTHORIZED
        assert await still_open(bot)
        revoked = nodes.b.cli_json(
            "apikey", "revoke", "--tenant", shop.tenant_id, "--name", "Helper Bot"
        )
        assert revoked == {"revoked": 1}
        assert await closed_with(bot) == CLOSE_UNAUTHORIZED


async def test_the_cli_without_redis_is_noticed_by_the_servers_sweep(lone: LiveServer) -> None:
    """With the in-process broker the CLI cannot reach the server, yet the server finds the
    revoked session and key in its once-a-second sweep and closes both within 2 s."""
    shop = await provision(lone)
    async with (
        session(lone.ws_url, {"token": shop.agent_token}) as agent,
        session(lone.ws_url, {"api_key": shop.api_key}) as bot,
    ):
        email = shop.agent_email
        lone.cli_json("user", "deactivate", "--tenant", shop.tenant_id, "--email", email)
        assert await closed_with(agent) == CLOSE_UNAUTHORIZED
        assert await still_open(bot)
        lone.cli_json("apikey", "revoke", "--tenant", shop.tenant_id, "--name", "Helper Bot")
        assert await closed_with(bot) == CLOSE_UNAUTHORIZED
    failed = lone.cli(
        "apikey", "revoke", "--tenant", shop.tenant_id, "--name", "Helper Bot", "--json"
    )
    assert failed.returncode == 1 and '"not_found"' in failed.stdout


async def test_a_password_change_closes_the_other_sessions_sockets_only(
    nodes: Nodes, shop: Tenant, http_a: httpx.AsyncClient
) -> None:
    """The agent changes its password in one session: the socket of its other session (on
    B) closes, the socket of the session that changed it (on A) stays."""
    login = await http_a.post(
        "/v1/auth/login", json={"email": shop.agent_email, "password": AGENT_PASSWORD}
    )
    other_token = login.json()["access_token"]
    async with (
        session(nodes.a.ws_url, {"token": shop.agent_token}) as mine,
        session(nodes.b.ws_url, {"token": other_token}) as other,
    ):
        changed = await http_a.post(
            "/v1/auth/password",
            json={"current_password": AGENT_PASSWORD, "new_password": "changed-pass-1"},
            headers=bearer(shop.agent_token),
        )
        assert changed.status_code == 204
        assert await closed_with(other) == CLOSE_UNAUTHORIZED
        assert await still_open(mine)


async def test_a_role_change_and_an_ended_session_close_their_sockets(
    nodes: Nodes, shop: Tenant, http_a: httpx.AsyncClient, http_b: httpx.AsyncClient
) -> None:
    """Ending one session on B closes that session's socket on A only; promoting the agent
    closes the rest of its sockets (their token carries the old role)."""
    second = await http_b.post(
        "/v1/auth/login", json={"email": shop.agent_email, "password": AGENT_PASSWORD}
    )
    second_token = second.json()["access_token"]
    async with (
        session(nodes.a.ws_url, {"token": shop.agent_token}) as first_socket,
        session(nodes.a.ws_url, {"token": second_token}) as second_socket,
    ):
        listed = await http_b.get("/v1/auth/sessions", headers=bearer(second_token))
        current = next(s for s in listed.json()["sessions"] if s["current"])
        ended = await http_b.delete(
            f"/v1/auth/sessions/{current['id']}", headers=bearer(shop.admin_token)
        )
        assert ended.status_code == 204
        assert await closed_with(second_socket) == CLOSE_UNAUTHORIZED
        assert await still_open(first_socket)
        promoted = await http_b.patch(
            f"/v1/users/{shop.agent_id}", json={"role": "admin"}, headers=bearer(shop.admin_token)
        )
        assert promoted.status_code == 200
        assert await closed_with(first_socket) == CLOSE_UNAUTHORIZED
