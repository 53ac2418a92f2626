"""The visitor's conversations in the widget, in a real browser: the list of past ones
(`conversations.list`), opening an older one (its history replayed), and starting a new
one, by mouse and by keyboard."""

from __future__ import annotations

import asyncio
from pathlib import Path

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

FIRST = "My invoice shows the wrong company name"
SECOND = "When will my parcel arrive?"
THIRD = "One more thing about my account"


@pytest.fixture
async def shop(web_server: LiveServer) -> Tenant:
    """A tenant without AI answers: each conversation holds only what the visitor wrote."""
    return await provision(web_server, origins=(web_server.base_url,))


async def stored(visitor: Page, text: str) -> None:
    """The visitor's message is drawn as stored (no longer pending)."""
    mine = widget_messages(visitor, "visitor").filter(has_text=text)
    await expect(mine).to_have_count(1)
    await expect(mine).not_to_have_attribute("data-pending", "true")


async def new_conversation_id(visitor: Page, tenant: Tenant, before: str) -> str:
    """The conversation the widget now keeps, once it differs from `before`."""
    for _ in range(100):
        now = await conversation_of(visitor, tenant)
        if now != before:
            return now
        await asyncio.sleep(0.1)
    raise AssertionError("the widget kept the same conversation")


async def test_visitor_lists_opens_and_starts_conversations(
    visitor: Page, web_server: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    await open_widget(visitor, demo_url(web_server, shop))
    await visitor_says(visitor, FIRST)
    await stored(visitor, FIRST)
    first = await conversation_of(visitor, shop)

    items = visitor.get_by_test_id("fs-conversation-item")
    list_button = visitor.get_by_test_id("fs-conversations-button")
    await list_button.click()
    await expect(visitor.get_by_test_id("fs-conversations")).to_be_visible()
    await expect(visitor.get_by_test_id("fs-composer")).to_be_hidden()
    await expect(items).to_have_count(1)

    # A new conversation: an empty thread, the composer ready.
    await visitor.get_by_test_id("fs-new-conversation").click()
    await expect(visitor.get_by_test_id("fs-conversations")).to_be_hidden()
    await expect(visitor.get_by_test_id("fs-composer")).to_be_focused()
    await expect(widget_messages(visitor)).to_have_count(0)
    await visitor_says(visitor, SECOND)
    await stored(visitor, SECOND)
    second = await new_conversation_id(visitor, shop, first)

    # Both listed, newest first, each with its words, time and status.
    await list_button.click()
    await expect(items).to_have_count(2)
    await expect(items.nth(0)).to_have_attribute("data-conversation-id", second)
    await expect(items.nth(0)).to_have_attribute("aria-current", "true")
    await expect(items.nth(0).get_by_test_id("fs-conversation-title")).to_have_text(SECOND)
    await expect(items.nth(1)).to_have_attribute("data-conversation-id", first)
    await expect(items.nth(1).get_by_test_id("fs-conversation-title")).to_have_text(FIRST)
    await expect(items.nth(1).get_by_test_id("fs-conversation-status")).to_have_text("Open")
    await expect(items.nth(1).locator("time")).not_to_be_empty()
    await visitor.screenshot(path=str(screenshots / "widget-conversations.png"))

    # By keyboard: focus is on the current row; the arrow moves to the older one, Enter opens it.
    await expect(items.nth(0)).to_be_focused()
    await visitor.keyboard.press("ArrowDown")
    await expect(items.nth(1)).to_be_focused()
    await visitor.keyboard.press("Enter")
    await expect(visitor.get_by_test_id("fs-conversations")).to_be_hidden()
    await stored(visitor, FIRST)
    await expect(widget_messages(visitor).filter(has_text=SECOND)).to_have_count(0)
    assert await conversation_of(visitor, shop) == first

    # Writing now continues the older conversation.
    await visitor_says(visitor, "Any news on this?")
    await stored(visitor, "Any news on this?")
    assert await conversation_of(visitor, shop) == first
    await expect(widget_messages(visitor, "visitor")).to_have_count(2)

    # And a third one, started from the list by keyboard.
    await list_button.click()
    await expect(items).to_have_count(2)
    await expect(items.nth(0)).to_have_attribute("data-conversation-id", first)  # latest activity
    await visitor.get_by_test_id("fs-new-conversation").focus()
    await visitor.keyboard.press("Enter")
    await visitor_says(visitor, THIRD)
    await stored(visitor, THIRD)
    third = await new_conversation_id(visitor, shop, first)
    assert third not in (first, second)

    # After a reload the widget shows the conversation it was on, and lists all three.
    await visitor.reload()
    await visitor.get_by_test_id("fs-launcher").click()
    await stored(visitor, THIRD)
    await list_button.click()
    await expect(items).to_have_count(3)
    await expect(items.nth(0)).to_have_attribute("data-conversation-id", third)
    await visitor.get_by_test_id("fs-conversations-back").click()
    await expect(visitor.get_by_test_id("fs-composer")).to_be_focused()
