"""Snooze: a conversation put aside until a time goes pending, and reopens by itself when
the worker's sweep finds its time came (on the server's one clock), or at once when the
customer writes."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from tests.api.test_http import assert_error
from tests.api.test_labels import bearer, start_conversations
from tests.live import LiveServer, owner_connection, running_server
from tests.provision import ORIGIN, Tenant, provision
from tests.wsclient import session


def later(**delta: float) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


async def test_snooze_sets_pending_and_the_snoozed_view_lists_it(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant, other_shop: Tenant
) -> None:
    """PATCH snoozed_until makes the conversation pending until then; ?snoozed=true lists
    only snoozed ones, ?snoozed=false none; null ends the snooze (it stays pending); bad
    times are refused, as is snoozing another tenant's or a closed conversation."""
    agent = bearer(shop.agent_token)
    snoozed, plain, closed = await start_conversations(live_server, shop, 3)
    until = later(hours=1)
    answer = await http.patch(
        f"/v1/conversations/{snoozed}", headers=agent, json={"snoozed_until": until}
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "pending"
    shown = datetime.fromisoformat(body["snoozed_until"])
    assert abs(shown - datetime.fromisoformat(until)) < timedelta(milliseconds=1)
    listed = (await http.get("/v1/conversations?snoozed=true", headers=agent)).json()
    assert [c["id"] for c in listed["conversations"]] == [snoozed]
    awake = (await http.get("/v1/conversations?snoozed=false", headers=agent)).json()
    assert snoozed not in {c["id"] for c in awake["conversations"]}
    assert plain in {c["id"] for c in awake["conversations"]}
    assert_error(
        await http.get("/v1/conversations?snoozed=maybe", headers=agent), 422, "bad_request"
    )

    for value in (
        later(hours=-1),
        "tomorrow",
        "2030-01-01T09:00:00",  # no offset
        later(days=400),
    ):
        refused = await http.patch(
            f"/v1/conversations/{plain}", headers=agent, json={"snoozed_until": value}
        )
        assert_error(refused, 422, "bad_request")
    both = await http.patch(
        f"/v1/conversations/{plain}", headers=agent, json={"snoozed_until": until, "status": "open"}
    )
    assert_error(both, 422, "bad_request")
    await http.patch(f"/v1/conversations/{closed}", headers=agent, json={"status": "closed"})
    final = await http.patch(
        f"/v1/conversations/{closed}", headers=agent, json={"snoozed_until": until}
    )
    assert_error(final, 409, "conflict")
    theirs = await http.patch(
        f"/v1/conversations/{snoozed}",
        headers=bearer(other_shop.agent_token),
        json={"snoozed_until": None},
    )
    assert_error(theirs, 404, "not_found")

    ended = await http.patch(
        f"/v1/conversations/{snoozed}", headers=agent, json={"snoozed_until": None}
    )
    assert (ended.json()["status"], ended.json()["snoozed_until"]) == ("pending", None)
    await http.patch(f"/v1/conversations/{snoozed}", headers=agent, json={"snoozed_until": until})
    opened = await http.patch(
        f"/v1/conversations/{snoozed}", headers=agent, json={"status": "open"}
    )
    assert (opened.json()["status"], opened.json()["snoozed_until"]) == ("open", None)


async def test_a_customer_message_ends_the_snooze_at_once(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """Snoozed over the WebSocket (`conversation.update` snoozed_until), the conversation
    reopens as soon as its customer writes, its snooze cleared."""
    async with session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        opened = await v.ok({"type": "conversation.start", "subject": "Later please"})
        conversation_id = opened["conversation"]["id"]
        await v.say(conversation_id, "Hello?", "m-1")
        async with session(live_server.ws_url, {"token": shop.agent_token}) as agent:
            ack = await agent.ok(
                {
                    "type": "conversation.update",
                    "conversation_id": conversation_id,
                    "snoozed_until": later(days=2),
                }
            )
            assert ack["conversation"]["status"] == "pending"
            assert ack["conversation"]["snoozed_until"] is not None
            bad = await agent.request(
                {
                    "type": "conversation.update",
                    "conversation_id": conversation_id,
                    "snoozed_until": "soon",
                }
            )
            assert bad["type"] == "error" and bad["code"] == "bad_request", bad
        await v.say(conversation_id, "Actually, one more thing", "m-2")
    got = (
        await http.get(f"/v1/conversations/{conversation_id}", headers=bearer(shop.agent_token))
    ).json()
    assert got["status"] in ("open", "waiting_human")
    assert got["snoozed_until"] is None


async def test_the_worker_reopens_a_snoozed_conversation_when_its_time_comes() -> None:
    """Snoozed for an hour, it stays pending; once the server's clock passes the hour the
    worker's sweep reopens it: status open, a system message, `conversation.updated`, an
    audit entry. Its own server: the test moves that server's clock."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-snooze-"))
    try:
        with running_server(data_dir) as live:
            tenant = await provision(live)
            [conversation_id] = await start_conversations(live, tenant, 1)
            agent = bearer(tenant.agent_token)
            async with httpx.AsyncClient(base_url=live.base_url, timeout=30) as http:
                until = (live.clock.now() + timedelta(hours=1)).isoformat()
                snoozed = await http.patch(
                    f"/v1/conversations/{conversation_id}",
                    headers=agent,
                    json={"snoozed_until": until},
                )
                assert snoozed.status_code == 200, snoozed.text
                seen = snoozed.json()["last_seq"]
                async with session(live.ws_url, {"token": tenant.agent_token}) as watcher:
                    await watcher.ok(
                        {"type": "subscribe", "conversation_id": conversation_id, "after_seq": seen}
                    )
                    await asyncio.sleep(2.5)  # a sweep or more: not due yet
                    still = await http.get(f"/v1/conversations/{conversation_id}", headers=agent)
                    assert still.json()["status"] == "pending"
                    live.clock.advance(3600 + 1)
                    updated = await watcher.next("conversation.updated", timeout=15)
                    # Open again. The customer still waits for an answer, so the unanswered
                    # sweep (which leaves snoozed conversations alone) may escalate it next.
                    assert updated["conversation"]["status"] == "open"
                    assert updated["conversation"]["snoozed_until"] is None
                    note = await watcher.next("message.created", timeout=5)
                    assert note["message"]["sender"]["kind"] == "system"
                    assert "Snooze ended" in note["message"]["body"]
                got = (await http.get(f"/v1/conversations/{conversation_id}", headers=agent)).json()
                assert got["snoozed_until"] is None and got["status"] != "pending"
            async with owner_connection(live) as owner:
                actions = await owner.fetch(
                    "SELECT action FROM audit_log WHERE tenant_id = $1 AND target_id = $2 "
                    "ORDER BY id",
                    tenant.tenant_id,
                    conversation_id,
                )
            assert [r["action"] for r in actions][-1] == "conversation.snooze_ended"
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
