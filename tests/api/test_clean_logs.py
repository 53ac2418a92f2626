"""A whole day of support against a real `flowsupport serve`, then its entire output
grepped: no message body, no credential (password, access token, visitor token, API key)
and no e-mail address (the customers' and the staff's) was logged. README "Operating it":
the log names ids, never values. Every body carries a distinctive marker, so a body that
leaked is found whatever line printed it."""

from __future__ import annotations

import asyncio
import re
import shutil
import smtplib
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fakes.smtp_server import Relay, serving
from tests.live import (
    LiveServer,
    free_port,
    jobs_done,
    owner_connection,
    retry_waiting,
    running_server,
)
from tests.provision import AGENT_PASSWORD, ORIGIN, help_desk
from tests.realtime.test_ai_answers import SAMPLE, stream_of
from tests.realtime.test_email_channel import SIGNING_KEY, SUPPORT, mime, signed
from tests.wsclient import session

MARK = f"Zq{uuid.uuid4().hex[:8]}"  # in every body, subject and name this test writes


@dataclass
class Greylisting(Relay):
    """A relay that, like Postfix greylisting, first refuses a recipient with a reply that
    quotes the address (450 4.2.0 <carla@...>: Recipient address rejected)."""

    refuse_next: int = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.refuse_next > 0:
            self.refuse_next -= 1
            return f"450 4.2.0 <{address}>: Recipient address rejected: greylisted, try again"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture(scope="module")
def server_and_relay() -> Iterator[tuple[LiveServer, Greylisting, int]]:
    """A server of this module's own (all of its output is this test's), mailing through
    the test relay, taking Mailgun's inbound webhook and listening for SMTP."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-clean-logs-"))
    relay = Greylisting()
    listen = free_port()
    with serving(relay) as relay_port:
        env = {
            "FLOWSUPPORT_MAILGUN_SIGNING_KEY": SIGNING_KEY,
            "FLOWSUPPORT_SMTP_URL": f"smtp://127.0.0.1:{relay_port}",
            "FLOWSUPPORT_SMTP_LISTEN": f"127.0.0.1:{listen}",
        }
        with running_server(data_dir, extra_env=env) as server:
            yield server, relay, listen
    shutil.rmtree(data_dir, ignore_errors=True)


async def wait_for_mail(relay: Relay, count: int) -> None:
    for _ in range(150):
        if len(relay.received) >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{len(relay.received)} mails relayed, expected {count}")


async def test_a_day_of_support_leaves_no_personal_data_in_the_log(
    server_and_relay: tuple[LiveServer, Greylisting, int], tmp_path: Path
) -> None:
    """Sign-in, a widget chat answered by the AI then handed to a person, a ticket reply,
    an e-mail in and its reply out, a bot's API key, then a GDPR export and erasure: the
    server's whole output holds none of the bodies, credentials or addresses involved."""
    server, relay, listen = server_and_relay
    desk = await help_desk(server, tmp_path, SAMPLE)
    server.cli_json(
        "channel", "add", "--tenant", desk.tenant_id, "--kind", "email", "--address", SUPPORT
    )
    visitor_email = f"vera.{MARK.lower()}@customer.example"
    mail_customer = f"carla.{MARK.lower()}@customer.example"
    bodies: list[str] = []

    def body(text: str) -> str:
        written = f"{text} {MARK}-{len(bodies)}"
        bodies.append(written)
        return written

    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
        signed_in = await http.post(
            "/v1/auth/login", json={"email": desk.agent_email, "password": AGENT_PASSWORD}
        )
        assert signed_in.status_code == 200, signed_in.text
        access_token = signed_in.json()["access_token"]
        refused = await http.post(
            "/v1/auth/login", json={"email": desk.agent_email, "password": f"wrong-{MARK}"}
        )
        assert refused.status_code == 401
        staff = {"authorization": f"Bearer {access_token}"}
        admin = {"authorization": f"Bearer {desk.admin_token}"}
        bot = {"authorization": f"Bearer {desk.api_key}"}

        identity = {
            **desk.identity(f"ext-{MARK}"),
            "email": visitor_email,
            "name": f"Vera {MARK}",
        }
        hello = {"widget_key": desk.widget_key, "identity": identity}
        async with (
            session(server.ws_url, {"token": access_token}) as agent,
            session(server.ws_url, hello, origin=ORIGIN) as visitor,
        ):
            await agent.ok({"type": "inbox.subscribe"})
            started = await visitor.ok({"type": "conversation.start"})
            conversation_id = started["conversation"]["id"]
            visitor_id = visitor.welcome["principal"]["id"]
            visitor_token = visitor.welcome["visitor_token"]
            # No marker here: a name the knowledge base never mentions would hand it over.
            question = "How do I cancel my subscription?"
            await visitor.say(conversation_id, question, "q1")
            _, _, done = await stream_of(visitor)
            assert done["reason"] == "complete"
            answer = done["message"]["body"]
            await visitor.say(conversation_id, body("I want to talk to a person please"), "q2")
            escalated = await visitor.next("conversation.updated", timeout=15)
            assert escalated["conversation"]["status"] == "waiting_human"
            await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
            await agent.say(conversation_id, body("Ada here, I can help with that"), "a1")
            await agent.ok(
                {
                    "type": "message.send",
                    "conversation_id": conversation_id,
                    "client_msg_id": "n1",
                    "body": body("internal: check the customer's invoices"),
                    "private": True,
                }
            )
            await visitor.next("message.created", timeout=10)
        async with session(
            server.ws_url,
            {"widget_key": desk.widget_key, "visitor_token": visitor_token},
            origin=ORIGIN,
        ) as back:
            await back.ok({"type": "subscribe", "conversation_id": conversation_id, "after_seq": 0})

        tickets = await http.get("/v1/tickets", headers=staff)
        assert tickets.status_code == 200, tickets.text
        ticket = next(
            t for t in tickets.json()["tickets"] if t["conversation_id"] == conversation_id
        )
        commented = await http.post(
            f"/v1/tickets/{ticket['id']}/comments",
            headers=staff,
            json={"body": body("a corrected invoice is attached"), "public": True},
        )
        assert commented.status_code in (200, 201), commented.text
        assert (await http.get("/v1/conversations", headers=bot)).status_code == 200

        sent_before = len(relay.received)
        raw = mime(
            f"Invoice question {MARK}",
            body("Hello, my invoice has the wrong VAT number"),
            sender=f"Carla {MARK} <{mail_customer}>",
        )
        stored = await http.post(
            "/v1/channels/email/inbound", files={k: (None, v) for k, v in signed(raw).items()}
        )
        assert stored.status_code == 200, stored.text
        mail_conversation = stored.json()["conversation_id"]
        relay.refuse_next = 1  # the first delivery attempt is greylisted, the retry goes
        async with session(server.ws_url, {"token": access_token}) as agent:
            await agent.ok({"type": "subscribe", "conversation_id": mail_conversation})
            await agent.say(mail_conversation, body("Thanks Carla, fixed in the next one"), "m1")
        async with owner_connection(server) as owner:
            await retry_waiting(owner)
            server.clock.advance(3)  # past the first retry's backoff (1 to 2 s)
            await wait_for_mail(relay, sent_before + 1)
        assert MARK in str(relay.received[-1])  # the reply went out, with its words
        by_smtp = mime(
            f"Another question {MARK}",
            body("Also, my address changed"),
            sender=f"Carla {MARK} <{mail_customer}>",
        )
        await asyncio.to_thread(send_by_smtp, listen, mail_customer, by_smtp)

        exported = await http.get(f"/v1/contacts/{visitor_id}/export", headers=admin)
        assert exported.status_code == 200, exported.text
        assert visitor_email in exported.text
        erased = await http.delete(f"/v1/contacts/{visitor_id}", headers=admin)
        assert erased.status_code in (200, 204), erased.text
        await http.get("/healthz?after=the-scenario")

    async with owner_connection(server) as owner:
        await jobs_done(owner)
    logged = await full_output(server)
    secrets = {
        "agent password": AGENT_PASSWORD,
        "wrong password": f"wrong-{MARK}",
        "access token": access_token,
        "visitor token": visitor_token,
        "API key": desk.api_key,
        "admin token": desk.admin_token,
        "identity hmac": identity["hmac"],
        "the question": question,
        "the AI's answer": answer[:60],
        "agent e-mail": desk.agent_email,
        "visitor e-mail": visitor_email,
        "mail customer": mail_customer,
    }
    leaks = {name: value for name, value in secrets.items() if value in logged}
    assert leaks == {}, excerpt(logged, list(leaks.values()))
    assert MARK not in logged, excerpt(logged, [MARK])
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", logged.replace(SUPPORT, "")), excerpt(
        logged, ["@"]
    )
    assert "/v1/auth/login" in logged and "/v1/channels/email/inbound" in logged  # it logs


def send_by_smtp(port: int, sender: str, raw: str) -> None:
    """One mail to the server's SMTP listener, as a mail exchanger would hand it over."""
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail(sender, [SUPPORT], raw.encode())


async def full_output(server: LiveServer) -> str:
    """Everything the server printed up to the marker request (the drain reads as it comes)."""
    assert server.output is not None
    for _ in range(100):
        assert len(server.output.lines) < (server.output.lines.maxlen or 0)  # nothing dropped
        logged = server.output.text()
        if "/healthz" in logged and "the-scenario" not in logged:
            return logged
        await asyncio.sleep(0.05)
    return server.output.text()


def excerpt(logged: str, needles: list[str]) -> str:
    """The lines holding any of `needles`: what the failure shows."""
    lines = [line for line in logged.splitlines() if any(n in line for n in needles)]
    return "\n".join(lines[:20])
