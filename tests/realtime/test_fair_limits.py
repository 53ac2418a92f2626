"""Limits per principal, not per socket: more sockets neither add connections past a cap nor
multiply a principal's rate (another tenant's chat must not pay for one visitor's flood)."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from server.protocol.session import SessionLimits
from tests.helpers import scrape_metrics
from tests.live import LiveServer, running_server
from tests.provision import ORIGIN, Tenant, provision
from tests.wsclient import WAIT_S, session


async def test_one_visitor_may_hold_only_so_many_sockets(
    live_server: LiveServer, shop: Tenant
) -> None:
    cap = SessionLimits().visitor_connections
    url = live_server.ws_url
    async with AsyncExitStack() as stack:
        first = await stack.enter_async_context(
            session(url, {"widget_key": shop.widget_key}, origin=ORIGIN)
        )
        hello = {"widget_key": shop.widget_key, "visitor_token": first.welcome["visitor_token"]}
        for _ in range(cap - 1):
            await stack.enter_async_context(session(url, hello, origin=ORIGIN))
        async with connect(
            url, subprotocols=["flowsupport.v1.json"], additional_headers={"Origin": ORIGIN}
        ) as extra:
            await extra.send(json.dumps({"type": "hello", **hello}))
            with pytest.raises(ConnectionClosed) as refused:  # one past the cap: not welcomed
                await asyncio.wait_for(extra.recv(), WAIT_S)
            assert refused.value.rcvd is not None and refused.value.rcvd.code == 4008
            assert "too many connections" in refused.value.rcvd.reason
        # Another visitor of the same site is not affected.
        async with session(url, {"widget_key": shop.widget_key}, origin=ORIGIN) as other:
            assert (await other.request({"type": "ping"}))["type"] == "pong"
    # Once its sockets are closed, the visitor may connect again.
    async with session(url, hello, origin=ORIGIN) as back:
        assert (await back.request({"type": "ping"}))["type"] == "pong"


async def test_a_principals_sockets_share_one_rate(live_server: LiveServer, shop: Tenant) -> None:
    """A bot's burst is 400 frames: 250 on each of two sockets stay within a per-socket
    bucket, but together they overdraw the bot's one bucket: the second socket is limited."""
    limits = SessionLimits()
    per_socket = int(limits.bot.burst * 0.625)
    hello = {"api_key": shop.api_key}
    async with (
        session(live_server.ws_url, hello) as one,
        session(live_server.ws_url, hello) as two,
    ):
        for client in (one, two):
            for i in range(per_socket):
                await client.send({"type": "ping", "id": f"p{i}"})
        first = [await one.next_any(("pong", "error")) for _ in range(per_socket)]
        assert all(a["type"] == "pong" for a in first)  # the first 250 fit the burst
        limited, closed_for_rate = 0, False
        try:
            for _ in range(per_socket):
                answer = await two.next_any(("pong", "error"))
                limited += answer["type"] == "error" and answer["code"] == "rate_limited"
        except ConnectionClosed as closed:
            closed_for_rate = closed.rcvd is not None and closed.rcvd.code == 4008
        assert limited > 0 or closed_for_rate


@pytest.fixture(scope="module")
def capped() -> Iterator[LiveServer]:
    """A server that lets one client address hold only three sockets."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-capped-"))
    try:
        env = {"FLOWSUPPORT_MAX_CONNECTIONS_PER_ADDRESS": "3"}
        with running_server(data_dir, extra_env=env) as server:
            yield server
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


async def test_one_address_gets_429_at_the_upgrade_past_its_cap(capped: LiveServer) -> None:
    """Counted from the upgrade, before any hello: silent sockets count too. Behind a
    trusted proxy (here the loopback) the address is the forwarded one."""
    shop = await provision(capped)
    behind = {"Origin": ORIGIN, "X-Forwarded-For": "203.0.113.7"}
    async with AsyncExitStack() as stack:
        for _ in range(3):  # three silent sockets from one address: no hello yet
            await stack.enter_async_context(
                connect(
                    capped.ws_url, subprotocols=["flowsupport.v1.json"], additional_headers=behind
                )
            )
        with pytest.raises(InvalidStatus) as refused:
            async with connect(capped.ws_url, additional_headers=behind):
                pass
        response = refused.value.response
        assert response.status_code == 429
        assert int(response.headers["Retry-After"]) > 0
        assert b"too many connections" in response.body
        # Another address is not affected.
        other = {"X-Forwarded-For": "198.51.100.2"}
        async with connect(capped.ws_url, additional_headers=other):
            pass
    # Closed sockets free the address's slots; the loopback itself is another address.
    async with session(capped.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as ok:
        assert (await ok.request({"type": "ping"}))["type"] == "pong"
    async with connect(capped.ws_url, additional_headers=behind):
        pass
    async with httpx.AsyncClient(base_url=capped.base_url) as http:
        metrics = await scrape_metrics(http)
    assert metrics["flowsupport_connections_refused_total,cap=address"] >= 1
