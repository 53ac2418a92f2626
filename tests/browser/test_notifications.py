"""Desktop notifications in a real browser: a customer waiting for a person, a reply in the
agent's own conversation, the tab title's count, and the agent's preferences.

The agent's browser grants the notifications permission, and a script observes each
`Notification` the page constructs (the real one is still constructed), since a headless
browser shows none on a screen.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.test_web_clients import (
    conversation_of,
    demo_url,
    open_conversation,
    open_widget,
    sign_in,
    visitor_says,
)
from tests.live import LiveServer
from tests.provision import Tenant, provision

OBSERVE = """
(() => {
  const Real = window.Notification;
  window.__notices = [];
  class Observed extends Real {
    constructor(title, options = {}) {
      window.__notices.push({ title, body: options.body || '', tag: options.tag || '' });
      super(title, options);
    }
  }
  window.Notification = Observed;
})();
"""


@pytest.fixture(scope="module")
async def desk(web_server: LiveServer) -> Tenant:
    return await provision(web_server, ai=False, origins=(web_server.base_url,))


@pytest.fixture
async def agent(browser: Browser, web_server: LiveServer) -> AsyncIterator[Page]:
    context = await browser.new_context(
        viewport={"width": 1440, "height": 900},
        permissions=["notifications"],
        base_url=web_server.base_url,
    )
    await context.add_init_script(OBSERVE)
    page = await context.new_page()
    page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    try:
        yield page
    finally:
        await context.close()


async def notices(page: Page) -> list[dict[str, Any]]:
    found = await page.evaluate("window.__notices")
    assert isinstance(found, list)
    return found


async def wait_notices(page: Page, count: int) -> list[dict[str, Any]]:
    """Polled from outside: the inbox's CSP forbids the string eval wait_for_function needs."""
    for _ in range(150):
        found = await notices(page)
        if len(found) >= count:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"fewer than {count} notifications: {await notices(page)}")


async def test_waiting_customer_and_reply_notify_and_count_in_the_title(
    visitor: Page, agent: Page, web_server: LiveServer, desk: Tenant
) -> None:
    await sign_in(agent, web_server, desk)
    await open_widget(visitor, demo_url(web_server, desk))
    await visitor_says(visitor, "My invoice shows the wrong company name")
    conversation_id = await conversation_of(visitor, desk)
    await expect(
        agent.locator(f'[data-testid="conv-item"][data-conversation-id="{conversation_id}"]')
    ).to_be_visible(timeout=15_000)
    assert await notices(agent) == [], "a conversation the AI may still answer is not announced"

    await visitor.locator('[data-testid="fs-handoff"]').click()
    waiting = (await wait_notices(agent, 1))[0]
    assert waiting["title"] == "A customer is waiting for a person"
    assert waiting["tag"] == f"flowsupport:{conversation_id}"
    await expect(agent).to_have_title("(1) Inbox · FlowSupport")

    # Opening it attends to it; assigning it makes the customer's replies this agent's news.
    await open_conversation(agent, conversation_id)
    await expect(agent).to_have_title("Inbox · FlowSupport")
    await agent.get_by_test_id("conv-assign-me").click()
    await expect(agent.get_by_test_id("conv-assign-me")).to_contain_text("Assigned to you")
    await visitor_says(visitor, "Still there?")  # read where it arrives: no notice
    await expect(agent.locator('[data-testid="msg"][data-sender="visitor"]').last).to_contain_text(
        "Still there?"
    )
    assert len(await notices(agent)) == 1

    await agent.get_by_test_id("nav-settings").click()
    await visitor_says(visitor, "Hello?\nIt is about invoice 42")
    reply = (await wait_notices(agent, 2))[1]
    assert reply["title"].endswith(" replied")
    assert reply["body"] == "Hello? It is about invoice 42"
    await expect(agent).to_have_title("(1) Settings · FlowSupport")


async def test_preferences_turn_announcements_off(
    visitor: Page, agent: Page, web_server: LiveServer, desk: Tenant
) -> None:
    await sign_in(agent, web_server, desk)
    await agent.goto(f"{web_server.base_url}/inbox/settings/profile")
    section = agent.get_by_test_id("profile-notifications")
    await expect(section.get_by_test_id("notify-permission")).to_contain_text("shows them")
    waiting = section.get_by_test_id("pref-notify-waiting")
    await expect(waiting).to_be_checked()
    await waiting.uncheck()
    await expect(section.get_by_test_id("pref-sound")).not_to_be_checked()
    await section.get_by_test_id("pref-sound").check()

    await open_widget(visitor, demo_url(web_server, desk))
    await visitor_says(visitor, "My invoice shows last year's address")
    await visitor.locator('[data-testid="fs-handoff"]').click()
    await expect(visitor.locator('[data-testid="fs-waiting"]')).to_be_visible()
    # Kept for this agent in this browser: a reload still has it off.
    await agent.reload()
    await expect(agent.get_by_test_id("pref-notify-waiting")).not_to_be_checked()
    await expect(agent.get_by_test_id("pref-sound")).to_be_checked()
    await agent.wait_for_timeout(1500)
    assert await notices(agent) == []
