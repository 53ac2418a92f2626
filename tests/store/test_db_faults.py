"""PostgreSQL faults under a real `flowsupport serve`, seen through WebSocket and HTTP.

The server reaches its database through a TCP proxy (as asyncpg's own tests do) that cuts
connections mid-transaction, during COMMIT, or refuses them; the embedded PostgreSQL
behind it is also restarted outright. Clients must get `unavailable` (retryable), never
`internal`; the pool must heal without a process restart; a retried `message.send` must
store one row (its `client_msg_id`, PROTOCOL.md "Ordering and delivery"); and connections
the pool makes anew must still run every request in its own tenant (DESIGN.md "Data and
security model").
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import httpx
import pytest

from server.store.embedded import EmbeddedPostgres
from server.store.provision import EMBEDDED_DATABASE, bootstrap_embedded, embedded_database_urls
from tests.fakes.tcp_proxy import TcpProxy, tcp_proxy
from tests.live import TIMEOUT_SCALE, LiveServer, eventually, running_server
from tests.provision import ORIGIN, Tenant, provision
from tests.wsclient import Client, session

T = TypeVar("T")

POOL_SIZE = 4
# A request while PostgreSQL is away must answer, not hang: generous, far below the pool's
# 60 s command timeout.
ANSWER_WITHIN_S = 10 * TIMEOUT_SCALE
# What the server logs when a request ends in a 500 or a frame in `internal`.
INTERNAL_ERRORS = ("unhandled error", "frame handling failed")
RETRIES = 3  # what a client spends on `unavailable` before it gives up


@dataclass(frozen=True)
class Faulty:
    """A server whose application pool reaches PostgreSQL only through `proxy`."""

    server: LiveServer
    proxy: TcpProxy
    postgres: EmbeddedPostgres  # ours: the test holds it, so it can stop and start it
    owner_dsn: str  # direct, for checks in SQL

    def stop_postgres(self) -> None:
        """Stop the embedded PostgreSQL, as a restart does (fast shutdown: every session is
        told, then dropped); we are its only user, so our release stops it."""
        self.postgres.release()

    def start_postgres(self) -> None:
        """Start it again on the same data and socket: the restart's second half."""
        self.postgres.acquire()


@pytest.fixture(scope="module")
async def faulty() -> AsyncIterator[Faulty]:
    """`serve` on its own embedded PostgreSQL, the app role through the proxy, migrations
    (the owner) direct, the worker's jobs and timers in-process (they share the pool)."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-dbfaults-"))
    postgres = EmbeddedPostgres(data_dir)
    location = await asyncio.to_thread(postgres.acquire)
    try:
        await bootstrap_embedded(location.superuser_dsn, EMBEDDED_DATABASE)
        direct = embedded_database_urls(location.socket_dir, EMBEDDED_DATABASE)
        socket = location.socket_dir / ".s.PGSQL.5432"
        with ExitStack() as stack:
            proxy = stack.enter_context(tcp_proxy(unix_socket=socket))
            env = {
                "FLOWSUPPORT_DATABASE_URL": (
                    f"postgresql://flowsupport@127.0.0.1:{proxy.port}/{EMBEDDED_DATABASE}"
                    "?sslmode=disable"
                ),
                "FLOWSUPPORT_MIGRATION_DATABASE_URL": direct.owner,
                "FLOWSUPPORT_INPROCESS_JOBS": "on",
                "FLOWSUPPORT_DB_POOL_SIZE": str(POOL_SIZE),
            }
            server = stack.enter_context(running_server(data_dir, extra_env=env))
            yield Faulty(server, proxy, postgres, direct.owner)
    finally:
        await asyncio.to_thread(postgres.release)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def server(faulty: Faulty) -> AsyncIterator[LiveServer]:
    """The server, checked after each test: ready again, no 500 and no `internal` frame
    logged, the same process, and no more connections through the proxy than its pool
    holds (none leaked)."""
    assert faulty.server.output is not None
    logged_before = len(faulty.server.output.lines)
    try:
        yield faulty.server
    finally:
        faulty.proxy.restore()
    await ready(faulty.server)
    logged = "".join(list(faulty.server.output.lines)[logged_before:])
    for sign in INTERNAL_ERRORS:
        assert sign not in logged, logged

    async def within_pool() -> bool:
        return faulty.proxy.active <= POOL_SIZE

    await eventually(within_pool, "the proxied connections to fit the pool")
    assert faulty.server.process.poll() is None, "the same process serves throughout"


@pytest.fixture
async def shop(faulty: Faulty) -> Tenant:
    return await provision(faulty.server)


@pytest.fixture
async def owner(faulty: Faulty) -> AsyncIterator[asyncpg.Connection]:
    """The schema owner, straight to PostgreSQL (not through the proxy)."""
    conn = await asyncpg.connect(faulty.owner_dsn)
    try:
        yield conn
    finally:
        await conn.close()


def send_frame(conversation_id: str, client_msg_id: str, body: str) -> dict[str, Any]:
    return {
        "type": "message.send",
        "conversation_id": conversation_id,
        "client_msg_id": client_msg_id,
        "body": body,
    }


async def rows_for(owner: asyncpg.Connection, conversation_id: str, client_msg_id: str) -> int:
    return int(
        await owner.fetchval(
            "SELECT count(*) FROM messages WHERE conversation_id = $1 AND client_msg_id = $2",
            uuid.UUID(conversation_id),
            client_msg_id,
        )
    )


async def history(server: LiveServer, token: str, conversation_id: str) -> list[dict[str, Any]]:
    """The conversation's messages over HTTP, as `token` sees them."""
    async with httpx.AsyncClient(base_url=server.base_url, timeout=ANSWER_WITHIN_S) as http:
        got = await http.get(
            f"/v1/conversations/{conversation_id}/messages",
            headers={"authorization": f"Bearer {token}"},
        )
    assert got.status_code == 200, got.text
    found: list[dict[str, Any]] = got.json()["messages"]
    return found


async def ready(server: LiveServer) -> None:
    """Until /readyz says this node can serve again."""

    async def check() -> bool:
        async with httpx.AsyncClient(timeout=ANSWER_WITHIN_S) as http:
            return (await http.get(f"{server.base_url}/readyz")).status_code == 200

    await eventually(check, "the server to be ready again")


async def start_conversation(client: Client) -> str:
    conversation_id: str = (await client.ok({"type": "conversation.start"}))["conversation"]["id"]
    return conversation_id


def is_unavailable(answer: dict[str, Any]) -> bool:
    """An error frame with the retryable code (PROTOCOL.md "Frame envelope")."""
    return bool(answer["type"] == "error" and answer["code"] == "unavailable")


async def test_cut_mid_transaction_answers_unavailable_and_the_retry_stores_once(
    faulty: Faulty, server: LiveServer, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """The connection dies inside the send's transaction (the append never reaches
    PostgreSQL): the frame gets `unavailable`, nothing is stored, and the same send then
    stores one row, announced once, that HTTP history shows once."""
    async with session(server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor:
        cid = await start_conversation(visitor)
        frame = send_frame(cid, "cut-mid-1", "Where is my parcel?")
        trigger = faulty.proxy.drop_on(b"cut-mid-1")  # in the Bind of the append, mid-transaction
        answer = await visitor.request(frame)
        assert trigger.fired.is_set()
        assert is_unavailable(answer), answer
        assert await rows_for(owner, cid, "cut-mid-1") == 0, "the cut transaction rolled back"

        stored = (await visitor.ok(frame))["message"]
        again = (await visitor.ok(frame))["message"]
        assert again["id"] == stored["id"] and again["seq"] == stored["seq"]
        assert stored["client_msg_id"] == "cut-mid-1"
        announced = await visitor.next("message.created", seq=stored["seq"])
        assert announced["message"]["id"] == stored["id"]
        again_announced = [
            f
            for f in await visitor.quiet(0.3)
            if f["type"] == "message.created" and f["message"]["client_msg_id"] == "cut-mid-1"
        ]
        assert again_announced == [], "the retries publish nothing new"
    assert await rows_for(owner, cid, "cut-mid-1") == 1
    shown = await history(server, shop.agent_token, cid)
    assert [m["id"] for m in shown if m["client_msg_id"] == "cut-mid-1"] == [stored["id"]]


async def test_cut_mid_transaction_over_http_is_a_503_with_the_error_body(
    faulty: Faulty, server: LiveServer, shop: Tenant
) -> None:
    """An HTTP read whose connection dies mid-query answers 503 `unavailable` in the
    documented error body; the same request then succeeds."""
    async with session(server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor:
        cid = await start_conversation(visitor)
    headers = {"authorization": f"Bearer {shop.agent_token}"}
    async with httpx.AsyncClient(base_url=server.base_url, timeout=ANSWER_WITHIN_S) as http:
        # The id travels as a binary uuid parameter of the look-up, after authentication.
        trigger = faulty.proxy.drop_on(uuid.UUID(cid).bytes)
        failed = await http.get(f"/v1/conversations/{cid}", headers=headers)
        assert trigger.fired.is_set()
        assert failed.status_code == 503, failed.text
        assert failed.json()["error"]["code"] == "unavailable"
        retried = await http.get(f"/v1/conversations/{cid}", headers=headers)
        assert retried.status_code == 200, retried.text
        assert retried.json()["id"] == cid


@pytest.mark.parametrize("landed", [False, True], ids=["commit-lost", "ack-lost"])
async def test_cut_during_commit_the_retry_returns_the_one_message(
    faulty: Faulty, server: LiveServer, shop: Tenant, owner: asyncpg.Connection, landed: bool
) -> None:
    """The connection dies on the send's COMMIT, before PostgreSQL reads it or after it
    committed but before its answer returns: either way the frame gets `unavailable`, and
    the retried send returns the one stored message (same id and seq), never a second."""
    mid = f"commit-{'landed' if landed else 'lost'}"
    async with session(server.ws_url, {"token": shop.agent_token}) as agent:
        async with session(
            server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN
        ) as visitor:
            cid = await start_conversation(visitor)
        await agent.ok({"type": "subscribe", "conversation_id": cid})
        frame = send_frame(cid, mid, "Your parcel left the depot this morning.")
        # asyncpg ends a transaction with a simple-query COMMIT, after the append's Bind.
        trigger = faulty.proxy.drop_on(b"COMMIT", after=mid.encode(), deliver=landed)
        answer = await agent.request(frame)
        assert trigger.fired.is_set()
        assert is_unavailable(answer), answer
        assert await rows_for(owner, cid, mid) == (1 if landed else 0)

        stored = (await agent.ok(frame))["message"]
        again = (await agent.ok(frame))["message"]
        assert (again["id"], again["seq"]) == (stored["id"], stored["seq"])
    row = await owner.fetchrow(
        "SELECT id, seq FROM messages WHERE conversation_id = $1 AND client_msg_id = $2",
        uuid.UUID(cid),
        mid,
    )
    assert row is not None and (str(row["id"]), row["seq"]) == (stored["id"], stored["seq"])
    assert await rows_for(owner, cid, mid) == 1
    shown = await history(server, shop.agent_token, cid)
    assert [m["seq"] for m in shown if m["client_msg_id"] == mid] == [stored["seq"]]


async def timed(request: Awaitable[T]) -> tuple[T, float]:
    """`request`'s result and how long it took to come."""
    started = time.monotonic()
    result = await request
    return result, time.monotonic() - started


@pytest.mark.parametrize("outage", ["restart", "refused"])
async def test_database_outage_answers_unavailable_quickly_and_the_pool_recovers(
    faulty: Faulty, server: LiveServer, shop: Tenant, outage: str
) -> None:
    """PostgreSQL stopped (then started again), or every connection to it refused: each
    frame and request answers `unavailable`/503 within seconds, again and again (not a
    500, not a hang), /readyz is 503; once it is back the same process and the same
    WebSocket session serve again, every pooled connection a working one."""
    headers = {"authorization": f"Bearer {shop.agent_token}"}
    async with (
        session(server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor,
        httpx.AsyncClient(base_url=server.base_url, timeout=ANSWER_WITHIN_S) as http,
    ):
        cid = await start_conversation(visitor)
        await visitor.say(cid, "Hello?", f"{outage}-before")
        if outage == "restart":
            await asyncio.to_thread(faulty.stop_postgres)
        else:
            faulty.proxy.cut()
        try:
            frame = send_frame(cid, f"{outage}-during", "Are you still there?")
            for _ in range(3):  # and again: a retry loop meets the same clean answer
                answer, took = await timed(visitor.request(frame))
                assert is_unavailable(answer), answer
                assert took < ANSWER_WITHIN_S
                listed, took = await timed(http.get("/v1/conversations", headers=headers))
                assert listed.status_code == 503, listed.text
                assert listed.json()["error"]["code"] == "unavailable"
                assert took < ANSWER_WITHIN_S
            readiness = await http.get("/readyz")
            assert readiness.status_code == 503, readiness.text
            assert readiness.json()["checks"]["database"] != "ok"
        finally:
            if outage == "restart":
                await asyncio.to_thread(faulty.start_postgres)
            else:
                faulty.proxy.restore()
        await ready(server)

        stored = (await visitor.ok(frame))["message"]
        assert stored["client_msg_id"] == f"{outage}-during"
        # More requests in a row than the pool holds: none meets a dead connection.
        for _ in range(2 * POOL_SIZE):
            listed = await http.get("/v1/conversations", headers=headers)
            assert listed.status_code == 200, listed.text
    owner = await asyncpg.connect(faulty.owner_dsn)  # a restart ended any older one
    try:
        assert await rows_for(owner, cid, f"{outage}-during") == 1
    finally:
        await owner.close()


async def test_new_connections_after_a_cut_keep_every_tenant_to_its_own(
    faulty: Faulty, server: LiveServer, shop: Tenant
) -> None:
    """Every pooled connection is cut and replaced; then two tenants' agents, over HTTP and
    WebSocket at once on the new connections, each see exactly their own tenant's
    conversations: row-level security's context is set on each of them (a connection
    without it would show nothing; one with a stale one, the other tenant)."""
    other = await provision(server)
    own: dict[str, set[str]] = {}
    for tenant in (shop, other):
        async with session(
            server.ws_url, {"widget_key": tenant.widget_key}, origin=ORIGIN
        ) as visitor:
            cid = await start_conversation(visitor)
            await visitor.say(cid, f"Hi from {tenant.tenant_id}", "hi")
            own[tenant.tenant_id] = {cid}

    async with (
        session(server.ws_url, {"token": shop.agent_token}) as agent_a,
        session(server.ws_url, {"token": other.agent_token}) as agent_b,
        httpx.AsyncClient(base_url=server.base_url, timeout=ANSWER_WITHIN_S) as http,
    ):
        opened = faulty.proxy.connections
        faulty.proxy.drop()

        async def over_http(tenant: Tenant) -> tuple[Tenant, list[dict[str, Any]]]:
            headers = {"authorization": f"Bearer {tenant.agent_token}"}
            for _ in range(RETRIES):  # one that met a dropped connection retries, as clients do
                got = await http.get("/v1/conversations", headers=headers)
                if got.status_code != 503:
                    break
            assert got.status_code == 200, got.text
            return tenant, got.json()["conversations"]

        async def over_ws(tenant: Tenant, agent: Client) -> tuple[Tenant, list[dict[str, Any]]]:
            for _ in range(RETRIES):
                answer = await agent.request({"type": "inbox.subscribe"})
                if not is_unavailable(answer):
                    break
            assert answer["type"] == "ack", answer
            return tenant, answer["conversations"]

        views = await asyncio.gather(
            *(over_http(t) for t in (shop, other) * POOL_SIZE),
            over_ws(shop, agent_a),
            over_ws(other, agent_b),
        )
        assert faulty.proxy.connections > opened, "the pool opened new connections"
        for tenant, conversations in views:
            assert {c["tenant_id"] for c in conversations} == {tenant.tenant_id}
            assert {c["id"] for c in conversations} == own[tenant.tenant_id]


async def test_a_black_hole_takes_the_node_out_and_the_held_send_completes_once(
    faulty: Faulty, server: LiveServer, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """PostgreSQL unreachable with no refusal (every byte vanishes): /readyz answers 503
    within seconds, so a load balancer takes the node out; once the path is back, the send
    held meanwhile completes and is stored once."""
    async with (
        session(server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor,
        httpx.AsyncClient(base_url=server.base_url, timeout=ANSWER_WITHIN_S) as http,
    ):
        cid = await start_conversation(visitor)
        frame = {**send_frame(cid, "held-1", "Is anyone there?"), "id": "held"}
        faulty.proxy.stall()
        try:
            await visitor.send(frame)
            readiness, took = await timed(http.get("/readyz"))
            assert readiness.status_code == 503, readiness.text
            assert took < ANSWER_WITHIN_S
        finally:
            faulty.proxy.restore()
        answer = await visitor.next_any(("ack", "error"), timeout=ANSWER_WITHIN_S)
        assert answer["id"] == "held" and answer["type"] == "ack", answer
        assert (await visitor.ok(frame))["message"]["id"] == answer["message"]["id"]
    assert await rows_for(owner, cid, "held-1") == 1
