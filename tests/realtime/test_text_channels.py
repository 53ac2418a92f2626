"""SMS and WhatsApp end to end: providers' signed webhooks in, AI answers and agents'
replies out through local stand-ins of Twilio's and Meta's APIs (real HTTP both ways)."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from twilio.request_validator import RequestValidator

from tests.fakes.meta_server import (
    ACCESS_TOKEN,
    PHONE_NUMBER_ID,
    MetaState,
    meta_message,
    meta_payload,
    meta_server,
    meta_signature,
)
from tests.fakes.twilio_server import (
    AUTH_TOKEN,
    TwilioState,
    twilio_form,
    twilio_server,
    twilio_status_form,
)
from tests.live import (
    LiveServer,
    eventually,
    jobs_done,
    owner_connection,
    retry_waiting,
    running_server,
)
from tests.provision import Tenant, add_twilio_sms, ingest, provision
from tests.realtime.test_ai_answers import CORPUS
from tests.wsclient import session

SMS_NUMBER = "+14155550199"
APP_SECRET = "meta-test-app-secret"
VERIFY_TOKEN = "meta-verify-me"


@pytest.fixture(scope="module")
def providers() -> Iterator[tuple[str, TwilioState, str, MetaState]]:
    with twilio_server() as (twilio_base, twilio), meta_server() as (meta_base, meta):
        yield twilio_base, twilio, meta_base, meta


@pytest.fixture(scope="module")
def text_server() -> Iterator[LiveServer]:
    data_dir = Path(tempfile.mkdtemp(prefix="fs-texts-"))
    with running_server(data_dir, extra_env={"FLOWSUPPORT_VISITOR_LEAVE_GRACE_S": "3600"}) as s:
        yield s
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
async def desk(
    text_server: LiveServer,
    providers: tuple[str, TwilioState, str, MetaState],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    twilio_base, _, meta_base, _ = providers
    tenant = await provision(text_server, ai=True)
    folder = tmp_path_factory.mktemp("kb")
    shutil.copy(CORPUS / "cancel-subscription.md", folder / "cancel-subscription.md")
    ingest(text_server, tenant.tenant_id, folder)
    sms = add_twilio_sms(text_server, tenant.tenant_id, SMS_NUMBER, twilio_base)
    wa = text_server.cli_json(
        "channel",
        "add",
        "--tenant",
        tenant.tenant_id,
        "--kind",
        "whatsapp",
        "--provider",
        "meta",
        "--phone-number-id",
        PHONE_NUMBER_ID,
        "--app-secret",
        APP_SECRET,
        "--verify-token",
        VERIFY_TOKEN,
        "--access-token",
        ACCESS_TOKEN,
        "--api-base",
        meta_base,
    )
    assert sms["webhook_url"] == f"{text_server.base_url}/v1/channels/twilio/{sms['channel_id']}"
    return {"tenant": tenant, "sms": sms["webhook_url"], "wa": wa["webhook_url"]}


def twilio_signed(url: str, params: dict[str, str]) -> str:
    """Signed by Twilio's own library, not by ours: third-party code checks our check."""
    return str(RequestValidator(AUTH_TOKEN).compute_signature(url, params))


async def twilio_post(url: str, params: dict[str, str], *, sign: bool = True) -> httpx.Response:
    headers = {"x-twilio-signature": twilio_signed(url, params)} if sign else {}
    async with httpx.AsyncClient() as http:
        return await http.post(url, data=params, headers=headers)


async def meta_post(url: str, payload: dict[str, Any], secret: str = APP_SECRET) -> httpx.Response:
    body = json.dumps(payload).encode()
    headers = {
        "x-hub-signature-256": meta_signature(secret, body),
        "content-type": "application/json",
    }
    async with httpx.AsyncClient() as http:
        return await http.post(url, content=body, headers=headers)


async def until(check: Any, what: str) -> None:
    for _ in range(150):
        if check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
async def owner(text_server: LiveServer) -> AsyncIterator[asyncpg.Connection]:
    async with owner_connection(text_server) as conn:
        yield conn


async def answered(owner: asyncpg.Connection, conversation_id: Any) -> None:
    """Until the AI (or the hand-over it chose) has answered the customer's first text and
    every reply stored so far has gone out: nothing more leaves unless someone writes."""

    async def replied() -> bool:
        return bool(
            await owner.fetchval(
                "SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 "
                "AND sender_kind IN ('ai', 'system') AND NOT private)",
                conversation_id,
            )
        )

    await eventually(replied, "the answer to the customer's text")
    await jobs_done(owner)


async def test_sms_in_ai_answer_out_once_however_often_delivered(
    desk: dict[str, Any],
    providers: tuple[str, TwilioState, str, MetaState],
    owner: asyncpg.Connection,
) -> None:
    _, twilio, _, _ = providers
    before = len(twilio.messages)
    params = twilio_form(
        from_number="+14155550111",
        to_number=SMS_NUMBER,
        body="How do I cancel my subscription?",
        message_sid="SM" + uuid.uuid4().hex,
    )
    for _ in range(3):  # Twilio retried twice
        response = await twilio_post(desk["sms"], params)
        assert response.status_code == 200 and "<Response>" in response.text
    await until(lambda: len(twilio.messages) > before, "the AI answer by SMS")
    conversation_id = await owner.fetchval(
        "SELECT conversation_id FROM messages WHERE client_msg_id = $1",
        f"twilio:{params['MessageSid']}",
    )
    await answered(owner, conversation_id)
    answers = await owner.fetchval(
        "SELECT count(*) FROM messages WHERE conversation_id = $1 AND sender_kind <> 'visitor'",
        conversation_id,
    )
    sent = twilio.messages[before:]
    assert len(sent) == answers == 1  # one message, one answer, sent once
    assert sent[0].to == "+14155550111" and sent[0].from_ == SMS_NUMBER
    assert "Cancel" in sent[0].body and "Source: Cancel your subscription plan" in sent[0].body
    assert sent[0].status_callback == desk["sms"]
    count = await owner.fetchval(
        "SELECT count(*) FROM messages WHERE client_msg_id = $1", f"twilio:{params['MessageSid']}"
    )
    assert count == 1
    # Statuses arrive out of order: "read" first, then a late "delivered": it stays read.
    # An agent following the conversation hears each move once (`message.updated`).
    tenant: Tenant = desk["tenant"]
    base = desk["sms"].split("/v1/")[0]
    async with session(
        base.replace("http", "ws", 1) + "/v1/ws", {"token": tenant.agent_token}
    ) as agent:
        await agent.ok({"type": "subscribe", "conversation_id": str(conversation_id)})
        for status in ("read", "delivered", "sent"):
            callback = twilio_status_form(message_sid=sent[0].sid, status=status)
            assert (await twilio_post(desk["sms"], callback)).status_code == 200
        updates = agent.of_type(await agent.quiet(1.0), "message.updated")
    assert [(u["message"]["status"], u["changes"]) for u in updates] == [("read", ["status"])]
    stored = await owner.fetchval(
        "SELECT delivery_status FROM messages WHERE external_id = $1", sent[0].sid
    )
    assert stored == "read"
    async with httpx.AsyncClient(base_url=base) as http:
        listed = await http.get(
            f"/v1/conversations/{conversation_id}/messages",
            headers={"Authorization": f"Bearer {tenant.agent_token}"},
        )
    statuses = {m["sender"]["kind"]: m.get("status") for m in listed.json()["messages"]}
    assert statuses == {"visitor": None, "ai": "read"}


async def test_a_first_message_delivered_at_once_six_times_is_one_case(
    desk: dict[str, Any], owner: asyncpg.Connection
) -> None:
    """Providers retry concurrently: six simultaneous deliveries of one first message from an
    unknown number make one contact, one conversation, one message and one answer."""
    number = f"+1415555{uuid.uuid4().int % 10_000:04d}"
    params = twilio_form(
        from_number=number,
        to_number=SMS_NUMBER,
        body="How do I cancel my subscription?",
        message_sid="SM" + uuid.uuid4().hex,
    )
    responses = await asyncio.gather(*(twilio_post(desk["sms"], params) for _ in range(6)))
    assert [r.status_code for r in responses] == [200] * 6
    meta_number = f"+49151{uuid.uuid4().int % 10_000_000:07d}"
    message = meta_message(from_number=meta_number, body="Hallo, how do I cancel my plan?")
    answers = await asyncio.gather(
        *(meta_post(desk["wa"], meta_payload(messages=[message])) for _ in range(6))
    )
    assert [r.status_code for r in answers] == [200] * 6
    for phone, client_msg_id in (
        (number, f"twilio:{params['MessageSid']}"),
        (meta_number, f"meta:{message['id']}"),
    ):
        contacts = await owner.fetchval("SELECT count(*) FROM contacts WHERE phone = $1", phone)
        conversations = await owner.fetch(
            "SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id "
            "WHERE k.phone = $1",
            phone,
        )
        stored = await owner.fetchval(
            "SELECT count(*) FROM messages WHERE client_msg_id = $1", client_msg_id
        )
        assert (contacts, len(conversations), stored) == (1, 1, 1), phone
        await answered(owner, conversations[0]["id"])
        replies = await owner.fetchval(
            "SELECT count(*) FROM messages WHERE conversation_id = $1 "
            "AND sender_kind IN ('ai', 'system') AND NOT private",
            conversations[0]["id"],
        )
        assert replies == 1, phone


async def test_forged_or_misaddressed_webhooks_store_nothing(
    desk: dict[str, Any], owner: asyncpg.Connection
) -> None:
    params = twilio_form(from_number="+14155550122", to_number=SMS_NUMBER, body="forged")
    assert (await twilio_post(desk["sms"], params, sign=False)).status_code == 403
    bad = {**params, "Body": "tampered after signing"}
    headers = {"x-twilio-signature": twilio_signed(desk["sms"], params)}
    async with httpx.AsyncClient() as http:
        assert (await http.post(desk["sms"], data=bad, headers=headers)).status_code == 403
    stored = await owner.fetchval("SELECT count(*) FROM contacts WHERE phone = '+14155550122'")
    assert stored == 0
    refused = await owner.fetchval(
        "SELECT count(*) FROM audit_log WHERE action = 'channel.webhook.refused'"
    )
    assert refused >= 2
    unknown = desk["sms"].rsplit("/", 1)[0] + f"/{uuid.uuid4()}"
    assert (await twilio_post(unknown, params)).status_code == 404
    payload = meta_payload(messages=[meta_message(body="hi")])
    assert (await meta_post(desk["wa"], payload, secret="wrong-secret")).status_code == 403
    malformed = {"From": "+14155550122", "To": SMS_NUMBER}  # signed, but no MessageSid
    assert (await twilio_post(desk["sms"], malformed)).status_code == 422
    assert (await meta_post(desk["wa"], {"object": "page"})).status_code == 422


async def test_whatsapp_verification_messages_and_the_24_hour_window(
    desk: dict[str, Any],
    providers: tuple[str, TwilioState, str, MetaState],
    text_server: LiveServer,
    owner: asyncpg.Connection,
) -> None:
    _, _, _, meta = providers
    tenant: Tenant = desk["tenant"]
    async with httpx.AsyncClient() as http:
        ok = await http.get(
            desk["wa"],
            params={
                "hub.mode": "subscribe",
                "hub.verify_token": VERIFY_TOKEN,
                "hub.challenge": "42x",
            },
        )
        assert ok.status_code == 200 and ok.text == "42x"
        wrong = await http.get(
            desk["wa"],
            params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"},
        )
        assert wrong.status_code == 403
    before = len(meta.messages)
    message = meta_message(from_number="+4915112345678", body="Hallo, I have a billing question")
    payload = meta_payload(messages=[message])
    for _ in range(2):
        assert (await meta_post(desk["wa"], payload)).status_code == 200
    conversation_id = await owner.fetchval(
        "SELECT m.conversation_id FROM messages m WHERE m.client_msg_id = $1",
        f"meta:{message['id']}",
    )
    assert conversation_id is not None
    async with session(text_server.ws_url, {"token": tenant.agent_token}) as agent:
        await agent.ok({"type": "subscribe", "conversation_id": str(conversation_id)})
        await agent.say(str(conversation_id), "Hi! Which invoice is it about?", "wa-1")
        # The AI found no answer, so the customer first got the escalation notice.
        await until(
            lambda: any(m.body.startswith("Hi! Which") for m in meta.messages[before:]),
            "the agent's WhatsApp reply",
        )
        bodies = [m.body for m in meta.messages[before:]]
        assert bodies[0].startswith("Thanks for your patience") and len(bodies) == 2
        assert meta.messages[-1].to.lstrip("+") == "4915112345678"
        # A day later the customer has not written again: WhatsApp forbids a free reply.
        await owner.execute(
            "UPDATE messages SET created_at = $2 "
            "WHERE conversation_id = $1 AND sender_kind = 'visitor'",
            conversation_id,
            text_server.clock.now() - timedelta(hours=25),
        )
        sent = len(meta.messages)
        await agent.say(str(conversation_id), "Are you still there?", "wa-2")
        note = await agent.next("message.created", timeout=15, conversation_id=str(conversation_id))
        while not note["message"]["private"]:
            note = await agent.next("message.created", timeout=15)
        assert "24 hours" in note["message"]["body"]
        assert len(meta.messages) == sent


async def test_provider_down_then_up_delivers_once_and_long_replies_split(
    desk: dict[str, Any],
    providers: tuple[str, TwilioState, str, MetaState],
    text_server: LiveServer,
    owner: asyncpg.Connection,
) -> None:
    _, twilio, _, _ = providers
    tenant: Tenant = desk["tenant"]
    params = twilio_form(from_number="+14155550133", to_number=SMS_NUMBER, body="Hi there")
    assert (await twilio_post(desk["sms"], params)).status_code == 200
    conversation_id = await owner.fetchval(
        "SELECT conversation_id FROM messages WHERE client_msg_id = $1",
        f"twilio:{params['MessageSid']}",
    )
    await answered(owner, conversation_id)
    before = len(twilio.messages)
    twilio.fail_next = [500]
    long_reply = " ".join(f"Step {i}: do the next thing carefully." for i in range(60))
    assert len(long_reply) > 1600
    async with session(text_server.ws_url, {"token": tenant.agent_token}) as agent:
        await agent.ok({"type": "subscribe", "conversation_id": str(conversation_id)})
        await agent.say(str(conversation_id), long_reply, "long-1")
    await retry_waiting(owner)
    text_server.clock.advance(3)  # past the first retry's backoff (1 to 2 s)
    await until(lambda: len(twilio.messages) >= before + 2, "the split reply after a retry")
    await jobs_done(owner)
    parts = [m.body for m in twilio.messages[before:]]
    assert len(parts) == 2 and all(len(p) <= 1600 for p in parts)
    assert " ".join(parts).replace("  ", " ") == long_reply


async def test_resolving_texts_a_rating_link_and_a_new_text_reopens(
    desk: dict[str, Any],
    providers: tuple[str, TwilioState, str, MetaState],
    text_server: LiveServer,
    owner: asyncpg.Connection,
) -> None:
    """An SMS customer's resolved conversation: the rating request goes out by text with
    its signed link (the page offers 1 to 5); "resolved" itself is not texted; their next
    text reopens the same conversation rather than starting another."""
    _, twilio, _, _ = providers
    tenant: Tenant = desk["tenant"]
    customer = "+14155550144"
    first = twilio_form(from_number=customer, to_number=SMS_NUMBER, body="How do I cancel?")
    assert (await twilio_post(desk["sms"], first)).status_code == 200
    conversation_id = str(
        await owner.fetchval(
            "SELECT conversation_id FROM messages WHERE client_msg_id = $1",
            f"twilio:{first['MessageSid']}",
        )
    )
    await answered(owner, conversation_id)
    before = len(twilio.messages)
    async with session(text_server.ws_url, {"token": tenant.agent_token}) as agent:
        await agent.ok(
            {
                "type": "conversation.update",
                "conversation_id": conversation_id,
                "status": "resolved",
            }
        )
    await until(lambda: len(twilio.messages) > before, "the rating request by SMS")
    await jobs_done(owner)
    [request] = twilio.messages[before:]  # the request only
    assert request.to == customer and "1 (poor) to 5 (great)" in request.body
    link = request.body.rsplit("\n", 1)[1]
    assert f"{text_server.base_url}/v1/csat/" in link
    async with httpx.AsyncClient() as http:
        page = await http.get(link)
        assert page.status_code == 200 and "?rating=5" in page.text
        rated = await http.get(f"{link}?rating=2")
        assert "You rated us 2 of 5" in rated.text

    again = twilio_form(from_number=customer, to_number=SMS_NUMBER, body="It did not work")
    assert (await twilio_post(desk["sms"], again)).status_code == 200
    continued = await owner.fetchval(
        "SELECT conversation_id FROM messages WHERE client_msg_id = $1",
        f"twilio:{again['MessageSid']}",
    )
    assert str(continued) == conversation_id
    status, rating = await owner.fetchrow(
        "SELECT c.status, r.rating FROM conversations c "
        "JOIN csat_ratings r ON r.conversation_id = c.id WHERE c.id = $1",
        continued,
    )
    assert status in ("open", "waiting_human") and rating == 2


async def test_files_are_refused_on_sms_with_a_clear_error(
    desk: dict[str, Any], providers: tuple[str, TwilioState, str, MetaState]
) -> None:
    """SMS and WhatsApp take media only from a public URL, and ours are private: a reply
    with files is refused before anything is stored, the upload left for another try."""
    tenant: Tenant = desk["tenant"]
    params = twilio_form(body="Can you send me the quokka invoice?")
    assert (await twilio_post(desk["sms"], params)).status_code == 200
    base = desk["sms"].split("/v1/")[0]
    async with httpx.AsyncClient(base_url=base) as http:
        auth = {"authorization": f"Bearer {tenant.agent_token}"}

        async def listed() -> list[dict[str, Any]]:
            found = await http.get("/v1/conversations", params={"q": "quokka"}, headers=auth)
            return list(found.json()["conversations"])

        async def arrived() -> bool:
            return bool(await listed())

        await eventually(arrived, "the SMS conversation")
        conversation_id = (await listed())[0]["id"]
        uploaded = await http.post(
            "/v1/uploads", headers=auth, files={"file": ("invoice.txt", b"Invoice 42\n")}
        )
        assert uploaded.status_code == 201, uploaded.text
    async with session(
        base.replace("http", "ws", 1) + "/v1/ws", {"token": tenant.agent_token}
    ) as agent:
        answer = await agent.send_files(
            conversation_id, "Attached.", "sms-file-1", [uploaded.json()["upload_id"]]
        )
    assert answer["type"] == "error" and answer["code"] == "bad_request"
    assert "sms" in answer["message"]
