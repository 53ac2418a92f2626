"""The widget's settings over HTTP: its look and origins in /v1/settings, the public
/v1/widget/config it draws itself with, and rotating the identity secret with a grace."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from server.services import credentials
from tests.api.test_http import assert_error
from tests.live import LiveServer, owner_connection, running_server
from tests.provision import ORIGIN, Tenant, provision
from tests.realtime.test_bad_input import closed_with
from tests.wsclient import WAIT_S, session

DEFAULT_LOOK = {
    "greeting": "Hi there! Ask us anything: our assistant answers right away, and a person "
    "is one click away.",
    "brand_color": "#1d6ae5",
    "theme": "dark",
    "launcher_position": "right",
}


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def audit_actions(live: LiveServer, tenant_id: str) -> list[str]:
    async with owner_connection(live) as owner:
        rows = await owner.fetch(
            "SELECT action FROM audit_log WHERE tenant_id = $1 ORDER BY id", tenant_id
        )
    return [r["action"] for r in rows]


async def test_defaults_snippet_and_no_secret(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """A new tenant's widget is dark, bottom right, in the current accent; GET shows the
    snippet to paste and never the identity secret."""
    got = await http.get("/v1/settings", headers=bearer(shop.admin_token))
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["widget"] == DEFAULT_LOOK
    assert body["allowed_origins"] == [ORIGIN]
    assert body["widget_snippet"] == (
        f'<script src="{live_server.base_url}/widget.js" '
        f'data-widget-key="{shop.widget_key}" async></script>'
    )
    assert shop.identity_secret not in got.text and "identity_secret" not in body
    public = await http.get("/v1/widget/config", params={"key": shop.widget_key})
    assert public.status_code == 200
    assert public.json() == {"name": body["name"], **DEFAULT_LOOK}


async def test_look_and_origins_change_and_the_widget_config_follows(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """Only the keys given change; the public config follows, cacheable and CORS-open."""
    admin = bearer(shop.admin_token)
    changed = await http.patch(
        "/v1/settings",
        headers=admin,
        json={
            "widget": {"theme": "light", "brand_color": "#E4572E"},
            "allowed_origins": ["https://www.shop.example/", "http://localhost:3000"],
        },
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["widget"] == {**DEFAULT_LOOK, "theme": "light", "brand_color": "#e4572e"}
    assert body["allowed_origins"] == ["http://localhost:3000", "https://www.shop.example"]
    changed = await http.patch(
        "/v1/settings",
        headers=admin,
        json={"widget": {"greeting": "  Welcome to Shop!  ", "launcher_position": "left"}},
    )
    look = changed.json()["widget"]
    assert look == {
        "greeting": "Welcome to Shop!",
        "brand_color": "#e4572e",
        "theme": "light",
        "launcher_position": "left",
    }
    assert (await http.get("/v1/settings", headers=admin)).json() == changed.json()

    public = await http.get(
        "/v1/widget/config",
        params={"key": shop.widget_key},
        headers={"origin": "https://www.shop.example"},
    )
    assert public.json() == {"name": changed.json()["name"], **look}
    assert public.headers["cache-control"] == "public, max-age=60"
    assert public.headers["access-control-allow-origin"] == "*"
    # The new origin may now embed the widget; the old one may not.
    async with session(
        live_server.ws_url, {"widget_key": shop.widget_key}, origin="http://localhost:3000"
    ) as visitor:
        assert visitor.welcome["principal"]["kind"] == "visitor"
    frame = json.dumps({"type": "hello", "widget_key": shop.widget_key})
    refused = await closed_with(live_server.ws_url, frame, origin=ORIGIN)
    assert refused == 4003
    actions = await audit_actions(live_server, shop.tenant_id)
    assert actions[-3:] == ["tenant.settings", "tenant.origins", "tenant.settings"]


async def test_unknown_or_missing_widget_key(http: httpx.AsyncClient) -> None:
    assert_error(await http.get("/v1/widget/config", params={"key": "wk_nope"}), 404, "not_found")
    assert_error(await http.get("/v1/widget/config"), 400, "bad_request")


async def test_bad_widget_settings_are_refused_and_change_nothing(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    admin = bearer(shop.admin_token)
    before = (await http.get("/v1/settings", headers=admin)).json()
    bad: list[dict[str, Any]] = [
        {"widget": {"brand_color": "red"}},
        {"widget": {"brand_color": "#12345"}},
        {"widget": {"brand_color": "#12345g"}},
        {"widget": {"theme": "sepia"}},
        {"widget": {"theme": None}},
        {"widget": {"launcher_position": "top"}},
        {"widget": {"greeting": "x" * 501}},
        {"widget": {"greeting": 5}},
        {"widget": {"font": "Comic Sans"}},
        {"widget": None},
        {"widget": "dark"},
        {"allowed_origins": None},
        {"allowed_origins": ["ftp://shop.example"]},
        {"allowed_origins": ["https://shop.example/path"]},
        {"allowed_origins": "https://shop.example"},
        {"allowed_origins": [f"https://s{i}.shop.example" for i in range(51)]},
        # All or none: a good change beside a bad one is not applied either.
        {"widget": {"theme": "light"}, "allowed_origins": ["nope"]},
        {"allowed_origins": ["https://fine.example"], "ai_enabled": "yes"},
    ]
    for body in bad:
        response = await http.patch("/v1/settings", headers=admin, json=body)
        assert_error(response, 422, "bad_request")
    assert (await http.get("/v1/settings", headers=admin)).json() == before


async def test_only_admins(http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant) -> None:
    """Agents and bots are refused every settings endpoint; nobody signed out gets in."""
    for headers in (bearer(shop.agent_token), bearer(shop.api_key)):
        assert_error(await http.get("/v1/settings", headers=headers), 403, "forbidden")
        patched = await http.patch(
            "/v1/settings", headers=headers, json={"widget": {"theme": "light"}}
        )
        assert_error(patched, 403, "forbidden")
        rotated = await http.post("/v1/settings/identity-secret", headers=headers)
        assert_error(rotated, 403, "forbidden")
    assert_error(await http.post("/v1/settings/identity-secret"), 401, "unauthorized")
    look = await http.get("/v1/widget/config", params={"key": shop.widget_key})
    assert look.json()["theme"] == "dark"  # nothing changed


def hello(tenant: Tenant, secret: str, external_id: str) -> dict[str, Any]:
    mac = credentials.identity_hmac(secret, external_id)
    return {"widget_key": tenant.widget_key, "identity": {"external_id": external_id, "hmac": mac}}


async def identified(live: LiveServer, tenant: Tenant, secret: str, external_id: str) -> int:
    """0 when an identity HMAC made with `secret` is accepted (welcome), else the code the
    server closed with."""
    frame = json.dumps({"type": "hello", **hello(tenant, secret, external_id)})
    async with connect(
        live.ws_url, subprotocols=["flowsupport.v1.json"], additional_headers={"Origin": ORIGIN}
    ) as ws:
        await ws.send(frame)
        try:
            first = json.loads(await asyncio.wait_for(ws.recv(), WAIT_S))
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd is not None else -1
        assert first["type"] == "welcome", first
        return 0


async def test_identity_secret_rotation_keeps_the_old_one_for_a_day() -> None:
    """The new secret is shown once; both verify for 24 h on the server's clock, then only
    the new one. Its own server: the test moves that server's clock a day on."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-rotate-"))
    try:
        with running_server(data_dir) as live:
            tenant = await provision(live)
            old = tenant.identity_secret
            async with httpx.AsyncClient(base_url=live.base_url, timeout=30) as http:
                rotated = await http.post(
                    "/v1/settings/identity-secret", headers=bearer(tenant.admin_token)
                )
                assert rotated.status_code == 200, rotated.text
                body = rotated.json()
                new = body["identity_secret"]
                assert len(new) == 64 and new != old
                until = datetime.fromisoformat(body["previous_valid_until"])
                assert abs(until - (live.clock.now() + timedelta(hours=24))) < timedelta(minutes=1)
                shown = await http.get("/v1/settings", headers=bearer(tenant.admin_token))
                assert new not in shown.text and old not in shown.text
            assert await identified(live, tenant, old, "cust-1") == 0
            assert await identified(live, tenant, new, "cust-1") == 0
            live.clock.advance(24 * 3600 + 5)
            assert await identified(live, tenant, old, "cust-1") == 4001
            assert await identified(live, tenant, new, "cust-1") == 0
            assert "tenant.identity_secret" in await audit_actions(live, tenant.tenant_id)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


async def test_the_openapi_document_lists_these_endpoints(http: httpx.AsyncClient) -> None:
    """Every endpoint of the widget, channels and knowledge-base administration is in
    /openapi.json with its error statuses; an upload is multipart, a removal has no body."""
    paths = (await http.get("/openapi.json")).json()["paths"]
    expected = {
        "/v1/settings": {"get", "patch"},
        "/v1/settings/identity-secret": {"post"},
        "/v1/widget/config": {"get"},
        "/v1/channels": {"get", "post"},
        "/v1/channels/{id}": {"delete"},
        "/v1/channels/{id}/credentials": {"post"},
        "/v1/kb/uploads": {"post"},
        "/v1/kb/reingest": {"post"},
        "/v1/kb/articles/{id}/questions": {"get"},
    }
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
    assert "security" not in paths["/v1/widget/config"]["get"]
    assert {"400", "404"} <= set(paths["/v1/widget/config"]["get"]["responses"])
    assert {"403", "409", "422"} <= set(paths["/v1/channels"]["post"]["responses"])
    removal = paths["/v1/channels/{id}"]["delete"]["responses"]
    assert "content" not in removal["204"] and "404" in removal
    upload = paths["/v1/kb/uploads"]["post"]
    assert set(upload["requestBody"]["content"]) == {"multipart/form-data"}
    assert {"413", "422"} <= set(upload["responses"])
    settings = paths["/v1/settings"]["patch"]["requestBody"]["content"]["application/json"]
    assert settings["schema"]["$ref"].endswith("/TenantSettingsPatch")
