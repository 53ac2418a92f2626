"""Visitors, agents and bots talking through one node, in both encodings."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant
from tests.wsclient import session

ENCODINGS = [pytest.param(False, id="json"), pytest.param(True, id="msgpack")]


def visitor_hello(shop: Tenant, **extra: object) -> dict[str, object]:
    return {"widget_key": shop.widget_key, **extra}


@pytest.mark.parametrize("binary", ENCODINGS)
async def test_visitor_and_agent_talk(live_server: LiveServer, shop: Tenant, binary: bool) -> None:
    """A visitor starts a conversation; an agent joins by replay; replies, notes and typing flow."""
    url = live_server.ws_url
    async with session(url, visitor_hello(shop), binary=binary, origin=ORIGIN) as visitor:
        assert visitor.welcome["principal"]["kind"] == "visitor"
        assert visitor.welcome["visitor_token"].startswith("fs1.")
        assert visitor.welcome["max_frame_bytes"] == 65536
        started = await visitor.ok({"type": "conversation.start", "subject": "Billing"})
        conversation_id = started["conversation"]["id"]
        assert started["conversation"]["status"] == "open"
        sent = await visitor.say(conversation_id, "  How do I change my plan?  ", "v-1")
        assert sent["message"]["seq"] == 1
        assert sent["message"]["body"] == "How do I change my plan?"
        echo = await visitor.next("message.created")
        assert echo["seq"] == 1 and echo["message"]["client_msg_id"] == "v-1"

        async with session(url, {"token": shop.agent_token}, binary=binary) as agent:
            joined = await agent.ok(
                {"type": "subscribe", "conversation_id": conversation_id, "after_seq": 0}
            )
            assert joined["last_seq"] == 1
            replayed = await agent.next("message.created")
            assert replayed["message"]["body"] == "How do I change my plan?"

            await agent.send({"type": "typing", "conversation_id": conversation_id, "state": True})
            typing = await visitor.next("typing")
            assert typing["participant"]["kind"] == "agent" and typing["state"] is True

            await agent.ok(
                {
                    "type": "message.send",
                    "conversation_id": conversation_id,
                    "client_msg_id": "a-1",
                    "body": "internal: VIP customer",
                    "private": True,
                }
            )
            await agent.say(conversation_id, "Settings > Billing > Change plan.", "a-2")
            reply = await visitor.next("message.created", seq=3)
            assert reply["message"]["sender"] == {
                "kind": "agent",
                "id": shop.agent_id,
                "name": "Ada Agent",
            }
            seen = await visitor.quiet()
            assert all(f.get("seq") != 2 for f in seen), "a visitor saw a private note"
            note = await agent.next("message.created", seq=2)
            assert note["message"]["private"] is True

            await visitor.send({"type": "read", "conversation_id": conversation_id, "seq": 3})
            read = await agent.next("read")
            assert read["seq"] == 3 and read["participant"]["kind"] == "visitor"


async def test_bot_answers_and_updates(live_server: LiveServer, shop: Tenant) -> None:
    """A bot (API key) sees the inbox, replies and changes a conversation's state."""
    url = live_server.ws_url
    async with (
        session(url, {"api_key": shop.api_key}) as bot,
        session(url, visitor_hello(shop), origin=ORIGIN) as visitor,
    ):
        assert bot.welcome["principal"]["kind"] == "bot"
        inbox = await bot.ok({"type": "inbox.subscribe", "filter": {"status": ["open"]}})
        assert isinstance(inbox["conversations"], list)
        started = await visitor.ok({"type": "conversation.start"})
        conversation_id = started["conversation"]["id"]
        await visitor.say(conversation_id, "hello?", "q")
        noticed = await bot.next("message.created", conversation_id=conversation_id)
        assert noticed["message"]["body"] == "hello?"
        await bot.ok({"type": "subscribe", "conversation_id": conversation_id})
        await bot.ok(
            {
                "type": "message.send",
                "conversation_id": conversation_id,
                "client_msg_id": "b-1",
                "body": "Hi, I am the helper bot.",
            }
        )
        answer = await visitor.next("message.created", seq=2)
        assert answer["message"]["sender"]["kind"] == "bot"
        updated = await bot.ok(
            {
                "type": "conversation.update",
                "conversation_id": conversation_id,
                "priority": "high",
                "tags": ["billing", "vip", "billing"],
            }
        )
        assert updated["conversation"]["priority"] == "high"
        assert updated["conversation"]["tags"] == ["billing", "vip"]
        change = await visitor.next("conversation.updated")
        assert change["seq"] == 3 and sorted(change["changes"]) == ["priority", "tags"]
        handed = await visitor.ok({"type": "handoff.request", "conversation_id": conversation_id})
        assert handed["conversation"]["status"] == "waiting_human"


async def test_same_client_msg_id_thrice_is_one_message(
    live_server: LiveServer, shop: Tenant
) -> None:
    """Resending a client_msg_id returns the first message and fans out nothing new."""
    url = live_server.ws_url
    async with (
        session(url, visitor_hello(shop), origin=ORIGIN) as visitor,
        session(url, {"token": shop.agent_token}) as agent,
    ):
        conversation_id = (await visitor.ok({"type": "conversation.start"}))["conversation"]["id"]
        await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
        acks = [await visitor.say(conversation_id, "once", "same") for _ in range(3)]
        assert len({a["message"]["id"] for a in acks}) == 1
        frames = await agent.quiet(0.5)
        assert len(agent.of_type(frames, "message.created")) == 1


async def test_resume_after_disconnect(live_server: LiveServer, shop: Tenant) -> None:
    """An agent away while 50 messages are sent gets exactly those 50, then live ones."""
    url = live_server.ws_url
    async with (
        session(url, visitor_hello(shop), origin=ORIGIN) as visitor,
        session(url, {"api_key": shop.api_key}) as bot,
    ):
        conversation_id = (await visitor.ok({"type": "conversation.start"}))["conversation"]["id"]
        await visitor.say(conversation_id, "before", "first")
        async with session(url, {"token": shop.agent_token}) as agent:
            await agent.ok(
                {"type": "subscribe", "conversation_id": conversation_id, "after_seq": 0}
            )
            held = (await agent.next("message.created"))["seq"]
        for i in range(50):
            await bot.ok(
                {
                    "type": "message.send",
                    "conversation_id": conversation_id,
                    "client_msg_id": f"away-{i}",
                    "body": f"message {i}",
                }
            )
        async with session(url, {"token": shop.agent_token}) as agent:
            await agent.ok(
                {"type": "subscribe", "conversation_id": conversation_id, "after_seq": held}
            )
            await visitor.say(conversation_id, "after", "live")
            got = [await agent.next("message.created") for _ in range(51)]
            extra = agent.of_type(await agent.quiet(0.3), "message.created")
        assert [f["seq"] for f in got] == list(range(2, 53))
        assert got[-1]["message"]["body"] == "after"
        assert extra == []


async def test_subscribe_during_a_burst_has_no_gap_or_double(
    live_server: LiveServer, shop: Tenant
) -> None:
    """Messages published while a replay is being read arrive once each, in order."""
    url = live_server.ws_url
    async with (
        session(url, visitor_hello(shop), origin=ORIGIN) as visitor,
        session(url, {"api_key": shop.api_key}) as bot,
        session(url, {"token": shop.agent_token}) as agent,
    ):
        conversation_id = (await visitor.ok({"type": "conversation.start"}))["conversation"]["id"]

        async def burst() -> None:
            for i in range(120):
                await bot.ok(
                    {
                        "type": "message.send",
                        "conversation_id": conversation_id,
                        "client_msg_id": f"burst-{i}",
                        "body": f"b{i}",
                    }
                )

        sender = asyncio.create_task(burst())
        await asyncio.sleep(0.05)
        await agent.ok({"type": "subscribe", "conversation_id": conversation_id, "after_seq": 0})
        await sender
        seqs = [(await agent.next("message.created"))["seq"] for _ in range(120)]
        assert seqs == list(range(1, 121))
        assert agent.of_type(await agent.quiet(0.3), "message.created") == []


async def test_returning_and_identified_visitors(live_server: LiveServer, shop: Tenant) -> None:
    """visitor_token brings back the same contact; a verified identity does on any device."""
    url = live_server.ws_url
    async with session(url, visitor_hello(shop), origin=ORIGIN) as first:
        token = first.welcome["visitor_token"]
        contact = first.welcome["principal"]["id"]
    async with session(url, visitor_hello(shop, visitor_token=token), origin=ORIGIN) as again:
        assert again.welcome["principal"]["id"] == contact

    external = f"cust-{uuid.uuid4().hex[:6]}"
    identity = {**shop.identity(external), "name": "Chris Customer"}
    async with session(url, visitor_hello(shop, identity=identity), origin=ORIGIN) as laptop:
        conversation_id = (await laptop.ok({"type": "conversation.start"}))["conversation"]["id"]
        person = laptop.welcome["principal"]
        assert person["name"] == "Chris Customer"
    async with session(url, visitor_hello(shop, identity=identity), origin=ORIGIN) as phone:
        assert phone.welcome["principal"]["id"] == person["id"]
        joined = await phone.ok({"type": "subscribe", "conversation_id": conversation_id})
        assert joined["conversation"]["id"] == conversation_id


async def test_presence_counts_agents(live_server: LiveServer, shop: Tenant) -> None:
    """Visitors learn how many agents are online; agents also see who."""
    url = live_server.ws_url
    async with session(url, visitor_hello(shop), origin=ORIGIN) as visitor:
        assert (await visitor.next("presence"))["agents_online"] == 0
        async with session(url, {"token": shop.agent_token}) as agent:
            mine = await agent.next("presence")
            assert mine["agents_online"] == 1
            assert mine["agents"] == [{"id": shop.agent_id, "name": "Ada Agent"}]
            seen = await visitor.next("presence")
            assert seen == {"type": "presence", "agents_online": 1}
        assert (await visitor.next("presence"))["agents_online"] == 0


async def test_ping_pong(live_server: LiveServer, shop: Tenant) -> None:
    async with session(live_server.ws_url, {"api_key": shop.api_key}) as bot:
        assert (await bot.request({"type": "ping"}))["type"] == "pong"
