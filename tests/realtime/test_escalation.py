"""Every way a conversation reaches a person, end to end over the WebSocket protocol:
the ticket, the system message, the inbox events, and never two tickets."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.live import LiveServer, running_server
from tests.provision import ORIGIN, Tenant, ingest, provision
from tests.realtime.test_ai_answers import CORPUS, SAMPLE, stream_of
from tests.wsclient import Client, session

FAST = {"FLOWSUPPORT_VISITOR_LEAVE_GRACE_S": "1"}


@pytest.fixture(scope="module")
def desk_server() -> Iterator[LiveServer]:
    """A server running the timers in-process (embedded database: the default)."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-escalation-"))
    with running_server(data_dir, extra_env=FAST) as server:
        yield server
    shutil.rmtree(data_dir, ignore_errors=True)


async def settings(server: LiveServer, tenant: Tenant, **values: Any) -> None:
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        response = await http.patch(
            "/v1/settings",
            headers={"authorization": f"Bearer {tenant.admin_token}"},
            json=values,
        )
    assert response.status_code == 200, response.text


async def ticket_of(server: LiveServer, tenant: Tenant, ticket_id: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        response = await http.get(
            f"/v1/tickets/{ticket_id}", headers={"authorization": f"Bearer {tenant.agent_token}"}
        )
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


async def start(visitor: Client, text: str) -> str:
    conversation_id: str = (await visitor.ok({"type": "conversation.start"}))["conversation"]["id"]
    await visitor.say(conversation_id, text, f"q-{conversation_id}")
    return conversation_id


async def handed_over(agent: Client, conversation_id: str) -> dict[str, Any]:
    """What the inbox sees of an escalation, in seq order: the status, the visitor's notice,
    the ticket. Returns the ticket.created frame."""
    updated = await agent.next("conversation.updated", timeout=15, conversation_id=conversation_id)
    assert updated["conversation"]["status"] == "waiting_human"
    assert updated["conversation"]["ticket_id"]
    notice = await agent.next("message.created", seq=updated["seq"] + 1)
    assert notice["message"]["sender"]["kind"] == "system"
    created = await agent.next("ticket.created", seq=updated["seq"] + 2)
    assert created["ticket"]["id"] == updated["conversation"]["ticket_id"]
    return created


async def test_visitor_asks_for_a_person(desk_server: LiveServer) -> None:
    """handoff.request: waiting_human, one ticket (asked twice), the visitor's notice, the
    handoff summary; the visitor never sees the staff-only ticket.created."""
    tenant = await provision(desk_server)
    url = desk_server.ws_url
    async with (
        session(url, {"token": tenant.agent_token}) as agent,
        session(url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as visitor,
    ):
        await agent.ok({"type": "inbox.subscribe"})
        conversation_id = await start(visitor, "My invoice shows the wrong VAT number")
        acked = await visitor.ok({"type": "handoff.request", "conversation_id": conversation_id})
        assert acked["conversation"]["status"] == "waiting_human"
        created = await handed_over(agent, conversation_id)
        ticket = created["ticket"]
        assert ticket["number"] == 1 and ticket["status"] == "new"
        assert ticket["subject"] == "My invoice shows the wrong VAT number"
        assert ticket["escalation_reason"] == "customer_asked"
        assert "Question: My invoice shows the wrong VAT number" in ticket["summary"]
        assert ticket["due_at"] == ticket["first_response_due_at"]  # 4 h for normal priority
        notice = await visitor.next("message.created", seq=3)
        assert "a person from our team will get back to you" in notice["message"]["body"]
        again = await visitor.ok({"type": "handoff.request", "conversation_id": conversation_id})
        assert again["conversation"]["ticket_id"] == ticket["id"]
        seen = await visitor.quiet(1.0)
        assert visitor.of_type(seen, "ticket.created") == []
        assert [f for f in visitor.of_type(seen, "message.created") if f["seq"] > 3] == []
        later = await agent.quiet(0.5)
        assert agent.of_type(later, "ticket.created") == []


async def test_talk_to_a_human_in_words_escalates_instead_of_answering(
    desk_server: LiveServer, tmp_path: Path
) -> None:
    tenant = await provision(desk_server, ai=True)
    for name in SAMPLE:
        shutil.copy(CORPUS / name, tmp_path / name)
    ingest(desk_server, tenant.tenant_id, tmp_path)
    async with (
        session(desk_server.ws_url, {"token": tenant.agent_token}) as agent,
        session(desk_server.ws_url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as visitor,
    ):
        await agent.ok({"type": "inbox.subscribe"})
        conversation_id = await start(visitor, "Can I talk to a human please?")
        created = await handed_over(agent, conversation_id)
        assert created["ticket"]["escalation_reason"] == "customer_asked"
        seen = await visitor.quiet(1.0)
        assert visitor.of_type(seen, "ai.started") == []

        # The AI gives up on what the knowledge base does not hold: a ticket too, with a
        # summary saying so.
        other = await start(visitor, "What is the capital of France?")
        _, _, done = await stream_of(visitor)
        assert done["reason"] == "escalated"
        created = await handed_over(agent, other)
        assert created["ticket"]["number"] == 2
        assert created["ticket"]["escalation_reason"] == "no_answer"
        # Why, and what was asked, once each: the reason already says the AI had nothing.
        assert created["ticket"]["summary"] == (
            "The AI found no answer in the knowledge base.\n"
            "Question: What is the capital of France?"
        )
        assert created["ticket"]["subject"] == "What is the capital of France?"


async def test_unanswered_question_times_out_into_a_ticket(desk_server: LiveServer) -> None:
    """Past the tenant's wait (on the server's clock, moved rather than waited for), the
    timer escalates the question nobody answered, and leaves alone the one an agent
    answered in time."""
    tenant = await provision(desk_server)
    await settings(desk_server, tenant, unanswered_escalation_s=60, escalate_on_disconnect=False)
    url = desk_server.ws_url
    async with (
        session(url, {"token": tenant.agent_token}) as agent,
        session(url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as visitor,
    ):
        await agent.ok({"type": "inbox.subscribe"})
        answered = await start(visitor, "Do you ship to Norway?")
        await agent.say(answered, "Yes, we do.", "a-1")
        waiting = await start(visitor, "Can I pay by invoice?")
        desk_server.clock.advance(61)
        created = await handed_over(agent, waiting)
        assert created["ticket"]["escalation_reason"] == "unanswered"
        # The sweep that found `waiting` overdue looked at `answered` too, and escalates
        # the longest wait first: had it been due, its ticket would exist already.
        async with httpx.AsyncClient(base_url=desk_server.base_url) as http:
            listed = await http.get(
                "/v1/tickets", headers={"authorization": f"Bearer {tenant.agent_token}"}
            )
        assert [t["conversation_id"] for t in listed.json()["tickets"]] == [waiting]


async def test_visitor_leaving_unanswered_escalates(desk_server: LiveServer) -> None:
    tenant = await provision(desk_server)
    url = desk_server.ws_url
    async with session(url, {"token": tenant.agent_token}) as agent:
        await agent.ok({"type": "inbox.subscribe"})
        async with session(url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as visitor:
            conversation_id = await start(visitor, "Hello? I need help with my order")
        created = await handed_over(agent, conversation_id)
        assert created["ticket"]["escalation_reason"] == "visitor_left"


async def test_two_triggers_at_once_make_one_ticket(desk_server: LiveServer) -> None:
    """The visitor asks for a person while a bot marks the conversation, at the same time:
    both see the same ticket, and the inbox sees one ticket.created."""
    tenant = await provision(desk_server)
    url = desk_server.ws_url
    async with (
        session(url, {"token": tenant.agent_token}) as agent,
        session(url, {"api_key": tenant.api_key}) as bot,
        session(url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as visitor,
    ):
        await agent.ok({"type": "inbox.subscribe"})
        for round_ in range(5):
            conversation_id = await start(visitor, f"Refund request {round_}")
            frame = {"type": "handoff.request", "conversation_id": conversation_id}
            by_visitor, by_bot = await asyncio.gather(visitor.ok(frame), bot.ok(frame))
            ticket_id = by_visitor["conversation"]["ticket_id"]
            assert ticket_id and by_bot["conversation"]["ticket_id"] == ticket_id
            await handed_over(agent, conversation_id)
        seen = await agent.quiet(1.0)
        assert agent.of_type(seen, "ticket.created") == []


async def test_comments_reach_the_customer_only_when_public_and_replies_reopen(
    desk_server: LiveServer,
) -> None:
    """Over HTTP and WebSocket: a public comment is a message the visitor gets, an internal
    one never is; the visitor reads its own ticket with its visitor token (public comments
    only), nobody else's; once solved, the customer writing again reopens it."""
    tenant = await provision(desk_server)
    other = await provision(desk_server)
    url = desk_server.ws_url
    staff = {"authorization": f"Bearer {tenant.agent_token}"}
    async with (
        session(url, {"token": tenant.agent_token}) as agent,
        session(url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as visitor,
        session(url, {"widget_key": other.widget_key}, origin=ORIGIN) as stranger,
        httpx.AsyncClient(base_url=desk_server.base_url) as http,
    ):
        await agent.ok({"type": "inbox.subscribe"})
        conversation_id = await start(visitor, "Where is my refund?")
        acked = await visitor.ok({"type": "handoff.request", "conversation_id": conversation_id})
        ticket_id = acked["conversation"]["ticket_id"]
        path = f"/v1/tickets/{ticket_id}"
        internal = await http.post(
            f"{path}/comments", headers=staff, json={"body": "Check Stripe first", "public": False}
        )
        public = await http.post(
            f"{path}/comments", headers=staff, json={"body": "Refund sent today.", "public": True}
        )
        assert internal.status_code == public.status_code == 201
        # 4 was the staff-only ticket.created. The agent answering the waiting customer
        # takes the case (5: conversation.updated), announced (6), then the reply (7).
        taken = await visitor.next("conversation.updated", timeout=10, seq=5)
        assert taken["conversation"]["status"] == "open"
        assert taken["conversation"]["assignee_id"] == tenant.agent_id
        joined = await visitor.next("message.created", seq=6)
        assert joined["message"]["event"] == "agent_joined"
        assert joined["message"]["body"] == "Ada Agent joined the conversation"
        reply = await visitor.next("message.created", seq=7)
        assert reply["message"]["body"] == "Refund sent today."
        seen = await visitor.quiet(0.5)
        assert all("Stripe" not in str(f) for f in seen)

        mine = {"authorization": f"Bearer {visitor.welcome['visitor_token']}"}
        as_customer = await http.get(path, headers=mine)
        assert [c["body"] for c in as_customer.json()["comments"]] == ["Refund sent today."]
        assert as_customer.json()["first_responded_at"] is not None
        theirs = {"authorization": f"Bearer {stranger.welcome['visitor_token']}"}
        assert (await http.get(path, headers=theirs)).status_code == 404
        assert (
            await http.get(path, headers={"authorization": f"Bearer {other.agent_token}"})
        ).status_code == 404
        refused = await http.patch(path, headers=mine, json={"status": "solved"})
        assert refused.status_code == 403
        listed = await http.get("/v1/tickets", headers=mine)
        assert listed.status_code == 403

        solved = await http.patch(path, headers=staff, json={"status": "solved"})
        assert solved.json()["status"] == "solved" and solved.json()["solved_at"]
        changed = await agent.next("ticket.updated", timeout=10)
        assert changed["ticket"]["status"] == "solved" or "comments" in changed["changes"]
        await visitor.say(conversation_id, "It has not arrived yet", "q-again")
        for _ in range(10):
            frame = await agent.next("ticket.updated", timeout=10)
            if frame["ticket"]["status"] == "open":
                break
        assert (await http.get(path, headers=staff)).json()["status"] == "open"


async def test_ticket_http_bad_input(desk_server: LiveServer) -> None:
    tenant = await provision(desk_server)
    staff = {"authorization": f"Bearer {tenant.agent_token}"}
    async with httpx.AsyncClient(base_url=desk_server.base_url) as http:
        missing = await http.post("/v1/tickets", headers=staff, json={"subject": "No requester"})
        assert missing.status_code == 422
        cases = [
            {"subject": ""},
            {"subject": "x", "requester_contact_id": "nope", "priority": "critical"},
            {"subject": "x", "tags": "billing"},
            {"subject": "x", "extra": 1},
        ]
        for body in cases:
            response = await http.post("/v1/tickets", headers=staff, json=body)
            assert response.status_code in (404, 422), (body, response.text)
            assert set(response.json()) == {"error"}
        unknown = await http.post(
            "/v1/tickets",
            headers=staff,
            json={"subject": "x", "requester_contact_id": str(uuid.uuid4())},
        )
        assert unknown.status_code == 404
        assert (await http.get("/v1/tickets/not-an-id", headers=staff)).status_code == 404
        assert (await http.get("/v1/tickets?status=archived", headers=staff)).status_code == 422
        assert (await http.get("/v1/tickets?limit=0", headers=staff)).status_code == 400
        assert (await http.get("/v1/tickets?cursor=garbage", headers=staff)).status_code == 422
        comment = await http.post(
            f"/v1/tickets/{uuid.uuid4()}/comments",
            headers=staff,
            json={"body": "hi", "public": "yes"},
        )
        assert comment.status_code == 422


async def test_escalations_go_round_the_agents_online(desk_server: LiveServer) -> None:
    tenant = await provision(desk_server)
    await settings(desk_server, tenant, auto_assign=True)
    url = desk_server.ws_url
    async with (
        session(url, {"token": tenant.agent_token}) as ada,
        session(url, {"token": tenant.agent2_token}) as bo,
        session(url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as visitor,
    ):
        online = sorted([ada.welcome["principal"]["id"], bo.welcome["principal"]["id"]])
        assigned = []
        for i in range(4):
            conversation_id = await start(visitor, f"Question number {i}")
            acked = await visitor.ok(
                {"type": "handoff.request", "conversation_id": conversation_id}
            )
            ticket = await ticket_of(desk_server, tenant, acked["conversation"]["ticket_id"])
            assert acked["conversation"]["assignee_id"] == ticket["assignee_id"]
            assigned.append(ticket["assignee_id"])
        assert assigned == [online[0], online[1], online[0], online[1]]


async def test_thanks_is_not_a_question(desk_server: LiveServer, tmp_path: Path) -> None:
    """After a good AI answer, "Thanks, that helped!" gets a short reply (no search, no
    citation), no escalation, and starts no unanswered-question clock."""
    tenant = await provision(desk_server, ai=True)
    await settings(desk_server, tenant, unanswered_escalation_s=60, escalate_on_disconnect=False)
    # Another tenant's question, asked after the thanks and left unanswered: its escalation
    # shows a sweep ran past the limit, one that would have taken the thanks (the longer
    # wait) first had it started a clock.
    other = await provision(desk_server)
    await settings(desk_server, other, unanswered_escalation_s=60, escalate_on_disconnect=False)
    shutil.copy(CORPUS / "cancel-subscription.md", tmp_path / "cancel-subscription.md")
    ingest(desk_server, tenant.tenant_id, tmp_path)
    url = desk_server.ws_url
    async with (
        session(url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as visitor,
        session(url, {"token": other.agent_token}) as other_agent,
        session(url, {"widget_key": other.widget_key}, origin=ORIGIN) as other_visitor,
    ):
        await other_agent.ok({"type": "inbox.subscribe"})
        conversation_id = await start(visitor, "How do I cancel my subscription?")
        _, _, done = await stream_of(visitor)
        assert done["reason"] == "complete"
        await visitor.say(conversation_id, "Thanks, that helped!", "thanks-1")
        _, deltas, done = await stream_of(visitor)
        assert done["reason"] == "complete" and done["citations"] == []
        assert "".join(str(d["text"]) for d in deltas).startswith("You're welcome!")
        canary = await start(other_visitor, "Is anybody there?")
        desk_server.clock.advance(61)
        await handed_over(other_agent, canary)
        async with httpx.AsyncClient(base_url=desk_server.base_url) as http:
            thanked = await http.get(
                f"/v1/conversations/{conversation_id}",
                headers={"authorization": f"Bearer {tenant.agent_token}"},
            )
        assert thanked.json()["status"] != "waiting_human"
        assert thanked.json()["ticket_id"] is None
        seen = await visitor.quiet(0.3)
        assert visitor.of_type(seen, "ai.started") == []
        assert visitor.of_type(seen, "conversation.updated") == []
