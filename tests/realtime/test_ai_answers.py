"""AI answers from the knowledge base, streamed over the protocol (no LLM: extractive)."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from kb_ingest.samples import PLAUSIBLE_DOCS
from tests.live import LiveServer, running_server
from tests.provision import ORIGIN, Tenant, help_desk, ingest, provision
from tests.wsclient import Client, session

CORPUS = PLAUSIBLE_DOCS
SAMPLE = ["change-plan.md", "cancel-subscription.md", "excluding.md", "2fa.md"]


@pytest.fixture(scope="module")
async def helpdesk(live_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Tenant:
    """A tenant with AI on and a small knowledge base, ingested by the real command."""
    return await help_desk(live_server, tmp_path_factory.mktemp("kb"), SAMPLE)


async def ask(visitor: Client, question: str) -> str:
    conversation_id: str = (await visitor.ok({"type": "conversation.start"}))["conversation"]["id"]
    await visitor.say(conversation_id, question, "q-1")
    return conversation_id


async def stream_of(client: Client) -> tuple[dict[str, object], list[dict[str, object]], dict]:
    started = await client.next("ai.started", timeout=15)
    deltas = []
    while True:
        frame = await client.next_any(("ai.delta", "ai.done"), timeout=15)
        if frame["type"] == "ai.done":
            return started, deltas, frame
        deltas.append(frame)


async def test_answer_streams_to_visitor_and_agent_then_persists(
    live_server: LiveServer, helpdesk: Tenant
) -> None:
    """Deltas indexed 0..n with the text growing, ai.done with citations, then the message."""
    url = live_server.ws_url
    async with session(url, {"widget_key": helpdesk.widget_key}, origin=ORIGIN) as visitor:
        async with session(url, {"token": helpdesk.agent_token}) as agent:
            await agent.ok({"type": "inbox.subscribe"})
            conversation_id = await ask(visitor, "How do I cancel my subscription?")
            started, deltas, done = await stream_of(visitor)
            seen_by_agent = await stream_of(agent)
        assert started["conversation_id"] == conversation_id
        assert [d["index"] for d in deltas] == list(range(len(deltas)))
        assert len(deltas) > 3, "the answer should arrive in several pieces"
        text = "".join(str(d["text"]) for d in deltas)
        assert "cancel" in text.lower()
        assert done["reason"] == "complete" and done["confidence"] >= 0.4
        assert done["citations"][0]["title"] == "Cancel your subscription plan"
        assert done["message"]["body"] == text and done["message"]["sender"]["kind"] == "ai"
        assert [d["text"] for d in seen_by_agent[1]] == [d["text"] for d in deltas]
        stored = await visitor.next("message.created", seq=2)
        assert stored["message"]["id"] == done["message"]["id"]
        assert stored["message"]["citations"][0]["title"] == "Cancel your subscription plan"
    token = visitor.welcome["visitor_token"]
    async with session(
        url, {"widget_key": helpdesk.widget_key, "visitor_token": token}, origin=ORIGIN
    ) as back:
        await back.ok({"type": "subscribe", "conversation_id": conversation_id, "after_seq": 0})
        replayed = [await back.next("message.created") for _ in range(2)]
        assert replayed[1]["message"]["body"] == text
        assert back.of_type(await back.quiet(0.3), "ai.delta") == []  # deltas are live-only


async def test_unanswerable_question_escalates(live_server: LiveServer, helpdesk: Tenant) -> None:
    """Nothing relevant in the knowledge base: no guess, a person is asked for."""
    async with session(
        live_server.ws_url, {"widget_key": helpdesk.widget_key}, origin=ORIGIN
    ) as visitor:
        conversation_id = await ask(visitor, "What is the capital of France?")
        _, deltas, done = await stream_of(visitor)
        assert deltas == []
        assert done["reason"] == "escalated" and done["citations"] == []
        updated = await visitor.next("conversation.updated", seq=2)
        assert updated["conversation"]["status"] == "waiting_human"
        await visitor.say(conversation_id, "Hello? Anyone?", "q-2")
        later = await visitor.quiet(1.0)
        assert visitor.of_type(later, "ai.started") == []  # a person has it now


async def test_question_about_a_name_the_kb_never_mentions_escalates(
    live_server: LiveServer, helpdesk: Tenant
) -> None:
    """Close in meaning to the 2FA article, but about a product the KB does not know: the
    second relevance signal keeps the AI from answering it with Plausible's steps."""
    hello = {"widget_key": helpdesk.widget_key}
    async with session(live_server.ws_url, hello, origin=ORIGIN) as visitor:
        await ask(visitor, "How do I turn on two-factor authentication for my Netflix account?")
        _, deltas, done = await stream_of(visitor)
        assert deltas == [] and done["reason"] == "escalated"
        assert done["confidence"] >= 0.4  # meaning alone would have answered
    async with session(live_server.ws_url, hello, origin=ORIGIN) as visitor:
        await ask(visitor, "How do I turn on two-factor authentication for my Plausible account?")
        _, deltas, done = await stream_of(visitor)
        assert deltas and done["reason"] == "complete"
        assert done["citations"][0]["title"] == "Enable two-factor authentication (2FA)"


async def test_agent_stops_the_answer_and_takes_over(
    live_server: LiveServer, helpdesk: Tenant
) -> None:
    """ai.stop ends the stream at once with `stopped`; nothing half-written is stored."""
    url = live_server.ws_url
    async with (
        session(url, {"widget_key": helpdesk.widget_key}, origin=ORIGIN) as visitor,
        session(url, {"token": helpdesk.agent_token}) as agent,
    ):
        conversation_id = await ask(visitor, "How do I turn on two-factor authentication?")
        await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
        await visitor.next("ai.delta", timeout=15)
        stop = await agent.request({"type": "ai.stop", "conversation_id": conversation_id})
        assert stop["type"] == "ack", stop
        done = await visitor.next("ai.done", timeout=5)
        assert done["reason"] == "stopped" and "message" not in done
        again = await agent.request({"type": "ai.stop", "conversation_id": conversation_id})
        assert again["code"] == "not_found"
        refused = await visitor.request({"type": "ai.stop", "conversation_id": conversation_id})
        assert refused["code"] == "forbidden"
        last = await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
        assert last["last_seq"] == 1  # only the question: no partial answer stored


async def test_restart_mid_answer_keeps_it_marked_interrupted(tmp_path: Path) -> None:
    """SIGTERM while an answer is being written (slower than the drain allows): the visitor
    saw part of it, so that part is stored marked interrupted, and a person takes over."""
    data_dir = tmp_path / "data"
    slow = {"FLOWSUPPORT_EXTRACTIVE_PACE_MS": "1000"}
    with running_server(data_dir, extra_env=slow) as first:
        tenant = await provision(first, ai=True)
        folder = tmp_path / "kb"
        folder.mkdir()
        shutil.copy(CORPUS / "2fa.md", folder / "2fa.md")
        ingest(first, tenant.tenant_id, folder)
        async with session(first.ws_url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as v:
            conversation_id = await ask(v, "How do I turn on two-factor authentication?")
            await v.next("ai.delta", timeout=15)
            token = v.welcome["visitor_token"]
            first.process.send_signal(signal.SIGTERM)
            assert first.process.wait(timeout=60) == 0
    with running_server(data_dir) as second:
        hello = {"widget_key": tenant.widget_key, "visitor_token": token}
        async with session(second.ws_url, hello, origin=ORIGIN) as v:
            await v.ok({"type": "subscribe", "conversation_id": conversation_id, "after_seq": 0})
            frames = await v.quiet(2.0)
    bodies = [f["message"] for f in v.of_type(frames, "message.created")]
    answers = [m["body"] for m in bodies if m["sender"]["kind"] == "ai"]
    assert len(answers) == 1 and answers[0].endswith("[interrupted]")
    assert any(m["sender"]["kind"] == "system" for m in bodies)  # handed to a person
