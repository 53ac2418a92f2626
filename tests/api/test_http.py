"""The HTTP basics against a real server process: health, login, errors, OpenAPI."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from server.services.credentials import TokenSigner
from tests.helpers import scrape_metrics
from tests.live import LiveServer
from tests.provision import ORIGIN, Tenant
from tests.wsclient import session


def make_tenant(live: LiveServer, password: str = "s3cret-pass") -> dict[str, Any]:
    """A tenant with an admin and an API key, all made through the CLI with --json."""
    name = f"Acme {uuid.uuid4().hex[:6]}"
    tenant = live.cli_json("tenant", "create", "--name", name, "--origin", "https://acme.example")
    email = f"ann-{uuid.uuid4().hex[:6]}@acme.example"
    user = live.cli_json(
        "user",
        "create",
        "--tenant",
        name,
        "--email",
        email,
        "--password",
        password,
        "--role",
        "admin",
    )
    key = live.cli_json("apikey", "create", "--tenant", tenant["tenant_id"], "--name", "helper")
    return {"name": name, "email": email, "password": password, **tenant, **user, **key}


async def login(http: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await http.post("/v1/auth/login", json={"email": email, "password": password})


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]


async def test_health_and_readiness(http: httpx.AsyncClient) -> None:
    """Liveness answers; readiness checks the database and the broker."""
    assert (await http.get("/healthz")).json() == {"status": "ok", "checks": {}}
    ready = await http.get("/readyz")
    assert ready.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


async def test_cli_round_trip_then_login(http: httpx.AsyncClient, live_server: LiveServer) -> None:
    """tenant, user and API key made by the CLI beside a running server; both credentials work."""
    made = make_tenant(live_server)
    assert made["widget_key"].startswith("wk_")
    assert len(made["identity_secret"]) == 64
    response = await login(http, made["email"].upper(), made["password"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] > 0
    assert body["user"] == {
        "id": made["user_id"],
        "tenant_id": made["tenant_id"],
        "email": made["email"],
        "name": "",
        "role": "admin",
    }
    me = await http.get("/v1/me", headers={"authorization": f"Bearer {body['access_token']}"})
    assert me.json()["id"] == made["user_id"]
    assert me.json()["kind"] == "agent"
    bot = await http.get("/v1/me", headers={"authorization": f"Bearer {made['api_key']}"})
    assert bot.json()["kind"] == "bot"
    assert bot.json()["tenant_id"] == made["tenant_id"]


async def test_wrong_password_and_unknown_user_look_the_same(
    http: httpx.AsyncClient, live_server: LiveServer
) -> None:
    """No account enumeration: the same 401 body for both."""
    made = make_tenant(live_server)
    wrong = await login(http, made["email"], "not-the-password")
    unknown = await login(http, "nobody@nowhere.example", "whatever-1")
    assert_error(wrong, 401, "unauthorized")
    assert wrong.json() == unknown.json()


async def test_sql_looking_input_is_just_text(
    http: httpx.AsyncClient, live_server: LiveServer
) -> None:
    """Injection-shaped e-mail and password are plain data: 401, and logins still work."""
    made = make_tenant(live_server)
    for email in ("' OR '1'='1' --@x.io", "a@b.c'; DROP TABLE users; --"):
        assert_error(await login(http, email, "' OR 1=1 --"), 401, "unauthorized")
    assert (await login(http, made["email"], made["password"])).status_code == 200


@pytest.mark.parametrize(
    ("body", "headers", "status", "code"),
    [
        (b"{not json", {"content-type": "application/json"}, 400, "bad_request"),
        (b"[1, 2]", {"content-type": "application/json"}, 400, "bad_request"),
        (b'{"email": "a@b.c"}', {"content-type": "application/json"}, 422, "bad_request"),
        (
            b'{"email": "a@b.c", "password": "x", "admin": true}',
            {"content-type": "application/json"},
            422,
            "bad_request",
        ),
        (
            b'{"email": 5, "password": "x"}',
            {"content-type": "application/json"},
            422,
            "bad_request",
        ),
        (
            b'{"email": "a@b.c", "password": "x"}',
            {"content-type": "text/plain"},
            400,
            "bad_request",
        ),
    ],
)
async def test_malformed_login_bodies(
    http: httpx.AsyncClient, body: bytes, headers: dict[str, str], status: int, code: str
) -> None:
    """Each malformed body gets its documented status and the error shape."""
    assert_error(await http.post("/v1/auth/login", content=body, headers=headers), status, code)


async def test_oversized_body_is_refused(http: httpx.AsyncClient) -> None:
    """Over the body limit: 413 whether the length is declared or the body is streamed."""
    huge = b'{"email": "' + b"a" * 2_000_000 + b'", "password": "x"}'
    assert_error(
        await http.post(
            "/v1/auth/login", content=huge, headers={"content-type": "application/json"}
        ),
        413,
        "too_large",
    )

    async def chunks() -> Any:
        for _ in range(40):
            yield b"a" * 65536

    streamed = await http.post(
        "/v1/auth/login", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_error(streamed, 413, "too_large")


async def test_forged_expired_and_misused_tokens(
    http: httpx.AsyncClient, live_server: LiveServer
) -> None:
    """A token signed with another key, expired or tampered: all 401. A visitor token is a
    customer's, whatever role it claims: it never acts as staff."""
    made = make_tenant(live_server)
    real = TokenSigner(live_server.secret_key())
    forged = TokenSigner("x" * 48)
    later = datetime.now(UTC) + timedelta(hours=1)
    # An access token names its sign-in session (a live one, or it is refused).
    signed_in = (await login(http, made["email"], made["password"])).json()["access_token"]
    sid = real.verify("access", signed_in, datetime.now(UTC)).extra["sid"]
    claims = {"subject": made["user_id"], "tenant_id": made["tenant_id"], "role": "admin"}
    claims["sid"] = sid
    good = real.issue("access", expires_at=later, **claims)
    candidates = {
        "forged": forged.issue("access", expires_at=later, **claims),
        "expired": real.issue(
            "access", expires_at=datetime.now(UTC) - timedelta(seconds=1), **claims
        ),
        "tampered": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        "garbage": "fs1.not.a-token",
        "role raised": real.issue("access", expires_at=later, **{**claims, "role": "super_admin"}),
        "api key": "fsk_" + uuid.uuid4().hex + "_nope",
    }
    assert (
        await http.get("/v1/me", headers={"authorization": f"Bearer {good}"})
    ).status_code == 200
    for label, token in candidates.items():
        response = await http.get("/v1/me", headers={"authorization": f"Bearer {token}"})
        assert response.status_code == 401, label
        assert response.json()["error"]["code"] == "unauthorized", label
    assert_error(await http.get("/v1/me"), 401, "unauthorized")
    visitor = real.issue("visitor", expires_at=later, **claims)
    me = await http.get("/v1/me", headers={"authorization": f"Bearer {visitor}"})
    assert me.json()["kind"] == "visitor" and me.json()["role"] == "customer"
    response = await http.get("/v1/settings", headers={"authorization": f"Bearer {visitor}"})
    assert_error(response, 403, "forbidden")


async def test_other_tenants_ids_look_missing(
    http: httpx.AsyncClient, live_server: LiveServer
) -> None:
    """Tenant A asking for B's conversation gets exactly what a missing id gets."""
    a, b = make_tenant(live_server), make_tenant(live_server)
    token_a = (await login(http, a["email"], a["password"])).json()["access_token"]
    token_b = (await login(http, b["email"], b["password"])).json()["access_token"]
    headers_a = {"authorization": f"Bearer {token_a}"}
    conversation_b = await seed_conversation(live_server, b["tenant_id"])
    own = await http.get(
        f"/v1/conversations/{conversation_b}/messages",
        headers={"authorization": f"Bearer {token_b}"},
    )
    assert own.status_code == 200
    assert [m["body"] for m in own.json()["messages"]] == ["hi"]
    theirs = await http.get(f"/v1/conversations/{conversation_b}/messages", headers=headers_a)
    missing = await http.get(f"/v1/conversations/{uuid.uuid4()}/messages", headers=headers_a)
    malformed = await http.get("/v1/conversations/not-an-id/messages", headers=headers_a)
    assert_error(theirs, 404, "not_found")
    assert theirs.json() == missing.json() == malformed.json()
    via_key = await http.get(
        f"/v1/conversations/{conversation_b}/messages",
        headers={"authorization": f"Bearer {a['api_key']}"},
    )
    assert via_key.json() == missing.json()


async def seed_conversation(live: LiveServer, tenant_id: str) -> str:
    """A conversation with one visitor message, written through the store as an agent."""
    from server.config import Settings
    from server.domain.access import SecurityContext
    from server.domain.models import Role, Sender
    from server.ids import TenantId
    from server.store import contacts, conversations, messages
    from server.store.db import Database
    from server.store.provision import database_urls

    settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(live.data_dir)})
    async with database_urls(settings) as urls:
        db = await Database.connect(urls.app, max_size=1)
        try:
            tid = TenantId(uuid.UUID(tenant_id))
            async with db.unit(SecurityContext(tid, Role.AGENT)) as conn:
                contact = await contacts.insert(conn, contact_id=contacts.new_id(), tenant_id=tid)
                conv = await conversations.insert(conn, tenant_id=tid, contact_id=contact.id)
                await messages.append(
                    conn,
                    conversation_id=conv.id,
                    sender=Sender("visitor", str(contact.id)),
                    body="hi",
                    now=datetime.now(UTC),
                )
        finally:
            await db.close()
    return str(conv.id)


async def test_duplicate_tenant_name_is_a_conflict(live_server: LiveServer) -> None:
    """A second `tenant create` with the same name (any case): conflict, nothing written."""
    made = make_tenant(live_server)
    again = live_server.cli("tenant", "create", "--name", made["name"].upper(), "--json")
    assert again.returncode == 1
    assert again.stdout.count("\n") == 1
    assert '"code": "conflict"' in again.stdout


async def test_cli_bad_input(live_server: LiveServer) -> None:
    """Unknown tenant, bad e-mail, short password, bad origin: clear errors, exit 1."""
    made = make_tenant(live_server)
    cases = [
        (
            (
                "user",
                "create",
                "--tenant",
                "no-such-tenant",
                "--email",
                "x@y.io",
                "--password",
                "longenough",
                "--role",
                "agent",
            ),
            "not_found",
        ),
        (
            (
                "user",
                "create",
                "--tenant",
                made["name"],
                "--email",
                "not-an-email",
                "--password",
                "longenough",
                "--role",
                "agent",
            ),
            "bad_request",
        ),
        (
            (
                "user",
                "create",
                "--tenant",
                made["name"],
                "--email",
                "x@y.io",
                "--password",
                "short",
                "--role",
                "agent",
            ),
            "bad_request",
        ),
        (
            (
                "user",
                "create",
                "--tenant",
                made["name"],
                "--email",
                made["email"],
                "--password",
                "longenough",
                "--role",
                "agent",
            ),
            "conflict",
        ),
        (
            ("tenant", "create", "--name", "Bad origin", "--origin", "javascript:alert(1)"),
            "bad_request",
        ),
    ]
    for args, code in cases:
        result = live_server.cli(*args, "--json")
        assert result.returncode == 1, args
        assert f'"code": "{code}"' in result.stdout, (args, result.stdout)


async def test_openapi_document_lists_the_api(http: httpx.AsyncClient) -> None:
    """/openapi.json is OpenAPI 3.1 with every route and resolvable schema references."""
    doc = (await http.get("/openapi.json")).json()
    assert doc["openapi"].startswith("3.1")
    assert {
        "/v1/auth/login",
        "/v1/me",
        "/v1/conversations/{id}/messages",
        "/healthz",
        "/readyz",
    } <= set(doc["paths"])
    refs = {
        value.rsplit("/", 1)[-1]
        for value in _walk(doc["paths"])
        if isinstance(value, str) and value.startswith("#/components/schemas/")
    }
    assert refs <= set(doc["components"]["schemas"])


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)
    else:
        yield node


async def test_unknown_route_and_method(http: httpx.AsyncClient) -> None:
    """Unknown paths and wrong methods use the error body too."""
    assert_error(await http.get("/v1/nope"), 404, "not_found")
    assert_error(await http.get("/v1/auth/login"), 405, "bad_request")


async def test_metrics_parse_and_move_with_traffic(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """/metrics parses with Prometheus's own text parser, and its counters move when
    frames flow, connections open and escalations happen."""

    before = await scrape_metrics(http)
    assert before["flowsupport_event_loop_lag_seconds_max"] >= 0
    async with session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        during = await scrape_metrics(http)
        assert during["flowsupport_connections,kind=visitor"] >= 1
        conversation_id = (await v.ok({"type": "conversation.start"}))["conversation"]["id"]
        await v.say(conversation_id, "hello", "m-1")
        await v.ok({"type": "handoff.request", "conversation_id": conversation_id})
    after = await scrape_metrics(http)

    def moved(key: str) -> float:
        return after.get(key, 0) - before.get(key, 0)

    assert moved("flowsupport_frames_received_total,type=message.send") >= 1
    assert moved("flowsupport_frames_fanned_out_total") >= 1
    assert moved("flowsupport_fanout_seconds_count") >= 1
    assert moved("flowsupport_escalations_total,reason=customer_asked") >= 1
    assert moved("flowsupport_tickets_created_total") >= 1
    assert after["flowsupport_tickets,status=new"] >= 1
    assert after["flowsupport_db_pool_connections,state=idle"] >= 0
    assert "flowsupport_jobs_due" in after
