"""E-mail into the inbox and replies back out, end to end: Mailgun's signed webhook, the
SMTP listener, threading both ways, and delivery through a local SMTP relay."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import shutil
import smtplib
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest

from server.services.credentials import TokenSigner
from tests.fakes.smtp_server import Relay, smtp_relay
from tests.live import (
    LiveServer,
    free_port,
    jobs_done,
    owner_connection,
    retry_waiting,
    running_server,
)
from tests.provision import Tenant, provision
from tests.wsclient import session

SIGNING_KEY = "key-test-mailgun-signing"
SUPPORT = "support@acme-mail.example"


@pytest.fixture(scope="module")
def mail_server() -> Iterator[tuple[LiveServer, Relay, int]]:
    data_dir = Path(tempfile.mkdtemp(prefix="fs-mail-"))
    listen = free_port()
    with smtp_relay() as (relay_port, relay):
        env = {
            "FLOWSUPPORT_MAILGUN_SIGNING_KEY": SIGNING_KEY,
            "FLOWSUPPORT_SMTP_LISTEN": f"127.0.0.1:{listen}",
            "FLOWSUPPORT_SMTP_URL": f"smtp://127.0.0.1:{relay_port}",
            "FLOWSUPPORT_VISITOR_LEAVE_GRACE_S": "3600",
        }
        with running_server(data_dir, extra_env=env) as server:
            yield server, relay, listen
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
async def mail_desk(mail_server: tuple[LiveServer, Relay, int]) -> Tenant:
    server, _, _ = mail_server
    tenant = await provision(server)
    made = server.cli_json(
        "channel", "add", "--tenant", tenant.tenant_id, "--kind", "email", "--address", SUPPORT
    )
    assert made["channel_id"]
    return tenant


@pytest.fixture
async def owner(mail_server: tuple[LiveServer, Relay, int]) -> AsyncIterator[asyncpg.Connection]:
    async with owner_connection(mail_server[0]) as conn:
        yield conn


def mime(
    subject: str,
    body: str,
    *,
    sender: str = "Carla Customer <carla@customer.example>",
    message_id: str | None = None,
    in_reply_to: str | None = None,
    extra: str = "",
) -> str:
    headers = [
        f"From: {sender}",
        f"To: Acme Support <{SUPPORT}>",
        f"Subject: {subject}",
        f"Message-ID: <{message_id or uuid.uuid4().hex + '@customer.example'}>",
        "Date: Wed, 25 Nov 2026 10:00:00 +0000",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ]
    if in_reply_to:
        headers += [f"In-Reply-To: <{in_reply_to}>", f"References: <{in_reply_to}>"]
    return "\r\n".join(headers) + ("\r\n" + extra if extra else "") + "\r\n\r\n" + body + "\r\n"


def signed(raw: str, *, token: str | None = None, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    token = token or uuid.uuid4().hex
    signature = hmac.new(SIGNING_KEY.encode(), (stamp + token).encode(), hashlib.sha256)
    return {
        "timestamp": stamp,
        "token": token,
        "signature": signature.hexdigest(),
        "recipient": SUPPORT,
        "body-mime": raw,
    }


async def post(server: LiveServer, fields: dict[str, str]) -> httpx.Response:
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        return await http.post(
            "/v1/channels/email/inbound", files={k: (None, v) for k, v in fields.items()}
        )


async def wait_for(relay: Relay, count: int) -> None:
    for _ in range(150):
        if len(relay.received) >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{len(relay.received)} mails relayed, expected {count}")


async def test_mail_in_reply_out_and_the_answer_threads_back(
    mail_server: tuple[LiveServer, Relay, int], mail_desk: Tenant, owner: asyncpg.Connection
) -> None:
    server, relay, _ = mail_server
    sent_before = len(relay.received)
    async with session(server.ws_url, {"token": mail_desk.agent_token}) as agent:
        await agent.ok({"type": "inbox.subscribe"})
        first = mime(
            "Invoice shows the wrong VAT number",
            "Hello,\r\nmy invoice 2026-117 has our old VAT number.\r\n\r\n-- \r\nCarla\r\n",
            message_id="first-1@customer.example",
        )
        stored = await post(server, signed(first))
        assert stored.status_code == 200, stored.text
        conversation_id = stored.json()["conversation_id"]
        created = await agent.next("message.created", timeout=10, conversation_id=conversation_id)
        assert created["message"]["body"] == "Hello,\nmy invoice 2026-117 has our old VAT number."
        assert created["message"]["sender"]["kind"] == "visitor"
        again = await post(server, signed(first))  # Mailgun retried: same mail, new token
        assert again.json() == {"status": "duplicate", "conversation_id": conversation_id}

        await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
        await agent.ok(
            {
                "type": "message.send",
                "conversation_id": conversation_id,
                "client_msg_id": "note-1",
                "body": "check the VAT registry first",
                "private": True,
            }
        )
        await agent.say(conversation_id, "Thanks Carla, a corrected invoice is on its way.", "r-1")
        await wait_for(relay, sent_before + 1)
        reply = relay.received[-1]
        assert reply["To"] == "Carla Customer <carla@customer.example>"
        assert SUPPORT in reply["From"]
        assert reply["Subject"] == "Re: Invoice shows the wrong VAT number"
        assert reply["In-Reply-To"] == "<first-1@customer.example>"
        assert "Auto-Submitted" not in reply
        assert "corrected invoice" in reply.get_content()
        await jobs_done(owner)  # whatever was queued has gone: the note never was
        assert len(relay.received) == sent_before + 1  # the internal note never left

        answer = mime(
            "Re: Invoice shows the wrong VAT number",
            "Great, thank you!\r\n\r\nOn Wed, Acme Support wrote:\r\n> Thanks Carla",
            in_reply_to=reply["Message-ID"].strip("<>"),
        )
        threaded = await post(server, signed(answer))
        assert threaded.json()["conversation_id"] == conversation_id


async def test_a_first_mail_delivered_at_once_six_times_is_one_case(
    mail_server: tuple[LiveServer, Relay, int], mail_desk: Tenant, owner: asyncpg.Connection
) -> None:
    """Mailgun retries concurrently (each delivery with its own token): one contact, one
    conversation, one message from an address never seen before."""
    server, _, _ = mail_server
    address = f"new-{uuid.uuid4().hex[:8]}@customer.example"
    raw = mime("Refund?", "Can I get a refund?", sender=f"Nia New <{address}>")
    answers = await asyncio.gather(*(post(server, signed(raw)) for _ in range(6)))
    assert [a.status_code for a in answers] == [200] * 6
    contacts = await owner.fetchval(
        "SELECT count(*) FROM contacts WHERE lower(email) = $1", address
    )
    conversations = await owner.fetchval(
        "SELECT count(*) FROM conversations c JOIN contacts k ON k.id = c.contact_id "
        "WHERE lower(k.email) = $1",
        address,
    )
    stored = await owner.fetchval(
        "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id "
        "JOIN contacts k ON k.id = c.contact_id "
        "WHERE lower(k.email) = $1 AND m.sender_kind = 'visitor'",
        address,
    )
    assert (contacts, conversations, stored) == (1, 1, 1)


async def test_webhook_refuses_forged_stale_replayed_and_unknown(
    mail_server: tuple[LiveServer, Relay, int], mail_desk: Tenant
) -> None:
    server, _, _ = mail_server
    raw = mime("Hi", "Is anyone there?")
    forged = {**signed(raw), "signature": "0" * 64}
    assert (await post(server, forged)).status_code == 403
    stale = signed(raw, timestamp=int(time.time()) - 3600)
    assert (await post(server, stale)).status_code == 403
    fields = signed(raw)
    assert (await post(server, fields)).status_code == 200
    assert (await post(server, fields)).status_code == 406  # the same token again
    stranger = raw.replace(SUPPORT, "nobody@unknown.example")
    unknown = {**signed(stranger), "recipient": "nobody@unknown.example"}
    response = await post(server, unknown)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    missing = {k: v for k, v in signed(raw).items() if k != "body-mime"}
    assert (await post(server, missing)).status_code == 422
    garbage = signed("\x00\x01 not a mail at all")
    assert (await post(server, garbage)).status_code == 422
    huge = signed(mime("Big", "x" * 25_000_000))
    assert (await post(server, huge)).status_code == 413


async def test_automatic_mail_opens_nothing(
    mail_server: tuple[LiveServer, Relay, int], mail_desk: Tenant, owner: asyncpg.Connection
) -> None:
    server, relay, _ = mail_server
    before = len(relay.received)
    auto = mime("Out of office", "I am away until Monday.", extra="Auto-Submitted: auto-replied")
    dropped = await post(server, signed(auto))
    assert dropped.json() == {"status": "dropped"}
    await jobs_done(owner)
    # Earlier tests' replies may still arrive; none may answer the automatic mail.
    answered = [m for m in relay.received[before:] if "Out of office" in str(m["Subject"])]
    assert answered == []


async def test_smtp_round_trip_threads_both_ways(
    mail_server: tuple[LiveServer, Relay, int], mail_desk: Tenant
) -> None:
    """smtplib to our listener; the agent sees it live and replies; the reply reaches the
    relay with threading headers; the customer's answer to it, by SMTP again, lands in the
    same conversation. An unknown mailbox is refused at RCPT."""
    server, relay, listen = mail_server

    def send(raw: str, to: str = SUPPORT) -> Any:
        with smtplib.SMTP("127.0.0.1", listen, timeout=10) as client:
            try:
                return client.sendmail("dora@customer.example", [to], raw.encode())
            except smtplib.SMTPRecipientsRefused as exc:
                return exc.recipients

    refused = await asyncio.to_thread(send, mime("x", "y"), "nobody@unknown.example")
    assert refused["nobody@unknown.example"][0] == 550
    before = len(relay.received)
    async with session(server.ws_url, {"token": mail_desk.agent_token}) as agent:
        await agent.ok({"type": "inbox.subscribe"})
        first = mime(
            "Password reset",
            "I cannot reset my password.",
            sender="Dora <dora@customer.example>",
            message_id="dora-1@customer.example",
        )
        assert await asyncio.to_thread(send, first) == {}
        arrived = await agent.next("message.created", timeout=10)
        assert arrived["message"]["body"] == "I cannot reset my password."
        conversation_id = arrived["conversation_id"]
        await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
        await agent.say(conversation_id, "Use the link on the sign-in page.", "dora-r1")
        await wait_for(relay, before + 1)
        reply = relay.received[-1]
        assert reply["In-Reply-To"] == "<dora-1@customer.example>"
        assert "<dora-1@customer.example>" in reply["References"]
        answer = mime(
            "Re: Password reset",
            "That worked, thanks!",
            sender="Dora <dora@customer.example>",
            in_reply_to=reply["Message-ID"].strip("<>"),
        )
        assert await asyncio.to_thread(send, answer) == {}
        threaded = await agent.next("message.created", timeout=10, conversation_id=conversation_id)
        while threaded["message"]["sender"]["kind"] != "visitor":
            threaded = await agent.next("message.created", timeout=10)
        assert threaded["conversation_id"] == conversation_id
        assert threaded["message"]["body"] == "That worked, thanks!"


async def test_relay_down_then_up_delivers_once(
    mail_server: tuple[LiveServer, Relay, int], mail_desk: Tenant, owner: asyncpg.Connection
) -> None:
    """The relay answers 451 once: the delivery job retries after its backoff (on the
    server's clock, moved past it), one mail arrives."""
    server, relay, _ = mail_server
    stored = await post(server, signed(mime("Shipping", "Where is my parcel?")))
    conversation_id = stored.json()["conversation_id"]
    before = len(relay.received)
    relay.fail_next = 1
    async with session(server.ws_url, {"token": mail_desk.agent_token}) as agent:
        await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
        await agent.say(conversation_id, "It left our warehouse today.", "ship-1")
    await retry_waiting(owner)
    assert len(relay.received) == before
    server.clock.advance(3)  # past the first retry's backoff (1 to 2 s)
    await wait_for(relay, before + 1)
    await jobs_done(owner)
    assert len(relay.received) == before + 1
    assert relay.received[-1]["Subject"] == "Re: Shipping"


async def test_resolving_mails_signed_rating_links(
    mail_server: tuple[LiveServer, Relay, int], mail_desk: Tenant, owner: asyncpg.Connection
) -> None:
    """Resolving an e-mail conversation mails the rating request (only it: "resolved" stays
    in the conversation) with five one-click links; a link records its rating (a form adds
    a comment); a tampered or expired link records nothing. The customer's reply reopens
    the conversation; once it is closed, a reply starts a new one linked to it."""
    server, relay, _ = mail_server
    staff = {"authorization": f"Bearer {mail_desk.agent_token}"}
    stored = await post(
        server,
        signed(mime("Refund", "Where is my refund?", message_id="refund-1@customer.example")),
    )
    conversation_id = stored.json()["conversation_id"]
    before = len(relay.received)
    async with session(server.ws_url, {"token": mail_desk.agent_token}) as agent:
        await agent.ok(
            {
                "type": "conversation.update",
                "conversation_id": conversation_id,
                "status": "resolved",
            }
        )
    await wait_for(relay, before + 1)
    await jobs_done(owner)
    assert len(relay.received) == before + 1  # the rating request, and nothing else
    request = relay.received[-1]
    assert request["Auto-Submitted"] == "auto-replied"
    links = re.findall(r"(http://\S+/v1/csat/\S+\?rating=(\d))", request.get_content())
    assert [rating for _, rating in links] == ["5", "4", "3", "2", "1"]
    four = next(link for link, rating in links if rating == "4")
    path = urlsplit(four).path

    async with httpx.AsyncClient(base_url=server.base_url) as http:

        async def rating() -> Any:
            got = await http.get(f"/v1/conversations/{conversation_id}", headers=staff)
            return got.json()["csat"]

        page = await http.get(four)
        assert page.status_code == 200 and "You rated us 4 of 5" in page.text
        assert page.headers["referrer-policy"] == "no-referrer"
        assert (await rating())["rating"] == 4
        form = await http.post(path, data={"rating": "4", "comment": "Fast, thank you"})
        assert form.status_code == 200
        commented = await rating()
        assert (commented["rating"], commented["comment"]) == (4, "Fast, thank you")
        choices = await http.get(path)
        assert choices.status_code == 200 and "?rating=1" in choices.text

        token = path.rsplit("/", 1)[1]
        prefix, payload, mac = token.split(".")
        flipped = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]
        tampered = await http.get(f"/v1/csat/{prefix}.{flipped}.{mac}?rating=1")
        assert tampered.status_code == 403 and "not valid" in tampered.text
        contact_id = (await http.get(f"/v1/conversations/{conversation_id}", headers=staff)).json()[
            "contact_id"
        ]
        expired_token = TokenSigner(server.secret_key()).issue(
            "csat",
            subject=contact_id,
            tenant_id=mail_desk.tenant_id,
            role="customer",
            expires_at=datetime.now(UTC) - timedelta(hours=1),
            cid=conversation_id,
            res=1,
        )
        expired = await http.get(f"/v1/csat/{expired_token}?rating=1")
        assert expired.status_code == 410 and "expired" in expired.text
        wrong = await http.get(f"{path}?rating=9")
        assert wrong.status_code == 400
        assert (await rating())["rating"] == 4  # none of those recorded anything

        reply = mime(
            "Re: Refund",
            "It still has not arrived.",
            in_reply_to=request["Message-ID"].strip("<>"),
        )
        threaded = await post(server, signed(reply))
        assert threaded.json()["conversation_id"] == conversation_id
        reopened = await http.get(f"/v1/conversations/{conversation_id}", headers=staff)
        assert reopened.json()["status"] == "open"

        await http.patch(
            f"/v1/conversations/{conversation_id}", headers=staff, json={"status": "closed"}
        )
        later = mime("Re: Refund", "Another question", in_reply_to="refund-1@customer.example")
        continued = (await post(server, signed(later))).json()["conversation_id"]
        assert continued != conversation_id
        linked = await http.get(f"/v1/conversations/{continued}", headers=staff)
        assert linked.json()["previous_conversation_id"] == conversation_id


async def test_an_agents_files_go_out_attached_to_the_reply(
    mail_server: tuple[LiveServer, Relay, int], mail_desk: Tenant
) -> None:
    """A reply with attachments in an e-mail conversation is one mail carrying the files,
    named and typed as uploaded (sniffed), byte for byte."""
    server, relay, _ = mail_server
    stored = await post(server, signed(mime("Need the contract", "Could you send it?")))
    conversation_id = stored.json()["conversation_id"]
    document = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        uploaded = await http.post(
            "/v1/uploads",
            headers={"authorization": f"Bearer {mail_desk.agent_token}"},
            files={"file": ("contract 2026.pdf", document, "application/octet-stream")},
        )
    assert uploaded.status_code == 201, uploaded.text
    before = len(relay.received)
    async with session(server.ws_url, {"token": mail_desk.agent_token}) as agent:
        answer = await agent.send_files(
            conversation_id, "Here it is.", "with-file-1", [uploaded.json()["upload_id"]]
        )
        assert answer["type"] == "ack", answer
    await wait_for(relay, before + 1)
    mail = relay.received[-1]
    [file] = list(mail.iter_attachments())
    assert file.get_filename() == "contract 2026.pdf"
    assert file.get_content_type() == "application/pdf"
    assert file.get_content() == document
    body = mail.get_body(("plain",))
    assert body is not None and "Here it is." in body.get_content()
