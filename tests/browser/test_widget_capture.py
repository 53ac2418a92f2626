"""The widget's e-mail capture and its launcher badge, in a real browser: with nobody
online the visitor's first message is followed by "We'll reply by e-mail" (checked, stored,
thanked, not asked again); replies while the panel is closed count on the launcher, chime,
and clear when it opens."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.async_api import Page, expect

from tests.browser.test_web_clients import (
    conversation_of,
    demo_url,
    open_widget,
    visitor_says,
    widget_messages,
)
from tests.live import LiveServer
from tests.provision import Tenant, provision
from tests.wsclient import session

# Counts the chime's tones: each chime starts two Web Audio oscillators.
COUNT_TONES = """
window.__tones = 0;
const Real = window.AudioContext;
window.AudioContext = class extends Real {
  createOscillator() {
    const tone = super.createOscillator();
    const start = tone.start.bind(tone);
    tone.start = (...args) => { window.__tones += 1; return start(...args); };
    return tone;
  }
};
"""


@pytest.fixture
async def shop(web_server: LiveServer) -> Tenant:
    """No AI answers: what the visitor sees comes from people."""
    return await provision(web_server, origins=(web_server.base_url,))


def token_key(tenant: Tenant) -> str:
    return f"flowsupport:{tenant.widget_key}:visitor_token"


async def test_nobody_online_the_visitor_leaves_an_email(
    visitor: Page, web_server: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    await open_widget(visitor, demo_url(web_server, shop))
    await expect(visitor.get_by_test_id("fs-capture")).to_have_count(0)  # before a message
    await visitor_says(visitor, "Do you ship to Norway?")
    card = visitor.get_by_test_id("fs-capture")
    await expect(card).to_be_visible()
    await expect(card).to_contain_text("We'll reply by e-mail")
    # It follows the visitor's message.
    follows = await card.evaluate(
        "el => el.previousElementSibling?.getAttribute('data-sender') === 'visitor'"
    )
    assert follows

    await visitor.screenshot(path=str(screenshots / "widget-email-capture.png"))

    field = visitor.get_by_test_id("fs-capture-email")
    await field.fill("not an address")
    await visitor.get_by_test_id("fs-capture-submit").click()
    await expect(visitor.get_by_test_id("fs-capture-error")).to_contain_text("does not look like")
    await field.fill("nora@customer.example")
    await field.press("Enter")
    await expect(visitor.get_by_test_id("fs-capture-thanks")).to_have_text(
        "Thanks! We'll reply to you by e-mail."
    )

    token = await visitor.evaluate(f"localStorage.getItem({token_key(shop)!r})")
    async with httpx.AsyncClient(base_url=web_server.base_url) as http:
        state = await http.get("/v1/widget/capture", headers={"authorization": f"Bearer {token}"})
    assert state.json()["email_on_file"] is True

    # Known now: a reload replays the conversation without asking again.
    await visitor.reload()
    await visitor.get_by_test_id("fs-launcher").click()
    await expect(widget_messages(visitor, "visitor")).to_have_count(1)
    await expect(visitor.get_by_test_id("fs-capture")).to_have_count(0)


async def test_replies_while_closed_count_on_the_launcher_and_chime(
    visitor: Page, web_server: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    await visitor.add_init_script(COUNT_TONES)
    async with session(web_server.ws_url, {"token": shop.agent_token}) as agent:
        await open_widget(visitor, demo_url(web_server, shop))
        await expect(visitor.get_by_test_id("fs-status")).to_have_text("An agent is online")
        await visitor_says(visitor, "Is my order on its way?")
        conversation_id = await conversation_of(visitor, shop)
        await expect(widget_messages(visitor, "visitor")).to_have_count(1)
        await expect(visitor.get_by_test_id("fs-capture")).to_have_count(0)  # someone is here

        launcher = visitor.get_by_test_id("fs-launcher")
        await launcher.click()  # closed
        await expect(visitor.get_by_test_id("fs-panel")).to_be_hidden()
        badge = visitor.get_by_test_id("fs-unread")
        await expect(badge).to_have_count(0)

        await agent.ok({"type": "subscribe", "conversation_id": conversation_id})
        await agent.say(conversation_id, "Yes, it left our warehouse today.", "a-1")
        await expect(badge).to_have_text("1")
        await expect(launcher).to_have_attribute(
            "aria-label", "Open support chat, 1 unread message"
        )
        await agent.say(conversation_id, "Tracking: **NW-2291**", "a-2")
        await expect(badge).to_have_text("2")
        await expect(launcher).to_have_attribute(
            "aria-label", "Open support chat, 2 unread messages"
        )
        assert await visitor.evaluate("window.__tones") == 4  # two chimes, two tones each
        await visitor.screenshot(path=str(screenshots / "widget-unread-badge.png"))

        await visitor.evaluate("window.FlowSupport.setSound(false)")  # the host page's choice
        await agent.say(conversation_id, "Anything else?", "a-3")
        await expect(badge).to_have_text("3")
        assert await visitor.evaluate("window.__tones") == 4

        await launcher.click()  # opened: read, cleared
        await expect(visitor.get_by_test_id("fs-panel")).to_be_visible()
        await expect(badge).to_have_count(0)
        await expect(launcher).to_have_attribute("aria-label", "Close support chat")
        await expect(widget_messages(visitor, "agent")).to_have_count(3)
