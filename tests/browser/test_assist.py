"""AI help for the agent in a real browser: a suggested reply lands in the composer with
its source and is only sent when the agent sends it; a summary of the conversation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.async_api import Page, expect

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
from tests.provision import Tenant, ingest, provision
from tests.realtime.test_ai_answers import CORPUS, SAMPLE


@pytest.fixture(scope="module")
async def desk(web_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Tenant:
    """AI answers off: the customer's question waits for the agent, who asks for a draft."""
    tenant = await provision(web_server, ai=False, origins=(web_server.base_url,))
    folder: Path = tmp_path_factory.mktemp("kb")
    for name in SAMPLE:
        shutil.copy(CORPUS / name, folder / name)
    ingest(web_server, tenant.tenant_id, folder)
    return tenant


async def test_suggested_reply_and_summary(
    visitor: Page, agent: Page, web_server: LiveServer, desk: Tenant, screenshots: Path
) -> None:
    await sign_in(agent, web_server, desk)
    await open_widget(visitor, demo_url(web_server, desk))
    await visitor_says(visitor, "How do I cancel my subscription?")
    conversation_id = await conversation_of(visitor, desk)
    await open_conversation(agent, conversation_id)

    composer = agent.get_by_test_id("composer")
    await composer.fill("Hi there,")
    await agent.get_by_test_id("assist-suggest").click()
    card = agent.get_by_test_id("assist-draft")
    await expect(card).to_be_visible(timeout=30_000)
    await expect(card.get_by_test_id("assist-sources")).to_contain_text(
        "Cancel your subscription plan"
    )
    await expect(composer).to_be_focused()
    drafted = await composer.input_value()
    assert drafted.startswith("Hi there,\n\n"), drafted
    assert "cancel" in drafted.lower()
    await agent.screenshot(path=str(screenshots / "inbox-suggested-reply.png"))
    # Nothing reached the customer yet; the agent's send does.
    assert await widget_messages(visitor, "agent").count() == 0
    await composer.press("End")  # the agent edits the draft before sending it
    await composer.press_sequentially(" Anything else I can do?")
    await composer.press("Enter")
    sent = widget_messages(visitor, "agent").last
    await expect(sent).to_contain_text("Hi there,")
    await expect(sent).to_contain_text("Anything else I can do?")

    await agent.get_by_test_id("assist-summarise").click()
    summary = agent.get_by_test_id("assist-summary")
    await expect(summary).to_contain_text("Question: How do I cancel my subscription?")
    await expect(summary).to_contain_text("Agent replied: Hi there,")
    await expect(summary).to_contain_text("from the conversation")


async def test_no_draft_for_a_refund_says_why(
    visitor: Page, agent: Page, web_server: LiveServer, desk: Tenant
) -> None:
    await sign_in(agent, web_server, desk)
    await open_widget(visitor, demo_url(web_server, desk))
    await visitor_says(visitor, "Can I get a refund please?")
    conversation_id = await conversation_of(visitor, desk)
    await open_conversation(agent, conversation_id)
    await agent.get_by_test_id("assist-suggest").click()
    none = agent.get_by_test_id("assist-none")
    await expect(none).to_be_visible(timeout=30_000)
    await expect(none.get_by_test_id("assist-reason")).to_contain_text("refunds")
    assert await agent.get_by_test_id("composer").input_value() == ""
