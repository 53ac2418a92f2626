"""The help center inside the widget, in a real browser: "Search help", results as titles
with snippets, an article read in the panel (its Markdown drawn, no markup of its own run),
"Back" to the results and "Still need help? Ask us" back to the chat."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.async_api import Page, expect

from tests.browser.test_web_clients import demo_url, open_widget
from tests.live import LiveServer
from tests.provision import Tenant, provision
from tests.wsclient import session

ARTICLES = [
    {
        "title": "Reset your password",
        "body": (
            "Forgot your password? Reset it in three steps.\n\n"
            "1. Open **Sign in** and choose *Forgot password*\n"
            "2. Enter your e-mail address\n"
            "3. Follow the link we send you\n\n"
            "Still stuck? See [account help](https://docs.example.com/account).\n\n"
            "<script>window.pwned = true</script>"
        ),
        "url": "https://docs.example.com/reset",
        "tags": [],
    },
    {
        "title": "Shipping times",
        "body": "Parcels ship within two working days and arrive in three to five.",
        "url": None,
        "tags": [],
    },
]


@pytest.fixture
async def help_shop(web_server: LiveServer) -> Tenant:
    tenant = await provision(web_server, origins=(web_server.base_url,))
    async with httpx.AsyncClient(base_url=web_server.base_url) as http:
        for article in ARTICLES:
            created = await http.post(
                "/v1/kb/articles",
                json=article,
                headers={"authorization": f"Bearer {tenant.admin_token}"},
            )
            assert created.status_code == 201, created.text
    return tenant


async def test_visitor_searches_help_and_reads_an_article_in_the_widget(
    visitor: Page, web_server: LiveServer, help_shop: Tenant, screenshots: Path
) -> None:
    other = await provision(web_server, origins=(web_server.base_url,))  # its articles: none
    await open_widget(visitor, demo_url(web_server, help_shop))
    await visitor.get_by_test_id("fs-help-button").click()
    panel = visitor.get_by_test_id("fs-help")
    await expect(panel).to_be_visible()
    await expect(visitor.get_by_test_id("fs-composer")).to_be_hidden()
    search = visitor.get_by_test_id("fs-help-search")
    await expect(search).to_be_focused()

    await search.fill("forgot my password")
    await search.press("Enter")
    results = visitor.get_by_test_id("fs-help-result")
    await expect(results.first).to_be_visible()
    await expect(results.first.get_by_test_id("fs-help-result-title")).to_have_text(
        "Reset your password"
    )
    await expect(results.first).to_contain_text("Reset it in three steps")
    await visitor.screenshot(path=str(screenshots / "widget-help-search.png"))

    await results.first.click()
    article = visitor.get_by_test_id("fs-help-article")
    await expect(article).to_be_visible()
    await expect(visitor.get_by_test_id("fs-help-article-title")).to_have_text(
        "Reset your password"
    )
    body = visitor.get_by_test_id("fs-help-article-body")
    await expect(body.locator("ol li")).to_have_count(3)
    await expect(body.locator("strong")).to_have_text("Sign in")
    link = body.get_by_role("link", name="account help")
    await expect(link).to_have_attribute("href", "https://docs.example.com/account")
    await expect(body.locator("script")).to_have_count(0)  # never an element, never run
    assert await visitor.evaluate("window.pwned === undefined")
    await visitor.screenshot(path=str(screenshots / "widget-help-article.png"))

    await visitor.get_by_test_id("fs-help-back").click()  # back to the results
    await expect(article).to_be_hidden()
    await expect(results.first).to_be_visible()

    await search.fill("when does my parcel arrive")  # a new search, typed: no Enter needed
    await expect(results.first.get_by_test_id("fs-help-result-title")).to_have_text(
        "Shipping times"
    )

    await visitor.get_by_test_id("fs-help-ask").click()  # "Still need help? Ask us"
    await expect(panel).to_be_hidden()
    await expect(visitor.get_by_test_id("fs-composer")).to_be_focused()

    # Tenant isolation: another tenant's visitor token finds nothing of this help center.
    async with httpx.AsyncClient(base_url=web_server.base_url) as http:
        key = f"flowsupport:{help_shop.widget_key}:visitor_token"
        mine = await visitor.evaluate(f"localStorage.getItem({key!r})")
        found = await http.get(
            "/v1/widget/help/search",
            params={"q": "password"},
            headers={"authorization": f"Bearer {mine}"},
        )
        assert found.status_code == 200 and found.json()["results"], found.text
        article_id = found.json()["results"][0]["article_id"]
        hello = {"widget_key": other.widget_key}
        async with session(web_server.ws_url, hello, origin=web_server.base_url) as v:
            theirs = v.welcome["visitor_token"]
        foreign = await http.get(
            "/v1/widget/help/search",
            params={"q": "password"},
            headers={"authorization": f"Bearer {theirs}"},
        )
        assert foreign.status_code == 200 and foreign.json()["results"] == []
        stolen = await http.get(
            f"/v1/widget/help/articles/{article_id}",
            headers={"authorization": f"Bearer {theirs}"},
        )
        assert stolen.status_code == 404
        anonymous = await http.get("/v1/widget/help/search", params={"q": "password"})
        assert anonymous.status_code == 401
