"""What the agent inbox reads over HTTP: the conversation list (filters, search, pages,
previews) and a contact's profile."""

from __future__ import annotations

import httpx

from tests.api.test_http import assert_error
from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant, provision
from tests.wsclient import session


async def test_conversation_list_filters_searches_and_pages(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    staff = {"authorization": f"Bearer {shop.agent_token}"}
    hello = {"widget_key": shop.widget_key, "identity": shop.identity("cust-42")}
    started = []
    async with session(live_server.ws_url, hello, origin=ORIGIN) as visitor:
        contact_id = visitor.welcome["principal"]["id"]
        for i, text in enumerate(["My invoice is wrong", "Cannot log in", "Refund for order 77"]):
            opened = await visitor.ok({"type": "conversation.start", "subject": f"Topic {i}"})
            started.append(opened["conversation"]["id"])
            await visitor.say(started[-1], text, f"m-{i}")
    async with session(live_server.ws_url, {"token": shop.agent_token}) as agent:
        await agent.ok(
            {"type": "conversation.update", "conversation_id": started[1], "status": "pending"}
        )
        await agent.ok(
            {
                "type": "message.send",
                "conversation_id": started[2],
                "client_msg_id": "note-1",
                "body": "secret internal remark",
                "private": True,
            }
        )
    listed = (await http.get("/v1/conversations", headers=staff)).json()
    ids = [c["id"] for c in listed["conversations"]]
    assert ids[:3] == started[::-1][:3] or set(started) <= set(ids)
    refund = next(c for c in listed["conversations"] if c["id"] == started[2])
    assert refund["preview"]["body"] == "Refund for order 77"  # not the private note
    assert refund["preview"]["sender_kind"] == "visitor"
    assert refund["contact"]["id"] == contact_id
    pending = (await http.get("/v1/conversations?status=pending", headers=staff)).json()
    assert [c["id"] for c in pending["conversations"]] == [started[1]]
    both = (await http.get("/v1/conversations?status=open,pending", headers=staff)).json()
    assert set(started) <= {c["id"] for c in both["conversations"]}
    found = (await http.get("/v1/conversations?q=invoce", headers=staff)).json()  # a typo
    assert [c["id"] for c in found["conversations"]] == [started[0]]
    hidden = (await http.get("/v1/conversations?q=secret", headers=staff)).json()
    assert hidden["conversations"] == []  # private notes are not searched
    first = (await http.get("/v1/conversations?limit=2", headers=staff)).json()
    assert len(first["conversations"]) == 2 and first["next_cursor"]
    rest = (
        await http.get(f"/v1/conversations?limit=2&cursor={first['next_cursor']}", headers=staff)
    ).json()
    assert not {c["id"] for c in rest["conversations"]} & {c["id"] for c in first["conversations"]}
    assert_error(await http.get("/v1/conversations?status=lost", headers=staff), 422, "bad_request")
    assert_error(await http.get("/v1/conversations?channel=fax", headers=staff), 422, "bad_request")
    assert_error(await http.get("/v1/conversations?cursor=x", headers=staff), 422, "bad_request")

    profile = (await http.get(f"/v1/contacts/{contact_id}", headers=staff)).json()
    assert profile["contact"]["external_id"] == "cust-42"
    assert {c["id"] for c in profile["conversations"]} == set(started)
    assert profile["tickets"] == []


async def test_contacts_are_for_the_tenants_staff(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    other = await provision(live_server)
    async with session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        contact_id = v.welcome["principal"]["id"]
        mine = {"authorization": f"Bearer {v.welcome['visitor_token']}"}
        assert_error(await http.get(f"/v1/contacts/{contact_id}", headers=mine), 403, "forbidden")
        assert_error(await http.get("/v1/conversations", headers=mine), 403, "forbidden")
    theirs = {"authorization": f"Bearer {other.agent_token}"}
    assert_error(await http.get(f"/v1/contacts/{contact_id}", headers=theirs), 404, "not_found")
    assert_error(await http.get("/v1/contacts/nope", headers=theirs), 404, "not_found")


async def test_the_api_answers_cross_origin_requests_without_cookies(
    http: httpx.AsyncClient,
) -> None:
    """The widget on a customer's site pages its history over HTTP (bearer token)."""
    preflight = await http.options(
        "/v1/conversations/x/messages",
        headers={
            "origin": "https://shop.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": "authorization",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in preflight.headers


async def test_staff_list_is_the_tenants_own(
    http: httpx.AsyncClient, shop: Tenant, other_shop: Tenant
) -> None:
    listed = await http.get("/v1/users", headers={"authorization": f"Bearer {shop.agent_token}"})
    users = listed.json()["users"]
    assert {u["role"] for u in users} == {"agent", "admin"} and len(users) == 3
    assert shop.agent_email in {u["email"] for u in users}
    assert other_shop.agent_email not in {u["email"] for u in users}
    # The assignment list's fields, then the team page's (issue 17).
    team = {"active", "last_sign_in_at", "created_at"}
    assert {"id", "name", "email", "role", "tenant_id"} | team == set(users[0])


async def test_every_response_names_its_request(http: httpx.AsyncClient) -> None:
    given = await http.get("/healthz", headers={"x-request-id": "lb-abc-12345"})
    assert given.headers["x-request-id"] == "lb-abc-12345"
    made = await http.get("/healthz", headers={"x-request-id": "bad id; drop table"})
    assert len(made.headers["x-request-id"]) == 32  # replaced by a fresh one
