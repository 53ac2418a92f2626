"""The widget and the inbox in a real browser, end to end against a real server."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import SLOW_AI
from tests.live import LiveServer, free_port, running_server
from tests.provision import AGENT_PASSWORD, Tenant, ingest, provision
from tests.realtime.test_ai_answers import CORPUS, SAMPLE

QUESTION = "How do I cancel my subscription?"
HOSTILE_CSS = """
* { font-family: "Comic Sans MS", cursive !important; color: #f00 !important;
    line-height: 3 !important; letter-spacing: 3px !important;
    box-sizing: content-box !important; }
div, button, textarea, a, span, p { padding: 17px !important; margin: 9px !important;
    background: #ff0 !important; border: 5px dashed #0f0 !important;
    font-size: 31px !important; text-transform: uppercase !important; }
button { all: unset; }
#flowsupport-widget { display: block !important; opacity: 1 !important; }
"""
# Computed styles that must not change when the host page is hostile.
STYLE_PROBES = {
    '[data-testid="fs-launcher"]': ["width", "height", "background-color", "border-radius"],
    '[data-testid="fs-panel"]': ["width", "height", "background-color", "font-family"],
    '[data-testid="fs-composer"]': ["font-family", "font-size", "color", "line-height"],
    '[data-testid="fs-message-body"]': ["font-family", "font-size", "color", "letter-spacing"],
}


class QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def host_pages(folder: Path) -> Iterator[str]:
    """Customer-site pages on their own origin (static files), like a real host site."""
    handler = partial(QuietFiles, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def host_site() -> Iterator[tuple[str, Path]]:
    folder = Path(tempfile.mkdtemp(prefix="fs-host-"))
    with host_pages(folder) as origin:
        yield origin, folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
async def desk(
    web_server: LiveServer, host_site: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Tenant:
    tenant = await provision(web_server, ai=True, origins=(web_server.base_url, host_site[0]))
    folder = tmp_path_factory.mktemp("kb")
    for name in SAMPLE:
        shutil.copy(CORPUS / name, folder / name)
    ingest(web_server, tenant.tenant_id, folder)
    return tenant


def demo_url(server: LiveServer, tenant: Tenant) -> str:
    return f"{server.base_url}/demo?widget_key={tenant.widget_key}"


async def open_widget(page: Page, url: str) -> None:
    await page.goto(url)
    await page.locator('[data-testid="fs-launcher"]').click()
    await expect(page.locator('[data-testid="fs-panel"]')).to_be_visible()
    await expect(page.locator('[data-testid="fs-composer"]')).to_be_focused()


async def visitor_says(page: Page, text: str) -> None:
    composer = page.locator('[data-testid="fs-composer"]')
    await composer.fill(text)
    await composer.press("Enter")


def widget_messages(page: Page, sender: str | None = None) -> object:
    selector = '[data-testid="fs-message"]'
    if sender:
        selector += f'[data-sender="{sender}"]'
    return page.locator(selector)


async def sign_in(page: Page, server: LiveServer, tenant: Tenant) -> None:
    await page.goto(f"{server.base_url}/inbox")
    await page.get_by_test_id("inbox-email").fill(tenant.agent_email)
    await page.get_by_test_id("inbox-password").fill(AGENT_PASSWORD)
    await page.get_by_test_id("inbox-signin").click()
    await expect(page.get_by_test_id("inbox-app")).to_be_visible()
    await expect(page.get_by_test_id("inbox-connection")).to_contain_text("Connected")


async def open_conversation(page: Page, conversation_id: str) -> None:
    item = page.locator(f'[data-testid="conv-item"][data-conversation-id="{conversation_id}"]')
    await expect(item).to_be_visible(timeout=15_000)
    await item.click()
    await expect(
        page.locator(f'[data-testid="conv-view"][data-conversation-id="{conversation_id}"]')
    ).to_be_visible()


async def conversation_of(page: Page, tenant: Tenant) -> str:
    """The widget's conversation id, as it keeps it for the next page load."""
    key = f"flowsupport:{tenant.widget_key}:conversation"
    for _ in range(100):
        found = await page.evaluate(f"localStorage.getItem({key!r})")
        if found:
            return str(found)
        await asyncio.sleep(0.1)
    raise AssertionError("the widget never started a conversation")


async def test_answer_streams_into_the_widget_with_citations(
    visitor: Page, web_server: LiveServer, desk: Tenant, screenshots: Path
) -> None:
    await open_widget(visitor, demo_url(web_server, desk))
    await visitor.screenshot(path=str(screenshots / "widget-open.png"))
    await visitor_says(visitor, QUESTION)
    stream = visitor.locator('[data-testid="fs-ai-stream"] [data-testid="fs-message-body"]')
    await expect(stream).to_be_visible(timeout=15_000)
    lengths: list[int] = []
    answer = widget_messages(visitor, "ai")
    while await answer.count() == 0:
        # all_text_contents() does not wait: the stream may end between two polls
        texts = await stream.all_text_contents()
        if texts and (not lengths or len(texts[0]) > lengths[-1]):
            lengths.append(len(texts[0]))
        await asyncio.sleep(0.05)
    assert len(lengths) >= 3, f"the answer did not grow over several frames: {lengths}"
    assert "Cancel" in (await answer.first.text_content() or "")
    citation = visitor.locator('[data-testid="fs-citation"]').first
    await expect(citation).to_be_visible()
    await expect(citation).to_contain_text("Cancel")
    await visitor.screenshot(path=str(screenshots / "widget-answer.png"))


async def test_visitor_asks_for_a_person_and_an_agent_answers_live(
    visitor: Page, agent: Page, web_server: LiveServer, desk: Tenant, screenshots: Path
) -> None:
    await sign_in(agent, web_server, desk)
    await open_widget(visitor, demo_url(web_server, desk))
    await visitor.locator('[data-testid="fs-handoff"]').click()
    await expect(visitor.locator('[data-testid="fs-waiting"]')).to_be_visible()
    await expect(visitor.locator('[data-testid="fs-handoff"]')).to_be_disabled()
    await visitor_says(visitor, "Hi, my invoice shows the wrong company name")
    conversation_id = await conversation_of(visitor, desk)
    await open_conversation(agent, conversation_id)
    await expect(agent.get_by_test_id("details-panel")).to_be_visible()

    await agent.get_by_test_id("composer").press_sequentially("Hello, Ada", delay=30)
    await expect(visitor.locator('[data-testid="fs-typing"]')).to_be_visible()
    await agent.get_by_test_id("composer").press_sequentially(" here. Let me check.", delay=5)
    await agent.get_by_test_id("composer").press("Enter")
    reply = widget_messages(visitor, "agent").last
    await expect(reply).to_contain_text("Hello, Ada here. Let me check.")

    await visitor.locator('[data-testid="fs-composer"]').press_sequentially("Thanks", delay=30)
    await expect(agent.get_by_test_id("typing-indicator")).to_be_visible()
    await visitor.locator('[data-testid="fs-composer"]').press("Enter")
    visitor_lines = agent.locator('[data-testid="msg"][data-sender="visitor"]')
    await expect(visitor_lines.last).to_contain_text("Thanks")
    await agent.screenshot(path=str(screenshots / "inbox-conversation.png"))
    await visitor.screenshot(path=str(screenshots / "widget-agent-reply.png"))


async def test_agent_stops_the_ai_and_takes_over(
    visitor: Page, agent: Page, web_server: LiveServer, desk: Tenant, screenshots: Path
) -> None:
    await sign_in(agent, web_server, desk)
    await open_widget(visitor, demo_url(web_server, desk))
    await visitor_says(visitor, "How do I turn on two-factor authentication?")
    conversation_id = await conversation_of(visitor, desk)
    await open_conversation(agent, conversation_id)
    await expect(agent.get_by_test_id("ai-stream")).to_be_visible(timeout=15_000)
    await agent.screenshot(path=str(screenshots / "inbox-ai-streaming.png"))
    await agent.get_by_test_id("ai-stop").click()
    await expect(agent.get_by_test_id("ai-stream")).to_have_count(0)
    await expect(visitor.locator('[data-testid="fs-ai-stream"]')).to_have_count(0)
    await expect(agent.get_by_test_id("composer")).to_be_focused()
    await agent.get_by_test_id("composer").fill("I'll walk you through it myself.")
    await agent.get_by_test_id("composer").press("Enter")
    await expect(widget_messages(visitor, "agent").last).to_contain_text("walk you through")
    assert await widget_messages(visitor, "ai").count() == 0  # nothing half-written kept


async def test_markup_from_a_customer_is_shown_as_text(
    visitor: Page, agent: Page, web_server: LiveServer, desk: Tenant
) -> None:
    attack = "<img src=x onerror=window.__pwned=1> <script>window.__pwned=2</script> <b>bold</b>"
    await sign_in(agent, web_server, desk)
    await open_widget(visitor, demo_url(web_server, desk))
    await visitor.locator('[data-testid="fs-handoff"]').click()
    await visitor_says(visitor, attack)
    mine = widget_messages(visitor, "visitor").last
    await expect(mine.locator('[data-testid="fs-message-body"]')).to_have_text(attack)
    assert await mine.locator("img, script, b").count() == 0
    conversation_id = await conversation_of(visitor, desk)
    await open_conversation(agent, conversation_id)
    shown = agent.locator('[data-testid="msg"][data-sender="visitor"]').last
    await expect(shown.get_by_test_id("msg-body")).to_have_text(attack)
    assert await shown.locator("img, script, b").count() == 0
    await asyncio.sleep(0.5)
    for page in (visitor, agent):
        assert await page.evaluate("window.__pwned") is None


async def test_widget_keeps_its_looks_on_a_hostile_page(
    visitor: Page,
    web_server: LiveServer,
    desk: Tenant,
    host_site: tuple[str, Path],
    screenshots: Path,
) -> None:
    origin, folder = host_site
    tag = (
        f'<script src="{web_server.base_url}/widget.js" data-widget-key="{desk.widget_key}" '
        "async></script>"
    )
    (folder / "plain.html").write_text(f"<!doctype html><title>Plain</title><p>Hi</p>{tag}")
    (folder / "hostile.html").write_text(
        f"<!doctype html><title>Hostile</title><style>{HOSTILE_CSS}</style><p>Hi</p>{tag}"
    )
    measured = {}
    for page_name in ("plain", "hostile"):
        await open_widget(visitor, f"{origin}/{page_name}.html")
        await visitor_says(visitor, f"Hello from the {page_name} page")
        await expect(widget_messages(visitor, "visitor").last).to_be_visible()
        await visitor.mouse.move(0, 0)  # no hover, and let transitions settle
        await asyncio.sleep(0.6)
        styles = {}
        for selector, properties in STYLE_PROBES.items():
            element = visitor.locator(selector).first
            styles[selector] = await element.evaluate(
                "(el, props) => { const s = getComputedStyle(el);"
                " return Object.fromEntries(props.map(p => [p, s.getPropertyValue(p)])); }",
                properties,
            )
        measured[page_name] = styles
        await visitor.screenshot(path=str(screenshots / f"widget-on-{page_name}-page.png"))
        await visitor.evaluate("localStorage.clear()")
    assert measured["hostile"] == measured["plain"]


async def test_both_clients_come_back_after_a_server_restart(
    browser: Browser, screenshots: Path
) -> None:
    """The server restarts mid-conversation: widget and inbox reconnect by themselves, a
    message the visitor wrote while it was down is sent once, and each side shows every
    message exactly once, in order."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-restart-"))
    port = free_port()
    visitor_context = await browser.new_context()
    agent_context = await browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        with running_server(data_dir, extra_env=SLOW_AI, port=port) as first:
            tenant = await provision(first, origins=(first.base_url,))
            visitor = await visitor_context.new_page()
            agent = await agent_context.new_page()
            await sign_in(agent, first, tenant)
            await open_widget(visitor, demo_url(first, tenant))
            await visitor_says(visitor, "first, before the restart")
            conversation_id = await conversation_of(visitor, tenant)
            await open_conversation(agent, conversation_id)
            await agent.get_by_test_id("composer").fill("second, from the agent")
            await agent.get_by_test_id("composer").press("Enter")
            await expect(widget_messages(visitor, "agent")).to_have_count(1)
        # The server is down: the visitor writes anyway (queued, sent on reconnect).
        await visitor_says(visitor, "third, while the server was down")
        with running_server(data_dir, extra_env=SLOW_AI, port=port):
            await expect(agent.get_by_test_id("inbox-connection")).to_contain_text(
                "Connected", timeout=30_000
            )
            await expect(widget_messages(visitor, "visitor")).to_have_count(2, timeout=30_000)
            # The message typed while down shows at once as pending; wait until it is stored.
            pending = visitor.locator('[data-testid="fs-message"][data-pending="true"]')
            await expect(pending).to_have_count(0, timeout=30_000)
            await agent.get_by_test_id("composer").fill("fourth, after the restart")
            await agent.get_by_test_id("composer").press("Enter")
            await expect(widget_messages(visitor)).to_have_count(4, timeout=15_000)
            await expect(agent.get_by_test_id("msg")).to_have_count(4, timeout=15_000)
            for page, body in ((visitor, "fs-message-body"), (agent, "msg-body")):
                rows = page.locator(f'[data-testid="{body}"]')
                texts = [t.split(",")[0] for t in await rows.all_text_contents()]
                assert texts == ["first", "second", "third", "fourth"], texts
            seqs = await widget_messages(visitor).evaluate_all(
                "els => els.map(e => Number(e.dataset.seq))"
            )
            assert seqs == sorted(set(seqs)) and len(seqs) == 4
            await agent.screenshot(path=str(screenshots / "inbox-after-restart.png"))
    finally:
        await visitor_context.close()
        await agent_context.close()
        shutil.rmtree(data_dir, ignore_errors=True)
