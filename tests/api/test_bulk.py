"""Bulk actions over HTTP: one change to several conversations, each through PATCH's path
(rules, audit, events), answered per id."""

from __future__ import annotations

import uuid

import httpx

from tests.api.test_http import assert_error
from tests.api.test_labels import bearer, start_conversations
from tests.live import LiveServer, owner_connection
from tests.provision import ORIGIN, Tenant
from tests.wsclient import session


async def test_bulk_status_assignee_and_tags_apply_per_conversation(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant, other_shop: Tenant
) -> None:
    """Status, assignee and tags change on each conversation asked; another tenant's id,
    an unknown id and a move the lifecycle refuses fail alone, the others apply; each
    change is audited and announced like a PATCH."""
    agent = bearer(shop.agent_token)
    mine = await start_conversations(live_server, shop, 3)
    [theirs] = await start_conversations(live_server, other_shop, 1)
    await http.patch(f"/v1/conversations/{mine[0]}", headers=agent, json={"tags": ["keep"]})
    async with session(live_server.ws_url, {"token": shop.agent_token}) as watcher:
        await watcher.ok({"type": "inbox.subscribe"})
        answer = await http.post(
            "/v1/conversations/bulk",
            headers=agent,
            json={
                "ids": mine,
                "changes": {
                    "status": "pending",
                    "assignee_id": shop.agent_id,
                    "add_tags": ["refund", "vip"],
                },
            },
        )
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"results": [{"id": i, "ok": True} for i in mine]}
        announced = {(await watcher.next("conversation.updated"))["conversation"]["id"]}
        while announced != set(mine):
            announced.add((await watcher.next("conversation.updated"))["conversation"]["id"])
    for conversation_id in mine:
        got = (await http.get(f"/v1/conversations/{conversation_id}", headers=agent)).json()
        assert (got["status"], got["assignee_id"]) == ("pending", shop.agent_id)
        assert {"refund", "vip"} <= set(got["tags"])
    first = (await http.get(f"/v1/conversations/{mine[0]}", headers=agent)).json()
    assert first["tags"] == ["keep", "refund", "vip"]

    removed = await http.post(
        "/v1/conversations/bulk",
        headers=agent,
        json={"ids": mine[:2], "changes": {"remove_tags": ["vip"], "assignee_id": None}},
    )
    assert all(r["ok"] for r in removed.json()["results"])
    first = (await http.get(f"/v1/conversations/{mine[0]}", headers=agent)).json()
    assert (first["tags"], first["assignee_id"]) == (["keep", "refund"], None)

    other = bearer(other_shop.agent_token)
    before = (await http.get(f"/v1/conversations/{theirs}", headers=other)).json()
    await http.patch(f"/v1/conversations/{mine[2]}", headers=agent, json={"status": "closed"})
    missing = str(uuid.uuid4())
    mixed = await http.post(
        "/v1/conversations/bulk",
        headers=agent,
        json={"ids": [mine[0], theirs, mine[2], missing], "changes": {"status": "open"}},
    )
    assert mixed.status_code == 200, mixed.text
    results = {r["id"]: r for r in mixed.json()["results"]}
    assert [r["id"] for r in mixed.json()["results"]] == [mine[0], theirs, mine[2], missing]
    assert results[mine[0]] == {"id": mine[0], "ok": True}
    assert results[theirs]["error"]["code"] == "not_found"
    assert results[missing]["error"]["code"] == "not_found"
    assert results[mine[2]]["error"]["code"] == "conflict"  # closed is final
    after = (await http.get(f"/v1/conversations/{theirs}", headers=other)).json()
    assert (after["status"], after["last_seq"]) == (before["status"], before["last_seq"])
    async with owner_connection(live_server) as owner:
        count = await owner.fetchval(
            "SELECT count(*) FROM audit_log WHERE tenant_id = $1 "
            "AND action = 'conversation.update' AND target_id = $2",
            shop.tenant_id,
            mine[1],
        )
    assert count == 2  # the two bulk changes of it, as two PATCHes would be


async def test_bulk_refuses_bad_requests_and_non_staff(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """More than 100 ids, no ids, repeated ids, no change, an unknown field, a tag both
    added and removed: 422 before anything changes; visitors get 403."""
    agent = bearer(shop.agent_token)
    [one] = await start_conversations(live_server, shop, 1)
    many = [str(uuid.uuid4()) for _ in range(101)]
    bad_bodies = [
        {"ids": many, "changes": {"status": "open"}},
        {"ids": [], "changes": {"status": "open"}},
        {"ids": [one, one], "changes": {"status": "open"}},
        {"ids": [one], "changes": {}},
        {"ids": [one], "changes": {"priority": "high"}},
        {"ids": [one], "changes": {"status": None}},
        {"ids": [one], "changes": {"add_tags": ["x"], "remove_tags": ["x"]}},
        {"ids": [one], "changes": {"status": "lost"}},
    ]
    for body in bad_bodies:
        answer = await http.post("/v1/conversations/bulk", headers=agent, json=body)
        assert_error(answer, 422, "bad_request")
    hundred = [str(uuid.uuid4()) for _ in range(99)] + [one]
    fine = await http.post(
        "/v1/conversations/bulk",
        headers=agent,
        json={"ids": hundred, "changes": {"add_tags": ["x"]}},
    )
    assert fine.status_code == 200 and fine.json()["results"][-1] == {"id": one, "ok": True}
    assert_error(
        await http.post("/v1/conversations/bulk", json={"ids": [one], "changes": {}}),
        401,
        "unauthorized",
    )
    async with session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        token = v.welcome["visitor_token"]
    visitor = await http.post(
        "/v1/conversations/bulk",
        headers=bearer(token),
        json={"ids": [one], "changes": {"status": "open"}},
    )
    assert_error(visitor, 403, "forbidden")
