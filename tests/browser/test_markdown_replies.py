"""Markdown written by people, in a real browser: an agent's reply is drawn formatted in the
widget and in the inbox (links that open a new tab, bold, lists, code), an internal note
too, and markup in any of them stays text."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from playwright.async_api import Locator, Page, expect

from tests.browser.test_web_clients import (
    conversation_of,
    demo_url,
    open_conversation,
    open_widget,
    sign_in,
    visitor_says,
    widget_messages,
)
from tests.live import LiveServer
from tests.provision import Tenant, provision

GUIDE = "https://docs.example.com/guide"
ATTACK = "<img src=x onerror=window.__pwned=1>"
REPLY = (
    f"See [the guide]({GUIDE}) and **bold** words, or [write to us](mailto:help@shop.example).\n"
    "\n"
    "- first item\n"
    "- second `inline code` item\n"
    "\n"
    "```\n"
    "print('<b>not bold</b>')\n"
    "```\n"
    "\n"
    f"{ATTACK} [bad](javascript:window.__pwned=2)"
)
NOTE = "Check **the refund** in [the admin](https://admin.example.com/r/1)"


@pytest.fixture
async def shop(web_server: LiveServer) -> Tenant:
    """A tenant without AI answers: every reply is a person's."""
    return await provision(web_server, origins=(web_server.base_url,))


async def check_formatted(body: Locator) -> None:
    """The reply's body: a real link, bold, a two-item list, code, and the markup as text."""
    link = body.locator(f'a[href="{GUIDE}"]')
    await expect(link).to_have_text("the guide")
    assert await link.get_attribute("target") == "_blank"
    assert set((await link.get_attribute("rel") or "").split()) >= {
        "noopener",
        "noreferrer",
        "nofollow",
    }
    await expect(body.locator('a[href="mailto:help@shop.example"]')).to_have_text("write to us")
    await expect(body.locator("strong")).to_have_text("bold")
    await expect(body.locator("ul > li")).to_have_count(2)
    await expect(body.locator("li code")).to_have_text("inline code")
    await expect(body.locator("pre code")).to_have_text("print('<b>not bold</b>')")
    await expect(body).to_contain_text(ATTACK)
    assert await body.locator("img, script, b").count() == 0
    # The refused address keeps its words, without a link.
    await expect(body).to_contain_text("bad")
    assert await body.locator("a").count() == 2


async def test_an_agents_markdown_reply_is_formatted_on_both_sides(
    visitor: Page, agent: Page, web_server: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    await sign_in(agent, web_server, shop)
    await open_widget(visitor, demo_url(web_server, shop))
    await visitor_says(visitor, "Where is the setup guide?")
    await open_conversation(agent, await conversation_of(visitor, shop))

    composer = agent.get_by_test_id("composer")
    await composer.fill(REPLY)
    await composer.press("Enter")

    reply = widget_messages(visitor, "agent").last
    await expect(reply).to_be_visible(timeout=15_000)
    await check_formatted(reply.locator('[data-testid="fs-message-body"]'))
    await visitor.screenshot(path=str(screenshots / "widget-markdown-reply.png"))

    shown = agent.locator('[data-testid="msg"][data-sender="agent"]').last
    await check_formatted(shown.get_by_test_id("msg-body"))

    # An internal note is Markdown too (and never reaches the visitor).
    await agent.get_by_test_id("composer-mode-note").click()
    await composer.fill(NOTE)
    await composer.press("Enter")
    note = agent.locator('[data-testid="msg"][data-private="true"]').last
    await expect(note.locator("strong")).to_have_text("the refund")
    note_link = note.locator('a[href="https://admin.example.com/r/1"]')
    await expect(note_link).to_have_text("the admin")
    assert await note_link.get_attribute("target") == "_blank"
    await agent.screenshot(path=str(screenshots / "inbox-markdown-reply.png"))

    # The customer's own Markdown is drawn formatted for the agent as well.
    await visitor_says(visitor, "Thanks, **that** helped")
    mine = agent.locator('[data-testid="msg"][data-sender="visitor"]').last
    await expect(mine.locator("strong")).to_have_text("that")

    await asyncio.sleep(0.5)
    for page in (visitor, agent):
        assert await page.evaluate("window.__pwned") is None
    shown_to_visitor = await visitor.locator('[data-testid="fs-messages"]').text_content()
    assert "the refund" not in (shown_to_visitor or "")
