"""Canned replies and macros in a real browser: a reply written in Settings is inserted with
`/` in the composer with {contact.name} filled in by the server, and a macro from the
conversation's header tags it, sets its status and sends its reply, which the transcript
and the conversation list show at once."""

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
    """A tenant without AI answers: every reply is a person's."""
    return await provision(web_server, origins=(web_server.base_url,))


async def a_named_customer_writes(server: LiveServer, shop: Tenant) -> str:
    hello = {
        "widget_key": shop.widget_key,
        "identity": {**shop.identity("c-1"), "name": "Dana Scully"},
    }
    async with session(server.ws_url, hello, origin=server.base_url) as visitor:
        opened = await visitor.ok({"type": "conversation.start", "subject": "Double charge"})
        conversation_id = str(opened["conversation"]["id"])
        await visitor.say(conversation_id, "I was charged twice", "v-1")
    return conversation_id


async def write_a_reply_in_settings(agent: Page, server: LiveServer) -> None:
    await agent.goto(f"{server.base_url}/inbox/settings/replies")
    mine = agent.get_by_test_id("replies-mine")
    await expect(mine.get_by_test_id("replies-mine-empty")).to_be_visible()
    await agent.get_by_test_id("replies-mine-add").click()
    await mine.get_by_test_id("reply-code").fill("thanks")
    await mine.get_by_test_id("reply-title").fill("Thanks for waiting")
    await mine.get_by_test_id("reply-body").fill("Thanks {contact.name}, {agent.name} here.")
    await mine.get_by_test_id("reply-save").click()
    await expect(mine.locator('[data-testid="reply-row"][data-code="thanks"]')).to_be_visible()


async def test_slash_inserts_a_rendered_reply_and_a_macro_applies_its_actions(
    browser: Browser, web_server: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    conversation_id = await a_named_customer_writes(web_server, shop)
    async with httpx.AsyncClient(base_url=web_server.base_url) as http:
        made = await http.post(
            "/v1/macros",
            json={
                "name": "Billing follow-up",
                "shared": True,
                "actions": [
                    {"type": "add_tags", "tags": ["billing"]},
                    {"type": "send_reply", "body": "We are on it, {contact.first_name}."},
                    {"type": "set_status", "status": "pending"},
                ],
            },
            headers={"authorization": f"Bearer {shop.admin_token}"},
        )
        assert made.status_code == 201, made.text

    async with browser_page(browser, 1440, 900) as agent:
        await sign_in(agent, web_server, shop)
        await write_a_reply_in_settings(agent, web_server)
        await agent.screenshot(path=str(screenshots / "settings-canned-replies.png"))
        await agent.goto(f"{web_server.base_url}/inbox")
        await open_conversation(agent, conversation_id)

        composer = agent.get_by_test_id("composer")
        await composer.press_sequentially("/than")
        menu = agent.get_by_test_id("canned-menu")
        await expect(
            menu.locator('[data-testid="canned-item"][data-code="thanks"]')
        ).to_be_visible()
        await agent.screenshot(path=str(screenshots / "inbox-canned-menu.png"))
        await composer.press("Enter")
        await expect(composer).to_have_value("Thanks Dana Scully, Ada Agent here.")
        await expect(menu).to_have_count(0)
        await composer.press("Enter")
        sent = agent.locator('[data-testid="msg"][data-sender="agent"]').last
        await expect(sent.get_by_test_id("msg-body")).to_have_text(
            "Thanks Dana Scully, Ada Agent here."
        )

        # Escape closes the menu and leaves the /word as typed.
        await composer.press_sequentially("/x")
        await expect(agent.get_by_test_id("canned-empty")).to_be_visible()
        await composer.press("Escape")
        await expect(menu).to_have_count(0)
        await expect(composer).to_have_value("/x")
        await composer.fill("")

        await agent.get_by_test_id("macros-button").click()
        await agent.locator('[data-testid="macro-item"][data-name="Billing follow-up"]').click()
        await expect(agent.get_by_test_id("conv-status")).to_have_value("pending")
        await expect(agent.locator(".conv-head .tag")).to_have_text(["billing"])
        reply = agent.locator('[data-testid="msg"][data-sender="agent"]').last
        await expect(reply.get_by_test_id("msg-body")).to_have_text("We are on it, Dana.")
        row = agent.locator(f'[data-testid="conv-item"][data-conversation-id="{conversation_id}"]')
        await expect(row).to_have_attribute("data-status", "pending")
        await agent.screenshot(path=str(screenshots / "inbox-macro-applied.png"))

        # The agent finds the admin's macro in Settings, to use but not to change.
        await agent.goto(f"{web_server.base_url}/inbox/settings/macros")
        shared = agent.get_by_test_id("macros-shared")
        await expect(shared.locator('[data-testid="macro-row"]')).to_have_count(1)
        await expect(shared).to_contain_text("Add tags billing")
        await expect(shared.get_by_test_id("macro-edit")).to_have_count(0)
        await agent.get_by_test_id("macros-mine-add").click()
        mine = agent.get_by_test_id("macros-mine")
        await mine.get_by_test_id("macro-name").fill("Close it")
        await mine.get_by_test_id("macro-action-type").select_option("set_status")
        await mine.get_by_test_id("macro-action-value").select_option("resolved")
        await mine.get_by_test_id("macro-save").click()
        await expect(
            mine.locator('[data-testid="macro-row"][data-name="Close it"]')
        ).to_contain_text("Status: resolved")
        await agent.screenshot(path=str(screenshots / "settings-macros.png"))
