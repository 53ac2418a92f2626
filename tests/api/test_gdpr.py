"""GDPR end to end on a real server: a contact built through the real paths (web chat with
an AI answer, an internal note, a ticket with comments, a rating, an e-mail with a file,
an SMS), exported whole and alone, erased until the reconciliation scan finds nothing, the
erased visitor locked out, the register of requests, and the CLI commands."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from twilio.request_validator import RequestValidator
from websockets.asyncio.client import connect

from server.config import Settings
from server.domain.access import SecurityContext
from server.domain.models import Contact, Role
from server.domain.privacy import Finding, needles_for
from server.ids import ContactId, TenantId
from server.protocol.codes import CLOSE_UNAUTHORIZED
from server.store import privacy
from server.store.db import Database
from server.store.provision import database_urls
from tests.accounts import bearer
from tests.fakes.twilio_server import AUTH_TOKEN, TwilioState, twilio_form
from tests.fakes.twilio_server import twilio_server as twilio_fake
from tests.live import LiveServer, eventually, owner_connection, running_server
from tests.provision import ORIGIN, Tenant, add_twilio_sms, ingest, provision
from tests.realtime.test_ai_answers import CORPUS
from tests.wsclient import WAIT_S, Client, session

SIGNING_KEY = "key-test-gdpr-mailgun"
SUPPORT = "help@gdpr-shop.example"
SMS_NUMBER = "+14155550177"
PHONE = "+14155550123"


@pytest.fixture(scope="module")
def twilio() -> Iterator[tuple[str, TwilioState]]:
    with twilio_fake() as (base, state):
        yield base, state


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    data_dir = Path(tempfile.mkdtemp(prefix="fs-gdpr-"))
    env = {"FLOWSUPPORT_MAILGUN_SIGNING_KEY": SIGNING_KEY}
    with running_server(data_dir, extra_env=env) as live:
        yield live
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
async def desk(
    server: LiveServer, twilio: tuple[str, TwilioState], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    tenant = await provision(server, ai=True)
    folder = tmp_path_factory.mktemp("kb")
    shutil.copy(CORPUS / "cancel-subscription.md", folder / "cancel-subscription.md")
    ingest(server, tenant.tenant_id, folder)
    server.cli_json(
        "channel", "add", "--tenant", tenant.tenant_id, "--kind", "email", "--address", SUPPORT
    )
    sms = add_twilio_sms(server, tenant.tenant_id, SMS_NUMBER, twilio[0])
    return {"tenant": tenant, "sms": sms["webhook_url"]}


@pytest.fixture
async def owner(server: LiveServer) -> AsyncIterator[asyncpg.Connection]:
    async with owner_connection(server) as conn:
        yield conn


@pytest.fixture
async def http(server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
        yield client


async def app_db(server: LiveServer) -> Database:
    settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(server.data_dir)})
    async with database_urls(settings) as urls:
        return await Database.connect(urls.app, max_size=1)


async def scan(server: LiveServer, tenant_id: str, contact: Contact) -> list[Finding]:
    """The reconciliation scan, in the tenant's admin context, as the erasure runs it."""
    db = await app_db(server)
    try:
        tenant = TenantId(uuid.UUID(tenant_id))
        async with db.unit(SecurityContext(tenant, Role.ADMIN)) as conn:
            return await privacy.scan(conn, tenant, needles_for(contact))
    finally:
        await db.close()


def mail_with_file(sender: str, subject: str, body: str, filename: str, data: bytes) -> str:
    import base64

    boundary = "b-" + uuid.uuid4().hex
    encoded = base64.b64encode(data).decode()
    return "\r\n".join(
        [
            f"From: {sender}",
            f"To: Help <{SUPPORT}>",
            f"Subject: {subject}",
            f"Message-ID: <{uuid.uuid4().hex}@customer.example>",
            "MIME-Version: 1.0",
            f'Content-Type: multipart/mixed; boundary="{boundary}"',
            "",
            f"--{boundary}",
            "Content-Type: text/plain; charset=utf-8",
            "",
            body,
            f"--{boundary}",
            f'Content-Type: application/pdf; name="{filename}"',
            f'Content-Disposition: attachment; filename="{filename}"',
            "Content-Transfer-Encoding: base64",
            "",
            encoded,
            f"--{boundary}--",
            "",
        ]
    )


async def post_mail(server: LiveServer, raw: str) -> None:
    stamp, token = str(int(time.time())), uuid.uuid4().hex
    signature = hmac.new(SIGNING_KEY.encode(), (stamp + token).encode(), hashlib.sha256)
    fields = {
        "timestamp": stamp,
        "token": token,
        "signature": signature.hexdigest(),
        "recipient": SUPPORT,
        "body-mime": raw,
    }
    async with httpx.AsyncClient(base_url=server.base_url) as client:
        done = await client.post(
            "/v1/channels/email/inbound", files={k: (None, v) for k, v in fields.items()}
        )
    assert done.status_code == 200, done.text


async def sms_in(url: str, sender: str, text: str) -> None:
    params = twilio_form(from_number=sender, to_number=SMS_NUMBER, body=text)
    signature = RequestValidator(AUTH_TOKEN).compute_signature(url, params)
    async with httpx.AsyncClient() as client:
        done = await client.post(url, data=params, headers={"x-twilio-signature": signature})
    assert done.status_code == 200, done.text


async def next_message(client: Client, *, kind: str = "system", event: str | None = None) -> None:
    """Wait for the next message from a sender of `kind` (announcing `event`, if given)."""
    while True:
        message = (await client.next("message.created", timeout=4 * WAIT_S))["message"]
        if message["sender"]["kind"] == kind and (event is None or message.get("event") == event):
            return


async def build_customer(
    server: LiveServer, desk: dict[str, Any], http: httpx.AsyncClient, label: str
) -> dict[str, Any]:
    """A customer with every kind of data: a signed-in web chat (an AI answer, an internal
    note, an agent's reply, a ticket with a public and an internal comment, a rating), an
    e-mail with a file. Returns the contact's id, e-mail, token and conversation."""
    shop: Tenant = desk["tenant"]
    external = f"cust-{label}-{uuid.uuid4().hex[:6]}"
    email = f"{external}@customer.example"
    name = f"Carla {label.capitalize()}bright"
    hello = {
        "widget_key": shop.widget_key,
        "identity": {**shop.identity(external), "email": email, "name": name},
    }
    staff = bearer(shop.agent_token)
    async with (
        session(server.ws_url, hello, origin=ORIGIN) as visitor,
        session(server.ws_url, {"token": shop.agent_token}) as agent,
    ):
        contact_id = visitor.welcome["principal"]["id"]
        cid = (await visitor.ok({"type": "conversation.start"}))["conversation"]["id"]
        await agent.ok({"type": "subscribe", "conversation_id": cid})
        await visitor.say(cid, "How do I cancel my subscription?", f"{label}-1")
        await next_message(visitor, kind="ai")
        await agent.ok(
            {
                "type": "message.send",
                "conversation_id": cid,
                "client_msg_id": f"{label}-n",
                "body": f"note: {name} is a VIP",
                "private": True,
            }
        )
        await agent.say(cid, f"Hello {name}, done.", f"{label}-a")
        ticket = await http.post(
            "/v1/tickets", headers=staff, json={"subject": "Cancel plan", "conversation_id": cid}
        )
        assert ticket.status_code == 201, ticket.text
        tid = ticket.json()["id"]
        for body, public in (("We cancelled it for you.", True), ("internal: refund?", False)):
            made = await http.post(
                f"/v1/tickets/{tid}/comments", headers=staff, json={"body": body, "public": public}
            )
            assert made.status_code == 201, made.text
        await agent.ok(
            {"type": "conversation.update", "conversation_id": cid, "status": "resolved"}
        )
        await next_message(visitor, event="csat_requested")
        rated = await visitor.request(
            {"type": "csat.submit", "conversation_id": cid, "rating": 4, "comment": "Kind help"}
        )
        assert rated["type"] == "ack", rated
        token = visitor.welcome["visitor_token"]
    pdf = b"%PDF-1.4 invoice of " + name.encode()
    await post_mail(
        server,
        mail_with_file(
            f"{name} <{email}>",
            "Invoice question",
            "See the attached invoice.",
            "invoice 7.pdf",
            pdf,
        ),
    )
    return {
        "id": contact_id,
        "email": email,
        "name": name,
        "external_id": external,
        "token": token,
        "conversation_id": cid,
        "ticket_id": tid,
        "pdf": pdf,
    }


@pytest.fixture(scope="module")
async def carla(server: LiveServer, desk: dict[str, Any]) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
        return await build_customer(server, desk, client, "one")


@pytest.fixture(scope="module")
async def texter(server: LiveServer, desk: dict[str, Any]) -> str:
    """Another contact of the same tenant, by SMS: its id."""
    await sms_in(desk["sms"], PHONE, "Is my order on its way? Dan here")
    async with owner_connection(server) as conn:
        found = await conn.fetchval(
            "SELECT id FROM contacts WHERE tenant_id = $1 AND phone = $2",
            uuid.UUID(desk["tenant"].tenant_id),
            PHONE,
        )
    return str(found)


async def test_the_export_holds_everything_about_the_contact_and_nothing_of_another(
    http: httpx.AsyncClient, desk: dict[str, Any], carla: dict[str, Any], texter: str
) -> None:
    """Every kind of data appears, marked (sender kind, private, public); the file is in
    the zip; the audit entries naming the contact are found by pseudonym; another contact's
    number and messages never appear."""
    shop: Tenant = desk["tenant"]
    got = await http.get(f"/v1/contacts/{carla['id']}/export", headers=bearer(shop.admin_token))
    assert got.status_code == 200, got.text
    doc = got.json()
    assert doc["format"] == "flowsupport.contact-export/1"
    assert doc["contact"]["id"] == carla["id"] and doc["contact"]["name"] == carla["name"]
    kinds = {i["kind"]: i["value"] for i in doc["contact"]["identities"]}
    assert kinds == {"email": carla["email"], "external_id": carla["external_id"]}
    channels = sorted(c["channel"] for c in doc["conversations"])
    assert channels == ["email", "web"]
    web = next(c for c in doc["conversations"] if c["channel"] == "web")
    senders = [(m["sender"]["kind"], m["private"]) for m in web["messages"]]
    assert ("visitor", False) in senders and ("ai", False) in senders
    assert ("agent", True) in senders  # the internal note, marked private
    seqs = [m["seq"] for m in web["messages"]]  # events (updates, tickets) take seqs too
    assert seqs == sorted(set(seqs)) and seqs[0] == 1 and seqs[-1] <= web["last_seq"]
    assert web["csat"]["rating"] == 4
    [ticket] = [t for t in doc["tickets"] if t["id"] == carla["ticket_id"]]
    assert {(c["body"], c["public"]) for c in ticket["comments"]} == {
        ("We cancelled it for you.", True),
        ("internal: refund?", False),
    }
    assert [(r["rating"], r["comment"]) for r in doc["csat_ratings"]] == [(4, "Kind help")]
    [attachment] = doc["attachments"]
    assert attachment["filename"] == "invoice 7.pdf" and attachment["size"] == len(carla["pdf"])
    assert any(e["action"] == "csat.submit" for e in doc["audit_events"])
    assert all(e["actor_id"] != carla["id"] for e in doc["audit_events"])  # pseudonymised
    text = json.dumps(doc)
    assert texter not in text and PHONE not in text and "Dan here" not in text

    zipped = await http.get(
        f"/v1/contacts/{carla['id']}/export?format=zip", headers=bearer(shop.admin_token)
    )
    assert zipped.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(zipped.content))
    assert archive.read(attachment["file"]) == carla["pdf"]
    assert attachment["file"] == f"files/{attachment['id']}-invoice_7.pdf"
    assert json.loads(archive.read("export.json"))["contact"]["id"] == carla["id"]


async def test_wrong_role_other_tenant_and_bad_input(
    http: httpx.AsyncClient, server: LiveServer, desk: dict[str, Any], carla: dict[str, Any]
) -> None:
    """Agents 403; another tenant's admin 404 (and erases nothing); malformed input 4xx."""
    shop: Tenant = desk["tenant"]
    other = await provision(server)
    path = f"/v1/contacts/{carla['id']}"
    for method, url in (("GET", f"{path}/export"), ("DELETE", path)):
        agent = await http.request(method, url, headers=bearer(shop.agent_token))
        assert agent.status_code == 403 and agent.json()["error"]["code"] == "forbidden"
        foreign = await http.request(method, url, headers=bearer(other.admin_token))
        assert foreign.status_code == 404 and foreign.json()["error"]["code"] == "not_found"
    listing = await http.get("/v1/privacy-requests", headers=bearer(shop.agent_token))
    assert listing.status_code == 403
    admin = bearer(shop.admin_token)
    bad_format = await http.get(f"{path}/export?format=xml", headers=admin)
    assert bad_format.status_code == 400 and bad_format.json()["error"]["code"] == "bad_request"
    bad_id = await http.delete("/v1/contacts/not-a-uuid", headers=admin)
    assert bad_id.status_code in (400, 404) and "error" in bad_id.json()
    bad_cursor = await http.get("/v1/privacy-requests?cursor=zzz", headers=admin)
    assert bad_cursor.status_code == 422
    still = await http.get(f"{path}/export", headers=admin)
    assert still.status_code == 200  # nothing was erased by the refused requests


async def test_the_scan_finds_a_planted_value_and_the_erasure_then_refuses(
    http: httpx.AsyncClient, server: LiveServer, desk: dict[str, Any], owner: asyncpg.Connection
) -> None:
    """The scan is not vacuous: a contact's address planted in a knowledge-base article is
    found, so the erasure rolls back with 500, the contact stays and the request is failed."""
    shop: Tenant = desk["tenant"]
    person = await build_customer(server, desk, http, "two")
    admin = bearer(shop.admin_token)
    article = await http.post(
        "/v1/kb/articles",
        headers=admin,
        json={"title": "Notes", "body": f"Write to {person['email']}."},
    )
    assert article.status_code == 201, article.text
    contact = Contact(
        ContactId(uuid.UUID(person["id"])),
        TenantId(uuid.UUID(shop.tenant_id)),
        person["external_id"],
        person["email"],
        person["name"],
        {},
        datetime.now(),
    )
    found = await scan(server, shop.tenant_id, contact)
    assert ("kb_articles", "body") in {(f.table, f.column) for f in found}
    refused = await http.delete(f"/v1/contacts/{person['id']}", headers=admin)
    assert refused.status_code == 500, refused.text
    assert refused.json()["error"]["code"] == "internal"
    assert "kb_articles.body" in refused.json()["error"]["message"]
    assert person["email"] not in refused.json()["error"]["message"]
    kept = await owner.fetchval(
        "SELECT count(*) FROM contacts WHERE id = $1", uuid.UUID(person["id"])
    )
    assert kept == 1
    status = await owner.fetchval(
        "SELECT status FROM privacy_requests WHERE contact_id = $1 AND kind = 'erasure'",
        uuid.UUID(person["id"]),
    )
    assert status == "failed"
    gone = await http.delete(f"/v1/kb/articles/{article.json()['id']}", headers=admin)
    assert gone.status_code == 204
    erased = await http.delete(f"/v1/contacts/{person['id']}", headers=admin)
    assert erased.status_code == 200, erased.text


async def test_erasure_leaves_anonymous_shells_and_locks_the_visitor_out(
    http: httpx.AsyncClient,
    server: LiveServer,
    desk: dict[str, Any],
    carla: dict[str, Any],
    owner: asyncpg.Connection,
) -> None:
    """The erased visitor's open socket closes (4001), its token is refused at hello, the
    scan finds nothing of them, and the conversations, messages (seq intact), ticket and
    rating remain as anonymous shells with the same counts."""
    shop: Tenant = desk["tenant"]
    cid = uuid.UUID(carla["conversation_id"])
    before = await owner.fetchrow(
        "SELECT count(*) AS n, max(seq) AS top FROM messages WHERE conversation_id = $1", cid
    )
    stored = await owner.fetch(
        "SELECT a.storage_key FROM attachments a JOIN messages m ON m.id = a.message_id "
        "JOIN conversations c ON c.id = m.conversation_id WHERE c.contact_id = $1::uuid",
        carla["id"],
    )
    files = [server.data_dir / "attachments" / r["storage_key"] for r in stored]
    assert files and all(f.is_file() for f in files)  # the e-mail's file, in the store
    hello = {"widget_key": shop.widget_key, "visitor_token": carla["token"]}
    async with session(server.ws_url, hello, origin=ORIGIN) as visitor:
        assert visitor.welcome["principal"]["id"] == carla["id"]
        done = await http.delete(f"/v1/contacts/{carla['id']}", headers=bearer(shop.admin_token))
        assert done.status_code == 200, done.text
        await asyncio.wait_for(visitor.ws.wait_closed(), WAIT_S)
        assert visitor.ws.close_code == CLOSE_UNAUTHORIZED
    body = done.json()
    assert body["contact_id"] == carla["id"]
    erased = body["erased"]
    assert erased["contacts"] == 1 and erased["conversations"] == 2
    assert erased["attachments"] == 1 and erased["tickets"] >= 1 and erased["csat_ratings"] == 1
    assert erased["messages"] >= before["n"]
    assert not any(f.exists() for f in files)  # the stored object went with its row

    async with connect(
        server.ws_url, subprotocols=["flowsupport.v1.json"], additional_headers={"Origin": ORIGIN}
    ) as ws:
        await ws.send(json.dumps({"type": "hello", **hello}))
        await asyncio.wait_for(ws.wait_closed(), WAIT_S)
        assert ws.close_code == CLOSE_UNAUTHORIZED

    contact = Contact(
        ContactId(uuid.UUID(carla["id"])),
        TenantId(uuid.UUID(shop.tenant_id)),
        carla["external_id"],
        carla["email"],
        carla["name"],
        {},
        datetime.now(),
    )
    assert await scan(server, shop.tenant_id, contact) == []

    after = await owner.fetchrow(
        "SELECT count(*) AS n, max(seq) AS top, bool_and(body = '[erased]') AS blank "
        "FROM messages WHERE conversation_id = $1",
        cid,
    )
    assert (after["n"], after["top"]) == (before["n"], before["top"]) and after["blank"]
    shell = await owner.fetchrow(
        "SELECT k.id, k.erased_at, k.email, k.name, k.external_id FROM conversations c "
        "JOIN contacts k ON k.id = c.contact_id WHERE c.id = $1",
        cid,
    )
    assert shell["erased_at"] is not None and shell["id"] != uuid.UUID(carla["id"])
    assert (shell["email"], shell["name"], shell["external_id"]) == (None, None, None)
    ticket = await owner.fetchrow(
        "SELECT subject, requester_contact_id FROM tickets WHERE id = $1",
        uuid.UUID(carla["ticket_id"]),
    )
    assert ticket["subject"] == "[erased]" and ticket["requester_contact_id"] == shell["id"]
    rating = await owner.fetchrow(
        "SELECT rating, comment FROM csat_ratings WHERE conversation_id = $1", cid
    )
    assert (rating["rating"], rating["comment"]) == (4, None)
    entry = await owner.fetchrow(
        "SELECT target_id, details FROM audit_log WHERE action = 'contact.erase' "
        "AND tenant_id = $1 ORDER BY id DESC LIMIT 1",
        uuid.UUID(shop.tenant_id),
    )
    assert len(entry["target_id"]) == 64 and carla["id"] not in entry["details"]
    gone = await http.get(f"/v1/contacts/{carla['id']}/export", headers=bearer(shop.admin_token))
    assert gone.status_code == 404


async def test_the_register_lists_every_request_with_its_due_date(
    http: httpx.AsyncClient, desk: dict[str, Any], carla: dict[str, Any]
) -> None:
    """After the export and the erasure above: both listed, newest first, due a month on,
    named by pseudonym only (contact_id cleared), requested by the admin; pages by cursor."""
    shop: Tenant = desk["tenant"]
    admin = bearer(shop.admin_token)
    listed = await http.get("/v1/privacy-requests", headers=admin)
    assert listed.status_code == 200, listed.text
    requests = listed.json()["requests"]
    erased = [r for r in requests if r["contact_id"] is None]
    # Carla's three exports and her erasure; the other's refused, then repeated erasure.
    seen = sorted((r["kind"], r["status"]) for r in erased)
    assert (
        seen
        == [("erasure", "completed")] * 2 + [("erasure", "failed")] + [("export", "completed")] * 3
    )
    assert [r["requested_at"] for r in requests] == sorted(
        (r["requested_at"] for r in requests), reverse=True
    )
    for r in erased:
        assert r["requested_by"]["name"] == "Ida Admin" and r["completed_at"]
        assert len(r["subject_ref"]) == 64
        asked = datetime.fromisoformat(r["requested_at"].replace("Z", "+00:00"))
        due = datetime.fromisoformat(r["due_at"].replace("Z", "+00:00"))
        assert 28 <= (due - asked).days <= 31
    export = next(r for r in erased if r["kind"] == "export")
    assert export["summary"]["attachments"] == 1 and export["summary"]["messages"] > 3
    assert carla["email"] not in listed.text and carla["id"] not in listed.text
    first = (await http.get("/v1/privacy-requests?limit=1", headers=admin)).json()
    assert len(first["requests"]) == 1 and first["next_cursor"]
    second = await http.get(
        f"/v1/privacy-requests?limit=1&cursor={first['next_cursor']}", headers=admin
    )
    assert second.json()["requests"][0]["id"] != first["requests"][0]["id"]


async def test_the_cli_exports_and_erases_and_the_number_comes_back_fresh(
    server: LiveServer,
    desk: dict[str, Any],
    texter: str,
    owner: asyncpg.Connection,
    tmp_path: Path,
) -> None:
    """`contact export` writes ./contact-<id>.json (no files), `contact erase` answers the
    counts; the register names no requester for them; a later SMS from the same number
    makes a fresh contact through the real webhook."""
    shop: Tenant = desk["tenant"]
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "server",
            "contact",
            "export",
            "--tenant",
            shop.tenant_id,
            "--contact",
            texter,
            "--json",
        ],
        env=server.env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    out = json.loads(ran.stdout)
    assert out == {"contact_id": texter, "path": str(tmp_path / f"contact-{texter}.json")}
    exported = json.loads(Path(out["path"]).read_text())
    assert {"kind": "phone", "value": PHONE} in exported["contact"]["identities"]
    assert exported["conversations"][0]["channel"] == "sms"

    erased = server.cli_json("contact", "erase", "--tenant", shop.tenant_id, "--contact", texter)
    assert erased["contact_id"] == texter and erased["erased"]["contacts"] == 1
    requests = await owner.fetch(
        "SELECT actor, requested_by, status FROM privacy_requests WHERE tenant_id = $1 "
        "AND actor = 'cli'",
        uuid.UUID(shop.tenant_id),
    )
    assert [(r["requested_by"], r["status"]) for r in requests] == [(None, "completed")] * 2
    again = server.cli(
        "contact", "erase", "--tenant", shop.tenant_id, "--contact", texter, "--json"
    )
    assert again.returncode != 0 and json.loads(again.stdout)["error"]["code"] == "not_found"

    await sms_in(desk["sms"], PHONE, "Me again")

    async def fresh() -> bool:
        found = await owner.fetchval(
            "SELECT id FROM contacts WHERE tenant_id = $1 AND phone = $2",
            uuid.UUID(shop.tenant_id),
            PHONE,
        )
        return found is not None and str(found) != texter

    await eventually(fresh, "a fresh contact for the number")
