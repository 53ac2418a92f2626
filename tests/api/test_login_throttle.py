"""Sign-in throttling against a real server: per account and per client address, counted in
PostgreSQL, refused with 429 during the lockout even with the right password, every refusal
audited, and unknown e-mails answered (and timed) like known ones."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from server.services.credentials import TokenSigner
from tests.live import LiveServer, owner_connection, running_server

LOCKOUT_S = 900  # the defaults: FLOWSUPPORT_LOGIN_MAX_FAILURES=10, _LOGIN_LOCKOUT_S=900
MAX_FAILURES = 10
PASSWORD = "right-pass-1"


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    """A server of this module's own: its clock moves past lockouts."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-throttle-"))
    with running_server(data_dir) as live:
        yield live
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def http(server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
        yield client


@pytest.fixture
async def owner(server: LiveServer) -> AsyncIterator[asyncpg.Connection]:
    async with owner_connection(server) as conn:
        yield conn


def account(server: LiveServer) -> dict[str, Any]:
    """A tenant with one agent, made by the CLI; its e-mail and ids."""
    suffix = uuid.uuid4().hex[:8]
    tenant = server.cli_json("tenant", "create", "--name", f"Throttle {suffix}")
    email = f"ann-{suffix}@throttle.example"
    user = server.cli_json(
        "user", "create", "--tenant", tenant["tenant_id"], "--email", email,
        "--password", PASSWORD, "--role", "agent",
    )  # fmt: skip
    return {"email": email, **tenant, **user}


_next_address = iter(range(1, 2**24))


def fresh_address() -> str:
    """A distinct IPv4 address per call (10.0.0.0/8), so per-address counts stay apart."""
    n = next(_next_address)
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


async def sign_in(
    http: httpx.AsyncClient, email: str, password: str, via: str | None = None
) -> httpx.Response:
    headers = {"x-forwarded-for": via} if via else {}
    return await http.post(
        "/v1/auth/login", json={"email": email, "password": password}, headers=headers
    )


async def audit_actions(owner: asyncpg.Connection, user_id: str) -> list[str]:
    rows = await owner.fetch(
        "SELECT action FROM audit_log WHERE actor_id = $1 AND action LIKE 'auth.login%' "
        "ORDER BY id",
        user_id,
    )
    return [r["action"] for r in rows]


async def test_fifty_wrong_passwords_lock_the_account_until_the_lockout_ends(
    http: httpx.AsyncClient, server: LiveServer, owner: asyncpg.Connection
) -> None:
    """Ten failures answer 401; the forty after them, and then the right password, 429 with
    the seconds left; every refusal is audited; once the clock passes the lockout the right
    password works. Each attempt comes from its own address: this is the account's limit."""
    made = account(server)
    answers = [await sign_in(http, made["email"], "wrong-pass", fresh_address()) for _ in range(50)]
    assert [a.status_code for a in answers] == [401] * MAX_FAILURES + [429] * 40
    for locked in answers[MAX_FAILURES:]:
        assert locked.json()["error"]["code"] == "rate_limited"
        assert 0 < int(locked.headers["retry-after"]) <= LOCKOUT_S
    right = await sign_in(http, made["email"], PASSWORD, fresh_address())
    assert right.status_code == 429, right.text
    assert right.json()["error"]["code"] == "rate_limited"
    actions = await audit_actions(owner, made["user_id"])
    assert actions == ["auth.login_failed"] * MAX_FAILURES + ["auth.login_locked"] * 41
    server.clock.advance(LOCKOUT_S // 2)
    halfway = await sign_in(http, made["email"], PASSWORD, fresh_address())
    assert halfway.status_code == 429
    assert int(halfway.headers["retry-after"]) <= LOCKOUT_S // 2 + 1
    server.clock.advance(LOCKOUT_S // 2 + 1)
    after = await sign_in(http, made["email"], PASSWORD, fresh_address())
    assert after.status_code == 200, after.text
    assert (await audit_actions(owner, made["user_id"]))[-1] == "auth.login"


async def test_a_success_resets_the_accounts_count(
    http: httpx.AsyncClient, server: LiveServer
) -> None:
    """Nine failures, a success, nine failures more: never locked."""
    made = account(server)
    for _ in range(2):
        for _ in range(MAX_FAILURES - 1):
            assert (
                await sign_in(http, made["email"], "nope-nope", fresh_address())
            ).status_code == 401
        assert (await sign_in(http, made["email"], PASSWORD, fresh_address())).status_code == 200


async def test_a_client_address_is_locked_across_accounts(
    http: httpx.AsyncClient, server: LiveServer, owner: asyncpg.Connection
) -> None:
    """Ten failures from one address, each for another (unknown) e-mail: that address is
    refused even for a real account's right password; other addresses are not."""
    made = account(server)
    attacker = fresh_address()
    for _ in range(MAX_FAILURES):
        guess = f"guess-{uuid.uuid4().hex[:8]}@nowhere.example"
        assert (await sign_in(http, guess, "whatever-1", attacker)).status_code == 401
    refused = await sign_in(http, made["email"], PASSWORD, attacker)
    assert refused.status_code == 429
    assert (await audit_actions(owner, made["user_id"])) == ["auth.login_locked"]
    assert (await sign_in(http, made["email"], PASSWORD, fresh_address())).status_code == 200


async def test_the_loopback_is_not_counted_per_address(
    http: httpx.AsyncClient, server: LiveServer
) -> None:
    """A local process (no proxy header) is not a remote flood: failures from it count per
    account only, as for the WebSocket limits."""
    made = account(server)
    for _ in range(MAX_FAILURES + 2):
        guess = f"local-{uuid.uuid4().hex[:8]}@nowhere.example"
        assert (await sign_in(http, guess, "whatever-1")).status_code == 401
    assert (await sign_in(http, made["email"], PASSWORD)).status_code == 200


async def test_unknown_and_known_emails_get_the_same_answers(
    http: httpx.AsyncClient, server: LiveServer, owner: asyncpg.Connection
) -> None:
    """Twelve wrong attempts on a real account and on an address nobody has: the same
    statuses, bodies and Retry-After, in the same order. The unknown address's refusals
    are audited without a tenant and by keyed hash: its plain text is stored nowhere."""
    made = account(server)
    nobody = f"nobody-{uuid.uuid4().hex[:8]}@nowhere.example"

    async def twelve(email: str) -> list[tuple[int, Any, str | None]]:
        out = []
        for _ in range(MAX_FAILURES + 2):
            got = await sign_in(http, email, "wrong-pass", fresh_address())
            out.append((got.status_code, got.json(), got.headers.get("retry-after")))
        return out

    known, unknown = await twelve(made["email"]), await twelve(nobody)
    assert [k[:2] for k in known] == [u[:2] for u in unknown]
    assert [k[0] for k in known] == [401] * MAX_FAILURES + [429] * 2
    for k, u in zip(known, unknown, strict=True):  # Retry-After on the same answers
        assert (k[2] is None) == (u[2] is None)
    hashed = TokenSigner(server.secret_key()).pseudonym("login-account", nobody).hex()
    rows = await owner.fetch(
        "SELECT tenant_id, actor_kind, actor_id, action, details FROM audit_log "
        "WHERE details->>'account' = $1 ORDER BY id",
        hashed,
    )
    assert [r["action"] for r in rows] == ["auth.login_failed"] * MAX_FAILURES + [
        "auth.login_locked"
    ] * 2
    assert {(r["tenant_id"], r["actor_kind"], r["actor_id"]) for r in rows} == {
        (None, "anonymous", None)
    }
    assert (
        await owner.fetchval(
            "SELECT count(*) FROM audit_log WHERE details::text LIKE '%' || $1 || '%'", nobody
        )
        == 0
    )


async def test_unknown_and_known_emails_take_the_same_time(
    http: httpx.AsyncClient, server: LiveServer
) -> None:
    """Wrong passwords for a real account and for nobody, interleaved: their median times
    are alike (the dummy hash is checked and the same queries run), loosely compared."""
    made = account(server)
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for round_ in range(MAX_FAILURES - 1):
        nobody = f"nobody-{round_}-{uuid.uuid4().hex[:6]}@nowhere.example"
        for label, email in (("known", made["email"]), ("unknown", nobody)):
            started = time.perf_counter()
            assert (await sign_in(http, email, "wrong-pass", fresh_address())).status_code == 401
            times[label].append(time.perf_counter() - started)
    known, unknown = statistics.median(times["known"]), statistics.median(times["unknown"])
    assert 0.67 < known / unknown < 1.5, (times, known, unknown)
