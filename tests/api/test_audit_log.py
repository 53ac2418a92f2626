"""The audit log read back through `GET /v1/audit` against a real server: every covered
action leaves an entry with its actor, target and client address (and never a password,
token or message body), admins alone read their own tenant's entries, by filter and by
keyset page, as JSON or as a CSV download."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from server.config import Settings
from server.domain.access import SecurityContext
from server.domain.audit_csv import ENTRY_COLUMNS
from server.domain.models import Role
from server.ids import TenantId
from server.store import contacts, conversations
from server.store.db import Database
from server.store.provision import database_urls
from tests.accounts import bearer, me
from tests.api.test_channels_http import twilio_channel
from tests.api.test_http import assert_error
from tests.fakes.twilio_server import twilio_form
from tests.live import LiveServer
from tests.provision import AGENT_PASSWORD, Tenant

LOOPBACK = "127.0.0.1"


async def read_log(http: httpx.AsyncClient, token: str, **params: Any) -> list[dict[str, Any]]:
    """Every entry matching `params`, following next_cursor to the end."""
    found: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        got = await http.get("/v1/audit", headers=bearer(token), params=query)
        assert got.status_code == 200, got.text
        body = got.json()
        assert set(body) == {"entries", "next_cursor"}
        found += body["entries"]
        cursor = body["next_cursor"]
        if cursor is None:
            return found


def one(entries: list[dict[str, Any]], action: str, **target: str) -> dict[str, Any]:
    """The single entry with `action` (and target kind/id when given)."""
    matching = [
        e
        for e in entries
        if e["action"] == action
        and all((e["target"] or {}).get(key) == value for key, value in target.items())
    ]
    assert len(matching) == 1, (action, target, [e["action"] for e in entries])
    return matching[0]


def assert_clean(entries: list[dict[str, Any]], *secrets: str) -> None:
    """No entry holds any of `secrets` (passwords, tokens, keys, bodies)."""
    text = json.dumps(entries)
    for secret in secrets:
        assert secret not in text, secret


@pytest.fixture(scope="module")
async def store(live_server: LiveServer) -> AsyncIterator[Database]:
    """The server's database as the application role (policies apply)."""
    settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(live_server.data_dir)})
    async with database_urls(settings) as urls:
        db = await Database.connect(urls.app, max_size=2)
    yield db
    await db.close()


async def member_id(http: httpx.AsyncClient, shop: Tenant, name: str) -> str:
    listed = await http.get("/v1/users", headers=bearer(shop.admin_token))
    assert listed.status_code == 200, listed.text
    return next(str(u["id"]) for u in listed.json()["users"] if u["name"] == name)


async def test_sign_in_success_and_failure(http: httpx.AsyncClient, shop: Tenant) -> None:
    """A sign-in and a wrong password are audited with the user, the client address and
    no password or token."""
    ok = await http.post(
        "/v1/auth/login", json={"email": shop.agent_email, "password": AGENT_PASSWORD}
    )
    assert ok.status_code == 200, ok.text
    bad = await http.post(
        "/v1/auth/login", json={"email": shop.agent_email, "password": "Not-The-Pass-93"}
    )
    assert_error(bad, 401, "unauthorized")
    entries = await read_log(http, shop.admin_token, action="auth.", actor=shop.agent_id)
    logins = [e for e in entries if e["action"] == "auth.login"]
    assert len(logins) == 2  # provisioning's sign-in and this one
    assert logins[0]["target"]["kind"] == "session"
    assert logins[0]["actor"] == {"kind": "user", "id": shop.agent_id}
    failed = one(entries, "auth.login_failed", kind="user", id=shop.agent_id)
    assert failed["details"]["reason"] == "wrong_password"
    assert failed["tenant_id"] == shop.tenant_id
    assert {e["client_address"] for e in entries} == {LOOPBACK}
    assert_clean(entries, AGENT_PASSWORD, "Not-The-Pass-93", ok.json()["access_token"])


async def test_lockout(http: httpx.AsyncClient, shop: Tenant) -> None:
    """Past the failure limit the account is locked: the refused attempt is audited by the
    SQL function itself, with the client address too."""
    for _ in range(10):
        await http.post(
            "/v1/auth/login", json={"email": shop.agent_email, "password": "wrong-pass-1"}
        )
    locked = await http.post(
        "/v1/auth/login", json={"email": shop.agent_email, "password": AGENT_PASSWORD}
    )
    assert_error(locked, 429, "rate_limited")
    entries = await read_log(http, shop.admin_token, action="auth.login_locked")
    entry = one(entries, "auth.login_locked", kind="user", id=shop.agent_id)
    assert entry["client_address"] == LOOPBACK
    assert "locked_until" in entry["details"]
    assert_clean(entries, AGENT_PASSWORD, "wrong-pass-1", shop.agent_email)


async def test_team_changes(http: httpx.AsyncClient, shop: Tenant) -> None:
    """An invitation, a role change, a deactivation, an API key made and revoked: each is
    an entry naming its target, none holds the invitation link or the key."""
    admin = bearer(shop.admin_token)
    invited = await http.post(
        "/v1/users", headers=admin, json={"email": f"new-{uuid.uuid4().hex[:6]}@shop.example",
                                          "role": "agent"}
    )  # fmt: skip
    assert invited.status_code == 201, invited.text
    promoted = await http.patch(f"/v1/users/{shop.agent_id}", headers=admin, json={"role": "admin"})
    assert promoted.status_code == 200, promoted.text
    second = await member_id(http, shop, "Bo Agent")
    gone = await http.delete(f"/v1/users/{second}", headers=admin)
    assert gone.status_code == 200, gone.text
    key = await http.post("/v1/apikeys", headers=admin, json={"name": "Audit Bot"})
    assert key.status_code == 201, key.text
    key_id = key.json()["id"]
    revoked = await http.delete(f"/v1/apikeys/{key_id}", headers=admin)
    assert revoked.status_code in (200, 204), revoked.text
    entries = await read_log(http, shop.admin_token)
    admin_id = str((await me(http, shop.admin_token))["id"])
    made = [
        one(entries, "invitation.create"),
        one(entries, "user.update", kind="user", id=shop.agent_id),
        one(entries, "user.deactivate", kind="user", id=second),
        one(entries, "apikey.create", kind="api_key", id=key_id),
        one(entries, "apikey.revoke", kind="api_key", id=key_id),
    ]
    assert made[1]["details"]["role"] == "admin"
    for entry in made:
        assert entry["actor"]["id"] == admin_id
        assert entry["client_address"] == LOOPBACK
    assert_clean(entries, key.json()["api_key"], invited.json()["invite_url"], "@shop.example")


async def test_settings_and_knowledge_base(http: httpx.AsyncClient, shop: Tenant) -> None:
    """A settings change and an article written and deleted are audited; the article's
    text is not in the log."""
    admin = bearer(shop.admin_token)
    changed = await http.patch("/v1/settings", headers=admin, json={"ai_enabled": False})
    assert changed.status_code == 200, changed.text
    body = "Refunds take five working days, said the unique-body-7731."
    made = await http.post(
        "/v1/kb/articles", headers=admin, json={"title": "Refunds", "body": body}
    )
    assert made.status_code == 201, made.text
    article = made.json()["id"]
    deleted = await http.delete(f"/v1/kb/articles/{article}", headers=admin)
    assert deleted.status_code == 204, deleted.text
    entries = await read_log(http, shop.admin_token, action="kb.")
    one(entries, "kb.article.create")
    one(entries, "kb.article.delete")
    assert {e["action"] for e in entries} == {"kb.article.create", "kb.article.delete"}
    admin_id = str((await me(http, shop.admin_token))["id"])
    settings = await read_log(http, shop.admin_token, action="tenant.settings", actor=admin_id)
    assert one(settings, "tenant.settings", kind="tenant", id=shop.tenant_id)["details"] == {
        "ai_enabled": False
    }
    assert_clean(entries, "unique-body-7731")


async def test_support_access_by_a_super_admin(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """A super_admin's grant and its first read are in the opened tenant's log, written by
    the SQL functions of migration 0016, with the super_admin's client address."""
    platform = live_server.cli_json(
        "tenant", "create", "--name", f"Platform {uuid.uuid4().hex[:6]}"
    )
    email = f"root-{uuid.uuid4().hex[:8]}@platform.example"
    live_server.cli_json(
        "user", "create", "--tenant", str(platform["tenant_id"]), "--email", email,
        "--password", "root-pass-1", "--role", "super_admin",
    )  # fmt: skip
    login = await http.post("/v1/auth/login", json={"email": email, "password": "root-pass-1"})
    root = login.json()["access_token"]
    granted = await http.post(
        "/v1/support-access",
        headers=bearer(root),
        json={"tenant_id": shop.tenant_id, "reason": "customer reports lost mail", "minutes": 30},
    )
    assert granted.status_code == 201, granted.text
    used = await http.get(
        "/v1/conversations", headers={**bearer(root), "X-FlowSupport-Tenant": shop.tenant_id}
    )
    assert used.status_code == 200, used.text
    entries = await read_log(http, shop.admin_token, action="support_access.")
    grant = one(entries, "support_access.granted", kind="support_grant", id=granted.json()["id"])
    use = one(entries, "support_access.used")
    for entry in (grant, use):
        assert entry["client_address"] == LOOPBACK
        assert entry["actor"]["id"] == granted.json()["user"]["id"]
    assert_clean(entries, root, "root-pass-1")


async def test_webhook_signature_failure(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """A Twilio call with a bad signature is refused and audited in the log of the tenant
    whose channel the URL names."""
    added = await http.post("/v1/channels", headers=bearer(shop.admin_token), json=twilio_channel())
    assert added.status_code == 201, added.text
    channel = added.json()["channel"]
    form = twilio_form(to_number=channel["address"], from_number="+14155550199", body="Secret 42")
    refused = await http.post(
        f"/v1/channels/twilio/{channel['id']}", data=form, headers={"x-twilio-signature": "bad"}
    )
    assert refused.status_code == 403, refused.text
    entries = await read_log(http, shop.admin_token, action="channel.webhook.refused")
    entry = one(entries, "channel.webhook.refused")
    assert entry["actor"] == {"kind": "webhook", "id": "twilio"}
    assert channel["id"] in entry["details"]["reason"]
    assert entry["client_address"] == LOOPBACK
    assert_clean(entries, "Secret 42")


async def test_access_to_another_tenants_ids(
    http: httpx.AsyncClient, shop: Tenant, other_shop: Tenant, store: Database
) -> None:
    """Another tenant's conversation, ticket and contact answer exactly the 404 of a
    missing id, and each attempt is audited (kind and id only) in the caller's log."""
    tenant_id = TenantId(uuid.UUID(other_shop.tenant_id))
    agent = SecurityContext(tenant_id, Role.AGENT, uuid.UUID(other_shop.agent_id))
    async with store.unit(agent) as conn:
        contact = await contacts.insert(
            conn, contact_id=contacts.new_id(), tenant_id=tenant_id, email="kim@customer.example"
        )
        made = await conversations.insert(conn, tenant_id=tenant_id, contact_id=contact.id)
    ticket = await http.post(
        "/v1/tickets",
        headers=bearer(other_shop.agent_token),
        json={"subject": "Lost parcel", "requester_contact_id": str(contact.id)},
    )
    assert ticket.status_code == 201, ticket.text
    theirs = {
        "conversation": str(made.id),
        "ticket": ticket.json()["ticket"]["id"]
        if "ticket" in ticket.json()
        else ticket.json()["id"],
        "contact": str(contact.id),
    }
    admin = bearer(shop.admin_token)
    missing = str(uuid.uuid4())
    probes = [
        ("GET", "/v1/conversations/{}", "conversation", None),
        ("PATCH", "/v1/conversations/{}", "conversation", {"priority": "high"}),
        ("GET", "/v1/tickets/{}", "ticket", None),
        ("GET", "/v1/contacts/{}", "contact", None),
    ]
    for method, path, kind, body in probes:
        real = await http.request(method, path.format(theirs[kind]), headers=admin, json=body)
        absent = await http.request(method, path.format(missing), headers=admin, json=body)
        assert_error(real, 404, "not_found")
        assert real.json() == absent.json()
    entries = await read_log(http, shop.admin_token, action="access.cross_tenant")
    assert len(entries) == len(probes)
    assert sorted(e["target"]["kind"] for e in entries) == sorted(k for _, _, k, _ in probes)
    for kind in ("conversation", "ticket"):
        assert {e["target"]["id"] for e in entries if e["target"]["kind"] == kind} == {theirs[kind]}
    # A contact is named by its pseudonym (GDPR work), found again by its id.
    named = one(entries, "access.cross_tenant", kind="contact")
    assert named["target"]["id"] != theirs["contact"]
    by_id = await read_log(http, shop.admin_token, target=f"contact:{theirs['contact']}")
    assert [e["id"] for e in by_id] == [named["id"]]
    admin_id = str((await me(http, shop.admin_token))["id"])
    assert {e["actor"]["id"] for e in entries} == {admin_id}
    assert all(e["details"] == {} for e in entries)
    assert missing not in json.dumps(entries)
    assert await read_log(http, other_shop.admin_token, action="access.") == []
    assert_clean(entries, "kim@customer.example", "Lost parcel")


async def test_who_reads_the_log(http: httpx.AsyncClient, shop: Tenant, other_shop: Tenant) -> None:
    """Admins only: agents and bots 403, no credential 401; an admin never sees another
    tenant's entries."""
    assert_error(await http.get("/v1/audit", headers=bearer(shop.agent_token)), 403, "forbidden")
    assert_error(await http.get("/v1/audit", headers=bearer(shop.api_key)), 403, "forbidden")
    assert_error(await http.get("/v1/audit"), 401, "unauthorized")
    mine = await read_log(http, shop.admin_token)
    assert mine and {e["tenant_id"] for e in mine} == {shop.tenant_id}
    other_admin = str((await me(http, other_shop.admin_token))["id"])
    assert await read_log(http, shop.admin_token, actor=other_admin) == []


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"since": "yesterday"}, 422, "bad_request"),
        ({"until": "2025-01-31T12:00:00"}, 422, "bad_request"),
        (
            {"since": "2025-02-01T00:00:00Z", "until": "2025-01-01T00:00:00Z"},
            422,
            "bad_request",
        ),
        ({"cursor": "bm90LWEtY3Vyc29y"}, 422, "bad_request"),
        ({"limit": "0"}, 400, "bad_request"),
        ({"limit": "501"}, 400, "bad_request"),
        ({"limit": "many"}, 400, "bad_request"),
        ({"format": "xml"}, 400, "bad_request"),
        ({"action": "DROP TABLE"}, 422, "bad_request"),
        ({"target": ":x"}, 422, "bad_request"),
        ({"actor": "x" * 201}, 422, "bad_request"),
    ],
)
async def test_bad_filters(
    http: httpx.AsyncClient, shop: Tenant, params: dict[str, str], status: int, code: str
) -> None:
    """Malformed filters answer 400/422 with a message naming the filter."""
    got = await http.get("/v1/audit", headers=bearer(shop.admin_token), params=params)
    assert_error(got, status, code)


async def test_pages_and_filters(http: httpx.AsyncClient, shop: Tenant) -> None:
    """Keyset pages cover the range once, newest first; since/until and kind:id narrow it."""
    admin = bearer(shop.admin_token)
    for n in range(5):
        made = await http.post(
            "/v1/kb/articles", headers=admin, json={"title": f"Page {n}", "body": "Text."}
        )
        assert made.status_code == 201, made.text
    everything = await read_log(http, shop.admin_token)
    paged = await read_log(http, shop.admin_token, limit=2)
    assert [e["id"] for e in paged] == [e["id"] for e in everything]
    order = [(e["at"], int(e["id"])) for e in everything]
    assert order == sorted(order, reverse=True)
    first = await http.get("/v1/audit", headers=admin, params={"limit": 2, "action": "kb."})
    assert len(first.json()["entries"]) == 2 and first.json()["next_cursor"]
    created = [e for e in everything if e["action"] == "kb.article.create"]
    assert len(created) == 5
    target = created[0]["target"]
    by_target = await read_log(http, shop.admin_token, target=f"{target['kind']}:{target['id']}")
    assert [e["id"] for e in by_target] == [created[0]["id"]]
    assert [e["id"] for e in await read_log(http, shop.admin_token, target=target["id"])] == [
        created[0]["id"]
    ]
    oldest, newest = created[-1]["at"], created[0]["at"]
    window = await read_log(http, shop.admin_token, action="kb.", since=oldest, until=newest)
    assert created[-1]["id"] in {e["id"] for e in window}
    assert created[0]["id"] not in {e["id"] for e in window}  # until is exclusive
    assert await read_log(http, shop.admin_token, since="2999-01-01T00:00:00Z") == []


async def test_csv_download(http: httpx.AsyncClient, shop: Tenant) -> None:
    """format=csv downloads the whole filtered range as an attachment: a header row, one
    row per entry (details as compact JSON), and X-Truncated false under the cap."""
    wanted = {"action": "auth."}
    got = await http.get(
        "/v1/audit", headers=bearer(shop.admin_token), params={**wanted, "format": "csv"}
    )
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith("text/csv")
    assert got.headers["content-disposition"].startswith("attachment; filename=")
    assert got.headers["x-truncated"] == "false"
    rows = list(csv.reader(io.StringIO(got.text)))
    assert tuple(rows[0]) == ENTRY_COLUMNS
    entries = await read_log(http, shop.admin_token, **wanted)
    assert [r[0] for r in rows[1:]] == [e["id"] for e in entries]
    for row, entry in zip(rows[1:], entries, strict=True):
        record = dict(zip(ENTRY_COLUMNS, row, strict=True))
        assert record["action"] == entry["action"]
        assert record["client_address"] == LOOPBACK
        assert json.loads(record["details"]) == entry["details"]
    agent = await http.get("/v1/audit", headers=bearer(shop.agent_token), params={"format": "csv"})
    assert_error(agent, 403, "forbidden")


async def test_in_the_openapi_document(http: httpx.AsyncClient) -> None:
    """Both reads are documented in /openapi.json."""
    paths = (await http.get("/openapi.json")).json()["paths"]
    assert "get" in paths["/v1/audit"] and "get" in paths["/v1/users/access-review"]
    names = {p["name"] for p in paths["/v1/audit"]["get"]["parameters"]}
    assert names == {"actor", "action", "target", "since", "until", "limit", "cursor", "format"}
