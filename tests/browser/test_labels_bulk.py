"""Labels, bulk actions and snooze in a real browser: rows selected with a shift-click
range and with "select all" get a label in one action, the list filters by label, and a
conversation snoozed from the details panel leaves the active view for "Snoozed" and comes
back open by itself when the server's clock passes its time."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import browser_page
from tests.browser.test_web_clients import open_conversation, sign_in
from tests.live import LiveServer
from tests.provision import Tenant, provision
from tests.wsclient import session


@pytest.fixture
async def shop(web_server: LiveServer) -> Tenant:
    """A tenant without AI answers: nothing but the agent moves its conversations."""
    return await provision(web_server, origins=(web_server.base_url,))


async def three_customers_write(server: LiveServer, shop: Tenant) -> list[str]:
    started = []
    async with session(server.ws_url, {"widget_key": shop.widget_key}, origin=server.base_url) as v:
        for i, text in enumerate(["Invoice is wrong", "Cannot sign in", "Refund please"]):
            opened = await v.ok({"type": "conversation.start", "subject": text})
            started.append(str(opened["conversation"]["id"]))
            await v.say(started[-1], text, f"v-{i}")
    return started


def row(page: Page, conversation_id: str) -> object:
    return page.locator(f'[data-testid="conv-item"][data-conversation-id="{conversation_id}"]')


async def test_label_filter_bulk_action_and_snooze_with_its_return(
    browser: Browser, web_server: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    started = await three_customers_write(web_server, shop)
    admin = {"authorization": f"Bearer {shop.admin_token}"}
    async with httpx.AsyncClient(base_url=web_server.base_url) as http:
        for name, colour in (("billing", "amber"), ("vip", "purple")):
            made = await http.post(
                "/v1/labels", json={"name": name, "colour": colour}, headers=admin
            )
            assert made.status_code == 201, made.text
    async with session(web_server.ws_url, {"token": shop.agent_token}) as staff:
        # Answered: once awake it stays open (a customer still waiting would be escalated).
        await staff.say(started[0], "Looking into it", "a-1")

    async with browser_page(browser, 1440, 900) as agent:
        await sign_in(agent, web_server, shop)
        for conversation_id in started:
            await expect(row(agent, conversation_id)).to_be_visible(timeout=15_000)
        boxes = agent.get_by_test_id("conv-select")
        await boxes.nth(0).click()
        await boxes.nth(2).click(modifiers=["Shift"])  # the range: all three
        bar = agent.get_by_test_id("bulk-bar")
        await expect(bar).to_contain_text("3 selected")
        await agent.get_by_test_id("bulk-add-label").select_option("billing")
        for conversation_id in started:
            chip = agent.locator(
                f'[data-testid="conv-item"][data-conversation-id="{conversation_id}"] '
                '[data-testid="label-chip"][data-label="billing"]'
            )
            await expect(chip).to_be_visible()
        await expect(bar).not_to_contain_text("selected")

        await agent.locator(
            f'li:has([data-conversation-id="{started[1]}"]) [data-testid="conv-select"]'
        ).click()
        await agent.get_by_test_id("bulk-add-label").select_option("vip")
        vip = '[data-testid="label-chip"][data-label="vip"]'
        await expect(agent.locator(f'[data-conversation-id="{started[1]}"] {vip}')).to_be_visible()
        await agent.get_by_test_id("bulk-select-all").check()
        await expect(bar).to_contain_text("3 selected")
        await agent.screenshot(path=str(screenshots / "inbox-labels-bulk.png"))
        await agent.get_by_test_id("bulk-select-all").uncheck()

        await agent.get_by_test_id("filter-label").select_option("vip")
        await expect(agent.get_by_test_id("conv-item")).to_have_count(1)
        await expect(row(agent, started[1])).to_be_visible()
        await agent.get_by_test_id("filter-label").select_option("")
        await expect(agent.get_by_test_id("conv-item")).to_have_count(3)

        snoozed = started[0]
        await open_conversation(agent, snoozed)
        details = agent.get_by_test_id("details-panel")
        await expect(
            details.locator('[data-testid="label-chip"][data-label="billing"]')
        ).to_be_visible()
        await details.get_by_test_id("snooze-open").click()
        await details.get_by_test_id("snooze-hour").click()
        await expect(details.get_by_test_id("snooze-until")).to_be_visible()
        await expect(row(agent, snoozed)).to_have_attribute("data-status", "pending")
        await expect(row(agent, snoozed).get_by_test_id("conv-snoozed")).to_be_visible()
        await agent.screenshot(path=str(screenshots / "inbox-snoozed.png"))

        await agent.get_by_test_id("filter-status").select_option("snoozed")
        await expect(agent.get_by_test_id("conv-item")).to_have_count(1)
        await expect(row(agent, snoozed)).to_be_visible()
        await agent.get_by_test_id("filter-status").select_option("all")

        web_server.clock.advance(3600 + 5)  # the worker's snooze sweep wakes it
        await expect(row(agent, snoozed)).to_have_attribute("data-status", "open", timeout=15_000)
        await expect(row(agent, snoozed).get_by_test_id("conv-snoozed")).to_have_count(0)
        await expect(details.get_by_test_id("snooze-until")).to_have_count(0)
        await expect(agent.get_by_test_id("conv-view")).to_contain_text("Snooze ended")
