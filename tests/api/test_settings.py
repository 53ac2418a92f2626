"""Tenant settings over HTTP: admins read and change them, all or none, audited."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.test_http import assert_error, login, make_tenant
from tests.live import LiveServer


async def admin_headers(http: httpx.AsyncClient, live: LiveServer) -> dict[str, str]:
    made = make_tenant(live)
    token = (await login(http, made["email"], made["password"])).json()["access_token"]
    return {"authorization": f"Bearer {token}"}


async def test_defaults_then_a_change(http: httpx.AsyncClient, live_server: LiveServer) -> None:
    headers = await admin_headers(http, live_server)
    got = await http.get("/v1/settings", headers=headers)
    assert got.json() == {
        "ai_enabled": True,
        "ai_tokens_per_conversation": 20_000,
        "ai_tokens_per_month": None,
    }
    changed = await http.patch(
        "/v1/settings",
        headers=headers,
        json={"ai_tokens_per_month": 1_000_000, "ai_tokens_per_conversation": None},
    )
    assert changed.status_code == 200, changed.text
    expected = {
        "ai_enabled": True,
        "ai_tokens_per_conversation": None,
        "ai_tokens_per_month": 1_000_000,
    }
    assert changed.json() == expected
    assert (await http.get("/v1/settings", headers=headers)).json() == expected


async def test_bad_changes_are_refused_and_change_nothing(
    http: httpx.AsyncClient, live_server: LiveServer
) -> None:
    headers = await admin_headers(http, live_server)
    before = (await http.get("/v1/settings", headers=headers)).json()
    bad: list[dict[str, Any]] = [
        {"ai_tokens_per_month": -1},
        {"ai_tokens_per_month": "1000"},
        {"ai_tokens_per_month": 10.5},
        {"ai_enabled": "yes"},
        {"ai_enabled": None},
        {"ai_tokens_per_conversation": 5, "colour": "red"},
        {"ai_tokens_per_month": 10**12},
    ]
    for body in bad:
        response = await http.patch("/v1/settings", headers=headers, json=body)
        assert_error(response, 422, "bad_request")
    assert (await http.get("/v1/settings", headers=headers)).json() == before


async def test_only_admins_see_settings(http: httpx.AsyncClient, live_server: LiveServer) -> None:
    made = make_tenant(live_server)
    live_server.cli_json(
        "user",
        "create",
        "--tenant",
        made["name"],
        "--email",
        "agent-" + made["email"],
        "--password",
        "agent-pass-9",
        "--role",
        "agent",
    )
    token = (await login(http, "agent-" + made["email"], "agent-pass-9")).json()["access_token"]
    for headers in (
        {"authorization": f"Bearer {token}"},
        {"authorization": f"Bearer {made['api_key']}"},
    ):
        assert_error(await http.get("/v1/settings", headers=headers), 403, "forbidden")
        response = await http.patch("/v1/settings", headers=headers, json={"ai_enabled": False})
        assert_error(response, 403, "forbidden")
    assert_error(await http.get("/v1/settings"), 401, "unauthorized")
