"""The bot SDK against a real server: answers, resumes across restarts, stays light."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx
import pytest

import flowsupport_bot
from flowsupport_bot.examples import echo
from tests.live import LiveServer, eventually, free_port, running_server
from tests.provision import ORIGIN, Tenant, provision
from tests.wsclient import session


def test_sdk_imports_without_the_server_stack() -> None:
    """A bot author's environment needs websockets (and msgpack), never the server."""
    probe = (
        "import sys, flowsupport_bot, flowsupport_bot.examples.echo; "
        "heavy = {'server', 'asyncpg', 'starlette', 'uvicorn', 'litellm', 'redis', 'pydantic'}; "
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


async def test_echo_bot_answers_a_visitor(live_server: LiveServer, shop: Tenant) -> None:
    """The example bot, driven by the SDK, answers each visitor message once. It may follow
    the inbox only after the visitor wrote: it catches up on what it missed."""
    bot = asyncio.create_task(echo.run(live_server.ws_url, shop.api_key))
    try:
        async with session(
            live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN
        ) as visitor:
            conversation_id = (await visitor.ok({"type": "conversation.start"}))["conversation"][
                "id"
            ]
            await visitor.say(conversation_id, "ping?", "q1")
            reply = await visitor.next("message.created", seq=2)
            assert reply["message"]["body"] == "You said: ping?"
            assert reply["message"]["sender"]["kind"] == "bot"
    finally:
        bot.cancel()


async def test_sdk_request_errors_are_typed(live_server: LiveServer, shop: Tenant) -> None:
    """An error frame becomes FlowSupportError with the protocol code."""
    async with flowsupport_bot.connect(live_server.ws_url, api_key=shop.api_key) as bot:
        with pytest.raises(flowsupport_bot.FlowSupportError) as caught:
            await bot.subscribe("00000000-0000-0000-0000-000000000000")
    assert caught.value.code == "not_found"


async def test_bad_credentials_are_refused_not_retried(live_server: LiveServer) -> None:
    with pytest.raises(flowsupport_bot.Refused) as caught:
        async with flowsupport_bot.connect(live_server.ws_url, api_key="fsk_" + "0" * 32 + "_nope"):
            pass
    assert caught.value.code == 4001


async def transcript_when(
    server: LiveServer, shop: Tenant, conversation_id: str, replies: int
) -> list[dict[str, Any]]:
    """The conversation's stored messages, once the bot has written `replies` of them (it
    may lag behind a restart). What is stored is what happened: a question answered twice
    shows as a reply too many."""
    found: list[dict[str, Any]] = []

    async def caught_up() -> bool:
        async with httpx.AsyncClient(base_url=server.base_url) as http:
            page = await http.get(
                f"/v1/conversations/{conversation_id}/messages?limit=100",
                headers={"authorization": f"Bearer {shop.agent_token}"},
            )
        assert page.status_code == 200, page.text
        found[:] = page.json()["messages"]
        return sum(m["sender"]["kind"] == "bot" for m in found) >= replies

    try:
        await eventually(caught_up, f"the bot's {replies} replies", timeout_s=30)
    except AssertionError as exc:
        # Which questions went unanswered, and what the server saw of the bot, say why.
        answered = {
            m["body"].removeprefix("You said: ") for m in found if m["sender"]["kind"] == "bot"
        }
        unanswered = [
            m["body"]
            for m in found
            if m["sender"]["kind"] == "visitor" and m["body"] not in answered
        ]
        lines = server.output.lines if server.output is not None else []
        log = "".join(line for line in lines if "/messages HTTP" not in line)[-6000:]
        raise AssertionError(f"{exc}; unanswered: {unanswered}; server log tail:\n{log}") from None
    return found


async def test_bot_survives_server_restarts_without_missing_or_repeating() -> None:
    """Two restarts mid-conversation: every visitor message answered exactly once."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-sdk-"))
    port = free_port()
    try:
        with running_server(data_dir, port=port) as first:
            shop = await provision(first)
        url = first.ws_url
        bot_task: asyncio.Task[None] | None = None
        token: str | None = None
        conversation_id = ""
        sent = 0
        stored: list[dict[str, Any]] = []
        for round_number in range(3):
            with running_server(data_dir, port=port) as server:
                if bot_task is None:
                    bot_task = asyncio.create_task(echo.run(url, shop.api_key, max_backoff_s=1.0))
                hello = {"widget_key": shop.widget_key}
                if token:
                    hello["visitor_token"] = token
                async with session(url, hello, origin=ORIGIN) as visitor:
                    token = visitor.welcome["visitor_token"]
                    if not conversation_id:
                        started = await visitor.ok({"type": "conversation.start"})
                        conversation_id = started["conversation"]["id"]
                    for i in range(3):
                        await visitor.ok(
                            {
                                "type": "message.send",
                                "conversation_id": conversation_id,
                                "client_msg_id": f"r{round_number}-{i}",
                                "body": f"round {round_number} #{i}",
                            }
                        )
                        sent += 1
                    if round_number == 2:
                        stored = await transcript_when(server, shop, conversation_id, sent)
        assert bot_task is not None
        bot_task.cancel()
        replies = [m["body"] for m in stored if m["sender"]["kind"] == "bot"]
        asked = [m["body"] for m in stored if m["sender"]["kind"] == "visitor"]
        assert len(asked) == sent == 9
        assert sorted(replies) == sorted(f"You said: {body}" for body in asked)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
