"""Attachments end to end over a real server: `POST /v1/uploads`, `GET /v1/attachments/{id}`
and message.send `attachments` (PROTOCOL.md additions), for agents and visitors."""

from __future__ import annotations

import shutil
import struct
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.test_gdpr import SIGNING_KEY, SUPPORT, mail_with_file, post_mail
from tests.api.test_http import assert_error
from tests.live import LiveServer, owner_connection, running_server
from tests.provision import ORIGIN, Tenant, provision
from tests.wsclient import Client, session


def png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def upload(
    http: httpx.AsyncClient, token: str, name: str, data: bytes, declared: str = "image/png"
) -> httpx.Response:
    return await http.post(
        "/v1/uploads", headers=bearer(token), files={"file": (name, data, declared)}
    )


async def uploaded(http: httpx.AsyncClient, token: str, name: str, data: bytes) -> dict[str, Any]:
    answer = await upload(http, token, name, data)
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def visitor_with_conversation(client: Client) -> tuple[str, str]:
    """The visitor's token and a conversation it started."""
    opened = await client.ok({"type": "conversation.start", "subject": "Files"})
    return client.welcome["visitor_token"], opened["conversation"]["id"]


async def test_agent_upload_then_download_with_its_headers(
    http: httpx.AsyncClient, shop: Tenant
) -> None:
    """An agent's PNG is stored, described by its sniffed type and served inline with
    nosniff, a UTF-8 file name and private caching."""
    got = await uploaded(http, shop.agent_token, "über photo.png", png())
    assert got["content_type"] == "image/png" and got["size"] == len(png())
    assert got["name"] == "über photo.png" and got["upload_id"]
    answer = await http.get(f"/v1/attachments/{got['upload_id']}", headers=bearer(shop.agent_token))
    assert answer.status_code == 200 and answer.content == png()
    assert answer.headers["content-type"] == "image/png"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"].startswith("private")
    disposition = answer.headers["content-disposition"]
    assert (
        disposition.startswith("inline;")
        and "filename*=UTF-8''%C3%BCber%20photo.png" in disposition
    )


async def test_type_comes_from_the_bytes_not_the_name(
    http: httpx.AsyncClient, shop: Tenant
) -> None:
    """A renamed executable, an SVG and HTML posing as an image are refused (422); text
    named .png is kept as text and served as a download, never inline."""
    for name, data in (
        ("cat.png", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("photo.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("blob.bin", bytes(range(256))),
    ):
        refused = await upload(http, shop.agent_token, name, data)
        assert_error(refused, 422, "bad_request")
        assert "not accepted" in refused.json()["error"]["message"]
    text = await uploaded(http, shop.agent_token, "notes.png", b"just some words\n")
    assert text["content_type"] == "text/plain"
    answer = await http.get(
        f"/v1/attachments/{text['upload_id']}", headers=bearer(shop.agent_token)
    )
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert answer.headers["content-type"].startswith("text/plain")


async def test_oversized_upload_is_refused_before_it_is_stored(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """Over FLOWSUPPORT_MAX_ATTACHMENT_BYTES (10 MB by default): 413 `too_large`, and no
    row nor file is kept."""
    store = live_server.data_dir / "attachments" / shop.tenant_id
    before = sorted(store.rglob("*")) if store.exists() else []
    async with owner_connection(live_server) as owner:
        rows = await owner.fetchval(
            "SELECT count(*) FROM attachments WHERE tenant_id = $1::uuid", shop.tenant_id
        )
        answer = await upload(http, shop.agent_token, "big.png", png() + b"\x00" * 10_000_000)
        assert_error(answer, 413, "too_large")
        after = await owner.fetchval(
            "SELECT count(*) FROM attachments WHERE tenant_id = $1::uuid", shop.tenant_id
        )
    assert after == rows
    assert (sorted(store.rglob("*")) if store.exists() else []) == before


async def test_upload_needs_a_bearer_and_one_file_field(
    http: httpx.AsyncClient, shop: Tenant
) -> None:
    """No credential: 401; a body without the `file` field: 400."""
    assert_error(
        await http.post("/v1/uploads", files={"file": ("a.png", png())}), 401, "unauthorized"
    )
    wrong = await http.post(
        "/v1/uploads", headers=bearer(shop.agent_token), files={"other": ("a.png", png())}
    )
    assert_error(wrong, 400, "bad_request")


async def test_another_tenant_gets_404(
    http: httpx.AsyncClient, shop: Tenant, other_shop: Tenant
) -> None:
    """Another tenant's staff cannot tell the attachment exists: the same 404 as a made-up
    id."""
    got = await uploaded(http, shop.agent_token, "a.png", png())
    elsewhere = await http.get(
        f"/v1/attachments/{got['upload_id']}", headers=bearer(other_shop.agent_token)
    )
    assert_error(elsewhere, 404, "not_found")
    made_up = await http.get(
        "/v1/attachments/00000000-0000-4000-8000-000000000000",
        headers=bearer(other_shop.agent_token),
    )
    assert_error(made_up, 404, "not_found")
    assert elsewhere.json()["error"]["message"] == made_up.json()["error"]["message"]


async def test_visitor_attaches_and_the_agent_sees_and_downloads(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """A visitor uploads with its visitor token, sends a message of files only over the
    WebSocket; the ack, the agent's live frame and HTTP history list the same attachment,
    the agent downloads it, and a resend returns the first message."""
    async with (
        session(live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor,
        session(live_server.ws_url, {"token": shop.agent_token}) as agent,
    ):
        token, conversation_id = await visitor_with_conversation(visitor)
        await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
        got = await uploaded(http, token, "receipt.png", png())
        send = {
            "type": "message.send",
            "conversation_id": conversation_id,
            "client_msg_id": "with-file",
            "body": "",
            "attachments": [got["upload_id"]],
        }
        first = (await visitor.ok(send))["message"]
        expected = [
            {
                "id": got["upload_id"],
                "name": "receipt.png",
                "content_type": "image/png",
                "size": len(png()),
                "url": f"/v1/attachments/{got['upload_id']}",
            }
        ]
        assert first["attachments"] == expected and first["body"] == ""
        live = await agent.next("message.created")
        assert live["message"]["attachments"] == expected
        again = (await visitor.ok(send))["message"]
        assert again["id"] == first["id"] and again["attachments"] == expected
    history = await http.get(
        f"/v1/conversations/{conversation_id}/messages", headers=bearer(shop.agent_token)
    )
    listed = [m for m in history.json()["messages"] if m["id"] == first["id"]]
    assert listed[0]["attachments"] == expected
    answer = await http.get(expected[0]["url"], headers=bearer(shop.agent_token))
    assert answer.status_code == 200 and answer.content == png()
    own = await http.get(expected[0]["url"], headers=bearer(token))
    assert own.status_code == 200 and own.content == png()


async def test_uploads_are_the_uploaders_own(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant
) -> None:
    """Another visitor can neither download nor attach a visitor's upload (404 and
    bad_request, nothing stored); an agent cannot attach it either; an upload attaches
    once; an empty message without files is still refused."""
    hello = {"widget_key": shop.widget_key}
    async with (
        session(live_server.ws_url, hello, origin=ORIGIN) as ann,
        session(live_server.ws_url, hello, origin=ORIGIN) as bob,
        session(live_server.ws_url, {"token": shop.agent_token}) as agent,
    ):
        ann_token, ann_conversation = await visitor_with_conversation(ann)
        bob_token, bob_conversation = await visitor_with_conversation(bob)
        pending = await uploaded(http, ann_token, "mine.png", png())
        url = f"/v1/attachments/{pending['upload_id']}"
        assert_error(await http.get(url, headers=bearer(bob_token)), 404, "not_found")
        theft = await bob.send_files(bob_conversation, "look", "steal", [pending["upload_id"]])
        assert theft["type"] == "error" and theft["code"] == "bad_request", theft
        staff = await agent.send_files(
            ann_conversation, "mine now", "staff-steal", [pending["upload_id"]]
        )
        assert staff["type"] == "error" and staff["code"] == "bad_request", staff
        sent = await ann.send_files(ann_conversation, "here", "ok", [pending["upload_id"]])
        assert sent["type"] == "ack", sent
        assert sent["message"]["attachments"][0]["id"] == pending["upload_id"]
        twice = await ann.send_files(ann_conversation, "same file", "again", [pending["upload_id"]])
        assert twice["type"] == "error" and twice["code"] == "bad_request", twice
        empty = await ann.request(
            {
                "type": "message.send",
                "conversation_id": ann_conversation,
                "client_msg_id": "empty",
                "body": "  ",
            }
        )
        assert empty["type"] == "error" and empty["code"] == "bad_request"
        assert_error(await http.get(url, headers=bearer(bob_token)), 404, "not_found")
    async with owner_connection(live_server) as owner:
        stored = await owner.fetch(
            "SELECT client_msg_id FROM messages WHERE conversation_id = ANY($1::uuid[])",
            [ann_conversation, bob_conversation],
        )
    assert {r["client_msg_id"] for r in stored} == {"ok"}


@pytest.fixture(scope="module")
def mail_server() -> Iterator[LiveServer]:
    """A server that takes inbound mail (Mailgun's signed webhook) at SUPPORT."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-uploads-mail-"))
    env = {"FLOWSUPPORT_MAILGUN_SIGNING_KEY": SIGNING_KEY}
    try:
        with running_server(data_dir, extra_env=env) as live:
            yield live
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


async def test_email_attachments_are_listed_and_download(mail_server: LiveServer) -> None:
    """An inbound mail's file is kept in the object store and listed on its message (HTTP
    history, like any attachment); the agent downloads it as a file; a row of the old
    kind (bytes in the row, declared type) still downloads, as an opaque file."""
    shop = await provision(mail_server)
    mail_server.cli_json(
        "channel", "add", "--tenant", shop.tenant_id, "--kind", "email", "--address", SUPPORT
    )
    pdf = b"%PDF-1.4 the invoice"
    await post_mail(
        mail_server,
        mail_with_file("Eve <eve@customer.example>", "Invoice", "See attached.", "inv 9.pdf", pdf),
    )
    async with httpx.AsyncClient(base_url=mail_server.base_url, timeout=30) as http:
        staff = bearer(shop.agent_token)
        [conversation] = (await http.get("/v1/conversations", headers=staff)).json()[
            "conversations"
        ]
        history = await http.get(f"/v1/conversations/{conversation['id']}/messages", headers=staff)
        [mail] = [m for m in history.json()["messages"] if m.get("attachments")]
        [listed] = mail["attachments"]
        assert listed["name"] == "inv 9.pdf" and listed["content_type"] == "application/pdf"
        assert listed["size"] == len(pdf) and listed["url"] == f"/v1/attachments/{listed['id']}"
        answer = await http.get(listed["url"], headers=staff)
        assert answer.status_code == 200 and answer.content == pdf
        assert answer.headers["content-disposition"].startswith("attachment;")
        async with owner_connection(mail_server) as owner:
            old_id = await owner.fetchval(
                """
                INSERT INTO attachments (tenant_id, message_id, filename, content_type, size,
                                         sha256, data)
                VALUES ($1::uuid, $2::uuid, 'page.html', 'text/html', 5, 'x', '<b>x')
                RETURNING id
                """,
                shop.tenant_id,
                mail["id"],
            )
        old = await http.get(f"/v1/attachments/{old_id}", headers=staff)
        assert old.status_code == 200 and old.content == b"<b>x"
        assert old.headers["content-type"] == "application/octet-stream"
        assert old.headers["content-disposition"].startswith("attachment;")
