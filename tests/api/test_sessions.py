"""Sign-in sessions and passwords over HTTP against a real server: listing and ending
sessions, changing the password, and reset links mailed through a local relay."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import asyncpg
import httpx
import pytest

from tests.accounts import (  # noqa: F401 (fixtures)
    MailServer,
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
from tests.provision import AGENT_PASSWORD, Tenant


@pytest.fixture(scope="module")
def mail() -> Iterator[MailServer]:
    with mail_server("fs-sessions-") as found:
        yield found


async def sign_in(
    http: httpx.AsyncClient, email: str, password: str, agent: str = "pytest"
) -> httpx.Response:
    return await http.post(
        "/v1/auth/login",
        json={"email": email, "password": password},
        headers={"user-agent": agent, "x-forwarded-for": "198.51.100.23"},
    )


async def own_sessions(http: httpx.AsyncClient, token: str) -> list[dict[str, object]]:
    listed = await http.get("/v1/auth/sessions", headers=bearer(token))
    assert listed.status_code == 200, listed.text
    found: list[dict[str, object]] = listed.json()["sessions"]
    return found


async def audited(owner: asyncpg.Connection, tenant_id: str | None, action: str) -> int:
    return int(
        await owner.fetchval(
            "SELECT count(*) FROM audit_log WHERE tenant_id IS NOT DISTINCT FROM $1 "
            "AND action = $2",
            uuid.UUID(tenant_id) if tenant_id else None,
            action,
        )
    )


async def test_each_sign_in_is_a_session_its_user_lists_and_ends(
    http: httpx.AsyncClient, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """Two more sign-ins make three sessions, with their agent and address; ending one
    refuses its token at once and leaves the caller's."""
    laptop = (await sign_in(http, shop.agent_email, AGENT_PASSWORD, "Laptop/1.0")).json()
    phone = (await sign_in(http, shop.agent_email, AGENT_PASSWORD, "Phone/2.0")).json()
    sessions = await own_sessions(http, laptop["access_token"])
    assert len(sessions) == 3
    assert set(sessions[0]) == {
        "id", "created_at", "last_seen_at", "user_agent", "address", "current",
    }  # fmt: skip
    assert [s["current"] for s in sessions].count(True) == 1
    current = next(s for s in sessions if s["current"])
    assert (current["user_agent"], current["address"]) == ("Laptop/1.0", "198.51.100.23")
    on_phone = next(s for s in sessions if s["user_agent"] == "Phone/2.0")
    ended = await http.delete(
        f"/v1/auth/sessions/{on_phone['id']}", headers=bearer(laptop["access_token"])
    )
    assert ended.status_code == 204
    assert (await http.get("/v1/me", headers=bearer(phone["access_token"]))).status_code == 401
    assert (await me(http, laptop["access_token"]))["id"] == shop.agent_id
    assert len(await own_sessions(http, laptop["access_token"])) == 2
    again = await http.delete(
        f"/v1/auth/sessions/{on_phone['id']}", headers=bearer(laptop["access_token"])
    )
    assert again.status_code == 404
    assert await audited(owner, shop.tenant_id, "session.revoke") == 1


async def test_admins_see_and_end_their_users_sessions_agents_only_their_own(
    http: httpx.AsyncClient, shop: Tenant
) -> None:
    """An admin lists a user's sessions and ends one; an agent cannot end an admin's."""
    listed = await http.get(f"/v1/users/{shop.agent_id}/sessions", headers=bearer(shop.admin_token))
    assert listed.status_code == 200
    (session,) = listed.json()["sessions"]
    assert session["current"] is False
    admins = await own_sessions(http, shop.admin_token)
    refused = await http.delete(
        f"/v1/auth/sessions/{admins[0]['id']}", headers=bearer(shop.agent_token)
    )
    assert refused.status_code == 404
    ended = await http.delete(
        f"/v1/auth/sessions/{session['id']}", headers=bearer(shop.admin_token)
    )
    assert ended.status_code == 204
    assert (await http.get("/v1/me", headers=bearer(shop.agent_token))).status_code == 401
    assert (await http.get("/v1/auth/sessions", headers=bearer(shop.api_key))).status_code == 403


async def test_changing_the_password_ends_the_other_sessions(
    http: httpx.AsyncClient, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """The current password is required; the new one follows the password rules; then the
    other sessions end, the caller's stays, and only the new password signs in."""
    other = (await sign_in(http, shop.agent_email, AGENT_PASSWORD)).json()["access_token"]

    async def change(current: str, new: str) -> httpx.Response:
        return await http.post(
            "/v1/auth/password",
            json={"current_password": current, "new_password": new},
            headers=bearer(shop.agent_token),
        )

    wrong = await change("not-my-password", "brand-new-pass")
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "bad_request"
    assert (await change(AGENT_PASSWORD, "short")).status_code == 422
    assert (await change(AGENT_PASSWORD, "brand-new-pass")).status_code == 204
    assert (await me(http, shop.agent_token))["id"] == shop.agent_id
    assert (await http.get("/v1/me", headers=bearer(other))).status_code == 401
    assert (await sign_in(http, shop.agent_email, AGENT_PASSWORD)).status_code == 401
    assert (await sign_in(http, shop.agent_email, "brand-new-pass")).status_code == 200
    assert await audited(owner, shop.tenant_id, "user.password_change") == 1
    bot = await http.post(
        "/v1/auth/password",
        json={"current_password": "x" * 8, "new_password": "y" * 8},
        headers=bearer(shop.api_key),
    )
    assert bot.status_code == 403


async def test_a_reset_link_is_mailed_spent_once_and_ends_every_session(
    http: httpx.AsyncClient, mail: MailServer, shop: Tenant, owner: asyncpg.Connection
) -> None:
    """Asking for a reset answers 202 for any address; the real one gets a link to
    {public_url}/reset; spending it sets the password, ends every session, and works once."""
    nobody = f"nobody-{uuid.uuid4().hex[:8]}@nowhere.example"
    for email in (shop.agent_email, nobody):
        asked = await http.post("/v1/auth/password-reset", json={"email": email})
        assert asked.status_code == 202 and asked.content == b""
    (sent,) = await mail_to(mail.relay, shop.agent_email)
    url = link_in(sent)
    assert url.startswith(f"{mail.live.base_url}/reset?token=")
    assert not [m for m in mail.relay.received if nobody in str(m["To"])]
    confirm = {"token": token_of(url), "password": "reset-pass-9"}
    assert (
        await http.post("/v1/auth/password-reset/confirm", json={**confirm, "password": "x"})
    ).status_code == 422
    done = await http.post("/v1/auth/password-reset/confirm", json=confirm)
    assert done.status_code == 204, done.text
    assert (await http.get("/v1/me", headers=bearer(shop.agent_token))).status_code == 401
    assert (await sign_in(http, shop.agent_email, "reset-pass-9")).status_code == 200
    reused = await http.post("/v1/auth/password-reset/confirm", json=confirm)
    assert reused.status_code == 400 and reused.json()["error"]["code"] == "bad_request"
    assert await audited(owner, shop.tenant_id, "user.password_reset") == 1
    unknown = await owner.fetchval(
        "SELECT count(*) FROM audit_log WHERE tenant_id IS NULL "
        "AND action = 'auth.password_reset_requested' AND details::text LIKE '%' || $1 || '%'",
        nobody,
    )
    assert unknown == 0  # audited by keyed hash, never by address


async def test_a_reset_link_expires_after_thirty_minutes(
    http: httpx.AsyncClient, mail: MailServer, shop: Tenant
) -> None:
    """Asking twice within a minute mails once; 30 minutes later the link is refused."""
    email = shop.agent_email.replace("agent-", "agent2-", 1)
    for _ in range(2):
        assert (
            await http.post("/v1/auth/password-reset", json={"email": email})
        ).status_code == 202
    (sent,) = await mail_to(mail.relay, email)
    mail.live.clock.advance(30 * 60 + 1)
    late = await http.post(
        "/v1/auth/password-reset/confirm",
        json={"token": token_of(link_in(sent)), "password": "too-late-pass"},
    )
    assert late.status_code == 400
    assert len([m for m in mail.relay.received if email in str(m["To"])]) == 1
