"""An AI answer quoted from a Markdown article, in a real browser: the widget on a customer's
page draws its list, and its citation is a real link to the article's public page."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, Route, expect

from tests.browser.test_web_clients import (
    conversation_of,
    host_pages,
    open_conversation,
    open_widget,
    sign_in,
    visitor_says,
)
from tests.live import LiveServer
from tests.provision import Tenant, provision

ARTICLE_URL = "https://docs.example.com/cancel"
ARTICLE_TITLE = "Cancel your subscription"
ARTICLE = {
    "title": ARTICLE_TITLE,
    "body": (
        "You can cancel your subscription at any time from your account.\n\n"
        "- Open **Settings** and choose *Billing*\n"
        "- Press `Cancel subscription`\n"
        "- Confirm the cancellation by email\n\n"
        "Your plan stays active until the end of the period you paid for."
    ),
    "url": ARTICLE_URL,
    "tags": [],
}
QUESTION = "How do I cancel my subscription?"


@pytest.fixture(scope="module")
def customer_site() -> Iterator[tuple[str, Path]]:
    folder = Path(tempfile.mkdtemp(prefix="fs-host-md-"))
    with host_pages(folder) as origin:
        yield origin, folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
async def help_desk(web_server: LiveServer, customer_site: tuple[str, Path]) -> Tenant:
    """A tenant whose knowledge base is the one article, written over HTTP by its admin."""
    tenant = await provision(web_server, ai=True, origins=(customer_site[0],))
    async with httpx.AsyncClient(base_url=web_server.base_url) as http:
        created = await http.post(
            "/v1/kb/articles",
            json=ARTICLE,
            headers={"authorization": f"Bearer {tenant.admin_token}"},
        )
    assert created.status_code == 201, created.text
    return tenant


async def test_quoted_markdown_answer_has_a_list_and_a_working_citation(
    visitor: Page,
    browser: Browser,
    web_server: LiveServer,
    help_desk: Tenant,
    customer_site: tuple[str, Path],
    screenshots: Path,
) -> None:
    origin, folder = customer_site
    (folder / "help.html").write_text(
        "<!doctype html><title>Shop help</title><p>Welcome to the shop.</p>"
        f'<script src="{web_server.base_url}/widget.js" data-widget-key="{help_desk.widget_key}" '
        "async></script>"
    )
    # No network here: the article's public page is answered by the test, and each
    # navigation to it is recorded.
    opened: list[str] = []

    async def article_page(route: Route) -> None:
        opened.append(route.request.url)
        await route.fulfill(
            content_type="text/html", body="<!doctype html><title>Cancel</title><p>Docs</p>"
        )

    await visitor.context.route("https://docs.example.com/**", article_page)

    await open_widget(visitor, f"{origin}/help.html")
    await visitor_says(visitor, QUESTION)
    answer = visitor.locator('[data-testid="fs-message"][data-sender="ai"]').last
    await expect(answer).to_be_visible(timeout=20_000)
    citation = answer.locator('[data-testid="fs-citation"]')
    await expect(citation).to_have_count(1)
    await expect(citation).to_have_text(ARTICLE_TITLE)
    assert await citation.evaluate("el => el.tagName") == "A"
    assert await citation.get_attribute("href") == ARTICLE_URL
    assert await citation.get_attribute("target") == "_blank"
    assert "noopener" in (await citation.get_attribute("rel") or "").split()
    await visitor.screenshot(path=str(screenshots / "widget-markdown-answer.png"))

    async with visitor.context.expect_page() as new_page:
        await citation.click()
    article = await new_page.value
    await article.wait_for_load_state()
    assert article.url == ARTICLE_URL
    assert opened == [ARTICLE_URL]
    assert visitor.url == f"{origin}/help.html"  # the chat's page stays where it was
    await article.close()

    # Needs the server to keep the article's Markdown list in its quoted answer.
    body = answer.locator('[data-testid="fs-message-body"]')
    items = body.locator("ul > li")
    await expect(items).to_have_count(3)
    await expect(items.first).to_contain_text("Open Settings and choose Billing")
    await expect(items.nth(1).locator("code")).to_have_text("Cancel subscription")
    assert await body.locator("script, img").count() == 0

    # The agent sees the same answer drawn the same way in the inbox.
    agent_context = await browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        agent = await agent_context.new_page()
        await sign_in(agent, web_server, help_desk)
        await open_conversation(agent, await conversation_of(visitor, help_desk))
        shown = agent.locator('[data-testid="msg"][data-sender="ai"]').last
        link = shown.get_by_test_id("citation")
        await expect(link).to_have_count(1)
        assert await link.evaluate("el => el.tagName") == "A"
        assert await link.get_attribute("href") == ARTICLE_URL
        assert await link.get_attribute("target") == "_blank"
        await agent.screenshot(path=str(screenshots / "inbox-markdown-answer.png"))
        # Needs the server change too, as above.
        await expect(shown.locator('[data-testid="msg-body"] ul > li')).to_have_count(3)
    finally:
        await agent_context.close()
