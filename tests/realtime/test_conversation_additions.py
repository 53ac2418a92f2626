"""PROTOCOL.md additions over the WebSocket: `conversation.start` idempotent by
`client_conv_id`, `conversation.created` to inbox watchers, and a visitor's
`conversations.list`."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant
from tests.wsclient import session


def hello(shop: Tenant, token: str | None = None) -> dict[str, object]:
    return {"widget_key": shop.widget_key, **({"visitor_token": token} if token else {})}


def created_in(frames: list[dict[str, Any]], conversation_id: str) -> list[dict[str, Any]]:
    """The `conversation.created` frames among `frames` for one conversation."""
    return [
        f
        for f in frames
        if f["type"] == "conversation.created" and f["conversation"]["id"] == conversation_id
    ]


async def test_a_lost_ack_asks_again_and_gets_the_same_conversation(
    live_server: LiveServer, shop: Tenant
) -> None:
    """The same key from the same visitor returns the first conversation, from another
    socket and at the same time too; another visitor's same key is its own; the inbox hears
    of it once."""
    url = live_server.ws_url
    async with (
        session(url, {"token": shop.agent_token}) as agent,
        session(url, hello(shop), origin=ORIGIN) as first,
    ):
        await agent.ok({"type": "inbox.subscribe"})
        start = {"type": "conversation.start", "client_conv_id": "tab-1", "subject": "Plans"}
        started = (await first.ok(start))["conversation"]
        again = (await first.ok(start))["conversation"]
        assert again["id"] == started["id"]
        token = first.welcome["visitor_token"]
        async with (
            session(url, hello(shop, token), origin=ORIGIN) as second,
            session(url, hello(shop, token), origin=ORIGIN) as third,
            session(url, hello(shop, token), origin=ORIGIN) as fourth,
        ):
            racing = await asyncio.gather(
                second.ok({**start, "client_conv_id": "tab-2"}),
                third.ok({**start, "client_conv_id": "tab-2"}),
                fourth.ok(start),
            )
        ids = [answer["conversation"]["id"] for answer in racing]
        assert ids[0] == ids[1] != started["id"] and ids[2] == started["id"]
        async with session(url, hello(shop), origin=ORIGIN) as stranger:
            theirs = (await stranger.ok(start))["conversation"]
        assert theirs["id"] not in ids

        heard = await agent.quiet(0.5)
        assert len(created_in(heard, started["id"])) == 1
        assert len(created_in(heard, ids[0])) == 1

        # The conversation is an ordinary one: the visitor writes in it.
        sent = await first.say(started["id"], "Which plan has SSO?", "m-1")
        assert sent["message"]["seq"] == 1


async def test_client_conv_id_is_checked(live_server: LiveServer, shop: Tenant) -> None:
    async with session(live_server.ws_url, hello(shop), origin=ORIGIN) as visitor:
        for bad in ("", "x" * 129, 7):
            answer = await visitor.request({"type": "conversation.start", "client_conv_id": bad})
            assert answer["type"] == "error" and answer["code"] == "bad_request", answer


async def test_the_inbox_sees_a_new_conversation_before_its_first_message(
    live_server: LiveServer, shop: Tenant
) -> None:
    """`conversation.created` comes at the start, with no seq; and for the conversation a
    customer's message to a closed one makes, before that message. Other tenants' watchers
    and inbox filters that do not admit it hear nothing."""
    url = live_server.ws_url
    async with (
        session(url, {"token": shop.agent_token}) as agent,
        session(url, {"token": shop.agent_token}) as mine_only,
        session(url, hello(shop), origin=ORIGIN) as visitor,
    ):
        await agent.ok({"type": "inbox.subscribe"})
        await mine_only.ok({"type": "inbox.subscribe", "filter": {"assignee": "me"}})
        conversation = (await visitor.ok({"type": "conversation.start"}))["conversation"]
        created = await agent.next("conversation.created")
        assert created["conversation"]["id"] == conversation["id"]
        assert "seq" not in created and created["conversation"]["status"] == "open"
        assert not created_in(await mine_only.quiet(0.5), conversation["id"])

        await agent.ok(
            {
                "type": "conversation.update",
                "conversation_id": conversation["id"],
                "status": "closed",
            }
        )
        agent.inbox.clear()
        await agent.quiet()
        sent = await visitor.say(conversation["id"], "One more question", "after-close")
        follow_up = sent["message"]["conversation_id"]
        assert follow_up != conversation["id"]
        frames = [f for f in await agent.quiet(1.0) if f.get("type") != "presence"]
        kinds = [
            f["type"]
            for f in frames
            if f.get("conversation_id") == follow_up
            or f.get("conversation", {}).get("id") == follow_up
        ]
        assert kinds[:2] == ["conversation.created", "message.created"], kinds


async def test_a_visitor_lists_its_own_conversations(
    live_server: LiveServer, shop: Tenant, other_shop: Tenant
) -> None:
    """Newest first, each with the last message the visitor may see (never a note); nobody
    else's; staff are told to use the inbox."""
    url = live_server.ws_url
    async with (
        session(url, hello(shop), origin=ORIGIN) as visitor,
        session(url, {"token": shop.agent_token}) as agent,
    ):
        older = (await visitor.ok({"type": "conversation.start"}))["conversation"]["id"]
        await visitor.say(older, "First question", "q-1")
        await agent.ok(
            {
                "type": "message.send",
                "conversation_id": older,
                "client_msg_id": "note-1",
                "body": "internal: do not show",
                "private": True,
            }
        )
        newer = (await visitor.ok({"type": "conversation.start"}))["conversation"]["id"]
        listed = (await visitor.ok({"type": "conversations.list"}))["conversations"]
        assert [c["id"] for c in listed] == [newer, older]
        assert "last_message" not in listed[0]
        assert listed[1]["last_message"]["body"] == "First question"
        assert listed[1]["last_message"]["seq"] == 1

        refused = await agent.request({"type": "conversations.list"})
        assert refused["type"] == "error" and refused["code"] == "forbidden"

    async with session(url, hello(shop), origin=ORIGIN) as stranger:
        assert (await stranger.ok({"type": "conversations.list"}))["conversations"] == []
    async with session(url, hello(other_shop), origin=ORIGIN) as elsewhere:
        assert (await elsewhere.ok({"type": "conversations.list"}))["conversations"] == []
