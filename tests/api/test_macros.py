"""Macros over HTTP: shared and personal like canned replies, actions checked when saved,
and applied in order through the paths an agent's own frames take (events, audit)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.test_http import assert_error
from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant
from tests.wsclient import session


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def make(
    http: httpx.AsyncClient, token: str, name: str, actions: list[dict[str, Any]], **extra: Any
) -> httpx.Response:
    payload = {"name": name, "actions": actions, **extra}
    return await http.post("/v1/macros", json=payload, headers=bearer(token))


RESOLVE = [{"type": "set_status", "status": "resolved"}]


async def names(http: httpx.AsyncClient, token: str) -> set[str]:
    listed = await http.get("/v1/macros", headers=bearer(token))
    assert listed.status_code == 200, listed.text
    return {m["name"] for m in listed.json()["macros"]}


async def test_shared_by_admins_personal_by_each_agent_alone(
    http: httpx.AsyncClient, shop: Tenant, other_shop: Tenant
) -> None:
    """Agents see shared macros and their own; only admins write shared ones; another
    agent's or tenant's macro is not there to change or apply."""
    shared = await make(http, shop.admin_token, "Close", RESOLVE, shared=True)
    assert shared.status_code == 201, shared.text
    assert_error(await make(http, shop.agent_token, "X", RESOLVE, shared=True), 403, "forbidden")
    bo = await make(http, shop.agent2_token, "Bo's", RESOLVE)
    assert bo.status_code == 201 and bo.json()["shared"] is False
    assert (await make(http, shop.agent_token, "Ada's", RESOLVE)).status_code == 201
    assert await names(http, shop.agent_token) == {"Close", "Ada's"}
    assert await names(http, shop.agent2_token) == {"Close", "Bo's"}
    assert await names(http, other_shop.admin_token) == set()
    bo_url = f"/v1/macros/{bo.json()['id']}"
    for token in (shop.agent_token, shop.admin_token, other_shop.admin_token):
        patched = await http.patch(bo_url, json={"name": "Mine"}, headers=bearer(token))
        assert_error(patched, 404, "not_found")
        assert_error(await http.delete(bo_url, headers=bearer(token)), 404, "not_found")
        applied = await http.post(
            f"{bo_url}/apply", json={"conversation_id": shop.tenant_id}, headers=bearer(token)
        )
        assert_error(applied, 404, "not_found")
    shared_url = f"/v1/macros/{shared.json()['id']}"
    patch = {"name": "Mine"}
    assert_error(
        await http.patch(shared_url, json=patch, headers=bearer(shop.agent_token)), 403, "forbidden"
    )
    renamed = await http.patch(
        shared_url,
        json={"actions": [{"type": "set_priority", "priority": "high"}]},
        headers=bearer(shop.admin_token),
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "Close"
    assert renamed.json()["actions"] == [{"type": "set_priority", "priority": "high"}]
    assert (await http.delete(shared_url, headers=bearer(shop.admin_token))).status_code == 204
    assert await names(http, shop.agent_token) == {"Ada's"}


async def test_actions_are_checked_when_saved(http: httpx.AsyncClient, shop: Tenant) -> None:
    """Unknown actions, bad values, empty and oversized fields are refused, naming the field."""
    bad: list[tuple[str, Any]] = [
        ("ok", []),
        ("ok", [{"type": "launch_rocket"}]),
        ("ok", [{"type": "set_status", "status": "asleep"}]),
        ("ok", [{"type": "set_priority", "priority": "meh"}]),
        ("ok", [{"type": "set_status"}]),
        ("ok", [{"type": "set_status", "status": "open", "extra": 1}]),
        ("ok", [{"type": "add_tags", "tags": []}]),
        ("ok", [{"type": "add_tags", "tags": ["x" * 51]}]),
        ("ok", [{"type": "send_reply", "body": "  "}]),
        ("ok", [{"type": "send_reply", "body": "x" * 5001}]),
        ("ok", [{"type": "assign", "assignee_id": 7}]),
        ("ok", ["set_status"]),
        ("ok", RESOLVE * 21),
        ("", RESOLVE),
        ("  ", RESOLVE),
        ("x" * 101, RESOLVE),
    ]
    for name, actions in bad:
        assert_error(await make(http, shop.agent_token, name, actions), 422, "bad_request")
    unknown = await make(http, shop.agent_token, "ok", [RESOLVE[0], {"type": "launch_rocket"}])
    assert "actions.1.type" in unknown.json()["error"]["message"]
    assert (await make(http, shop.agent_token, "Twice", RESOLVE)).status_code == 201
    assert_error(await make(http, shop.agent_token, "Twice", RESOLVE), 409, "conflict")


async def test_apply_runs_every_action_through_the_conversation_paths(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant, other_shop: Tenant
) -> None:
    """Tags, status, priority, assignee ("me") and a reply with its variables filled in,
    in order; the inbox hears each change as if done by hand, and the audit log holds it."""
    hello = {
        "widget_key": shop.widget_key,
        "identity": {**shop.identity("cust-9"), "name": "Fox Mulder"},
    }
    async with session(live_server.ws_url, hello, origin=ORIGIN) as visitor:
        opened = await visitor.ok({"type": "conversation.start", "subject": "Billing"})
        conversation_id = opened["conversation"]["id"]
        await visitor.say(conversation_id, "I was charged twice", "v-1")
    actions = [
        {"type": "add_tags", "tags": ["billing", "refund"]},
        {"type": "remove_tags", "tags": ["refund"]},
        {"type": "assign", "assignee_id": "me"},
        {"type": "set_priority", "priority": "high"},
        {"type": "send_reply", "body": "Hi {contact.name}, {agent.first_name} will refund you."},
        {"type": "set_status", "status": "pending"},
    ]
    macro = (await make(http, shop.agent_token, "Refund", actions)).json()
    async with session(live_server.ws_url, {"token": shop.agent2_token}) as watcher:
        await watcher.ok({"type": "subscribe", "conversation_id": conversation_id})
        applied = await http.post(
            f"/v1/macros/{macro['id']}/apply",
            json={"conversation_id": conversation_id},
            headers=bearer(shop.agent_token),
        )
        assert applied.status_code == 200, applied.text
        reply = (await watcher.next("message.created"))["message"]
        while reply["sender"]["kind"] == "system":  # "Ada Agent joined the conversation"
            reply = (await watcher.next("message.created"))["message"]
        assert reply["body"] == "Hi Fox Mulder, Ada will refund you."
        assert reply["sender"]["kind"] == "agent" and not reply["private"]
    result = applied.json()
    assert result["applied"] == [a["type"] for a in actions]
    assert result["missing"] == []
    after = result["conversation"]
    assert after["tags"] == ["billing"]
    assert after["status"] == "pending"
    assert after["priority"] == "high"
    assert after["assignee_id"] == shop.agent_id
    page = await http.get(
        f"/v1/conversations/{conversation_id}/messages", headers=bearer(shop.agent_token)
    )
    bodies = [m["body"] for m in page.json()["messages"]]
    assert "Hi Fox Mulder, Ada will refund you." in bodies
    audit = await http.get(
        f"/v1/audit?action=conversation.update&target={conversation_id}",
        headers=bearer(shop.admin_token),
    )
    assert audit.status_code == 200, audit.text
    assert len(audit.json()["entries"]) >= 5  # each update action, audited as by hand

    theirs = (await make(http, other_shop.agent_token, "Theirs", RESOLVE)).json()
    assert_error(
        await http.post(
            f"/v1/macros/{theirs['id']}/apply",
            json={"conversation_id": conversation_id},
            headers=bearer(other_shop.agent_token),
        ),
        404,
        "not_found",
    )


async def test_a_failing_action_stops_the_run_and_is_named(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """An assignee who is not on the team fails the second action: the first stays applied,
    the third never runs, and the error says which action failed."""
    async with session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        conversation_id = (await v.ok({"type": "conversation.start"}))["conversation"]["id"]
    actions = [
        {"type": "add_tags", "tags": ["vip"]},
        {"type": "assign", "assignee_id": "00000000-0000-4000-8000-000000000000"},
        {"type": "set_status", "status": "resolved"},
    ]
    macro = (await make(http, shop.agent_token, "Broken", actions)).json()
    failed = await http.post(
        f"/v1/macros/{macro['id']}/apply",
        json={"conversation_id": conversation_id},
        headers=bearer(shop.agent_token),
    )
    assert failed.status_code == 404, failed.text
    message = failed.json()["error"]["message"]
    assert "action 2 of 3 (assign)" in message and "1 applied before it" in message
    now = await http.get(f"/v1/conversations/{conversation_id}", headers=bearer(shop.agent_token))
    assert now.json()["tags"] == ["vip"]
    assert now.json()["status"] != "resolved"
    assert_error(
        await http.post(
            f"/v1/macros/{macro['id']}/apply",
            json={"conversation_id": "00000000-0000-4000-8000-000000000001"},
            headers=bearer(shop.agent_token),
        ),
        404,
        "not_found",
    )
