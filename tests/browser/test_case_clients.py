"""Issue 13 in a real browser: the widget shows the case as the server has it (status lines,
the handoff control, the rating), and the inbox shows one case (one transcript for a ticket,
Enter sends in both composers, the SLA clock, ratings, unread counts).

The widget tests talk to a scripted server (Playwright routes the widget's WebSocket), so
they pin the client's behaviour to PROTOCOL.md's frames whatever the server does today. The
others run against a real server; `test_one_case_from_question_to_rating` walks the whole
case of the issue's "Done when" and needs the server side of issue 13.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, WebSocketRoute, expect

from tests.browser.test_web_clients import (
    conversation_of,
    demo_url,
    host_pages,
    open_conversation,
    open_widget,
    sign_in,
    visitor_says,
    widget_messages,
)
from tests.live import LiveServer
from tests.provision import Tenant, provision

WIDGET_JS = Path(__file__).resolve().parents[2] / "server" / "web" / "widget" / "widget.js"
WIDGET_KEY = "wk_scripted"
T0 = "2026-11-25T19:30:00.000Z"


class ScriptedServer:
    """PROTOCOL.md's server side for one visitor, driven by the test."""

    def __init__(self) -> None:
        self.ws: WebSocketRoute | None = None
        self.seq = 0
        self.received: list[dict[str, Any]] = []
        self.csat_errors: list[str] = []  # codes to answer the next csat.submit frames with
        self.log: list[dict[str, Any]] = []  # message.created frames, replayed by subscribe
        self.conversation: dict[str, Any] = {
            "id": "cv_1",
            "tenant_id": "tn_1",
            "status": "open",
            "channel": "web",
            "subject": None,
            "contact_id": "ct_1",
            "assignee_id": None,
            "priority": "normal",
            "tags": [],
            "ticket_id": None,
            "ai_enabled": True,
            "created_at": T0,
            "updated_at": T0,
            "last_seq": 0,
        }

    def attach(self, ws: WebSocketRoute) -> None:
        self.ws = ws
        ws.on_message(self.on_message)

    def send(self, frame: dict[str, Any]) -> None:
        assert self.ws is not None, "the widget never connected"
        self.ws.send(json.dumps(frame))

    def conv(self) -> dict[str, Any]:
        return {**self.conversation, "last_seq": self.seq}

    def on_message(self, raw: str | bytes) -> None:
        frame = json.loads(raw)
        self.received.append(frame)
        kind, rid = frame["type"], frame.get("id")
        if kind == "hello":
            self.send(
                {
                    "type": "welcome",
                    "session_id": "s_1",
                    "principal": {"kind": "visitor", "id": "ct_1", "tenant_id": "tn_1"},
                    "visitor_token": "vt_1",
                    "heartbeat_s": 25,
                    "max_frame_bytes": 65536,
                    "server": "scripted/1",
                }
            )
        elif kind == "conversation.start":
            self.send({"type": "ack", "id": rid, "conversation": self.conv()})
        elif kind == "subscribe":
            self.send({"type": "ack", "id": rid, "conversation": self.conv(), "last_seq": self.seq})
            for event in self.log:
                if (
                    event["conversation_id"] == frame["conversation_id"]
                    and event["seq"] > frame["after_seq"]
                ):
                    self.send(event)
        elif kind == "message.send":
            if self.conversation["status"] == "closed":
                # PROTOCOL.md: a message to a closed conversation starts a new one linked to it.
                self.conversation.update(id="cv_2", status="open", previous_conversation_id="cv_1")
                self.seq = 0
                message = self.message(
                    "visitor", frame["body"], client_msg_id=frame["client_msg_id"]
                )
                self.log.append(
                    {
                        "type": "message.created",
                        "conversation_id": "cv_2",
                        "seq": 1,
                        "message": message,
                    }
                )
                self.send({"type": "ack", "id": rid, "message": message})
                return
            message = self.message("visitor", frame["body"], client_msg_id=frame["client_msg_id"])
            self.send({"type": "ack", "id": rid, "message": message})
            self.created(message)
        elif kind == "handoff.request":
            self.update(status="waiting_human")
            self.send({"type": "ack", "id": rid, "conversation": self.conv()})
            self.event("escalated", "Thanks for your patience: a person will join shortly.")
        elif kind == "csat.submit":
            if self.csat_errors:
                code = self.csat_errors.pop(0)
                self.send({"type": "error", "id": rid, "code": code, "message": code})
                return
            csat = {"rating": frame["rating"], "at": "2026-11-25T19:40:00.000Z"}
            if "comment" in frame:
                csat["comment"] = frame["comment"]
            self.update(csat=csat)
            self.send({"type": "ack", "id": rid, "conversation": self.conv()})
        elif kind == "ping" and rid:
            self.send({"type": "pong", "id": rid})

    def message(self, kind: str, body: str, **extra: Any) -> dict[str, Any]:
        self.seq += 1
        sender = {"kind": kind, "id": {"visitor": "ct_1", "agent": "ag_1"}.get(kind)}
        if kind == "agent":
            sender["name"] = "Ann"
        return {
            "id": f"msg_{self.conversation['id']}_{self.seq}",
            "conversation_id": self.conversation["id"],
            "seq": self.seq,
            "sender": sender,
            "body": body,
            "private": False,
            "client_msg_id": extra.pop("client_msg_id", None),
            "created_at": T0,
            **extra,
        }

    def created(self, message: dict[str, Any]) -> None:
        event = {
            "type": "message.created",
            "conversation_id": message["conversation_id"],
            "seq": message["seq"],
            "message": message,
        }
        self.log.append(event)
        self.send(event)

    def agent_says(self, body: str) -> None:
        self.created(self.message("agent", body))

    def event(self, event: str, body: str = "") -> None:
        self.created(self.message("system", body, event=event))

    def update(self, **fields: Any) -> None:
        self.conversation.update(fields)
        self.seq += 1
        self.send(
            {
                "type": "conversation.updated",
                "conversation_id": "cv_1",
                "seq": self.seq,
                "conversation": self.conv(),
                "changes": list(fields),
            }
        )


@pytest.fixture(scope="module")
def widget_site() -> Iterator[str]:
    """A customer's page with the built widget; its server is the scripted one."""
    folder = Path(tempfile.mkdtemp(prefix="fs-host-case-"))
    shutil.copy(WIDGET_JS, folder / "widget.js")
    (folder / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><title>Shop</title><p>Hi</p>'
        f'<script src="widget.js" data-widget-key="{WIDGET_KEY}" async></script>'
    )
    with host_pages(folder) as origin:
        yield origin
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
async def scripted(
    browser: Browser, widget_site: str
) -> AsyncIterator[tuple[Page, ScriptedServer]]:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    server = ScriptedServer()
    await page.route_web_socket(re.compile(r".*/v1/ws$"), server.attach)
    await open_widget(page, f"{widget_site}/index.html")
    yield page, server
    await context.close()


def sent(server: ScriptedServer, kind: str) -> list[dict[str, Any]]:
    return [f for f in server.received if f["type"] == kind]


async def test_widget_follows_the_case_as_the_server_has_it(
    scripted: tuple[Page, ScriptedServer], screenshots: Path
) -> None:
    page, server = scripted
    handoff = page.get_by_test_id("fs-handoff")
    waiting = page.get_by_test_id("fs-waiting")
    await expect(handoff).to_be_enabled()
    await visitor_says(page, "My invoice shows the wrong company")
    await expect(widget_messages(page, "visitor")).to_have_count(1)

    await handoff.click()
    await expect(waiting).to_be_visible()
    await expect(handoff).to_be_disabled()
    await expect(handoff).to_contain_text("Person requested")
    escalated = page.locator('[data-testid="fs-message"][data-event="escalated"]')
    await expect(escalated).to_contain_text("a person will join shortly")

    # An agent joins: a status line, and no more "will join shortly" (the status is unchanged).
    server.event("agent_joined", "Ann joined the conversation")
    await expect(page.locator('[data-event="agent_joined"]')).to_have_text(
        "Ann joined the conversation"
    )
    await expect(waiting).to_be_hidden()
    await expect(handoff).to_be_hidden()
    server.agent_says("Hello, Ann here. Let me check.")
    await expect(widget_messages(page, "agent").last).to_contain_text("Ann here")

    # Pending (the agent waits on the customer): "Talk to a person" does not come back.
    server.update(status="pending", assignee_id="ag_1")
    await asyncio.sleep(0.2)
    await expect(handoff).to_be_hidden()
    await expect(waiting).to_be_hidden()
    await page.screenshot(path=str(screenshots / "widget-case-agent-joined.png"))

    # Resolved: the visitor sees it, is asked to rate, and can still write.
    server.event("resolved", "")
    server.update(status="resolved", resolved_at="2026-11-25T19:35:00.000Z")
    server.event("csat_requested", "How would you rate this conversation?")
    await expect(page.locator('[data-event="resolved"]')).to_have_text(
        "This conversation was resolved"
    )
    await expect(page.get_by_test_id("fs-resolved")).to_be_visible()
    await expect(page.get_by_test_id("fs-panel")).to_have_attribute("data-case", "resolved")
    await expect(page.get_by_test_id("fs-composer")).to_be_enabled()
    await expect(page.get_by_test_id("fs-composer")).to_have_attribute(
        "placeholder", re.compile("reopen")
    )
    card = page.get_by_test_id("fs-csat")
    await expect(card).to_be_visible()
    # The card sits right after the event that asked for it.
    after = await page.locator('[data-event="csat_requested"]').evaluate(
        "el => el.nextElementSibling?.dataset.testid"
    )
    assert after == "fs-csat"

    await page.get_by_test_id("fs-csat-star-4").check(force=True)
    await page.get_by_test_id("fs-csat-comment").fill("Quick and kind")
    await expect(page.get_by_test_id("fs-csat-count")).to_have_text("14 / 2,000")
    await page.get_by_test_id("fs-csat-submit").click()
    await expect(page.get_by_test_id("fs-csat-thanks")).to_contain_text("4 out of 5")
    assert sent(server, "csat.submit") == [
        {
            "type": "csat.submit",
            "id": sent(server, "csat.submit")[0]["id"],
            "conversation_id": "cv_1",
            "rating": 4,
            "comment": "Quick and kind",
        }
    ]
    await page.screenshot(path=str(screenshots / "widget-case-rated.png"))

    # A second rating replaces the first.
    await page.get_by_test_id("fs-csat-change").click()
    await expect(page.get_by_test_id("fs-csat-star-4")).to_be_checked()
    await expect(page.get_by_test_id("fs-csat-comment")).to_have_value("Quick and kind")
    await page.get_by_test_id("fs-csat-star-5").check(force=True)
    await page.get_by_test_id("fs-csat-submit").click()
    await expect(page.get_by_test_id("fs-csat-thanks")).to_contain_text("5 out of 5")
    assert [f["rating"] for f in sent(server, "csat.submit")] == [4, 5]

    # Writing again: the server reopens it; the rating and the banner go, a person is offered.
    await visitor_says(page, "One more question")
    server.event("reopened", "")
    server.update(status="open", assignee_id=None)
    await expect(page.locator('[data-event="reopened"]')).to_have_text("Reopened")
    await expect(card).to_have_count(0)
    await expect(page.get_by_test_id("fs-resolved")).to_be_hidden()
    await expect(handoff).to_be_enabled()
    await expect(handoff).to_contain_text("Talk to a person")


async def test_widget_follows_a_closed_conversation_into_its_follow_up(
    scripted: tuple[Page, ScriptedServer],
) -> None:
    page, server = scripted
    await visitor_says(page, "First question")
    await expect(widget_messages(page, "visitor")).to_have_count(1)
    server.update(status="closed")
    await expect(page.get_by_test_id("fs-resolved")).to_contain_text("closed")
    await visitor_says(page, "A new question")
    await expect(page.get_by_test_id("fs-resolved")).to_be_hidden()
    await expect(widget_messages(page, "visitor")).to_have_text(["A new question"])
    await expect(page.locator('[data-pending="true"]')).to_have_count(0)
    subscribes = sent(server, "subscribe")
    assert subscribes and subscribes[-1]["conversation_id"] == "cv_2"
    assert subscribes[-1]["after_seq"] == 0
    key = f"flowsupport:{WIDGET_KEY}:conversation"
    assert await page.evaluate(f"localStorage.getItem({key!r})") == "cv_2"


async def test_rating_by_keyboard_with_errors_shown_inline(
    scripted: tuple[Page, ScriptedServer], screenshots: Path
) -> None:
    page, server = scripted
    await visitor_says(page, "Hello")
    await expect(widget_messages(page, "visitor")).to_have_count(1)
    # A server that sets resolved_at asks for a rating even without a csat_requested event.
    server.update(status="resolved", resolved_at="2026-11-25T19:35:00.000Z")
    card = page.get_by_test_id("fs-csat")
    await expect(card).to_be_visible()
    await expect(page.get_by_test_id("fs-handoff")).to_be_hidden()

    # Sending without a rating: said inline, nothing sent.
    await page.get_by_test_id("fs-csat-submit").focus()
    await page.keyboard.press("Enter")
    await expect(page.get_by_test_id("fs-csat-error")).to_have_text("Choose a rating from 1 to 5.")
    assert sent(server, "csat.submit") == []

    # Keyboard only: Tab into the stars, arrows pick, Tab to the comment and the button.
    await page.get_by_role("button", name="Close chat").focus()
    await page.keyboard.press("Tab")  # the first focusable after the header: the stars
    await expect(page.get_by_test_id("fs-csat-star-1")).to_be_focused()
    await page.keyboard.press("Space")
    await expect(page.get_by_test_id("fs-csat-star-1")).to_be_checked()
    await page.keyboard.press("ArrowRight")
    await page.keyboard.press("ArrowRight")
    await expect(page.get_by_test_id("fs-csat-star-3")).to_be_checked()
    await expect(page.get_by_test_id("fs-csat-error")).to_have_text("")
    await page.keyboard.press("Tab")
    await expect(page.get_by_test_id("fs-csat-comment")).to_be_focused()
    await page.keyboard.type("x" * 10)
    await page.get_by_test_id("fs-csat-comment").fill("y" * 2500)  # maxlength holds it at 2000
    await expect(page.get_by_test_id("fs-csat-comment")).to_have_value("y" * 2000)
    await expect(page.get_by_test_id("fs-csat-count")).to_have_text("2,000 / 2,000")
    await page.keyboard.press("Tab")
    await expect(page.get_by_test_id("fs-csat-submit")).to_be_focused()

    server.csat_errors.append("rate_limited")
    await page.keyboard.press("Enter")
    await expect(page.get_by_test_id("fs-csat-error")).to_contain_text("wait a moment")
    await expect(page.get_by_test_id("fs-csat-submit")).to_be_focused()
    await page.screenshot(path=str(screenshots / "widget-rating-error.png"))
    await page.keyboard.press("Enter")
    thanks = page.get_by_test_id("fs-csat-thanks")
    await expect(thanks).to_contain_text("3 out of 5")
    await expect(thanks).to_be_focused()  # keyboard users are not left on a removed button
    frames = sent(server, "csat.submit")
    assert [(f["rating"], len(f.get("comment", ""))) for f in frames] == [(3, 2000), (3, 2000)]


# -- the inbox, against a real server -----------------------------------------------------


@pytest.fixture(scope="module")
async def shop(web_server: LiveServer) -> Tenant:
    return await provision(web_server, origins=(web_server.base_url,))


@pytest.fixture
async def two_pages(browser: Browser) -> AsyncIterator[tuple[Page, Page]]:
    visitor_context = await browser.new_context(viewport={"width": 1280, "height": 800})
    agent_context = await browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        yield await visitor_context.new_page(), await agent_context.new_page()
    finally:
        await visitor_context.close()
        await agent_context.close()


async def escalated_case(visitor: Page, agent: Page, server: LiveServer, tenant: Tenant) -> str:
    """The visitor asks for a person and writes; the agent opens the conversation."""
    await sign_in(agent, server, tenant)
    await open_widget(visitor, demo_url(server, tenant))
    await visitor.get_by_test_id("fs-handoff").click()
    await expect(visitor.get_by_test_id("fs-waiting")).to_be_visible()
    await visitor_says(visitor, "My invoice shows the wrong company name")
    conversation_id = await conversation_of(visitor, tenant)
    await open_conversation(agent, conversation_id)
    return conversation_id


async def test_ticket_view_is_one_transcript(
    two_pages: tuple[Page, Page], web_server: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    visitor, agent = two_pages
    await escalated_case(visitor, agent, web_server, shop)
    composer = agent.get_by_test_id("composer")
    await composer.fill("Hello, I am looking at it.")
    await composer.press("Enter")
    # The agent replied: the widget no longer says a person will join.
    await expect(widget_messages(visitor, "agent").last).to_contain_text("looking at it")
    await expect(visitor.get_by_test_id("fs-waiting")).to_be_hidden()

    await agent.get_by_test_id("conv-ticket-link").click()
    view = agent.get_by_test_id("ticket-view")
    await expect(view).to_be_visible()
    lines = view.get_by_test_id("msg")
    await expect(lines.filter(has_text="wrong company name")).to_have_count(1)
    await expect(lines.filter(has_text="looking at it")).to_have_count(1)
    await expect(view).not_to_contain_text("No comments yet")

    # Both boxes: Enter sends, Shift+Enter breaks the line.
    box = agent.get_by_test_id("ticket-comment-input")
    await box.fill("Checked the billing profile")
    await box.press("Shift+Enter")
    await box.press_sequentially("it is the old name")
    await expect(box).to_have_value("Checked the billing profile\nit is the old name")
    await box.press("Enter")
    internal = view.locator('[data-testid="msg"][data-comment="true"][data-private="true"]')
    await expect(internal).to_contain_text("it is the old name")
    await expect(box).to_have_value("")
    await agent.get_by_test_id("ticket-comment-public").check(force=True)
    await box.fill("Fixed: your next invoice shows the new name.")
    await box.press("Enter")
    # A public comment is a message: once in the transcript, and in the widget.
    await expect(lines.filter(has_text="your next invoice")).to_have_count(1)
    await expect(widget_messages(visitor, "agent").last).to_contain_text("your next invoice")

    # The SLA clock: paused while pending, running again when open.
    status = agent.get_by_test_id("ticket-status")
    await status.select_option("pending")
    await expect(view.get_by_test_id("sla-clock")).to_have_attribute("data-state", "paused")
    await expect(view.get_by_test_id("sla-clock")).to_contain_text("paused")
    await agent.screenshot(path=str(screenshots / "inbox-ticket-one-transcript.png"))
    await status.select_option("open")
    await expect(view.get_by_test_id("sla-clock")).to_have_attribute("data-state", "running")


async def test_one_case_from_question_to_rating(
    two_pages: tuple[Page, Page], web_server: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    """Issue 13's walk. Needs the server side: system events, csat.submit, conversation
    fields (csat, resolved_at, unread_count), reopening, and the ticket/conversation mapping."""
    visitor, agent = two_pages
    conversation_id = await escalated_case(visitor, agent, web_server, shop)
    await agent.get_by_test_id("conv-assign-me").click()
    await agent.get_by_test_id("composer").fill("Hello, let me check.")
    await agent.get_by_test_id("composer").press("Enter")
    # server: an `agent_joined` system message when a person takes the conversation
    await expect(visitor.locator('[data-event="agent_joined"]')).to_contain_text("joined")
    await expect(visitor.get_by_test_id("fs-waiting")).to_be_hidden()
    await expect(visitor.get_by_test_id("fs-handoff")).to_be_hidden()

    await agent.get_by_test_id("conv-status").select_option("resolved")
    # server: `resolved` and `csat_requested` events, resolved_at
    await expect(visitor.locator('[data-event="resolved"]')).to_be_visible()
    await expect(visitor.get_by_test_id("fs-csat")).to_be_visible()
    await visitor.get_by_test_id("fs-csat-star-4").check(force=True)
    await visitor.get_by_test_id("fs-csat-comment").fill("Quick and kind")
    await visitor.get_by_test_id("fs-csat-submit").click()
    # server: csat.submit acked with the conversation carrying csat
    await expect(visitor.get_by_test_id("fs-csat-thanks")).to_contain_text("4 out of 5")
    details = agent.get_by_test_id("details-csat")
    await expect(details).to_have_attribute("data-rating", "4")
    await expect(details).to_contain_text("Quick and kind")
    await agent.screenshot(path=str(screenshots / "inbox-case-rated.png"))

    await visitor_says(visitor, "Actually, one more thing")
    # server: a message in a resolved conversation reopens it and its ticket
    await expect(visitor.locator('[data-event="reopened"]')).to_be_visible()
    await expect(agent.get_by_test_id("conv-status")).to_have_value(
        re.compile("open|waiting_human")
    )

    await agent.get_by_test_id("conv-ticket-link").click()
    await expect(agent.get_by_test_id("ticket-csat")).to_contain_text("Quick and kind")
    await agent.get_by_test_id("ticket-status").select_option("solved")
    await expect(agent.get_by_test_id("ticket-view").get_by_test_id("sla-clock")).to_have_attribute(
        "data-state", "paused"
    )
    # server: solving the ticket resolves the conversation, over HTTP and in the widget
    async with httpx.AsyncClient(base_url=web_server.base_url) as http:
        for _ in range(50):
            got = await http.get(
                f"/v1/conversations/{conversation_id}",
                headers={"authorization": f"Bearer {shop.admin_token}"},
            )
            if got.status_code == 200 and got.json().get("status") == "resolved":
                break
            await asyncio.sleep(0.1)
        assert got.status_code == 200, got.text
        assert got.json()["status"] == "resolved"
    await expect(visitor.get_by_test_id("fs-panel")).to_have_attribute("data-case", "resolved")


async def test_unread_counts_survive_signing_out_and_in(
    two_pages: tuple[Page, Page], web_server: LiveServer, shop: Tenant
) -> None:
    """Needs the server side: `read` stored, `unread_count` in conversation objects."""
    visitor, agent = two_pages
    conversation_id = await escalated_case(visitor, agent, web_server, shop)
    row = agent.locator(f'[data-testid="conv-item"][data-conversation-id="{conversation_id}"]')
    await agent.evaluate("location.hash = '#/conversations'")  # no conversation open
    await expect(agent.get_by_test_id("conv-view")).to_have_count(0)
    await visitor_says(visitor, "Are you there?")
    await expect(row.get_by_test_id("conv-unread")).to_have_text("1")
    await row.click()
    await expect(row.get_by_test_id("conv-unread")).to_have_count(0)
    await asyncio.sleep(0.6)  # the read goes out, debounced
    await agent.evaluate("location.hash = '#/conversations'")
    # Signed in again from a browser with no local state: the server's count, cleared by the read.
    await agent.get_by_test_id("inbox-signout").click()
    await agent.evaluate("localStorage.clear()")
    await sign_in(agent, web_server, shop)
    await expect(row).to_be_visible()
    await expect(row.get_by_test_id("conv-unread")).to_have_count(0)
