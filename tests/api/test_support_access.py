"""Support access over HTTP and the CLI against a real server: a super_admin sees no
tenant's conversations until it opens a grant (a reason, at most 24 hours), then only that
tenant's, named by X-FlowSupport-Tenant, until the grant expires on the server's clock or
the tenant's admins, who see it listed and in their audit log, end it."""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.config import Settings
from server.domain.access import SecurityContext
from server.domain.models import Role
from server.ids import TenantId
from server.store import contacts, conversations
from server.store.db import Database
from server.store.provision import database_urls
from tests.accounts import bearer, me
from tests.live import LiveServer, running_server
from tests.provision import Tenant, provision

TENANT = "X-FlowSupport-Tenant"
REASON = "customer reports lost messages in ticket 4711"


@dataclass(frozen=True)
class SuperAdmin:
    id: str
    email: str
    token: str


@pytest.fixture(scope="module")
def live() -> Iterator[LiveServer]:
    """A server of its own: these tests move its clock."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-support-"))
    try:
        with running_server(data_dir) as server:
            yield server
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def http(live: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=live.base_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def platform_id(live: LiveServer) -> str:
    """The platform's own tenant, where super_admins live (`flowsupport tenant create`)."""
    made = live.cli_json("tenant", "create", "--name", f"Platform {uuid.uuid4().hex[:6]}")
    return str(made["tenant_id"])


async def new_super_admin(live: LiveServer, platform_id: str) -> SuperAdmin:
    """`flowsupport user create --role super_admin`, signed in."""
    email = f"root-{uuid.uuid4().hex[:8]}@platform.example"
    made = live.cli_json(
        "user", "create", "--tenant", platform_id, "--email", email,
        "--password", "root-pass-1", "--role", "super_admin", "--name", "Rae Root",
    )  # fmt: skip
    async with httpx.AsyncClient(base_url=live.base_url) as client:
        login = await client.post(
            "/v1/auth/login", json={"email": email, "password": "root-pass-1"}
        )
    assert login.status_code == 200, login.text
    return SuperAdmin(str(made["user_id"]), email, login.json()["access_token"])


@pytest.fixture
async def root(live: LiveServer, platform_id: str) -> SuperAdmin:
    return await new_super_admin(live, platform_id)


async def database_of(live: LiveServer) -> Database:
    """A pool on the server's own database as the application role (policies apply)."""
    settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(live.data_dir)})
    async with database_urls(settings) as urls:
        return await Database.connect(urls.app, max_size=1)


@pytest.fixture(scope="module")
async def store(live: LiveServer) -> AsyncIterator[Database]:
    db = await database_of(live)
    yield db
    await db.close()


@dataclass(frozen=True)
class Shop:
    tenant: Tenant
    admin_id: str
    conversation_id: str


async def shop_with_a_conversation(live: LiveServer, store: Database) -> Shop:
    """A provisioned tenant with one conversation (made through the store, as its agent)."""
    tenant = await provision(live)
    tenant_id = TenantId(uuid.UUID(tenant.tenant_id))
    agent = SecurityContext(tenant_id, Role.AGENT, uuid.UUID(tenant.agent_id))
    async with store.unit(agent) as conn:
        contact = await contacts.insert(
            conn, contact_id=contacts.new_id(), tenant_id=tenant_id, email="kim@customer.example"
        )
        made = await conversations.insert(conn, tenant_id=tenant_id, contact_id=contact.id)
    async with httpx.AsyncClient(base_url=live.base_url) as client:
        admin_id = str((await me(client, tenant.admin_token))["id"])
    return Shop(tenant, admin_id, str(made.id))


@pytest.fixture
async def shop_a(live: LiveServer, store: Database) -> Shop:
    return await shop_with_a_conversation(live, store)


@pytest.fixture
async def shop_b(live: LiveServer, store: Database) -> Shop:
    return await shop_with_a_conversation(live, store)


def acting(token: str, tenant: Shop | None = None) -> dict[str, str]:
    headers = bearer(token)
    if tenant is not None:
        headers[TENANT] = tenant.tenant.tenant_id
    return headers


async def open_grant(
    http: httpx.AsyncClient, root: SuperAdmin, shop: Shop, minutes: int = 30
) -> dict[str, Any]:
    response = await http.post(
        "/v1/support-access",
        json={"tenant_id": shop.tenant.tenant_id, "reason": REASON, "minutes": minutes},
        headers=bearer(root.token),
    )
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


async def inbox(
    http: httpx.AsyncClient, token: str, tenant: Shop | None = None
) -> tuple[int, set[str]]:
    """The inbox list's status and conversation ids (none when refused)."""
    response = await http.get("/v1/conversations", headers=acting(token, tenant))
    if response.status_code != 200:
        return response.status_code, set()
    return 200, {c["id"] for c in response.json()["conversations"]}


async def audit_of(store: Database, shop: Shop) -> list[dict[str, Any]]:
    """The tenant's audit log as its admin reads it (the audit policy applies)."""
    tenant_id = TenantId(uuid.UUID(shop.tenant.tenant_id))
    admin = SecurityContext(tenant_id, Role.ADMIN, uuid.UUID(shop.admin_id))
    async with store.unit(admin) as conn:
        rows = await conn.fetch(
            "SELECT actor_kind, actor_id, action, target_id, details FROM audit_log "
            "WHERE action LIKE 'support_access.%' ORDER BY id"
        )
    return [{**dict(r), "details": json.loads(r["details"])} for r in rows]


async def test_without_a_grant_a_super_admin_sees_no_conversation_of_a_tenant(
    http: httpx.AsyncClient, root: SuperAdmin, shop_a: Shop
) -> None:
    """Its own inbox list is empty of A's; naming A is refused; A's conversation is 404."""
    status, seen = await inbox(http, root.token)
    assert status == 200 and shop_a.conversation_id not in seen
    refused = await http.get("/v1/conversations", headers=acting(root.token, shop_a))
    assert refused.status_code == 403
    assert "support-access grant" in refused.json()["error"]["message"]
    one = await http.get(f"/v1/conversations/{shop_a.conversation_id}", headers=acting(root.token))
    assert one.status_code == 404


async def test_only_a_super_admin_opens_a_grant_within_the_limits(
    http: httpx.AsyncClient, root: SuperAdmin, shop_a: Shop
) -> None:
    """Agents, admins and bots get 403; over 1440 minutes, under 1, a reason under 10
    characters: 422; an unknown tenant: 404."""
    good = {"tenant_id": shop_a.tenant.tenant_id, "reason": REASON, "minutes": 60}
    for token in (shop_a.tenant.agent_token, shop_a.tenant.admin_token, shop_a.tenant.api_key):
        response = await http.post("/v1/support-access", json=good, headers=bearer(token))
        assert response.status_code == 403, response.text
    for change in ({"minutes": 1441}, {"minutes": 0}, {"reason": "too short"}):
        response = await http.post(
            "/v1/support-access", json={**good, **change}, headers=bearer(root.token)
        )
        assert response.status_code == 422, (change, response.text)
    unknown = await http.post(
        "/v1/support-access",
        json={**good, "tenant_id": str(uuid.uuid4())},
        headers=bearer(root.token),
    )
    assert unknown.status_code == 404


async def test_with_a_grant_it_sees_that_tenant_and_not_another(
    http: httpx.AsyncClient, root: SuperAdmin, shop_a: Shop, shop_b: Shop
) -> None:
    """Naming A under a grant shows A's conversations; B stays refused, and its own
    tenant still shows none of A's."""
    grant = await open_grant(http, root, shop_a, minutes=1440)
    assert grant["tenant_id"] == shop_a.tenant.tenant_id and grant["active"] is True
    assert grant["user"] == {"id": root.id, "email": root.email, "name": "Rae Root"}
    status, in_a = await inbox(http, root.token, shop_a)
    assert status == 200 and shop_a.conversation_id in in_a
    assert shop_b.conversation_id not in in_a
    one = await http.get(
        f"/v1/conversations/{shop_a.conversation_id}", headers=acting(root.token, shop_a)
    )
    assert one.status_code == 200, one.text
    other = await http.get(
        f"/v1/conversations/{shop_b.conversation_id}", headers=acting(root.token, shop_a)
    )
    assert other.status_code == 404
    assert (await inbox(http, root.token, shop_b))[0] == 403
    status, at_home = await inbox(http, root.token)
    assert status == 200 and shop_a.conversation_id not in at_home


async def test_the_tenants_admins_see_it_listed_and_audited_and_end_it(
    http: httpx.AsyncClient, store: Database, root: SuperAdmin, shop_a: Shop, shop_b: Shop
) -> None:
    """A's admin lists the grant and finds it (and its use) in A's audit log; B's admin
    does not; agents may not list; A's admin ends it and A is closed again."""
    grant = await open_grant(http, root, shop_a)
    assert (await inbox(http, root.token, shop_a))[0] == 200
    listed = await http.get("/v1/support-access", headers=bearer(shop_a.tenant.admin_token))
    assert listed.status_code == 200, listed.text
    mine = [g for g in listed.json()["grants"] if g["id"] == grant["id"]]
    assert mine and mine[0]["active"] is True and mine[0]["reason"] == REASON
    assert mine[0]["user"]["email"] == root.email
    assert set(mine[0]) >= {"id", "user", "reason", "created_at", "expires_at", "active"}
    others = await http.get("/v1/support-access", headers=bearer(shop_b.tenant.admin_token))
    assert grant["id"] not in {g["id"] for g in others.json()["grants"]}
    agent = await http.get("/v1/support-access", headers=bearer(shop_a.tenant.agent_token))
    assert agent.status_code == 403
    held = await http.get("/v1/support-access", headers=bearer(root.token))
    assert grant["id"] in {g["id"] for g in held.json()["grants"]}

    entries = await audit_of(store, shop_a)
    granted = [e for e in entries if e["target_id"] == grant["id"]]
    assert [e["action"] for e in granted] == ["support_access.granted", "support_access.used"]
    assert granted[0]["actor_id"] == root.id and granted[0]["details"]["reason"] == REASON
    assert granted[1]["details"]["path"] == "/v1/conversations"

    assert (
        await http.delete(
            f"/v1/support-access/{grant['id']}", headers=bearer(shop_b.tenant.admin_token)
        )
    ).status_code == 404
    ended = await http.delete(
        f"/v1/support-access/{grant['id']}", headers=bearer(shop_a.tenant.admin_token)
    )
    assert ended.status_code == 204, ended.text
    assert await inbox(http, root.token, shop_a) == (403, set())
    after = await http.get("/v1/support-access", headers=bearer(shop_a.tenant.admin_token))
    shown = next(g for g in after.json()["grants"] if g["id"] == grant["id"])
    assert shown["active"] is False and shown["revoked_at"] is not None
    revoked = [e for e in await audit_of(store, shop_a) if e["action"] == "support_access.revoked"]
    assert [(e["actor_id"], e["target_id"]) for e in revoked] == [(shop_a.admin_id, grant["id"])]


async def test_a_super_admin_ends_its_own_grant(
    http: httpx.AsyncClient, root: SuperAdmin, shop_a: Shop
) -> None:
    """DELETE by the grant's super_admin closes the tenant at once; an agent may not."""
    grant = await open_grant(http, root, shop_a)
    agent = await http.delete(
        f"/v1/support-access/{grant['id']}", headers=bearer(shop_a.tenant.agent_token)
    )
    assert agent.status_code == 403
    ended = await http.delete(f"/v1/support-access/{grant['id']}", headers=bearer(root.token))
    assert ended.status_code == 204
    assert await inbox(http, root.token, shop_a) == (403, set())


async def test_a_grant_expires_on_the_servers_clock(
    http: httpx.AsyncClient, live: LiveServer, root: SuperAdmin, shop_a: Shop
) -> None:
    """A one-minute grant opens A; once the server's clock is past it, nothing again."""
    grant = await open_grant(http, root, shop_a, minutes=1)
    assert shop_a.conversation_id in (await inbox(http, root.token, shop_a))[1]
    live.clock.advance(61)
    assert await inbox(http, root.token, shop_a) == (403, set())
    listed = await http.get("/v1/support-access", headers=bearer(shop_a.tenant.admin_token))
    shown = next(g for g in listed.json()["grants"] if g["id"] == grant["id"])
    assert shown["active"] is False and shown["revoked_at"] is None


async def test_other_staff_cannot_name_another_tenant(
    http: httpx.AsyncClient, shop_a: Shop, shop_b: Shop
) -> None:
    """The header opens nothing to an admin of B (403); naming one's own tenant is a no-op."""
    assert (await inbox(http, shop_b.tenant.admin_token, shop_a))[0] == 403
    status, own = await inbox(http, shop_a.tenant.admin_token, shop_a)
    assert status == 200 and shop_a.conversation_id in own
    garbled = await http.get(
        "/v1/conversations", headers={**bearer(shop_a.tenant.admin_token), TENANT: "nope"}
    )
    assert garbled.status_code == 400


async def test_the_cli_grants_to_the_named_super_admin(
    http: httpx.AsyncClient, live: LiveServer, platform_id: str, shop_a: Shop
) -> None:
    """`support-access grant --user EMAIL` prints {grant_id, expires_at} and opens A to
    that super_admin; with several super_admins --user is required; limits hold."""
    root = await new_super_admin(live, platform_id)
    await new_super_admin(live, platform_id)  # now there are several
    args = ["support-access", "grant", "--tenant", shop_a.tenant.tenant_id, "--reason", REASON]
    made = live.cli_json(*args, "--minutes", "30", "--user", root.email)
    assert set(made) == {"grant_id", "expires_at"}
    assert shop_a.conversation_id in (await inbox(http, root.token, shop_a))[1]
    listed = await http.get("/v1/support-access", headers=bearer(shop_a.tenant.admin_token))
    assert made["grant_id"] in {g["id"] for g in listed.json()["grants"]}
    unnamed = live.cli(*args, "--minutes", "30", "--json")
    assert unnamed.returncode != 0
    assert "--user" in json.loads(unnamed.stdout)["error"]["message"]
    too_long = live.cli(*args, "--minutes", "1441", "--user", root.email, "--json")
    assert too_long.returncode != 0
    assert "minutes must be 1 to 1440" in json.loads(too_long.stdout)["error"]["message"]


async def test_the_openapi_document_lists_support_access(http: httpx.AsyncClient) -> None:
    """POST, GET and DELETE of /v1/support-access are in /openapi.json with their errors."""
    paths = (await http.get("/openapi.json")).json()["paths"]
    assert set(paths["/v1/support-access"]) == {"get", "post"}
    assert set(paths["/v1/support-access/{id}"]) == {"delete"}
    assert {"403", "422"} <= set(paths["/v1/support-access"]["post"]["responses"])
