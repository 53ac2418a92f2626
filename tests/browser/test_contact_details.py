"""The customer card in a real browser: what the widget reported (page, browser, language,
time zone), visits, and an agent correcting the customer's name and e-mail."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import browser_page
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


@pytest.fixture(scope="module")
async def desk(web_server: LiveServer) -> Tenant:
    return await provision(web_server, ai=False, origins=(web_server.base_url,))


async def test_the_card_shows_the_visit_and_takes_corrections(
    visitor: Page, browser: Browser, web_server: LiveServer, desk: Tenant, screenshots: Path
) -> None:
    await open_widget(visitor, demo_url(web_server, desk))
    await visitor_says(visitor, "Where is my order?")
    conversation_id = await conversation_of(visitor, desk)
    async with browser_page(browser, 1440, 900) as agent:
        await sign_in(agent, web_server, desk)
        await open_conversation(agent, conversation_id)
        card = agent.get_by_test_id("contact-details")
        await expect(card.get_by_test_id("contact-browser")).to_contain_text("Chrome")
        await expect(card.get_by_test_id("contact-page")).to_contain_text("/demo")
        assert await card.get_by_test_id("contact-language").text_content()
        await expect(card.get_by_test_id("contact-timezone")).to_contain_text("there")
        await expect(card.get_by_test_id("contact-visits")).to_have_text("1")

        await card.get_by_test_id("contact-edit").click()
        await card.get_by_test_id("contact-email-input").fill(
            "grace@localhost"
        )  # the browser takes it; the server does not
        await card.get_by_test_id("contact-save").click()
        await expect(card.get_by_test_id("contact-error")).to_contain_text("e-mail")
        await card.get_by_test_id("contact-name-input").fill("Grace Hopper")
        await card.get_by_test_id("contact-email-input").fill("grace@navy.example")
        await card.get_by_test_id("contact-save").click()
        await expect(card.get_by_test_id("contact-name")).to_have_text("Grace Hopper")
        await expect(card.get_by_test_id("contact-email")).to_have_text("grace@navy.example")
        row = agent.locator(f'[data-testid="conv-item"][data-conversation-id="{conversation_id}"]')
        await expect(row).to_contain_text("Grace Hopper")
        await agent.screenshot(path=str(screenshots / "inbox-customer-card.png"))
