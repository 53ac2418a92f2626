"""One case end to end over WebSocket and HTTP: the conversation and its ticket move
together from either side, the customer is told (system messages with `event`) and asked
to rate, writes again to reopen it, and every object is the same over both transports."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import httpx

from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant, ingest, provision
from tests.realtime.test_ai_answers import CORPUS, stream_of
from tests.wsclient import Client, session


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def started(visitor: Client, text: str, key: str) -> str:
    conversation_id: str = (await visitor.ok({"type": "conversation.start"}))["conversation"]["id"]
    await visitor.say(conversation_id, text, key)
    return conversation_id


async def update(client: Client, conversation_id: str, **values: Any) -> dict[str, Any]:
    ack = await client.ok(
        {"type": "conversation.update", "conversation_id": conversation_id, **values}
    )
    conversation: dict[str, Any] = ack["conversation"]
    return conversation


async def said(visitor: Client, event: str) -> dict[str, Any]:
    """The next system message announcing `event`, as the visitor receives it."""
    while True:
        frame = await visitor.next("message.created")
        if frame["message"].get("event") == event:
            assert frame["message"]["sender"]["kind"] == "system"
            return frame


async def test_the_conversation_and_its_ticket_move_together(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """Assign, priority, pending, resolve on the conversation move the ticket; solving,
    reopening, reassigning and closing the ticket move the conversation; the visitor is
    told of each step and the SLA clock pauses and runs as it should."""
    url = live_server.ws_url
    staff = bearer(shop.agent_token)
    async with (
        session(url, {"token": shop.agent_token}) as agent,
        session(url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor,
    ):
        cid = await started(visitor, "My invoice shows the wrong VAT number", "q-1")
        handed = await visitor.ok({"type": "handoff.request", "conversation_id": cid})
        tid = handed["conversation"]["ticket_id"]
        await said(visitor, "escalated")
        await agent.ok({"type": "subscribe", "conversation_id": cid})
        await agent.ok({"type": "inbox.subscribe"})

        async def ticket() -> dict[str, Any]:
            got = await http.get(f"/v1/tickets/{tid}", headers=staff)
            assert got.status_code == 200, got.text
            found: dict[str, Any] = got.json()
            return found

        first = await ticket()
        assert first["status"] == "new" and first["sla_paused_at"] is None

        bo = (await http.get("/v1/users", headers=staff)).json()["users"]
        bo_id = next(u["id"] for u in bo if u["name"] == "Bo Agent")
        assigned = await update(agent, cid, assignee_id=bo_id, priority="high")
        assert assigned["assignee_id"] == bo_id and assigned["status"] == "waiting_human"
        joined = await said(visitor, "agent_joined")
        assert joined["message"]["body"] == "Bo Agent joined the conversation"
        changed = await agent.next("ticket.updated")
        assert {"assignee_id", "priority"} <= set(changed["changes"])
        now = await ticket()
        assert (now["assignee_id"], now["priority"], now["status"]) == (bo_id, "high", "new")
        assert now["first_response_due_at"] < first["first_response_due_at"]  # 1 h, not 4 h

        pending = await update(agent, cid, status="pending")
        assert pending["status"] == "pending"
        now = await ticket()
        assert now["status"] == "pending" and now["sla_paused_at"] and now["due_at"] is None

        resolved = await update(agent, cid, status="resolved")
        assert resolved["status"] == "resolved" and resolved["resolved_at"]
        assert (await said(visitor, "resolved"))["message"]["body"] == (
            "Ada Agent resolved the conversation"
        )
        await said(visitor, "csat_requested")
        now = await ticket()
        assert now["status"] == "solved" and now["solved_at"] and now["sla_paused_at"]

        # The customer writes again: conversation and ticket reopen, the clock runs on.
        await visitor.say(cid, "The new invoice still has the old number", "q-2")
        reopened = await said(visitor, "reopened")
        back = await http.get(f"/v1/conversations/{cid}", headers=staff)
        assert back.json()["status"] == "open"  # back to Bo, who holds it
        assert back.json()["last_seq"] >= reopened["seq"]
        now = await ticket()
        assert (now["status"], now["sla_paused_at"], now["solved_at"]) == ("open", None, None)
        assert now["due_at"] is not None

        # From the ticket side: solving it resolves the conversation (and asks to rate).
        solved = await http.patch(f"/v1/tickets/{tid}", headers=staff, json={"status": "solved"})
        assert solved.status_code == 200 and solved.json()["status"] == "solved"
        moved = await visitor.next("conversation.updated")
        while moved["conversation"]["status"] != "resolved":
            moved = await visitor.next("conversation.updated")
        await said(visitor, "csat_requested")
        again = await http.patch(
            f"/v1/tickets/{tid}", headers=staff, json={"assignee_id": shop.agent_id}
        )
        assert again.json()["assignee_id"] == shop.agent_id
        follows = await http.get(f"/v1/conversations/{cid}", headers=staff)
        assert follows.json()["assignee_id"] == shop.agent_id
        closed = await http.patch(f"/v1/tickets/{tid}", headers=staff, json={"status": "closed"})
        assert closed.json()["status"] == "closed"
        assert (await http.get(f"/v1/conversations/{cid}", headers=staff)).json()[
            "status"
        ] == "closed"

        # Closed is final on both sides, with the moves named.
        refused = await agent.request(
            {"type": "conversation.update", "conversation_id": cid, "status": "open"}
        )
        assert refused["type"] == "error" and refused["code"] == "conflict"
        assert "cannot become open" in refused["message"] and refused["id"]
        conflict = await http.patch(f"/v1/tickets/{tid}", headers=staff, json={"status": "open"})
        assert conflict.status_code == 409

        # Everything the visitor was told replays by seq, in order.
        async with session(url, {"token": shop.agent2_token}) as late:
            await late.ok({"type": "subscribe", "conversation_id": cid, "after_seq": 0})
            last = (await http.get(f"/v1/conversations/{cid}", headers=staff)).json()["last_seq"]
            frames = [
                await late.next_any(("message.created", "conversation.updated", "ticket.created"))
                for _ in range(last)
            ]
        events = [
            f["message"]["event"]
            for f in frames
            if f["type"] == "message.created" and f["message"].get("event")
        ]
        assert events == [
            "escalated",
            "agent_joined",
            "resolved",
            "csat_requested",
            "reopened",
            "resolved",
            "csat_requested",
            "agent_joined",
        ]
        assert [f["seq"] for f in frames] == list(range(1, last + 1))


async def test_a_resolved_conversation_reopens_and_a_closed_one_is_continued(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    url = live_server.ws_url
    staff = bearer(shop.agent_token)
    async with (
        session(url, {"token": shop.agent_token}) as agent,
        session(url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor,
    ):
        cid = await started(visitor, "Do you ship to Norway?", "n-1")
        await update(agent, cid, status="resolved")
        await said(visitor, "csat_requested")
        await visitor.say(cid, "And to Iceland?", "n-2")
        await said(visitor, "reopened")
        reopened = await visitor.next("conversation.updated")
        while reopened["conversation"]["status"] == "resolved":
            reopened = await visitor.next("conversation.updated")
        assert reopened["conversation"]["status"] == "open"  # no ticket: back to the AI
        assert reopened["conversation"]["resolved_at"] is None

        closing = await update(agent, cid, status="closed")
        sent = await visitor.say(cid, "One more thing about Norway", "n-3")
        follow = sent["message"]["conversation_id"]
        assert follow != cid
        echo = await visitor.next("message.created", conversation_id=follow)
        assert echo["message"]["id"] == sent["message"]["id"]  # the sender follows it
        resend = await visitor.say(cid, "One more thing about Norway", "n-3")
        assert resend["message"]["id"] == sent["message"]["id"]  # idempotent, still
        linked = (await http.get(f"/v1/conversations/{follow}", headers=staff)).json()
        assert linked["previous_conversation_id"] == cid and linked["status"] == "open"
        old = (await http.get(f"/v1/conversations/{cid}", headers=staff)).json()
        assert old["status"] == "closed"
        assert old["last_seq"] == closing["last_seq"]  # nothing more was written into it


async def test_csat_submit_and_every_bad_input(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    url = live_server.ws_url
    async with (
        session(url, {"token": shop.agent_token}) as agent,
        session(url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor,
        session(url, {"widget_key": shop.widget_key}, origin=ORIGIN) as stranger,
    ):
        cid = await started(visitor, "Where is my parcel?", "p-1")

        async def rate(client: Client, **fields: Any) -> dict[str, Any]:
            return await client.request({"type": "csat.submit", "conversation_id": cid, **fields})

        early = await rate(visitor, rating=4)
        assert (early["type"], early["code"]) == ("error", "conflict")
        assert "not resolved" in early["message"]

        await agent.ok({"type": "subscribe", "conversation_id": cid})
        await update(agent, cid, status="resolved")
        await said(visitor, "csat_requested")
        rated = await rate(visitor, rating=4, comment="  Quick and kind  ")
        assert rated["type"] == "ack", rated
        assert rated["conversation"]["csat"]["rating"] == 4
        assert rated["conversation"]["csat"]["comment"] == "Quick and kind"
        seen = await agent.next("conversation.updated")
        while seen["changes"] != ["csat"]:
            seen = await agent.next("conversation.updated")
        assert seen["conversation"]["csat"] == rated["conversation"]["csat"]
        replaced = await rate(visitor, rating=5)
        assert replaced["conversation"]["csat"]["rating"] == 5
        assert "comment" not in replaced["conversation"]["csat"]  # the second replaced it
        over_http = await http.get(f"/v1/conversations/{cid}", headers=bearer(shop.agent_token))
        assert over_http.json()["csat"] == replaced["conversation"]["csat"]

        bad: list[tuple[dict[str, Any], str, str]] = [
            ({"rating": 0}, "bad_request", "rating"),
            ({"rating": 6}, "bad_request", "rating"),
            ({"rating": "4"}, "bad_request", "rating"),
            ({"rating": 4.5}, "bad_request", "rating"),
            ({"rating": True}, "bad_request", "rating"),
            ({}, "bad_request", "rating"),
            ({"rating": 3, "comment": "x" * 2001}, "bad_request", "comment"),
            ({"rating": 3, "comment": 7}, "bad_request", "comment"),
        ]
        for fields, code, field in bad:
            answer = await rate(visitor, **fields)
            assert answer["type"] == "error" and answer["code"] == code, (fields, answer)
            assert answer["message"].startswith(field) and answer["id"], answer
        theirs = await rate(stranger, rating=1)
        assert (theirs["type"], theirs["code"]) == ("error", "not_found")
        staff = await rate(agent, rating=1)
        assert (staff["type"], staff["code"]) == ("error", "forbidden")
        final = await http.get(f"/v1/conversations/{cid}", headers=bearer(shop.agent_token))
        assert final.json()["csat"]["rating"] == 5  # none of those changed anything


async def test_get_and_patch_a_conversation_over_http(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """The same rules, events and errors as the frame; another tenant's id looks missing;
    a visitor reads its own conversation and changes nothing."""
    other = await provision(live_server)
    staff = bearer(shop.agent_token)
    async with (
        session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor,
        session(live_server.ws_url, {"api_key": shop.api_key}) as bot,
    ):
        cid = await started(visitor, "Can I change my billing e-mail?", "b-1")
        await bot.ok({"type": "subscribe", "conversation_id": cid})
        path = f"/v1/conversations/{cid}"
        patched = await http.patch(
            path, headers=staff, json={"priority": "urgent", "tags": ["b", "a", "b"]}
        )
        assert patched.status_code == 200, patched.text
        assert patched.json()["priority"] == "urgent" and patched.json()["tags"] == ["a", "b"]
        event = await bot.next("conversation.updated")
        assert sorted(event["changes"]) == ["priority", "tags"]
        assert (await visitor.next("conversation.updated"))["seq"] == event["seq"]

        mine = bearer(visitor.welcome["visitor_token"])
        own = await http.get(path, headers=mine)
        assert own.status_code == 200 and own.json()["id"] == cid
        assert "unread_count" not in own.json()  # staff only
        refused = await http.patch(path, headers=mine, json={"status": "resolved"})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"

        theirs = bearer(other.agent_token)
        missing = await http.get(
            "/v1/conversations/00000000-0000-0000-0000-000000000000", headers=theirs
        )
        assert missing.status_code == 404
        assert (await http.get(path, headers=theirs)).json() == missing.json()
        cross = await http.patch(path, headers=theirs, json={"status": "resolved"})
        assert cross.status_code == 404
        assert (await http.get(path)).status_code == 401

        cases: list[tuple[dict[str, Any], int]] = [
            ({"status": "archived"}, 422),
            ({"status": None}, 422),
            ({"priority": "critical"}, 422),
            ({"assignee_id": other.agent_id}, 404),  # another tenant's agent
            ({"subject": "no such field"}, 422),
            ({"tags": "billing"}, 422),
        ]
        for body, status in cases:
            answer = await http.patch(path, headers=staff, json=body)
            assert answer.status_code == status, (body, answer.text)
            assert set(answer.json()) == {"error"}
        await http.patch(path, headers=staff, json={"status": "closed"})
        final = await http.patch(path, headers=staff, json={"status": "open"})
        assert final.status_code == 409 and "closed conversation cannot become open" in final.text

    doc = (await http.get("/openapi.json")).json()
    operations = doc["paths"]["/v1/conversations/{id}"]
    assert set(operations) == {"get", "patch"}
    assert operations["patch"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ConversationPatch"
    }
    conversation = doc["components"]["schemas"]["ConversationObject"]["properties"]
    assert {"unread_count", "csat", "resolved_at", "previous_conversation_id"} <= set(conversation)


async def test_the_same_object_over_both_transports(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """A conversation, its messages and its ticket are equal whether read from frames or
    over HTTP (one presentation), for the same viewer."""
    staff = bearer(shop.agent_token)
    async with (
        session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor,
        session(live_server.ws_url, {"token": shop.agent_token}) as agent,
    ):
        cid = await started(visitor, "Is there a student discount?", "s-1")
        await visitor.ok({"type": "handoff.request", "conversation_id": cid})
        await said(visitor, "escalated")
        joined = await agent.ok({"type": "subscribe", "conversation_id": cid, "after_seq": 0})
        frames = [
            await agent.next_any(("message.created", "conversation.updated", "ticket.created"))
            for _ in range(joined["last_seq"])
        ]
        conversation = await http.get(f"/v1/conversations/{cid}", headers=staff)
        assert conversation.json() == joined["conversation"]
        assert "unread_count" in conversation.json()
        messages = await http.get(f"/v1/conversations/{cid}/messages", headers=staff)
        assert messages.json()["messages"] == [
            f["message"] for f in frames if f["type"] == "message.created"
        ]
        [created] = [f for f in frames if f["type"] == "ticket.created"]
        ticket = (
            await http.get(f"/v1/tickets/{joined['conversation']['ticket_id']}", headers=staff)
        ).json()
        assert {k: v for k, v in ticket.items() if k != "comments"} == created["ticket"]
        listed = (await http.get("/v1/conversations", headers=staff)).json()["conversations"]
        [row] = [c for c in listed if c["id"] == cid]
        assert {k: v for k, v in row.items() if k not in ("contact", "preview")} == joined[
            "conversation"
        ]
        inbox = await agent.ok({"type": "inbox.subscribe"})
        [item] = [c for c in inbox["conversations"] if c["id"] == cid]
        assert item == joined["conversation"]
        mine = bearer(visitor.welcome["visitor_token"])
        own = await visitor.ok({"type": "subscribe", "conversation_id": cid})
        assert (await http.get(f"/v1/conversations/{cid}", headers=mine)).json() == own[
            "conversation"
        ]


async def test_the_ai_answers_only_until_a_person_takes_over(
    live_server: LiveServer, tmp_path: Path
) -> None:
    """AI on: it answers while nobody holds the conversation; once an agent is assigned
    it stays out; resolved and reopened without a person, it answers again."""
    tenant = await provision(live_server, ai=True)
    shutil.copy(CORPUS / "cancel-subscription.md", tmp_path / "cancel-subscription.md")
    ingest(live_server, tenant.tenant_id, tmp_path)
    url = live_server.ws_url
    async with (
        session(url, {"token": tenant.agent_token}) as agent,
        session(url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as visitor,
    ):
        cid = await started(visitor, "How do I cancel my subscription?", "ai-1")
        assert (await stream_of(visitor))[2]["reason"] == "complete"
        await update(agent, cid, assignee_id=tenant.agent_id)
        await said(visitor, "agent_joined")
        await visitor.say(cid, "How do I cancel my subscription plan today?", "ai-2")
        assert visitor.of_type(await visitor.quiet(1.5), "ai.started") == []
        await update(agent, cid, assignee_id=None, status="resolved")
        await said(visitor, "csat_requested")
        await visitor.say(cid, "How do I cancel the subscription, again?", "ai-3")
        await said(visitor, "reopened")
        assert (await stream_of(visitor))[2]["reason"] == "complete"
