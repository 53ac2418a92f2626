"""First run: with no tenant, `serve` logs a setup link and `/setup` creates the first one."""

from __future__ import annotations

import asyncio
import re

import httpx

from tests.live import LiveServer

PROXIED = {"X-Forwarded-For": "203.0.113.7"}  # as a reverse proxy on this host would send it


def setup_token(server: LiveServer) -> str:
    assert server.output is not None
    found = re.search(r"/setup\?token=(\S+)", server.output.text())
    assert found, server.output.text()
    return found.group(1)


def workspace(email: str, **changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "workspace": "Acme",
        "allowed_origins": ["https://www.acme.example"],
        "name": "Ann Admin",
        "email": email,
        "password": "a long enough password",
    }
    form.update(changes)
    return form


async def test_first_run_creates_one_workspace_and_signs_its_admin_in(
    empty_server: LiveServer,
) -> None:
    token = setup_token(empty_server)
    async with httpx.AsyncClient(base_url=empty_server.base_url, timeout=30) as http:
        home = await http.get("/")
        assert home.status_code in (302, 307) and home.headers["location"] == "/setup"
        assert (await http.get("/v1/setup")).json() == {"needed": True, "token_required": False}
        page = await http.get("/setup")
        assert page.status_code == 200 and "<html" in page.text.lower()
        assert "script-src 'self'" in page.headers["content-security-policy"]

        # Through a proxy the loopback proves nothing: only the logged token opens setup.
        proxied = await http.get("/v1/setup", headers=PROXIED)
        assert proxied.json() == {"needed": True, "token_required": True}
        assert (await http.get("/setup", headers=PROXIED)).status_code == 403
        assert (await http.get(f"/setup?token={token}", headers=PROXIED)).status_code == 200
        refused = await http.post(
            "/v1/setup", json=workspace("ann@acme.example", token="nope"), headers=PROXIED
        )
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"

        # Bad input is named and creates nothing.
        for bad, field in (
            (workspace("ann@acme.example", allowed_origins=["acme dot com"]), "origin"),
            (workspace("ann@acme.example", password="short"), "password"),
            (workspace("not-an-address"), "email"),
            (workspace("ann@acme.example", workspace=" "), "name"),
        ):
            answer = await http.post("/v1/setup", json=bad)
            assert answer.status_code == 422, answer.text
            assert field in answer.json()["error"]["message"]
        malformed = await http.post(
            "/v1/setup", content=b"{", headers={"content-type": "application/json"}
        )
        assert malformed.status_code == 400
        assert (await http.get("/v1/setup")).json()["needed"] is True

        # Two browsers at once: exactly one workspace, the other told it is taken.
        first, second = await asyncio.gather(
            http.post(
                "/v1/setup", json=workspace("ann@acme.example", token=token), headers=PROXIED
            ),
            http.post("/v1/setup", json=workspace("bob@acme.example")),
        )
        assert sorted([first.status_code, second.status_code]) == [201, 409]
        made = first if first.status_code == 201 else second
        body = made.json()
        assert body["user"]["role"] == "admin" and body["widget_key"].startswith("wk_")
        bearer = {"Authorization": f"Bearer {body['access_token']}"}
        me = await http.get("/v1/me", headers=bearer)
        assert me.status_code == 200 and me.json()["role"] == "admin"
        settings = (await http.get("/v1/settings", headers=bearer)).json()
        assert settings["name"] == "Acme" and settings["widget_key"] == body["widget_key"]
        assert settings["allowed_origins"] == ["https://www.acme.example"]

        # Setup is over, for good: the token is worthless and `/` leads to the inbox.
        assert (await http.get("/v1/setup")).json() == {"needed": False, "token_required": False}
        assert (await http.get("/setup")).status_code == 404
        again = await http.post("/v1/setup", json=workspace("eve@acme.example", token=token))
        assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
        assert (await http.get("/")).headers["location"] == "/inbox"
        signed_in = await http.post(
            "/v1/auth/login",
            json={"email": body["user"]["email"], "password": "a long enough password"},
        )
        assert signed_in.status_code == 200


def test_setup_is_in_the_openapi_document(live_server: LiveServer) -> None:
    paths = httpx.get(f"{live_server.base_url}/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/v1/setup"])
    assert "201" in paths["/v1/setup"]["post"]["responses"]
