"""Bad frames get their documented error or close code; the server keeps serving everyone."""

from __future__ import annotations

import asyncio
import json

import msgpack
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from server.protocol.codes import HELLO_DEADLINE_S
from server.realtime.endpoint import HELLO_SLICE_S
from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant
from tests.wsclient import WAIT_S, Client, session


async def closed_with(
    url: str, first: str | bytes | None, *, origin: str | None = None, wait: float = WAIT_S
) -> int:
    """Connect, send `first` (if any) and return the close code the server chose."""
    headers = {"Origin": origin} if origin else None
    async with connect(
        url, subprotocols=["flowsupport.v1.json"], additional_headers=headers, max_size=2**24
    ) as ws:
        if first is not None:
            await ws.send(first)
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), wait)
        assert closed.value.rcvd is not None
        return closed.value.rcvd.code


async def still_serves(client: Client) -> None:
    assert (await client.request({"type": "ping"}))["type"] == "pong"


async def test_malformed_frames_answered_and_connection_survives(
    live_server: LiveServer, shop: Tenant
) -> None:
    """Malformed JSON, a non-object, an unknown type, a missing field: error frames, then on."""
    async with session(live_server.ws_url, {"api_key": shop.api_key}) as bot:
        await bot.ws.send("{not json")
        assert (await bot.next("error"))["code"] == "bad_request"
        await bot.ws.send("[1, 2, 3]")
        assert (await bot.next("error"))["code"] == "bad_request"
        unknown = await bot.request({"type": "teleport"})
        assert unknown["code"] == "bad_request" and "teleport" in unknown["message"]
        missing = await bot.request({"type": "subscribe"})
        assert missing["code"] == "bad_request" and "conversation_id" in missing["message"]
        wrong = await bot.request({"type": "read", "conversation_id": "x", "seq": "nine"})
        assert wrong["code"] == "bad_request" and "seq" in wrong["message"]
        await bot.ws.send(msgpack.packb({"type": "ping"}))  # binary on a JSON connection
        assert (await bot.next("error"))["code"] == "bad_request"
        await still_serves(bot)


async def test_malformed_msgpack(live_server: LiveServer, shop: Tenant) -> None:
    """Garbage on a MessagePack connection is a bad_request, in MessagePack."""
    async with session(live_server.ws_url, {"api_key": shop.api_key}, binary=True) as bot:
        await bot.ws.send(b"\xc1\xff\x00")
        assert (await bot.next("error"))["code"] == "bad_request"
        await still_serves(bot)


async def test_body_limits(live_server: LiveServer, shop: Tenant) -> None:
    """8,000 characters pass, 8,001 and blank bodies are refused, and nothing is stored."""
    async with session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        conversation_id = (await v.ok({"type": "conversation.start"}))["conversation"]["id"]
        send = {"type": "message.send", "conversation_id": conversation_id}
        assert (await v.request({**send, "client_msg_id": "a", "body": "x" * 8000}))[
            "type"
        ] == "ack"
        for body in ("x" * 8001, "   "):
            answer = await v.request({**send, "client_msg_id": "b", "body": body})
            assert answer["code"] == "bad_request" and "body" in answer["message"]
        replay = await v.ok({"type": "subscribe", "conversation_id": conversation_id})
        assert replay["last_seq"] == 1


async def test_frame_size_limits(live_server: LiveServer, shop: Tenant) -> None:
    """Over max_frame_bytes: too_large and the connection goes on; far over it: close 1009."""
    async with session(live_server.ws_url, {"api_key": shop.api_key}) as bot:
        big = json.dumps({"type": "ping", "id": "big", "pad": "x" * 70_000})
        await bot.ws.send(big)
        refused = await bot.next("error")
        assert refused["code"] == "too_large" and refused["id"] == "big"  # answers its frame
        await bot.ws.send("x" * 70_000)  # no id to answer: the error carries none
        assert "id" not in await bot.next("error")
        await still_serves(bot)
        await bot.ws.send("y" * 2_000_000)
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(bot.ws.recv(), WAIT_S)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009


async def test_limit_applies_after_decompression(live_server: LiveServer, shop: Tenant) -> None:
    """A compressed frame is measured decompressed: a tiny wire frame can still be too large."""
    async with session(live_server.ws_url, {"api_key": shop.api_key}) as bot:
        assert bot.ws.protocol.extensions, "permessage-deflate was negotiated"
        await bot.ws.send(json.dumps({"type": "ping", "pad": "z" * 100_000}))
        assert (await bot.next("error"))["code"] == "too_large"
        await bot.ws.send("z" * 3_000_000)  # a few KiB on the wire
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(bot.ws.recv(), WAIT_S)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009


async def test_forged_credentials_close_4001(live_server: LiveServer, shop: Tenant) -> None:
    """A forged token, an unknown API key or widget key, a wrong identity HMAC: 4001."""
    url = live_server.ws_url
    bad_hellos = [
        {"token": shop.agent_token[:-3] + "AAA"},
        {"api_key": shop.api_key[:-4] + "zzzz"},
        {"widget_key": "wk_not-a-real-key"},
        {"widget_key": shop.widget_key, "identity": {"external_id": "u1", "hmac": "00" * 32}},
        {"widget_key": shop.widget_key, "token": shop.agent_token},
        {},
    ]
    for hello in bad_hellos:
        code = await closed_with(url, json.dumps({"type": "hello", **hello}), origin=ORIGIN)
        assert code == 4001, hello
    assert await closed_with(url, json.dumps({"type": "ping"})) == 4001


async def test_no_hello_in_time_closes_4001(live_server: LiveServer) -> None:
    """Silence after the upgrade: closed with 4001 at the 10 s deadline (the server's clock
    is moved past it: no test waits for time to pass)."""
    async with connect(live_server.ws_url, subprotocols=["flowsupport.v1.json"]) as ws:
        with pytest.raises(TimeoutError):  # well before the deadline: still open
            await asyncio.wait_for(ws.recv(), 0.7)
        live_server.clock.advance(HELLO_DEADLINE_S)
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 2 * HELLO_SLICE_S + 1)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4001


async def test_origin_checks_close_4003(live_server: LiveServer, shop: Tenant) -> None:
    """A visitor from a site the tenant did not allow, an agent from a foreign page: 4003."""
    url = live_server.ws_url
    visitor = json.dumps({"type": "hello", "widget_key": shop.widget_key})
    agent = json.dumps({"type": "hello", "token": shop.agent_token})
    assert await closed_with(url, visitor, origin="https://evil.example") == 4003
    assert await closed_with(url, agent, origin="https://evil.example") == 4003
    # Without FLOWSUPPORT_PUBLIC_URL, agents' pages are this server's own address, by any
    # loopback name; another port of the same host is another origin.
    port = live_server.base_url.rsplit(":", 1)[1]
    for own in (live_server.base_url, f"http://localhost:{port}", f"http://[::1]:{port}"):
        async with session(url, {"token": shop.agent_token}, origin=own):
            pass
    other_port = "http://127.0.0.1:1" if port != "1" else "http://127.0.0.1:2"
    assert await closed_with(url, agent, origin=other_port) == 4003


async def test_no_peeking_across_visitors_or_tenants(
    live_server: LiveServer, shop: Tenant, other_shop: Tenant
) -> None:
    """Another visitor's conversation and another tenant's look exactly like missing ones."""
    url = live_server.ws_url
    async with session(url, {"widget_key": shop.widget_key}, origin=ORIGIN) as alice:
        conversation_id = (await alice.ok({"type": "conversation.start"}))["conversation"]["id"]
        await alice.say(conversation_id, "my secret", "s")
    async with session(url, {"widget_key": shop.widget_key}, origin=ORIGIN) as mallory:
        for frame in (
            {"type": "subscribe", "conversation_id": conversation_id, "after_seq": 0},
            {
                "type": "message.send",
                "conversation_id": conversation_id,
                "client_msg_id": "m",
                "body": "hi",
            },
            {"type": "handoff.request", "conversation_id": conversation_id},
        ):
            assert (await mallory.request(frame))["code"] == "not_found", frame
        assert mallory.of_type(await mallory.quiet(), "message.created") == []
    async with session(url, {"token": other_shop.agent_token}) as outsider:
        answer = await outsider.request({"type": "subscribe", "conversation_id": conversation_id})
        missing = await outsider.request(
            {"type": "subscribe", "conversation_id": "00000000-0000-0000-0000-000000000000"}
        )
        assert answer["code"] == missing["code"] == "not_found"
        assert answer["message"] == missing["message"]


async def test_visitor_cannot_write_private_notes_or_update(
    live_server: LiveServer, shop: Tenant
) -> None:
    """Private notes and conversation.update are for staff; the visitor gets forbidden."""
    async with session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        conversation_id = (await v.ok({"type": "conversation.start"}))["conversation"]["id"]
        note = await v.request(
            {
                "type": "message.send",
                "conversation_id": conversation_id,
                "client_msg_id": "p",
                "body": "psst",
                "private": True,
            }
        )
        update = await v.request(
            {"type": "conversation.update", "conversation_id": conversation_id, "status": "closed"}
        )
        inbox = await v.request({"type": "inbox.subscribe"})
        assert [note["code"], update["code"], inbox["code"]] == ["forbidden"] * 3
        assert (await v.ok({"type": "subscribe", "conversation_id": conversation_id}))[
            "last_seq"
        ] == 0


async def test_flood_is_rate_limited_then_closed_4008(
    live_server: LiveServer, shop: Tenant
) -> None:
    """Past the rate: rate_limited with retry_after_ms; keeping on: 4008. Others unaffected."""
    url = live_server.ws_url
    async with session(url, {"api_key": shop.api_key}) as bystander:
        async with connect(
            url,
            subprotocols=["flowsupport.v1.json"],
            max_queue=None,
            additional_headers={"Origin": ORIGIN},
        ) as ws:
            flooder = Client(ws, binary=False)
            await flooder.send({"type": "hello", "widget_key": shop.widget_key})
            await flooder.next("welcome")
            for i in range(80):
                await flooder.send({"type": "ping", "id": f"p{i}"})
            frames = []
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    frames.append(await flooder.recv())
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4008
        limited = [f for f in frames if f["type"] == "error"]
        assert limited and all(f["code"] == "rate_limited" for f in limited)
        assert all(f["retry_after_ms"] > 0 for f in limited)
        await still_serves(bystander)
