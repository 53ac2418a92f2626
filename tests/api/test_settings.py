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
    got = (await http.get("/v1/settings", headers=headers)).json()
    assert {k: got[k] for k in ("ai_enabled", "ai_tokens_per_conversation")} == {
        "ai_enabled": True,
        "ai_tokens_per_conversation": 20_000,
    }
    assert got["ai_tokens_per_month"] is None and got["business_hours"] is None
    assert got["unanswered_escalation_s"] == 120 and got["ticket_fields"] == []
    assert got["sla"]["urgent"] == {"first_response_minutes": 15, "resolution_minutes": 240}
    changed = await http.patch(
        "/v1/settings",
        headers=headers,
        json={"ai_tokens_per_month": 1_000_000, "ai_tokens_per_conversation": None},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["ai_tokens_per_conversation"] is None
    assert changed.json()["ai_tokens_per_month"] == 1_000_000
    hours = {"timezone": "Europe/Paris", "days": [0, 1, 2, 3, 4], "start": "08:30", "end": "18:00"}
    changed = await http.patch(
        "/v1/settings",
        headers=headers,
        json={
            "sla": {"urgent": {"first_response_minutes": 5}},
            "business_hours": hours,
            "ticket_fields": [{"key": "plan", "type": "choice", "choices": ["free", "pro"]}],
            "escalation_message": "  Hang on, a human is coming.  ",
        },
    )
    assert changed.status_code == 200, changed.text
    stored = (await http.get("/v1/settings", headers=headers)).json()
    assert stored == changed.json()
    assert stored["sla"]["urgent"] == {"first_response_minutes": 5, "resolution_minutes": 240}
    assert stored["business_hours"] == hours
    assert stored["escalation_message"] == "Hang on, a human is coming."
    assert stored["ai_tokens_per_month"] == 1_000_000  # untouched keys stay


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
        {"sla": {"critical": {"first_response_minutes": 5}}},
        {"sla": {"urgent": {"first_response_minutes": 0}}},
        {"sla": {"urgent": {"response": 5}}},
        {
            "business_hours": {
                "timezone": "Mars/Olympus",
                "days": [0],
                "start": "09:00",
                "end": "17:00",
            }
        },
        {"business_hours": {"timezone": "UTC", "days": [7], "start": "09:00", "end": "17:00"}},
        {"business_hours": {"timezone": "UTC", "days": [0], "start": "17:00", "end": "09:00"}},
        {"ticket_fields": [{"key": "Plan", "type": "text"}]},
        {"ticket_fields": [{"key": "plan", "type": "choice"}]},
        {"ticket_fields": [{"key": "a", "type": "text"}, {"key": "a", "type": "number"}]},
        {"escalation_message": ""},
        {"unanswered_escalation_s": -5},
        {"escalate_on_disconnect": "no"},
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
