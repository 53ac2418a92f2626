"""Knowledge-base articles over HTTP: admins write, staff read, other tenants see nothing."""

from __future__ import annotations

import uuid

import httpx

from tests.live import LiveServer
from tests.provision import Tenant


async def admin_token(live: LiveServer, http: httpx.AsyncClient, tenant_id: str) -> str:
    email = f"admin-{uuid.uuid4().hex[:6]}@shop.example"
    live.cli_json(
        "user",
        "create",
        "--tenant",
        tenant_id,
        "--email",
        email,
        "--password",
        "admin-pass-1",
        "--role",
        "admin",
    )
    login = await http.post("/v1/auth/login", json={"email": email, "password": "admin-pass-1"})
    token: str = login.json()["access_token"]
    return token


async def test_article_lifecycle_and_permissions(
    live_server: LiveServer, shop: Tenant, other_shop: Tenant, http: httpx.AsyncClient
) -> None:
    admin = {"authorization": f"Bearer {await admin_token(live_server, http, shop.tenant_id)}"}
    agent = {"authorization": f"Bearer {shop.agent_token}"}
    outsider = {"authorization": f"Bearer {other_shop.agent_token}"}
    article = {
        "title": "Refund policy",
        "body": "## Annual plans\n\nRefunds are prorated.",
        "tags": ["billing", "billing"],
        "url": "https://shop.example/help/refunds",
    }

    refused = await http.post("/v1/kb/articles", json=article, headers=agent)
    assert refused.status_code == 403
    created = await http.post("/v1/kb/articles", json=article, headers=admin)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["tags"] == ["billing"] and "source_path" not in body
    article_id = body["id"]

    listed = await http.get("/v1/kb/articles", headers=agent)
    assert [a["title"] for a in listed.json()["articles"]] == ["Refund policy"]
    found = await http.get("/v1/kb/search", params={"q": "are refunds prorated?"}, headers=agent)
    assert found.json()["results"][0]["article_id"] == article_id

    changed = await http.put(
        f"/v1/kb/articles/{article_id}",
        headers=admin,
        json={**article, "body": "Refunds are not available."},
    )
    assert changed.json()["body"] == "Refunds are not available."
    fetched = await http.get(f"/v1/kb/articles/{article_id}", headers=agent)
    assert fetched.json()["body"] == "Refunds are not available."

    for method in ("GET", "PUT", "DELETE"):
        theirs = await http.request(
            method,
            f"/v1/kb/articles/{article_id}",
            headers=outsider,
            json=article if method == "PUT" else None,
        )
        assert theirs.status_code in (403, 404), method
    assert (await http.get(f"/v1/kb/articles/{article_id}", headers=outsider)).status_code == 404
    assert (await http.get("/v1/kb/articles/not-an-id", headers=agent)).status_code == 404

    bad = await http.post("/v1/kb/articles", json={"title": "", "body": "x"}, headers=admin)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "bad_request"

    assert (await http.delete(f"/v1/kb/articles/{article_id}", headers=admin)).status_code == 204
    assert (await http.get(f"/v1/kb/articles/{article_id}", headers=agent)).status_code == 404
    assert (await http.delete(f"/v1/kb/articles/{article_id}", headers=admin)).status_code == 404
