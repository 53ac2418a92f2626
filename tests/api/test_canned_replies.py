"""Canned replies over HTTP: shared ones written by admins, personal ones by each agent and
seen by nobody else, fields checked, and bodies rendered for a conversation by the server."""

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
    http: httpx.AsyncClient, token: str, code: str, body: str = "Hello", **extra: Any
) -> httpx.Response:
    payload = {"code": code, "title": f"Title {code}", "body": body, **extra}
    return await http.post("/v1/canned_replies", json=payload, headers=bearer(token))


async def codes(http: httpx.AsyncClient, token: str) -> set[str]:
    listed = await http.get("/v1/canned_replies", headers=bearer(token))
    assert listed.status_code == 200, listed.text
    return {r["code"] for r in listed.json()["replies"]}


async def test_shared_by_admins_personal_by_each_agent_alone(
    http: httpx.AsyncClient, shop: Tenant, other_shop: Tenant
) -> None:
    """Agents see the shared replies and their own, never a colleague's or another tenant's;
    only admins write shared ones, and nobody changes a reply they may not see."""
    shared = await make(
        http, shop.admin_token, "refund-policy", "Refunds take 5 days.", shared=True
    )
    assert shared.status_code == 201, shared.text
    assert shared.json()["shared"] is True
    assert_error(await make(http, shop.agent_token, "mine", shared=True), 403, "forbidden")
    ada = await make(http, shop.agent_token, "ada-hello", "Hi, Ada here")
    assert ada.status_code == 201 and ada.json()["shared"] is False
    bo = await make(http, shop.agent2_token, "bo-hello", "Hi, Bo here")
    assert bo.status_code == 201
    assert_error(await make(http, shop.api_key, "bot-own"), 403, "forbidden")

    assert await codes(http, shop.agent_token) == {"refund-policy", "ada-hello"}
    assert await codes(http, shop.agent2_token) == {"refund-policy", "bo-hello"}
    assert await codes(http, shop.admin_token) == {"refund-policy"}  # admins see no one's own
    assert await codes(http, shop.api_key) == {"refund-policy"}
    assert await codes(http, other_shop.agent_token) == set()
    listed = (await http.get("/v1/canned_replies", headers=bearer(shop.agent_token))).json()
    assert listed["replies"][0]["code"] == "refund-policy"  # shared first
    assert "contact.name" in {v["name"] for v in listed["variables"]}

    bo_id, shared_id, ada_id = bo.json()["id"], shared.json()["id"], ada.json()["id"]
    patch = {"title": "Stolen"}
    for token in (shop.agent_token, shop.admin_token, other_shop.admin_token):
        url = f"/v1/canned_replies/{bo_id}"
        assert_error(await http.patch(url, json=patch, headers=bearer(token)), 404, "not_found")
        assert_error(await http.delete(url, headers=bearer(token)), 404, "not_found")
    url = f"/v1/canned_replies/{shared_id}"
    assert_error(
        await http.patch(url, json=patch, headers=bearer(shop.agent_token)), 403, "forbidden"
    )
    assert_error(await http.delete(url, headers=bearer(shop.agent_token)), 403, "forbidden")
    assert_error(
        await http.patch(url, json=patch, headers=bearer(other_shop.admin_token)), 404, "not_found"
    )
    changed = await http.patch(
        url, json={"body": "Refunds take 3 days."}, headers=bearer(shop.admin_token)
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["body"] == "Refunds take 3 days."
    assert changed.json()["title"] == "Title refund-policy"  # only the keys present change
    mine = await http.patch(
        f"/v1/canned_replies/{ada_id}", json={"code": "ada-hi"}, headers=bearer(shop.agent_token)
    )
    assert mine.status_code == 200 and mine.json()["code"] == "ada-hi"
    gone = await http.delete(f"/v1/canned_replies/{ada_id}", headers=bearer(shop.agent_token))
    assert gone.status_code == 204
    assert await codes(http, shop.agent_token) == {"refund-policy"}
    logged = await http.get("/v1/audit?action=canned_reply.", headers=bearer(shop.admin_token))
    entries = logged.json()["entries"]
    assert [e["action"] for e in entries] == ["canned_reply.update", "canned_reply.create"]
    assert {(e["target"]["kind"], e["target"]["id"]) for e in entries} == {
        ("canned_reply", shared_id)
    }


async def test_fields_are_checked(http: httpx.AsyncClient, shop: Tenant) -> None:
    """Empty, oversized and malformed fields are refused with the field named; a code is
    unique among the shared replies and among each agent's own."""
    for code, body, title in (
        ("", "x", "t"),
        ("Has Space", "x", "t"),
        ("ok", "   ", "t"),
        ("ok", "x", ""),
        ("ok", "x" * 5001, "t"),
        ("ok", "x", "t" * 101),
        ("x" * 41, "x", "t"),
    ):
        payload = {"code": code, "title": title, "body": body}
        made = await http.post("/v1/canned_replies", json=payload, headers=bearer(shop.agent_token))
        assert_error(made, 422, "bad_request")
    assert_error(
        await http.post(
            "/v1/canned_replies",
            json={"code": "a", "title": "t", "body": "b", "colour": "red"},
            headers=bearer(shop.agent_token),
        ),
        422,
        "bad_request",
    )
    assert (await make(http, shop.agent_token, "twice")).status_code == 201
    assert_error(await make(http, shop.agent_token, "twice"), 409, "conflict")
    assert (await make(http, shop.agent2_token, "twice")).status_code == 201  # Bo's own
    assert (await make(http, shop.admin_token, "twice", shared=True)).status_code == 201
    assert_error(await make(http, shop.admin_token, "twice", shared=True), 409, "conflict")
    assert_error(await http.get("/v1/canned_replies"), 401, "unauthorized")
    assert_error(
        await http.patch("/v1/canned_replies/not-an-id", json={}, headers=bearer(shop.agent_token)),
        404,
        "not_found",
    )


async def test_render_fills_variables_for_the_conversation(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant, other_shop: Tenant
) -> None:
    """The server fills contact, agent and conversation variables; a missing value becomes
    empty and is reported, an unknown variable stays as written and is reported; another
    tenant's conversation, and visitors, are refused."""
    hello = {
        "widget_key": shop.widget_key,
        "identity": {**shop.identity("cust-7"), "name": "Dana Scully", "email": "dana@x.example"},
    }
    async with session(live_server.ws_url, hello, origin=ORIGIN) as visitor:
        opened = await visitor.ok({"type": "conversation.start", "subject": "Refund"})
        conversation_id = opened["conversation"]["id"]
        visitor_token = visitor.welcome["visitor_token"]
    async with session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as anon:
        anonymous_id = (await anon.ok({"type": "conversation.start"}))["conversation"]["id"]
    body = (
        "Hi {contact.first_name} ({contact.email}), {agent.name} here about "
        "{conversation.subject} [{conversation.id}] {contact.shoe_size} {not a variable}"
    )
    made = (await make(http, shop.agent_token, "greet", body)).json()
    url = f"/v1/canned_replies/{made['id']}/render"
    done = await http.post(
        url, json={"conversation_id": conversation_id}, headers=bearer(shop.agent_token)
    )
    assert done.status_code == 200, done.text
    assert done.json() == {
        "body": f"Hi Dana (dana@x.example), Ada Agent here about Refund [{conversation_id}] "
        "{contact.shoe_size} {not a variable}",
        "missing": [],
        "unknown": ["contact.shoe_size"],
    }
    blank = await http.post(
        url, json={"conversation_id": anonymous_id}, headers=bearer(shop.agent_token)
    )
    assert blank.json()["missing"] == [
        "contact.first_name",
        "contact.email",
        "conversation.subject",
    ]
    assert blank.json()["body"].startswith("Hi  (), Ada Agent here")
    assert_error(
        await http.post(
            url, json={"conversation_id": conversation_id}, headers=bearer(visitor_token)
        ),
        403,
        "forbidden",
    )
    theirs = (await make(http, other_shop.agent_token, "greet", body)).json()
    assert_error(
        await http.post(
            f"/v1/canned_replies/{theirs['id']}/render",
            json={"conversation_id": conversation_id},
            headers=bearer(other_shop.agent_token),
        ),
        404,
        "not_found",
    )
    assert_error(
        await http.post(url, json={"conversation_id": "nope"}, headers=bearer(shop.agent_token)),
        404,
        "not_found",
    )


async def test_openapi_lists_the_routes(http: httpx.AsyncClient) -> None:
    """The canned-reply routes are in /openapi.json like every other route."""
    paths = (await http.get("/openapi.json")).json()["paths"]
    assert set(paths["/v1/canned_replies"]) == {"get", "post"}
    assert set(paths["/v1/canned_replies/{id}"]) == {"patch", "delete"}
    assert "post" in paths["/v1/canned_replies/{id}/render"]
