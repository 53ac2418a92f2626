"""AI help for agents over HTTP (no LLM: quoting): a suggested reply from the knowledge
base with its source, no draft where the AI would hand over, a summary, and nothing ever
sent to the customer."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant, ingest, provision
from tests.realtime.test_ai_answers import CORPUS, SAMPLE
from tests.wsclient import Client, session


@pytest.fixture(scope="module")
async def desk(live_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Tenant:
    """AI answers off: what the customer asks waits for an agent, who asks for a draft."""
    tenant = await provision(live_server, ai=False)
    folder: Path = tmp_path_factory.mktemp("kb")
    for name in SAMPLE:
        shutil.copy(CORPUS / name, folder / name)
    ingest(live_server, tenant.tenant_id, folder)
    return tenant


def staff(live: LiveServer, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=live.base_url, headers={"authorization": f"Bearer {token}"}, timeout=30
    )


async def customer_asks(visitor: Client, *lines: str) -> str:
    started = await visitor.ok({"type": "conversation.start"})
    conversation_id: str = started["conversation"]["id"]
    for n, line in enumerate(lines):
        await visitor.say(conversation_id, line, f"{conversation_id}-{n}")
    return conversation_id


async def test_a_suggested_reply_quotes_the_right_article_and_is_not_sent(
    live_server: LiveServer, desk: Tenant
) -> None:
    async with session(live_server.ws_url, {"widget_key": desk.widget_key}, origin=ORIGIN) as v:
        conversation_id = await customer_asks(v, "Hello!", "How do I cancel my subscription?")
        async with staff(live_server, desk.agent_token) as http:
            answer = await http.post(f"/v1/conversations/{conversation_id}/suggested-reply")
            assert answer.status_code == 200, answer.text
            draft = answer.json()
            assert draft["answerable"] is True and draft["reason"] == "answered"
            assert "cancel" in draft["body"].lower()
            assert draft["citations"][0]["title"] == "Cancel your subscription plan"
            # It answers the question, not the greeting before it.
            assert draft["question"]["body"] == "How do I cancel my subscription?"
            assert draft["question"]["seq"] == 2
            listed = await http.get(f"/v1/conversations/{conversation_id}/messages")
            assert [m["body"] for m in listed.json()["messages"]] == [
                "Hello!",
                "How do I cancel my subscription?",
            ]
        later = [f for f in v.of_type(await v.quiet(0.3), "message.created") if f["seq"] > 2]
        assert later == [], "a suggestion reached the customer"


async def test_no_draft_where_the_ai_would_hand_over(live_server: LiveServer, desk: Tenant) -> None:
    async with session(live_server.ws_url, {"widget_key": desk.widget_key}, origin=ORIGIN) as v:
        refund = await customer_asks(v, "I renewed by mistake, can I get my money back?")
        weather = await customer_asks(v, "What's the weather in Lisbon tomorrow?")
        greeting = await customer_asks(v, "Hi there")
        async with staff(live_server, desk.agent_token) as http:
            for conversation_id in (refund, weather):
                draft = (
                    await http.post(f"/v1/conversations/{conversation_id}/suggested-reply")
                ).json()
                assert draft["answerable"] is False and draft["body"] == ""
                assert draft["reason"] != "answered"
                assert draft["question"]["seq"] == 1
            nothing = (await http.post(f"/v1/conversations/{greeting}/suggested-reply")).json()
            assert nothing == {
                "body": "",
                "answerable": False,
                "reason": "no_question",
                "citations": [],
                "question": None,
            }


async def test_summary_is_extractive_without_an_llm(live_server: LiveServer, desk: Tenant) -> None:
    async with session(live_server.ws_url, {"widget_key": desk.widget_key}, origin=ORIGIN) as v:
        conversation_id = await customer_asks(
            v, "How do I change my plan?", "And can I turn on two-factor authentication?"
        )
        async with session(live_server.ws_url, {"token": desk.agent_token}) as agent:
            await agent.say(conversation_id, "Yes: Settings, then Security.", "a-1")
            await agent.ok(
                {
                    "type": "message.send",
                    "conversation_id": conversation_id,
                    "client_msg_id": "note-1",
                    "body": "Customer is on the annual plan",
                    "private": True,
                }
            )
        async with staff(live_server, desk.agent_token) as http:
            answer = await http.post(f"/v1/conversations/{conversation_id}/summary")
    assert answer.status_code == 200, answer.text
    summary = answer.json()
    assert summary["by"] == "extractive"
    assert summary["summary"].splitlines() == [
        "Question: And can I turn on two-factor authentication?",
        "Earlier: How do I change my plan?",
        "Agent replied: Yes: Settings, then Security.",
        "Internal notes: 1",
    ]


async def test_only_staff_of_the_tenant_get_help(live_server: LiveServer, desk: Tenant) -> None:
    other = await provision(live_server, ai=False)
    async with session(live_server.ws_url, {"widget_key": desk.widget_key}, origin=ORIGIN) as v:
        conversation_id = await customer_asks(v, "How do I cancel my subscription?")
        visitor_token = v.welcome["visitor_token"]
    for path in ("suggested-reply", "summary"):
        url = f"/v1/conversations/{conversation_id}/{path}"
        async with staff(live_server, other.agent_token) as http:
            assert (await http.post(url)).status_code == 404  # another tenant's: not found
            missing = await http.post(
                f"/v1/conversations/{'0' * 8}-0000-4000-8000-{'0' * 12}/{path}"
            )
            assert missing.status_code == 404
            malformed = await http.post(f"/v1/conversations/not-an-id/{path}")
            # Like GET /v1/conversations/{id}: an id that cannot exist is not found.
            assert malformed.status_code == 404
            assert malformed.json()["error"]["code"] == "not_found"
        async with staff(live_server, visitor_token) as http:
            assert (await http.post(url)).status_code in (401, 403)
        async with httpx.AsyncClient(base_url=live_server.base_url) as anonymous:
            assert (await anonymous.post(url)).status_code == 401
