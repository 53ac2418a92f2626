"""The team over HTTP against a real server: invitations (mailed through a local relay),
roles, deactivation, API keys, who may do what, other tenants' ids, and /metrics' token."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

import asyncpg
import httpx
import pytest

from tests.accounts import (  # noqa: F401 (mail_http, mail_owner, mail_shop: fixtures)
    METRICS_TOKEN,
    MailServer,
    admin_email,
    bearer,
    link_in,
    mail_http,
    mail_owner,
    mail_server,
    mail_shop,
    mail_to,
    me,
    token_of,
)
from tests.live import LiveServer
from tests.provision import AGENT_PASSWORD, Tenant, provision

ADMIN_PASSWORD = "admin-pass-1"  # provision()'s


@pytest.fixture(scope="module")
def mail() -> Iterator[MailServer]:
    with mail_server("fs-team-") as found:
        yield found


@pytest.fixture
async def other_shop(mail: MailServer) -> Tenant:
    return await provision(mail.live)


async def actions(owner: asyncpg.Connection, tenant_id: str) -> list[str]:
    rows = await owner.fetch(
        "SELECT action FROM audit_log WHERE tenant_id = $1 ORDER BY id", uuid.UUID(tenant_id)
    )
    return [r["action"] for r in rows]


def parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


async def invite(
    http: httpx.AsyncClient, shop: Tenant, email: str, role: str = "agent"
) -> httpx.Response:
    return await http.post(
        "/v1/users", json={"email": email, "role": role}, headers=bearer(shop.admin_token)
    )


async def test_an_invitation_is_mailed_accepted_once_and_signs_in(
    http: httpx.AsyncClient, mail: MailServer, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """POST /v1/users invites: a 72-hour single-use link, returned and e-mailed; the link
    shows whom it is for, signs the new agent up and in, and then works no more."""
    email = f"new-{uuid.uuid4().hex[:8]}@shop.example"
    made = await invite(http, shop, email)
    assert made.status_code == 201, made.text
    body = made.json()
    assert set(body) == {"invitation", "invite_url"}
    invitation = body["invitation"]
    assert set(invitation) == {"id", "email", "role", "created_at", "expires_at", "invited_by"}
    assert (invitation["email"], invitation["role"]) == (email, "agent")
    assert invitation["invited_by"] == {
        "id": (await me(http, shop.admin_token))["id"],
        "name": "Ida Admin",
    }
    lifetime = parse(invitation["expires_at"]) - parse(invitation["created_at"])
    assert lifetime == timedelta(hours=72)
    assert body["invite_url"].startswith(f"{mail.live.base_url}/invite?token=")
    sent = await mail_to(mail.relay, email)
    assert link_in(sent[0]) == body["invite_url"]
    listed = await http.get("/v1/invitations", headers=bearer(shop.admin_token))
    assert [i["id"] for i in listed.json()["invitations"]] == [invitation["id"]]

    token = token_of(body["invite_url"])
    preview = await http.get("/v1/invitations/accept", params={"token": token})
    assert preview.status_code == 200
    assert preview.json()["email"] == email
    assert preview.json()["tenant_name"].startswith("Shop ")
    assert set(preview.json()) == {"email", "tenant_name", "expires_at"}
    accept = {"token": token, "name": "Nia New", "password": "new-pass-123"}
    signed_in = await http.post("/v1/invitations/accept", json=accept)
    assert signed_in.status_code == 200, signed_in.text
    assert signed_in.json()["user"]["role"] == "agent"
    assert (await me(http, signed_in.json()["access_token"]))["name"] == "Nia New"
    again = await http.post("/v1/invitations/accept", json=accept)
    assert again.status_code == 400 and again.json()["error"]["code"] == "bad_request"
    assert (await http.get("/v1/invitations/accept", params={"token": token})).status_code == 400
    listed = await http.get("/v1/invitations", headers=bearer(shop.admin_token))
    assert listed.json()["invitations"] == []
    users = (await http.get("/v1/users", headers=bearer(shop.agent_token))).json()["users"]
    newcomer = next(u for u in users if u["email"] == email)
    assert newcomer["active"] is True and newcomer["last_sign_in_at"] is not None
    assert {"invitation.create", "user.create", "invitation.accept"} <= set(
        await actions(owner, shop.tenant_id)
    )


async def test_a_resend_replaces_the_link_and_a_delete_withdraws_it(
    http: httpx.AsyncClient, mail: MailServer, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """Resending mails a new link (the old one stops working); deleting withdraws it."""
    email = f"re-{uuid.uuid4().hex[:8]}@shop.example"
    first = (await invite(http, shop, email, "admin")).json()
    invitation_id = first["invitation"]["id"]
    resent = await http.post(
        f"/v1/invitations/{invitation_id}/resend", headers=bearer(shop.admin_token)
    )
    assert resent.status_code == 201, resent.text
    assert resent.json()["invitation"]["id"] == invitation_id
    assert resent.json()["invitation"]["role"] == "admin"
    assert resent.json()["invite_url"] != first["invite_url"]
    sent = await mail_to(mail.relay, email, count=2)
    # Each mail goes out as its own background job: either may be delivered first.
    assert {link_in(m) for m in sent} == {first["invite_url"], resent.json()["invite_url"]}
    old, new = token_of(first["invite_url"]), token_of(resent.json()["invite_url"])
    assert (await http.get("/v1/invitations/accept", params={"token": old})).status_code == 400
    assert (await http.get("/v1/invitations/accept", params={"token": new})).status_code == 200
    gone = await http.delete(f"/v1/invitations/{invitation_id}", headers=bearer(shop.admin_token))
    assert gone.status_code == 204
    assert (await http.get("/v1/invitations/accept", params={"token": new})).status_code == 400
    again = await http.delete(f"/v1/invitations/{invitation_id}", headers=bearer(shop.admin_token))
    assert again.status_code == 404
    assert {"invitation.resend", "invitation.revoke"} <= set(await actions(owner, shop.tenant_id))


async def test_inviting_a_taken_or_invited_address_conflicts(
    http: httpx.AsyncClient, shop: Tenant
) -> None:
    """An address with an account, or with an open invitation, is 409; a bad role 422."""
    assert (await invite(http, shop, shop.agent_email)).status_code == 409
    email = f"twice-{uuid.uuid4().hex[:8]}@shop.example"
    assert (await invite(http, shop, email)).status_code == 201
    assert (await invite(http, shop, email)).status_code == 409
    bad = await invite(http, shop, f"x-{uuid.uuid4().hex[:8]}@shop.example", "super_admin")
    assert bad.status_code == 422
    assert (await invite(http, shop, "not-an-address")).status_code == 422


async def test_a_role_change_ends_the_users_sessions(
    http: httpx.AsyncClient, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """PATCH /v1/users/{id} with a new role: the user's token is refused (it carries the
    old role) and they sign in again as the new one; a name alone changes nothing else."""
    changed = await http.patch(
        f"/v1/users/{shop.agent_id}", json={"role": "admin"}, headers=bearer(shop.admin_token)
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["role"] == "admin" and changed.json()["id"] == shop.agent_id
    assert (await http.get("/v1/me", headers=bearer(shop.agent_token))).status_code == 401
    again = await http.post(
        "/v1/auth/login", json={"email": shop.agent_email, "password": AGENT_PASSWORD}
    )
    assert again.json()["user"]["role"] == "admin"
    renamed = await http.patch(
        f"/v1/users/{shop.agent_id}", json={"name": "Ada A."}, headers=bearer(shop.admin_token)
    )
    assert renamed.json()["name"] == "Ada A."
    assert (await me(http, again.json()["access_token"]))["role"] == "admin"
    assert (await http.patch(
        f"/v1/users/{shop.agent_id}", json={}, headers=bearer(shop.admin_token)
    )).status_code == 400  # fmt: skip
    assert (await actions(owner, shop.tenant_id)).count("user.update") == 2


async def test_the_last_admin_can_neither_leave_nor_step_down(
    http: httpx.AsyncClient, shop: Tenant
) -> None:
    """The tenant's only admin deactivating or demoting themself is 409; once another admin
    exists they may step down (and their own token then ends)."""
    admin_id = (await me(http, shop.admin_token))["id"]
    own = f"/v1/users/{admin_id}"
    leave = await http.delete(own, headers=bearer(shop.admin_token))
    assert leave.status_code == 409 and leave.json()["error"]["code"] == "conflict"
    down = await http.patch(own, json={"role": "agent"}, headers=bearer(shop.admin_token))
    assert down.status_code == 409
    promoted = await http.patch(
        f"/v1/users/{shop.agent_id}", json={"role": "admin"}, headers=bearer(shop.admin_token)
    )
    assert promoted.status_code == 200
    down = await http.patch(own, json={"role": "agent"}, headers=bearer(shop.admin_token))
    assert down.status_code == 200 and down.json()["role"] == "agent"
    assert (await http.get("/v1/me", headers=bearer(shop.admin_token))).status_code == 401


async def test_deactivation_ends_sessions_and_sign_in(
    http: httpx.AsyncClient, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """DELETE /v1/users/{id}: the user's sessions end (counted), their token and password
    stop working, and they leave the staff list but stay on the admins' full list."""
    done = await http.delete(f"/v1/users/{shop.agent_id}", headers=bearer(shop.admin_token))
    assert done.status_code == 200, done.text
    assert done.json() == {"user_id": shop.agent_id, "sessions_closed": 1}
    assert (await http.get("/v1/me", headers=bearer(shop.agent_token))).status_code == 401
    login = await http.post(
        "/v1/auth/login", json={"email": shop.agent_email, "password": AGENT_PASSWORD}
    )
    assert login.status_code == 401
    staff = (await http.get("/v1/users", headers=bearer(shop.admin_token))).json()["users"]
    assert shop.agent_id not in {u["id"] for u in staff}
    everyone = await http.get(
        "/v1/users", params={"include_inactive": "true"}, headers=bearer(shop.admin_token)
    )
    gone = next(u for u in everyone.json()["users"] if u["id"] == shop.agent_id)
    assert gone["active"] is False
    again = await http.delete(f"/v1/users/{shop.agent_id}", headers=bearer(shop.admin_token))
    assert again.json() == {"user_id": shop.agent_id, "sessions_closed": 0}
    assert (await actions(owner, shop.tenant_id)).count("user.deactivate") == 1


async def test_api_keys_are_listed_created_used_and_revoked(
    http: httpx.AsyncClient, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """POST shows a key once; its use is recorded; DELETE revokes it (then 401); the list
    keeps revoked keys with revoked_at."""
    made = await http.post(
        "/v1/apikeys", json={"name": "Billing bot"}, headers=bearer(shop.admin_token)
    )
    assert made.status_code == 201, made.text
    assert set(made.json()) == {"id", "name", "api_key"}
    key_id, key = made.json()["id"], made.json()["api_key"]
    listed = (await http.get("/v1/apikeys", headers=bearer(shop.admin_token))).json()["api_keys"]
    fresh = next(k for k in listed if k["id"] == key_id)
    assert fresh == {**fresh, "name": "Billing bot", "last_used_at": None, "revoked_at": None}
    assert set(fresh) == {"id", "name", "created_at", "last_used_at", "revoked_at"}
    assert (await me(http, key))["kind"] == "bot"
    listed = (await http.get("/v1/apikeys", headers=bearer(shop.admin_token))).json()["api_keys"]
    assert next(k for k in listed if k["id"] == key_id)["last_used_at"] is not None
    revoked = await http.delete(f"/v1/apikeys/{key_id}", headers=bearer(shop.admin_token))
    assert revoked.status_code == 200 and revoked.json() == {"revoked": True}
    assert (await http.get("/v1/me", headers=bearer(key))).status_code == 401
    listed = (await http.get("/v1/apikeys", headers=bearer(shop.admin_token))).json()["api_keys"]
    assert next(k for k in listed if k["id"] == key_id)["revoked_at"] is not None
    again = await http.delete(f"/v1/apikeys/{key_id}", headers=bearer(shop.admin_token))
    assert again.json() == {"revoked": True}
    assert {"apikey.create", "apikey.revoke"} <= set(await actions(owner, shop.tenant_id))


def admin_calls(user_id: str, other_id: str) -> list[tuple[str, str, dict[str, str] | None]]:
    """Every admin endpoint, with a plausible body."""
    return [
        ("GET", "/v1/users?include_inactive=true", None),
        ("POST", "/v1/users", {"email": f"x-{uuid.uuid4().hex[:6]}@a.example", "role": "agent"}),
        ("PATCH", f"/v1/users/{user_id}", {"role": "admin"}),
        ("DELETE", f"/v1/users/{user_id}", None),
        ("GET", f"/v1/users/{user_id}/sessions", None),
        ("GET", "/v1/invitations", None),
        ("POST", f"/v1/invitations/{other_id}/resend", None),
        ("DELETE", f"/v1/invitations/{other_id}", None),
        ("GET", "/v1/apikeys", None),
        ("POST", "/v1/apikeys", {"name": "sneaky"}),
        ("DELETE", f"/v1/apikeys/{other_id}", None),
    ]


async def test_agents_and_bots_get_403_on_every_admin_endpoint(
    http: httpx.AsyncClient, shop: Tenant
) -> None:
    """Agents and bots may read the staff list for assignment, and nothing more."""
    invitation = (await invite(http, shop, f"i-{uuid.uuid4().hex[:6]}@shop.example")).json()
    calls = admin_calls(shop.agent_id, invitation["invitation"]["id"])
    for credential in (shop.agent_token, shop.api_key):
        assert (await http.get("/v1/users", headers=bearer(credential))).status_code == 200
        for method, path, body in calls:
            got = await http.request(method, path, json=body, headers=bearer(credential))
            assert got.status_code == 403, (method, path, got.text)
            assert got.json()["error"]["code"] == "forbidden"
    assert (await me(http, shop.agent_token))["id"] == shop.agent_id  # nothing changed


async def test_other_tenants_ids_are_not_found(
    http: httpx.AsyncClient, shop: Tenant, other_shop: Tenant
) -> None:
    """An admin naming another tenant's user, invitation, API key or session gets 404, as
    for an id that does not exist, and changes nothing."""
    theirs = (await invite(http, other_shop, f"o-{uuid.uuid4().hex[:6]}@shop.example")).json()
    their_key = (
        await http.post("/v1/apikeys", json={"name": "k"}, headers=bearer(other_shop.admin_token))
    ).json()["id"]
    their_session = (
        await http.get("/v1/auth/sessions", headers=bearer(other_shop.agent_token))
    ).json()["sessions"][0]["id"]
    ids = {"user": other_shop.agent_id, "invitation": theirs["invitation"]["id"]}
    calls = [
        ("PATCH", f"/v1/users/{ids['user']}", {"role": "admin"}),
        ("DELETE", f"/v1/users/{ids['user']}", None),
        ("GET", f"/v1/users/{ids['user']}/sessions", None),
        ("POST", f"/v1/invitations/{ids['invitation']}/resend", None),
        ("DELETE", f"/v1/invitations/{ids['invitation']}", None),
        ("DELETE", f"/v1/apikeys/{their_key}", None),
        ("DELETE", f"/v1/auth/sessions/{their_session}", None),
        ("DELETE", f"/v1/users/{uuid.uuid4()}", None),
        ("DELETE", "/v1/users/not-a-uuid", None),
    ]
    for method, path, body in calls:
        got = await http.request(method, path, json=body, headers=bearer(shop.admin_token))
        assert got.status_code == 404, (method, path, got.text)
        assert got.json()["error"]["code"] == "not_found"
    assert (await me(http, other_shop.agent_token))["role"] == "agent"
    assert (await me(http, other_shop.api_key))["kind"] == "bot"


async def test_metrics_needs_the_token_off_the_loopback(
    http: httpx.AsyncClient, live_server: LiveServer
) -> None:
    """/metrics answers the loopback; through a proxy (X-Forwarded-For, even naming the
    loopback) only with the bearer token; without a token configured, never (403)."""
    assert (await http.get("/metrics")).status_code == 200
    for forwarded in ("198.51.100.7", "127.0.0.1"):
        proxied = {"x-forwarded-for": forwarded}
        assert (await http.get("/metrics", headers=proxied)).status_code == 401
        wrong = {**proxied, **bearer("not-the-metrics-token-at-all")}
        assert (await http.get("/metrics", headers=wrong)).status_code == 401
        right = {**proxied, **bearer(METRICS_TOKEN)}
        answered = await http.get("/metrics", headers=right)
        assert answered.status_code == 200 and "flowsupport_" in answered.text
    async with httpx.AsyncClient(base_url=live_server.base_url) as untokened:
        refused = await untokened.get("/metrics", headers={"x-forwarded-for": "198.51.100.7"})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
        assert (await untokened.get("/metrics")).status_code == 200


async def test_the_openapi_document_lists_the_account_endpoints(http: httpx.AsyncClient) -> None:
    """Every new endpoint is in /openapi.json with its error statuses."""
    paths = (await http.get("/openapi.json")).json()["paths"]
    expected = {
        "/v1/auth/sessions": {"get"},
        "/v1/auth/sessions/{id}": {"delete"},
        "/v1/auth/password": {"post"},
        "/v1/auth/password-reset": {"post"},
        "/v1/auth/password-reset/confirm": {"post"},
        "/v1/users": {"get", "post"},
        "/v1/users/{id}": {"patch", "delete"},
        "/v1/users/{id}/sessions": {"get"},
        "/v1/invitations": {"get"},
        "/v1/invitations/{id}/resend": {"post"},
        "/v1/invitations/{id}": {"delete"},
        "/v1/invitations/accept": {"get", "post"},
        "/v1/apikeys": {"get", "post"},
        "/v1/apikeys/{id}": {"delete"},
    }
    for path, methods in expected.items():
        assert set(paths[path]) == methods, path
    assert "429" in paths["/v1/auth/login"]["post"]["responses"]
    assert "409" in paths["/v1/users/{id}"]["delete"]["responses"]
    assert "403" in paths["/v1/apikeys"]["post"]["responses"]


async def test_an_expired_invitation_gives_way_to_a_new_one(
    http: httpx.AsyncClient, mail: MailServer, shop: Tenant
) -> None:
    """72 hours later the link is refused, and the address can be invited again."""
    email = f"late-{uuid.uuid4().hex[:8]}@shop.example"
    first = (await invite(http, shop, email)).json()
    mail.live.clock.advance(72 * 3600 + 1)
    token = token_of(first["invite_url"])
    assert (await http.get("/v1/invitations/accept", params={"token": token})).status_code == 400
    login = await http.post(
        "/v1/auth/login", json={"email": admin_email(shop), "password": ADMIN_PASSWORD}
    )
    fresh_admin = replace(shop, admin_token=login.json()["access_token"])
    assert (await invite(http, fresh_admin, email)).status_code == 201


async def test_two_admins_demoting_each_other_at_once_leave_one_admin(
    http: httpx.AsyncClient, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """The last-admin rule holds under a race: one demotion wins, the other is refused (409,
    or 401 when the winner's revocation reached its session first)."""
    admin_id = (await me(http, shop.admin_token))["id"]
    await http.patch(
        f"/v1/users/{shop.agent_id}", json={"role": "admin"}, headers=bearer(shop.admin_token)
    )
    second = await http.post(
        "/v1/auth/login", json={"email": shop.agent_email, "password": AGENT_PASSWORD}
    )
    answers = await asyncio.gather(
        http.patch(
            f"/v1/users/{shop.agent_id}", json={"role": "agent"}, headers=bearer(shop.admin_token)
        ),
        http.patch(
            f"/v1/users/{admin_id}",
            json={"role": "agent"},
            headers=bearer(second.json()["access_token"]),
        ),
    )
    assert sorted(a.status_code for a in answers) in ([200, 401], [200, 409]), answers
    admins = await owner.fetchval(
        "SELECT count(*) FROM users WHERE tenant_id = $1 AND role = 'admin' "
        "AND disabled_at IS NULL",
        uuid.UUID(shop.tenant_id),
    )
    assert admins == 1
