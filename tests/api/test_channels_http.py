"""Customer channels over HTTP: the CLI's `channel add` forms, listed without credentials,
removed (their webhooks then answer 404) and re-sealed after the secret key changed."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

import httpx

from tests.api.test_http import assert_error
from tests.api.test_widget_settings import audit_actions, bearer
from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, twilio_form, twilio_signature
from tests.live import LiveServer, running_server
from tests.provision import Tenant, provision

CHANNEL_KEYS = {"id", "kind", "provider", "address", "webhook_url", "created_at", "sealed_ok"}


def number() -> str:
    return "+1415" + "".join(secrets.choice("0123456789") for _ in range(7))


def twilio_channel(**extra: Any) -> dict[str, Any]:
    return {
        "kind": "sms",
        "provider": "twilio",
        "number": number(),
        "account_sid": ACCOUNT_SID,
        "auth_token": AUTH_TOKEN,
        **extra,
    }


def meta_channel() -> dict[str, Any]:
    return {
        "kind": "whatsapp",
        "provider": "meta",
        "phone_number_id": str(uuid.uuid4().int)[:15],
        "app_secret": "app-secret-1",
        "verify_token": "verify-me-1",
        "access_token": "access-token-1",
    }


async def sms_in(http: httpx.AsyncClient, webhook_url: str, to: str, token: str) -> int:
    """A signed inbound SMS to the channel's webhook; the status it was answered with."""
    form = twilio_form(to_number=to, from_number=number(), body="Where is my parcel?")
    signature = twilio_signature(token, webhook_url, form)
    response = await http.post(webhook_url, data=form, headers={"x-twilio-signature": signature})
    return response.status_code


async def channels_of(http: httpx.AsyncClient, tenant: Tenant) -> list[dict[str, Any]]:
    listed = await http.get("/v1/channels", headers=bearer(tenant.admin_token))
    assert listed.status_code == 200, listed.text
    found: list[dict[str, Any]] = listed.json()["channels"]
    return found


async def test_add_list_and_remove_every_form(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """E-mail, Twilio SMS and Meta WhatsApp added over HTTP, listed beside one the CLI
    added, never with a credential; a removed channel's webhook answers 404."""
    admin = bearer(shop.admin_token)
    address = f"help-{uuid.uuid4().hex[:8]}@shop.example"
    email = await http.post(
        "/v1/channels", headers=admin, json={"kind": "email", "address": address}
    )
    assert email.status_code == 201, email.text
    assert email.json()["webhook_url"] is None
    assert email.json()["channel"]["provider"] == "smtp" and email.json()["channel"]["sealed_ok"]

    sms_form = twilio_channel()
    sms = await http.post("/v1/channels", headers=admin, json=sms_form)
    assert sms.status_code == 201, sms.text
    channel = sms.json()["channel"]
    assert set(channel) == CHANNEL_KEYS
    hook = f"{live_server.base_url}/v1/channels/twilio/{channel['id']}"
    assert sms.json()["webhook_url"] == channel["webhook_url"] == hook
    assert (channel["kind"], channel["provider"], channel["address"]) == (
        "sms",
        "twilio",
        sms_form["number"],
    )

    wa = await http.post("/v1/channels", headers=admin, json=meta_channel())
    assert wa.status_code == 201, wa.text
    wa_hook = wa.json()["webhook_url"]
    assert wa_hook == f"{live_server.base_url}/v1/channels/whatsapp/{wa.json()['channel']['id']}"
    challenge = await http.get(
        wa_hook,
        params={"hub.mode": "subscribe", "hub.verify_token": "verify-me-1", "hub.challenge": "7"},
    )
    assert challenge.status_code == 200 and challenge.text == "7"

    by_cli = live_server.cli_json(
        "channel",
        "add",
        "--tenant",
        shop.tenant_id,
        "--kind",
        "email",
        "--address",
        "cli-" + address,
    )
    listed = await channels_of(http, shop)
    assert [c["id"] for c in listed] == [
        email.json()["channel"]["id"],
        channel["id"],
        wa.json()["channel"]["id"],
        by_cli["channel_id"],
    ]
    assert all(set(c) == CHANNEL_KEYS and c["sealed_ok"] for c in listed)
    text = (await http.get("/v1/channels", headers=admin)).text
    for secret in (AUTH_TOKEN, "app-secret-1", "verify-me-1", "access-token-1", ACCOUNT_SID):
        assert secret not in text

    assert await sms_in(http, hook, sms_form["number"], AUTH_TOKEN) == 200
    removed = await http.delete(f"/v1/channels/{channel['id']}", headers=admin)
    assert removed.status_code == 204 and removed.content == b""
    assert await sms_in(http, hook, sms_form["number"], AUTH_TOKEN) == 404
    assert_error(
        await http.delete(f"/v1/channels/{channel['id']}", headers=admin), 404, "not_found"
    )
    assert channel["id"] not in [c["id"] for c in await channels_of(http, shop)]
    actions = await audit_actions(live_server, shop.tenant_id)
    assert actions.count("channel.add") == 4 and actions.count("channel.remove") == 1


async def test_bad_channels_are_refused_and_nothing_is_lost(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    admin = bearer(shop.admin_token)
    kept = await http.post("/v1/channels", headers=admin, json=twilio_channel())
    before = await channels_of(http, shop)
    bad: list[tuple[dict[str, Any], int]] = [
        ({"kind": "email"}, 422),
        ({"kind": "email", "address": "not-an-address"}, 422),
        ({"kind": "fax", "address": "x@shop.example"}, 422),
        ({**meta_channel(), "kind": "sms"}, 422),
        ({"kind": "email", "provider": "twilio", "address": "a@shop.example"}, 422),
        (twilio_channel(number="4155550100"), 422),
        (twilio_channel(auth_token=""), 422),
        (twilio_channel(api_base="ftp://twilio.example"), 422),
        (twilio_channel(address="a@shop.example"), 422),  # not a Twilio field
        (twilio_channel(colour="red"), 422),
        ({**twilio_channel(), "number": kept.json()["channel"]["address"]}, 409),
    ]
    for body, status in bad:
        response = await http.post("/v1/channels", headers=admin, json=body)
        assert response.status_code == status, (body, response.text)
        assert set(response.json()) == {"error"}
    not_json = await http.post("/v1/channels", headers=admin, content=b"kind=email")
    assert_error(not_json, 400, "bad_request")
    assert await channels_of(http, shop) == before


async def test_only_the_tenants_admins(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """Agents and bots are refused; another tenant's admin finds none of these channels."""
    created = await http.post(
        "/v1/channels", headers=bearer(shop.admin_token), json=twilio_channel()
    )
    channel_id = created.json()["channel"]["id"]
    for headers in (bearer(shop.agent_token), bearer(shop.api_key)):
        assert_error(await http.get("/v1/channels", headers=headers), 403, "forbidden")
        added = await http.post("/v1/channels", headers=headers, json=twilio_channel())
        assert_error(added, 403, "forbidden")
        gone = await http.delete(f"/v1/channels/{channel_id}", headers=headers)
        assert_error(gone, 403, "forbidden")
        resealed = await http.post(
            f"/v1/channels/{channel_id}/credentials", headers=headers, json={"auth_token": "x"}
        )
        assert_error(resealed, 403, "forbidden")
    assert_error(await http.get("/v1/channels"), 401, "unauthorized")

    other = await provision(live_server)
    outsider = bearer(other.admin_token)
    assert await channels_of(http, other) == []
    assert_error(
        await http.delete(f"/v1/channels/{channel_id}", headers=outsider), 404, "not_found"
    )
    resealed = await http.post(
        f"/v1/channels/{channel_id}/credentials", headers=outsider, json={"auth_token": "x"}
    )
    assert_error(resealed, 404, "not_found")
    assert_error(await http.delete("/v1/channels/not-an-id", headers=outsider), 404, "not_found")
    assert [c["id"] for c in await channels_of(http, shop)].count(channel_id) == 1


async def test_credentials_take_exactly_the_providers_secrets(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    admin = bearer(shop.admin_token)
    sms = (await http.post("/v1/channels", headers=admin, json=twilio_channel())).json()
    email = await http.post(
        "/v1/channels",
        headers=admin,
        json={"kind": "email", "address": f"in-{uuid.uuid4().hex[:8]}@shop.example"},
    )
    url = f"/v1/channels/{sms['channel']['id']}/credentials"
    for body in ({}, {"auth_token": ""}, {"app_secret": "x"}, {"auth_token": "a", "x": 1}):
        response = await http.post(url, headers=admin, json=body)
        assert response.status_code == 422, (body, response.text)
    email_url = f"/v1/channels/{email.json()['channel']['id']}/credentials"
    assert_error(
        await http.post(email_url, headers=admin, json={"auth_token": "a"}), 422, "bad_request"
    )
    # Still the first token: nothing was sealed by the refusals.
    address = sms["channel"]["address"]
    assert await sms_in(http, sms["webhook_url"], address, AUTH_TOKEN) == 200
    changed = await http.post(url, headers=admin, json={"auth_token": "rotated-token"})
    assert changed.status_code == 200, changed.text
    assert changed.json() == {**sms["channel"], "sealed_ok": True}
    assert await sms_in(http, sms["webhook_url"], address, AUTH_TOKEN) == 403
    assert await sms_in(http, sms["webhook_url"], address, "rotated-token") == 200
    assert "channel.credentials" in await audit_actions(live_server, shop.tenant_id)


async def test_a_new_secret_key_needs_the_credentials_again() -> None:
    """After FLOWSUPPORT_SECRET_KEY changed, the channel lists `sealed_ok: false` until its
    credentials are given again; then its webhook works as before."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-reseal-"))
    first_key = {"FLOWSUPPORT_SECRET_KEY": "k" * 40}
    try:
        with running_server(data_dir, extra_env=first_key) as live:
            tenant = await provision(live)
            async with httpx.AsyncClient(base_url=live.base_url, timeout=30) as http:
                added = await http.post(
                    "/v1/channels", headers=bearer(tenant.admin_token), json=twilio_channel()
                )
                assert added.status_code == 201, added.text
        sms = added.json()
        with running_server(data_dir, extra_env={"FLOWSUPPORT_SECRET_KEY": "n" * 40}) as live:
            async with httpx.AsyncClient(base_url=live.base_url, timeout=30) as http:
                signed_in = await http.post(
                    "/v1/auth/login",
                    json={"email": admin_email(tenant), "password": "admin-pass-1"},
                )
                admin = bearer(signed_in.json()["access_token"])
                tenant = Tenant(**{**tenant.__dict__, "admin_token": admin["authorization"][7:]})
                [listed] = await channels_of(http, tenant)
                assert listed["id"] == sms["channel"]["id"] and listed["sealed_ok"] is False
                hook = listed["webhook_url"]
                assert await sms_in(http, hook, listed["address"], AUTH_TOKEN) == 503
                resealed = await http.post(
                    f"/v1/channels/{listed['id']}/credentials",
                    headers=admin,
                    json={"auth_token": AUTH_TOKEN},
                )
                assert resealed.status_code == 200, resealed.text
                assert resealed.json()["sealed_ok"] is True
                [listed] = await channels_of(http, tenant)
                assert listed["sealed_ok"] is True
                assert await sms_in(http, hook, listed["address"], AUTH_TOKEN) == 200
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def admin_email(tenant: Tenant) -> str:
    """tests/provision.py's admin of `tenant` (its agent's address, another local part)."""
    return tenant.agent_email.replace("agent-", "admin-", 1)
