"""The fast write path (server/realtime/direct.py) is the one `flowsupport serve` uses.

It reaches into uvicorn's private protocol object, so a uvicorn upgrade could turn it off
without any test failing on delivery (fan-out falls back to the ASGI send, which works).
These tests read /metrics on a real server: a client that negotiates no compression gets
the direct writer and its fanned-out frames are written pre-framed; one that negotiates
permessage-deflate (what browsers and the `websockets` client offer by default) gets the
portable ASGI send.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any, Literal

import httpx
from websockets.asyncio.client import connect

from tests.helpers import scrape_metrics
from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant
from tests.wsclient import WAIT_S, Client

DIRECT = "flowsupport_ws_sessions_total,writer=direct"
ASGI = "flowsupport_ws_sessions_total,writer=asgi"
DIRECT_FRAMES = "flowsupport_direct_frames_total"


@asynccontextmanager
async def welcomed(
    url: str,
    hello: dict[str, Any],
    *,
    compression: Literal["deflate"] | None,
    origin: str | None = None,
) -> AsyncIterator[Client]:
    """Like tests.wsclient.session, choosing whether to offer permessage-deflate."""
    async with connect(
        url,
        subprotocols=["flowsupport.v1.json"],
        additional_headers={"Origin": origin} if origin else None,
        compression=compression,
        open_timeout=WAIT_S,
        max_queue=None,
    ) as ws:
        assert bool(ws.protocol.extensions) == (compression is not None)
        client = Client(ws, binary=False)
        await client.send({"type": "hello", **hello})
        client.welcome = await client.next("welcome")
        yield client


async def talk(
    live_server: LiveServer, shop: Tenant, compression: Literal["deflate"] | None
) -> None:
    """A visitor writes, an agent follows the conversation: both get the message.created
    fan-out (and the typing signal), whichever writer carries it."""
    url = live_server.ws_url
    async with AsyncExitStack() as stack:
        visitor = await stack.enter_async_context(
            welcomed(url, {"widget_key": shop.widget_key}, compression=compression, origin=ORIGIN)
        )
        agent = await stack.enter_async_context(
            welcomed(url, {"token": shop.agent_token}, compression=compression)
        )
        started = await visitor.ok({"type": "conversation.start"})
        conversation_id = started["conversation"]["id"]
        await agent.ok({"type": "subscribe", "conversation_id": conversation_id, "after_seq": 0})
        await visitor.say(conversation_id, "Is the fast path on?", "fast-1")
        for client in (visitor, agent):
            got = await client.next("message.created", seq=1)
            assert got["message"]["body"] == "Is the fast path on?"
        await visitor.send({"type": "typing", "conversation_id": conversation_id, "state": True})
        typing = await agent.next("typing")
        assert typing["participant"]["kind"] == "visitor"


async def test_uncompressed_connections_get_pre_framed_writes(
    live_server: LiveServer, shop: Tenant, http: httpx.AsyncClient
) -> None:
    before = await scrape_metrics(http)
    await talk(live_server, shop, compression=None)
    after = await scrape_metrics(http)
    assert after[DIRECT] - before[DIRECT] == 2, "the direct writer was not attached"
    assert after[ASGI] == before[ASGI]
    # message.created to both, the typing signal to the agent: written straight through.
    assert after[DIRECT_FRAMES] - before[DIRECT_FRAMES] >= 2, "fan-out did not write directly"


async def test_compressed_connections_use_the_asgi_send(
    live_server: LiveServer, shop: Tenant, http: httpx.AsyncClient
) -> None:
    """permessage-deflate frames differ per connection: no pre-framed bytes for them."""
    before = await scrape_metrics(http)
    await talk(live_server, shop, compression="deflate")
    after = await scrape_metrics(http)
    assert after[ASGI] - before[ASGI] == 2
    assert after[DIRECT] == before[DIRECT]
    assert after[DIRECT_FRAMES] == before[DIRECT_FRAMES]
