"""Managed labels over HTTP: staff read them, admins shape them; a rename or delete
rewrites the tag on the tenant's conversations; the list filters by label."""

from __future__ import annotations

import httpx

from tests.api.test_http import assert_error
from tests.live import LiveServer, owner_connection
from tests.provision import ORIGIN, Tenant, provision
from tests.wsclient import session


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def start_conversations(live: LiveServer, tenant: Tenant, count: int) -> list[str]:
    """`count` visitor conversations of `tenant`, each with a first message."""
    started = []
    async with session(live.ws_url, {"widget_key": tenant.widget_key}, origin=ORIGIN) as visitor:
        for i in range(count):
            opened = await visitor.ok({"type": "conversation.start", "subject": f"Topic {i}"})
            started.append(opened["conversation"]["id"])
            await visitor.say(started[-1], f"Question {i}", f"m-{i}")
    return started


async def test_admins_manage_labels_and_agents_read_them(
    http: httpx.AsyncClient, shop: Tenant, other_shop: Tenant
) -> None:
    """An admin creates, changes and deletes labels; an agent lists them but may not write;
    bad names and colours are refused; another tenant sees none of them."""
    admin, agent = bearer(shop.admin_token), bearer(shop.agent_token)
    made = await http.post(
        "/v1/labels",
        headers=admin,
        json={"name": " billing ", "colour": "amber", "description": "Invoices, refunds"},
    )
    assert made.status_code == 201, made.text
    label = made.json()
    assert (label["name"], label["colour"], label["description"]) == (
        "billing",
        "amber",
        "Invoices, refunds",
    )
    listed = (await http.get("/v1/labels", headers=agent)).json()
    assert [x["name"] for x in listed["labels"]] == ["billing"]
    assert "amber" in listed["palette"] and "grey" in listed["palette"]

    refused = await http.post("/v1/labels", headers=agent, json={"name": "x", "colour": "red"})
    assert_error(refused, 403, "forbidden")
    patch = await http.patch(f"/v1/labels/{label['id']}", headers=agent, json={"colour": "red"})
    assert_error(patch, 403, "forbidden")
    gone = await http.delete(f"/v1/labels/{label['id']}", headers=agent)
    assert_error(gone, 403, "forbidden")
    assert_error(await http.get("/v1/labels"), 401, "unauthorized")

    bad_colour = {"name": "vip", "colour": "chartreuse"}
    assert_error(await http.post("/v1/labels", headers=admin, json=bad_colour), 422, "bad_request")
    for name in ("", "   ", "a,b", "x" * 51):
        body = {"name": name, "colour": "red"}
        assert_error(await http.post("/v1/labels", headers=admin, json=body), 422, "bad_request")
    twice = await http.post("/v1/labels", headers=admin, json={"name": "billing", "colour": "red"})
    assert_error(twice, 409, "conflict")
    unknown = await http.patch(f"/v1/labels/{label['id']}", headers=admin, json={"colour": "mauve"})
    assert_error(unknown, 422, "bad_request")
    emptied = await http.patch(f"/v1/labels/{label['id']}", headers=admin, json={"name": " "})
    assert_error(emptied, 422, "bad_request")

    theirs = bearer(other_shop.admin_token)
    assert (await http.get("/v1/labels", headers=theirs)).json()["labels"] == []
    cross = await http.patch(f"/v1/labels/{label['id']}", headers=theirs, json={"colour": "red"})
    assert_error(cross, 404, "not_found")
    assert_error(await http.delete(f"/v1/labels/{label['id']}", headers=theirs), 404, "not_found")
    assert_error(await http.delete("/v1/labels/not-an-id", headers=admin), 404, "not_found")

    changed = await http.patch(
        f"/v1/labels/{label['id']}", headers=admin, json={"colour": "teal", "description": ""}
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["colour"], changed.json()["description"]) == ("teal", "")


async def test_rename_and_delete_rewrite_the_tag_and_the_list_filters_by_label(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """Conversations tagged with a label are found by ?label=; renaming the label renames
    their tag (announced as conversation.updated), deleting it removes the tag; free tags
    are left alone; it is all audited."""
    admin, agent = bearer(shop.admin_token), bearer(shop.agent_token)
    first, second, third = await start_conversations(live_server, shop, 3)
    label = (
        await http.post("/v1/labels", headers=admin, json={"name": "vip", "colour": "purple"})
    ).json()
    for conversation_id, tags in ((first, ["vip", "free"]), (second, ["vip"]), (third, [])):
        patched = await http.patch(
            f"/v1/conversations/{conversation_id}", headers=agent, json={"tags": tags}
        )
        assert patched.status_code == 200, patched.text
    found = (await http.get("/v1/conversations?label=vip", headers=agent)).json()
    assert {c["id"] for c in found["conversations"]} == {first, second}
    free = (await http.get("/v1/conversations?label=free", headers=agent)).json()
    assert [c["id"] for c in free["conversations"]] == [first]
    too_long = await http.get(f"/v1/conversations?label={'x' * 51}", headers=agent)
    assert_error(too_long, 422, "bad_request")

    seen = (await http.get(f"/v1/conversations/{first}", headers=agent)).json()["last_seq"]
    async with session(live_server.ws_url, {"token": shop.agent_token}) as watcher:
        await watcher.ok({"type": "subscribe", "conversation_id": first, "after_seq": seen})
        renamed = await http.patch(
            f"/v1/labels/{label['id']}", headers=admin, json={"name": "key-account"}
        )
        assert renamed.status_code == 200, renamed.text
        updated = await watcher.next("conversation.updated")
        if sorted(updated["conversation"]["tags"]) == ["free", "vip"]:
            # The tagging's own announcement can still be in the hub when the watcher joins.
            updated = await watcher.next("conversation.updated")
        assert updated["conversation"]["id"] == first
        assert updated["conversation"]["tags"] == ["free", "key-account"]
    tags = (await http.get(f"/v1/conversations/{second}", headers=agent)).json()["tags"]
    assert tags == ["key-account"]
    assert (await http.get("/v1/conversations?label=vip", headers=agent)).json()[
        "conversations"
    ] == []

    deleted = await http.delete(f"/v1/labels/{label['id']}", headers=admin)
    assert deleted.status_code == 200, deleted.text
    assert deleted.json() == {"conversations": 2}
    assert (await http.get(f"/v1/conversations/{first}", headers=agent)).json()["tags"] == ["free"]
    assert (await http.get(f"/v1/conversations/{second}", headers=agent)).json()["tags"] == []
    assert (await http.get("/v1/labels", headers=agent)).json()["labels"] == []
    async with owner_connection(live_server) as owner:
        actions = await owner.fetch(
            "SELECT action FROM audit_log WHERE tenant_id = $1 AND target_kind = 'label' "
            "ORDER BY id",
            shop.tenant_id,
        )
    assert [r["action"] for r in actions] == ["label.create", "label.update", "label.delete"]


async def test_a_rename_leaves_other_tenants_conversations_alone(
    http: httpx.AsyncClient, live_server: LiveServer
) -> None:
    """Two tenants tag with the same word; one renames its label, the other's tag stays."""
    one, two = await provision(live_server), await provision(live_server)
    [mine] = await start_conversations(live_server, one, 1)
    [theirs] = await start_conversations(live_server, two, 1)
    for tenant, conversation_id in ((one, mine), (two, theirs)):
        await http.patch(
            f"/v1/conversations/{conversation_id}",
            headers=bearer(tenant.agent_token),
            json={"tags": ["urgent-billing"]},
        )
    label = (
        await http.post(
            "/v1/labels",
            headers=bearer(one.admin_token),
            json={"name": "urgent-billing", "colour": "red"},
        )
    ).json()
    await http.patch(
        f"/v1/labels/{label['id']}", headers=bearer(one.admin_token), json={"name": "billing"}
    )
    got = await http.get(f"/v1/conversations/{theirs}", headers=bearer(two.agent_token))
    assert got.json()["tags"] == ["urgent-billing"]
    got = await http.get(f"/v1/conversations/{mine}", headers=bearer(one.agent_token))
    assert got.json()["tags"] == ["billing"]


async def test_labels_are_in_the_openapi_document(http: httpx.AsyncClient) -> None:
    """The label routes and bulk route are documented like the others."""
    paths = (await http.get("/openapi.json")).json()["paths"]
    assert set(paths["/v1/labels"]) == {"get", "post"}
    assert set(paths["/v1/labels/{id}"]) == {"patch", "delete"}
    assert "post" in paths["/v1/conversations/bulk"]
    names = {p["name"] for p in paths["/v1/conversations"]["get"]["parameters"]}
    assert {"label", "snoozed"} <= names
