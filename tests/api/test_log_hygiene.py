"""Credentials put in a URL never reach the server's log (PROTOCOL.md forbids them there)."""

from __future__ import annotations

import asyncio

import httpx

from tests.live import LiveServer
from tests.provision import Tenant
from tests.wsclient import session


async def test_credentials_in_urls_are_not_logged(live_server: LiveServer, shop: Tenant) -> None:
    secrets = ["Qz7SECRETtoken", "Qz7SECRETkey", "Qz7SECRETcsat"]
    ws_url = f"{live_server.ws_url}?token={secrets[0]}&api_key={secrets[1]}"
    async with session(ws_url, {"api_key": shop.api_key}) as bot:  # the URL's are ignored
        await bot.request({"type": "ping"})
    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=30) as http:
        assert (await http.get(f"/v1/me?access_token={secrets[0]}")).status_code == 401
        await http.get(f"/v1/csat/fs1.{secrets[2]}.x")
        marker = await http.get("/healthz?after=the-secrets")
        assert marker.status_code == 200
    assert live_server.output is not None
    for _ in range(100):  # the drain reads the server's output as it comes
        logged = live_server.output.text()
        last = logged.rfind("/v1/csat/")  # the marker's line (its query dropped) comes after
        if last >= 0 and '"GET /healthz' in logged[last:]:
            break
        await asyncio.sleep(0.05)
    assert "/v1/me" in logged and "/v1/csat/" in logged  # the requests are logged...
    for secret in secrets:
        assert secret not in logged  # ...without what their URLs carried
