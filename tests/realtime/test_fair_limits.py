"""Limits per principal, not per socket: more sockets neither add connections past a cap nor
multiply a principal's rate (another tenant's chat must not pay for one visitor's flood)."""

from __future__ import annotations

import asyncio
import json
from contextlib import AsyncExitStack

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from server.protocol.session import SessionLimits
from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant
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
