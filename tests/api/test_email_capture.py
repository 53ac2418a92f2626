"""E-mail capture (README "Widget: e-mail capture, help search, unread badge"): a visitor
leaves an address over `POST /v1/widget/capture`, and an agent's reply while the visitor is
away goes out by e-mail through the tenant's e-mail channel, threaded so the customer's
answer lands in the same conversation."""

from __future__ import annotations

import asyncio
import shutil
import smtplib
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.accounts import MailServer, bearer, mail_http, mail_owner, mail_shop, mail_to
from tests.fakes.smtp_server import smtp_relay
from tests.live import free_port, jobs_done, running_server
from tests.provision import ORIGIN, Tenant, provision
from tests.wsclient import session

__all__ = ["mail_http", "mail_owner", "mail_shop"]  # the fixtures this module's tests use

SUPPORT = "help@capture-shop.example"


LISTEN = free_port()  # the server's SMTP listener: the customer's answers come in here


@pytest.fixture(scope="module")
def mail() -> Iterator[MailServer]:
    data_dir = Path(tempfile.mkdtemp(prefix="fs-capture-"))
    with smtp_relay() as (port, relay):
        env = {
            "FLOWSUPPORT_SMTP_URL": f"smtp://127.0.0.1:{port}",
            "FLOWSUPPORT_SMTP_LISTEN": f"127.0.0.1:{LISTEN}",
        }
        with running_server(data_dir, extra_env=env) as live:
            yield MailServer(live, relay)
    shutil.rmtree(data_dir, ignore_errors=True)


def answer_by_mail(to: str, sender: str, in_reply_to: str, body: str) -> None:
    """The customer answers the mailed reply, through the server's SMTP listener."""
    raw = "\r\n".join(
        [
            f"From: {sender}",
            f"To: {to}",
            "Subject: Re: Your message",
            f"Message-ID: <{uuid.uuid4().hex}@visitor.example>",
            f"In-Reply-To: <{in_reply_to}>",
            f"References: <{in_reply_to}>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            body,
            "",
        ]
    )
    with smtplib.SMTP("127.0.0.1", LISTEN, timeout=10) as client:
        client.sendmail(sender, [to], raw.encode())


def with_mail_channel(mail: MailServer, shop: Tenant, address: str = SUPPORT) -> None:
    made = mail.live.cli_json(
        "channel", "add", "--tenant", shop.tenant_id, "--kind", "email", "--address", address
    )
    assert made["channel_id"]


async def visitor_token(mail: MailServer, shop: Tenant) -> str:
    async with session(mail.live.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        token: str = v.welcome["visitor_token"]
    return token


async def test_capture_validates_stores_and_is_idempotent(
    mail: MailServer, http: httpx.AsyncClient, shop: Tenant, owner: asyncpg.Connection
) -> None:
    token = await visitor_token(mail, shop)
    state = await http.get("/v1/widget/capture", headers=bearer(token))
    assert state.status_code == 200, state.text
    assert state.json() == {"email_on_file": False, "outside_hours": False, "stored": True}

    bad = await http.post("/v1/widget/capture", headers=bearer(token), json={"email": "not-mail"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "bad_request"
    empty = await http.post("/v1/widget/capture", headers=bearer(token), json={"email": "  "})
    assert empty.status_code == 422
    extra = await http.post(
        "/v1/widget/capture", headers=bearer(token), json={"email": "a@b.example", "x": 1}
    )
    assert extra.status_code in (400, 422)

    for _ in range(2):  # the same address twice: one stored value, the same answer
        stored = await http.post(
            "/v1/widget/capture", headers=bearer(token), json={"email": " vera@visitor.example "}
        )
        assert stored.status_code == 200, stored.text
        assert stored.json()["email_on_file"] is True and stored.json()["stored"] is True
    emails = await owner.fetch(
        "SELECT email FROM contacts WHERE tenant_id = $1 AND email IS NOT NULL",
        uuid.UUID(shop.tenant_id),
    )
    assert [r["email"] for r in emails] == ["vera@visitor.example"]
    again = await http.get("/v1/widget/capture", headers=bearer(token))
    assert again.json()["email_on_file"] is True


async def test_capture_is_for_visitors_and_never_replaces_a_verified_address(
    mail: MailServer, http: httpx.AsyncClient, shop: Tenant, owner: asyncpg.Connection
) -> None:
    staff = await http.post(
        "/v1/widget/capture", headers=bearer(shop.agent_token), json={"email": "x@y.example"}
    )
    assert staff.status_code == 403
    anonymous = await http.get("/v1/widget/capture")
    assert anonymous.status_code == 401

    identity = {**shop.identity("cust-77"), "email": "verified@customer.example"}
    hello = {"widget_key": shop.widget_key, "identity": identity}
    async with session(mail.live.ws_url, hello, origin=ORIGIN) as v:
        token = v.welcome["visitor_token"]
    kept = await http.post(
        "/v1/widget/capture", headers=bearer(token), json={"email": "someone@else.example"}
    )
    assert kept.status_code == 200, kept.text
    assert kept.json()["stored"] is False and kept.json()["email_on_file"] is True
    email = await owner.fetchval(
        "SELECT email FROM contacts WHERE tenant_id = $1 AND external_id = 'cust-77'",
        uuid.UUID(shop.tenant_id),
    )
    assert email == "verified@customer.example"


async def test_outside_business_hours_is_reported(
    mail: MailServer, http: httpx.AsyncClient, shop: Tenant
) -> None:
    today = datetime.now(UTC).weekday()
    closed_days = [d for d in range(7) if d not in (today, (today + 1) % 7, (today - 1) % 7)]
    hours = {"timezone": "UTC", "days": closed_days, "start": "00:00", "end": "23:59"}
    changed = await http.patch(
        "/v1/settings", headers=bearer(shop.admin_token), json={"business_hours": hours}
    )
    assert changed.status_code == 200, changed.text
    token = await visitor_token(mail, shop)
    state = await http.get("/v1/widget/capture", headers=bearer(token))
    assert state.json()["outside_hours"] is True


async def test_a_reply_to_an_absent_visitor_is_mailed_and_the_answer_threads_back(
    mail: MailServer, http: httpx.AsyncClient, shop: Tenant, owner: asyncpg.Connection
) -> None:
    with_mail_channel(mail, shop)
    address = f"ana-{uuid.uuid4().hex[:6]}@visitor.example"
    hello = {"widget_key": shop.widget_key}
    async with session(mail.live.ws_url, hello, origin=ORIGIN) as v:
        token = v.welcome["visitor_token"]
        started = await v.ok({"type": "conversation.start"})
        conversation_id = started["conversation"]["id"]
        await v.say(conversation_id, "Is the blue kettle back in stock?", "q-1")
        stored = await http.post(
            "/v1/widget/capture", headers=bearer(token), json={"email": address}
        )
        assert stored.status_code == 200, stored.text

        async with session(mail.live.ws_url, {"token": shop.agent_token}) as agent:
            await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
            # The visitor is here: the reply is read in the widget, nothing is mailed.
            await agent.say(conversation_id, "Let me check the stock for you.", "a-1")
            await jobs_done(owner)
            assert not [m for m in mail.relay.received if address in str(m["To"])]

    # The visitor left: the next reply goes out by e-mail, from the e-mail channel.
    async with session(mail.live.ws_url, {"token": shop.agent_token}) as agent:
        await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
        await agent.ok(
            {
                "type": "message.send",
                "conversation_id": conversation_id,
                "client_msg_id": "n-1",
                "body": "internal: supplier says Friday",
                "private": True,
            }
        )
        await agent.say(conversation_id, "Good news: it is back on **Friday**.", "a-2")
    (sent,) = await mail_to(mail.relay, address)
    assert SUPPORT in str(sent["From"])
    assert "back on **Friday**" in sent.get_content()
    assert "supplier" not in sent.get_content()  # the private note never left
    await jobs_done(owner)
    assert len([m for m in mail.relay.received if address in str(m["To"])]) == 1
    mailed = await owner.fetchval(
        "SELECT count(*) FROM mail_refs WHERE conversation_id = $1", uuid.UUID(conversation_id)
    )
    assert mailed == 1  # its Message-ID threads the customer's answer into the conversation
    ref = str(sent["Message-ID"]).strip("<>")
    found = await owner.fetchval("SELECT conversation_id FROM mail_refs WHERE ref = $1", ref)
    assert str(found) == conversation_id

    # The customer's answer by e-mail threads into the same web conversation.
    await asyncio.to_thread(answer_by_mail, SUPPORT, address, ref, "Great, I will order then.")
    for _ in range(100):
        bodies = await owner.fetch(
            "SELECT body, sender_kind FROM messages WHERE conversation_id = $1 ORDER BY seq",
            uuid.UUID(conversation_id),
        )
        if any("order then" in r["body"] for r in bodies):
            break
        await asyncio.sleep(0.1)
    answered = [r for r in bodies if "order then" in r["body"]]
    assert [r["sender_kind"] for r in answered] == ["visitor"]


async def test_no_mail_without_an_email_channel(
    mail: MailServer, http: httpx.AsyncClient, owner: asyncpg.Connection
) -> None:
    shop = await provision(mail.live)  # no e-mail channel
    address = f"bo-{uuid.uuid4().hex[:6]}@visitor.example"
    async with session(mail.live.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as v:
        token = v.welcome["visitor_token"]
        started = await v.ok({"type": "conversation.start"})
        conversation_id = started["conversation"]["id"]
        await v.say(conversation_id, "Hello?", "q-1")
        await http.post("/v1/widget/capture", headers=bearer(token), json={"email": address})
    async with session(mail.live.ws_url, {"token": shop.agent_token}) as agent:
        await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
        await agent.say(conversation_id, "Hi, sorry for the wait.", "a-1")
    await jobs_done(owner)
    queued = await owner.fetchval(
        "SELECT count(*) FROM jobs WHERE tenant_id = $1 AND kind = 'email.deliver'",
        uuid.UUID(shop.tenant_id),
    )
    assert queued == 0
    assert not [m for m in mail.relay.received if address in str(m["To"])]


async def test_the_widget_paths_are_rate_limited_per_visitor_and_documented(
    mail: MailServer, http: httpx.AsyncClient, shop: Tenant
) -> None:
    token = await visitor_token(mail, shop)
    answers = [
        (await http.get("/v1/widget/capture", headers=bearer(token))).status_code
        for _ in range(40)  # a burst of 20, then 2 a second
    ]
    assert answers[:20] == [200] * 20 and answers[-1] == 429
    limited = await http.get("/v1/widget/capture", headers=bearer(token))
    assert limited.json()["error"]["code"] == "rate_limited"
    other = await visitor_token(mail, shop)  # another visitor has its own allowance
    assert (await http.get("/v1/widget/capture", headers=bearer(other))).status_code == 200

    doc = (await http.get("/openapi.json")).json()
    assert {
        "/v1/widget/capture",
        "/v1/widget/help/search",
        "/v1/widget/help/articles/{id}",
    } <= set(doc["paths"])
    assert set(doc["paths"]["/v1/widget/capture"]) == {"get", "post"}
