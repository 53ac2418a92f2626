"""The SDK's replay bookkeeping against a scripted PROTOCOL.md peer, in the orders a real
server may legitimately produce but rarely does: the race is made certain, not hoped for."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.server import ServerConnection, serve

import flowsupport_bot
from flowsupport_bot import MessageCreated

CONVERSATION = "c0ffee00-0000-4000-8000-000000000001"


def created(seq: int) -> dict[str, Any]:
    return {
        "type": "message.created",
        "conversation_id": CONVERSATION,
        "seq": seq,
        "message": {
            "id": f"m{seq}",
            "conversation_id": CONVERSATION,
            "seq": seq,
            "sender": {"kind": "visitor", "id": "v1"},
            "body": f"question {seq}",
            "private": False,
            "created_at": "2026-12-04T00:00:00Z",
        },
    }


async def inbox_races_the_replay(ws: ServerConnection) -> None:
    """A bot follows the inbox. Message 1 reaches it through the inbox; so does message 2,
    sent before the server handled the bot's `subscribe` (the inbox delivers to a
    connection not yet subscribed). Then the ack, then the replay of 1 and 2."""
    async for data in ws:
        frame = json.loads(data)
        kind = frame["type"]
        if kind == "hello":
            welcome = {"session_id": "s1", "principal": {"kind": "bot", "id": "b1"}}
            await ws.send(json.dumps({"type": "welcome", **welcome}))
        elif kind == "inbox.subscribe":
            await ws.send(json.dumps({"type": "ack", "id": frame["id"], "conversations": []}))
            await ws.send(json.dumps(created(1)))
        elif kind == "subscribe":
            assert frame["after_seq"] == 0, frame
            await ws.send(json.dumps(created(2)))
            ack = {"conversation": {"id": CONVERSATION, "last_seq": 2}, "last_seq": 2}
            await ws.send(json.dumps({"type": "ack", "id": frame["id"], **ack}))
            for seq in (1, 2):
                await ws.send(json.dumps(created(seq)))


@asynccontextmanager
async def scripted(handler: Any) -> AsyncIterator[str]:
    async with serve(handler, "127.0.0.1", 0, subprotocols=["flowsupport.v1.json"]) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        yield f"ws://127.0.0.1:{port}/v1/ws"


async def test_an_inbox_event_ahead_of_the_replay_hides_nothing() -> None:
    async with (
        scripted(inbox_races_the_replay) as url,
        flowsupport_bot.connect(url, api_key="fsk_scripted") as bot,
    ):
        await bot.follow_inbox()
        seen: list[int] = []

        async def collect() -> None:
            async for event in bot.events():
                assert isinstance(event, MessageCreated)
                seen.append(event.seq)

        with contextlib.suppress(TimeoutError):  # the script has said all it says
            await asyncio.wait_for(collect(), 1)
        assert seen == [1, 2]
