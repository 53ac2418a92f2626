"""The contact profile agents see: what the widget reports in `hello` (page, referrer,
language, time zone; browser and OS from the User-Agent), visits counted after 30 minutes
away, and name and e-mail corrected by agents (audited)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from server.domain.visits import browser_and_os, seen_context
from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant, provision
from tests.wsclient import session

CHROME_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
CONTEXT = {
    "page": "https://shop.example/pricing?plan=pro",
    "referrer": "https://www.google.com/",
    "language": "pt-BR",
    "timezone": "America/Sao_Paulo",
}


@pytest.fixture(scope="module")
async def desk(live_server: LiveServer) -> Tenant:
    return await provision(live_server)


def staff(live: LiveServer, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=live.base_url, headers={"authorization": f"Bearer {token}"}, timeout=30
    )


async def visit(
    live: LiveServer, desk: Tenant, token: str | None = None, **hello: Any
) -> tuple[str, str]:
    """One widget connection; the visitor's contact id and token."""
    if token:
        hello["visitor_token"] = token
    async with session(
        live.ws_url,
        {"widget_key": desk.widget_key, **hello},
        origin=ORIGIN,
        user_agent=CHROME_MAC,
    ) as visitor:
        principal = visitor.welcome["principal"]
        return str(principal["id"]), str(visitor.welcome["visitor_token"])


def test_browser_and_os_are_named_coarsely() -> None:
    assert browser_and_os(CHROME_MAC) == {"browser": "Chrome 131", "os": "macOS"}
    edge = CHROME_MAC.replace("Safari/537.36", "Safari/537.36 Edg/130.0.0.0")
    assert browser_and_os(edge)["browser"] == "Edge 130"
    iphone = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    )
    assert browser_and_os(iphone) == {"browser": "Safari 17", "os": "iOS"}
    assert browser_and_os(None) == {} and browser_and_os("curl/8.5") == {}


def test_only_well_formed_context_is_kept() -> None:
    hostile = {
        "page": "javascript:alert(1)",
        "referrer": "https://ok.example/\u0000x",
        "language": "<script>",
        "timezone": "../../etc/passwd",
        "extra": "dropped",
    }
    assert seen_context(hostile, None) == {}
    assert seen_context({"page": "https://x.example/" + "a" * 3000}, None) == {}
    assert seen_context({"page": 42, "language": ["en"]}, None) == {}
    assert seen_context(CONTEXT, None) == {**CONTEXT, "page": "https://shop.example/pricing"}
    secret = seen_context({"page": "https://shop.example/reset?token=s3cret#x"}, None)
    assert secret == {"page": "https://shop.example/reset"}


async def test_the_widget_context_and_visits_reach_the_profile(
    live_server: LiveServer, desk: Tenant
) -> None:
    contact_id, token = await visit(live_server, desk, context=CONTEXT)
    await visit(live_server, desk, token)  # straight back: the same visit, nothing reported
    async with staff(live_server, desk.agent_token) as http:
        contact = (await http.get(f"/v1/contacts/{contact_id}")).json()["contact"]
    assert contact["visits"] == 1
    assert contact["seen"] == {
        **CONTEXT,
        "page": "https://shop.example/pricing",  # no query: it may hold secrets
        "browser": "Chrome 131",
        "os": "macOS",
    }
    assert contact["last_seen_at"] is not None

    live_server.clock.advance(31 * 60)
    await visit(live_server, desk, token, context={**CONTEXT, "page": "https://shop.example/"})
    async with staff(live_server, desk.agent_token) as http:
        contact = (await http.get(f"/v1/contacts/{contact_id}")).json()["contact"]
    assert contact["visits"] == 2
    assert contact["seen"]["page"] == "https://shop.example/"


async def test_a_malformed_context_never_refuses_the_visitor(
    live_server: LiveServer, desk: Tenant
) -> None:
    for context in ({"page": ["not", "a", "url"], "n": 1}, "a string", 42):
        contact_id, _ = await visit(live_server, desk, context=context)
        async with staff(live_server, desk.agent_token) as http:
            contact = (await http.get(f"/v1/contacts/{contact_id}")).json()["contact"]
        assert contact["seen"] == {"browser": "Chrome 131", "os": "macOS"}


async def test_agents_correct_the_name_and_email(live_server: LiveServer, desk: Tenant) -> None:
    contact_id, token = await visit(live_server, desk)
    url = f"/v1/contacts/{contact_id}"
    async with staff(live_server, desk.agent_token) as http:
        changed = await http.patch(url, json={"name": "  Ana   Lima ", "email": "ana@x.example"})
        assert changed.status_code == 200, changed.text
        assert changed.json()["name"] == "Ana Lima"
        assert changed.json()["email"] == "ana@x.example"
        cleared = await http.patch(url, json={"email": ""})
        assert cleared.json()["email"] is None and cleared.json()["name"] == "Ana Lima"
        for bad in ({"email": "not-an-address"}, {"name": "x" * 300}, {}, {"phone": "+1"}):
            refused = await http.patch(url, json=bad)
            assert refused.status_code in (400, 422), (bad, refused.text)
        assert (await http.get(url)).json()["contact"]["name"] == "Ana Lima"
    async with staff(live_server, desk.admin_token) as http:
        audit = (await http.get("/v1/audit", params={"action": "contact.update"})).json()
    entries = [e for e in audit["entries"] if e["details"].get("fields")]
    assert entries and entries[0]["details"]["fields"] in (["email"], ["email", "name"])
    assert "ana@x.example" not in str(audit)
    other = await provision(live_server)
    async with staff(live_server, other.agent_token) as http:
        assert (await http.patch(url, json={"name": "Mallory"})).status_code == 404
    async with staff(live_server, token) as http:
        assert (await http.patch(url, json={"name": "Me"})).status_code in (401, 403)
