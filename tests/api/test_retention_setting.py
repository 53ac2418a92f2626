"""The retention setting over HTTP: `retention_days` (whole days >= 1, or null to keep
forever) is read and changed with the other settings, refused with 422 when malformed,
audited as a settings change, admins only, and documented in /openapi.json."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.test_audit_log import read_log
from tests.api.test_http import assert_error, login, make_tenant
from tests.live import LiveServer


async def admin_token(http: httpx.AsyncClient, live: LiveServer) -> str:
    made = make_tenant(live)
    token: str = (await login(http, made["email"], made["password"])).json()["access_token"]
    return token


async def test_kept_forever_by_default_then_days_then_forever_again(
    http: httpx.AsyncClient, live_server: LiveServer
) -> None:
    """A new tenant keeps everything; a change is stored, shown and audited with its value."""
    token = await admin_token(http, live_server)
    headers = {"authorization": f"Bearer {token}"}
    assert (await http.get("/v1/settings", headers=headers)).json()["retention_days"] is None

    changed = await http.patch("/v1/settings", headers=headers, json={"retention_days": 90})

    assert changed.status_code == 200, changed.text
    assert changed.json()["retention_days"] == 90
    assert (await http.get("/v1/settings", headers=headers)).json()["retention_days"] == 90
    forever = await http.patch("/v1/settings", headers=headers, json={"retention_days": None})
    assert forever.status_code == 200, forever.text
    assert (await http.get("/v1/settings", headers=headers)).json()["retention_days"] is None
    entries = await read_log(http, token, action="tenant.settings")
    assert [e["details"] for e in entries] == [{"retention_days": None}, {"retention_days": 90}]


async def test_malformed_days_are_refused_and_change_nothing(
    http: httpx.AsyncClient, live_server: LiveServer
) -> None:
    """0, negatives, booleans, strings, fractions and huge numbers: 422 naming the field."""
    token = await admin_token(http, live_server)
    headers = {"authorization": f"Bearer {token}"}
    await http.patch("/v1/settings", headers=headers, json={"retention_days": 30})
    bad: list[Any] = [0, -1, True, False, "30", 30.5, 10**6, 10**30, [30], {"days": 30}]
    for value in bad:
        response = await http.patch("/v1/settings", headers=headers, json={"retention_days": value})
        assert_error(response, 422, "bad_request")
        assert "retention_days" in response.json()["error"]["message"], value
    assert (await http.get("/v1/settings", headers=headers)).json()["retention_days"] == 30
    assert len(await read_log(http, token, action="tenant.settings")) == 1


async def test_only_admins_change_it(http: httpx.AsyncClient, live_server: LiveServer) -> None:
    """An agent of the tenant is refused (403) and the value stays."""
    made = make_tenant(live_server)
    admin = (await login(http, made["email"], made["password"])).json()["access_token"]
    agent_email = f"agent-{made['email']}"
    live_server.cli_json(
        "user",
        "create",
        "--tenant",
        made["name"],
        "--email",
        agent_email,
        "--password",
        "agent-pass-1",
        "--role",
        "agent",
    )
    agent = (await login(http, agent_email, "agent-pass-1")).json()["access_token"]
    refused = await http.patch(
        "/v1/settings",
        headers={"authorization": f"Bearer {agent}"},
        json={"retention_days": 1},
    )
    assert_error(refused, 403, "forbidden")
    got = await http.get("/v1/settings", headers={"authorization": f"Bearer {admin}"})
    assert got.json()["retention_days"] is None


async def test_in_the_openapi_document(http: httpx.AsyncClient) -> None:
    """Both the settings answer and the patch describe retention_days with its bounds."""
    schemas = (await http.get("/openapi.json")).json()["components"]["schemas"]
    patch = schemas["TenantSettingsPatch"]["properties"]["retention_days"]
    assert "retention_days" in schemas["TenantSettingsOut"]["properties"]
    bounds = [branch for branch in patch.get("anyOf", [patch]) if branch.get("type") == "integer"]
    assert bounds and bounds[0]["minimum"] == 1 and bounds[0]["maximum"] == 36_500
