"""Attachments in a real browser (PROTOCOL.md additions): a visitor's image and PDF reach the
agent (the thumbnail decodes, the PDF downloads byte for byte), the agent's image reaches
the visitor, refusals are said in words, and an e-mail's attachment downloads in the inbox.
Files are fetched with the bearer (an <img> cannot send Authorization), images shown as
data: URLs, downloads saved from blob: URLs."""

from __future__ import annotations

import re
import shutil
import struct
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Locator, Page, expect

from tests.api.test_gdpr import SIGNING_KEY, SUPPORT, mail_with_file, post_mail
from tests.browser.conftest import browser_page
from tests.browser.test_web_clients import (
    conversation_of,
    demo_url,
    open_conversation,
    open_widget,
    sign_in,
    widget_messages,
)
from tests.live import LiveServer, eventually, running_server
from tests.provision import Tenant, provision

MAX_BYTES = 200_000
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n" + bytes(
    range(256)
)


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A real PNG of one colour (the browser must decode it: naturalWidth > 0)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def web_server() -> Iterator[LiveServer]:
    """A server that takes inbound mail and files up to MAX_BYTES."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-browser-files-"))
    env = {
        "FLOWSUPPORT_MAILGUN_SIGNING_KEY": SIGNING_KEY,
        "FLOWSUPPORT_MAX_ATTACHMENT_BYTES": str(MAX_BYTES),
    }
    with running_server(data_dir, extra_env=env) as server:
        yield server
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
async def shop(web_server: LiveServer) -> Tenant:
    """A tenant without AI answers, with a support mailbox."""
    tenant = await provision(web_server, origins=(web_server.base_url,))
    web_server.cli_json(
        "channel", "add", "--tenant", tenant.tenant_id, "--kind", "email", "--address", SUPPORT
    )
    return tenant


async def decoded(image: Locator) -> None:
    """The thumbnail (fetched with the bearer) is an image the browser decoded."""
    await expect(image).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
    await image.evaluate("img => img.decode()")
    assert await image.evaluate("img => img.naturalWidth") > 0


async def downloaded(page: Page, button: Locator) -> tuple[str, bytes]:
    """Click a file's button; the browser saves it: its suggested name and its bytes."""
    async with page.expect_download() as event:
        await button.click()
    download = await event.value
    path = await download.path()
    return download.suggested_filename, Path(path).read_bytes()


async def test_files_go_both_ways_between_widget_and_inbox(
    visitor: Page, agent: Page, web_server: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    await open_widget(visitor, demo_url(web_server, shop))
    chips = visitor.get_by_test_id("fs-chip")

    # Refusals first: a type the server does not take, and a file over the limit.
    picker = visitor.get_by_test_id("fs-file-input")
    await picker.set_input_files(
        [
            {"name": "page.html", "mimeType": "image/png", "buffer": b"<html><script>x</script>"},
            {"name": "huge.pdf", "mimeType": "application/pdf", "buffer": PDF * 2000},
        ]
    )
    await expect(chips.filter(has_text="page.html")).to_have_attribute("data-state", "error")
    await expect(chips.filter(has_text="page.html")).to_contain_text("Not accepted")
    await expect(chips.filter(has_text="huge.pdf")).to_have_attribute("data-state", "error")
    await expect(chips.filter(has_text="huge.pdf")).to_contain_text("too large")
    await expect(visitor.get_by_test_id("fs-send")).to_be_disabled()
    for name in ("page.html", "huge.pdf"):
        await visitor.get_by_role("button", name=f"Remove {name}").click()
    await expect(chips).to_have_count(0)

    # A screenshot and a PDF, with a few words.
    shot = png(40, 30, (200, 40, 40))
    await picker.set_input_files(
        [
            {"name": "screenshot.png", "mimeType": "image/png", "buffer": shot},
            {"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": PDF},
        ]
    )
    await expect(chips.and_(visitor.locator('[data-state="ready"]'))).to_have_count(2)
    await visitor.screenshot(path=str(screenshots / "widget-attachments-tray.png"))
    composer = visitor.get_by_test_id("fs-composer")
    await composer.fill("The invoice and what I see")
    await composer.press("Enter")
    mine = widget_messages(visitor, "visitor").last
    await expect(mine).not_to_have_attribute("data-pending", "true")
    await decoded(mine.get_by_test_id("fs-attachment-image"))
    await expect(mine.get_by_test_id("fs-attachment-file")).to_contain_text("invoice.pdf")
    await expect(chips).to_have_count(0)

    # The agent sees the thumbnail and downloads the PDF, byte for byte.
    await sign_in(agent, web_server, shop)
    await open_conversation(agent, await conversation_of(visitor, shop))
    theirs = agent.locator('[data-testid="msg"][data-sender="visitor"]').last
    await decoded(theirs.get_by_test_id("attachment-image"))
    name, data = await downloaded(agent, theirs.get_by_test_id("attachment-file"))
    assert (name, data) == ("invoice.pdf", PDF)

    # The agent answers with an image only (no text), attached by the picker.
    reply = png(24, 24, (20, 120, 220))
    await agent.get_by_test_id("composer-file-input").set_input_files(
        {"name": "steps.png", "mimeType": "image/png", "buffer": reply}
    )
    file_chip = agent.get_by_test_id("composer-file")
    await expect(file_chip).to_have_attribute("data-state", "ready")
    await agent.screenshot(path=str(screenshots / "inbox-attachments-tray.png"))
    await agent.get_by_test_id("composer").press("Enter")
    await expect(file_chip).to_have_count(0)
    mine_in_inbox = agent.locator('[data-testid="msg"][data-sender="agent"]').last
    await decoded(mine_in_inbox.get_by_test_id("attachment-image"))

    answer = widget_messages(visitor, "agent").last
    await decoded(answer.get_by_test_id("fs-attachment-image"))
    name, data = await downloaded(visitor, answer.get_by_role("button", name="Download steps.png"))
    assert (name, data) == ("steps.png", reply)
    await visitor.screenshot(path=str(screenshots / "widget-attachments.png"))
    await agent.screenshot(path=str(screenshots / "inbox-attachments.png"))


async def test_an_email_attachment_downloads_in_the_inbox(
    browser: Browser, web_server: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    await post_mail(
        web_server,
        mail_with_file(
            "Dora <dora@customer.example>",
            "Contract attached",
            "Please find the signed contract attached.",
            "contract.pdf",
            PDF,
        ),
    )
    found: list[str] = []
    async with httpx.AsyncClient(base_url=web_server.base_url) as http:

        async def mailed() -> bool:
            listed = await http.get(
                "/v1/conversations",
                params={"channel": "email"},
                headers={"authorization": f"Bearer {shop.agent_token}"},
            )
            assert listed.status_code == 200, listed.text
            found[:] = [c["id"] for c in listed.json()["conversations"]]
            return bool(found)

        await eventually(mailed, "the e-mail's conversation")
    async with browser_page(browser, 1440, 900) as agent:
        await email_file(agent, web_server, shop, found[0], screenshots)


async def email_file(
    agent_page: Page, web_server: LiveServer, shop: Tenant, conversation_id: str, screenshots: Path
) -> None:
    await sign_in(agent_page, web_server, shop)
    await open_conversation(agent_page, conversation_id)
    mail = agent_page.locator('[data-testid="msg"][data-sender="visitor"]').last
    await expect(mail.get_by_test_id("msg-body")).to_contain_text("signed contract")
    name, data = await downloaded(agent_page, mail.get_by_test_id("attachment-file"))
    assert (name, data) == ("contract.pdf", PDF)
    await agent_page.screenshot(path=str(screenshots / "inbox-email-attachment.png"))


FILE_JS = """([name, type, bytes]) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], name, { type }));
    return data;
}"""


async def test_a_pasted_image_and_a_dropped_file_are_attached(
    visitor: Page, browser: Browser, web_server: LiveServer, shop: Tenant
) -> None:
    await open_widget(visitor, demo_url(web_server, shop))
    pasted = await visitor.evaluate_handle(FILE_JS, ["", "image/png", list(png(8, 8, (0, 0, 0)))])
    await visitor.get_by_test_id("fs-composer").evaluate(
        "(el, data) => el.dispatchEvent("
        "new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}))",
        pasted,
    )
    chip = visitor.get_by_test_id("fs-chip")
    await expect(chip).to_have_attribute("data-state", "ready")
    await expect(chip).to_contain_text("pasted-image.png")
    await visitor.get_by_test_id("fs-send").click()
    mine = widget_messages(visitor, "visitor").last
    await decoded(mine.get_by_test_id("fs-attachment-image"))

    async with browser_page(browser, 1440, 900) as agent:
        await sign_in(agent, web_server, shop)
        await open_conversation(agent, await conversation_of(visitor, shop))
        dropped = await agent.evaluate_handle(FILE_JS, ["terms.pdf", "application/pdf", list(PDF)])
        box = agent.locator(".composer-box")
        await box.dispatch_event("dragover", {"dataTransfer": dropped})
        await box.dispatch_event("drop", {"dataTransfer": dropped})
        await expect(agent.get_by_test_id("composer-file")).to_have_attribute("data-state", "ready")
        await agent.get_by_test_id("composer").fill("Our terms")
        await agent.get_by_test_id("composer-send").click()
        answer = widget_messages(visitor, "agent").last
        await expect(answer.get_by_test_id("fs-attachment-file")).to_contain_text("terms.pdf")
        name, data = await downloaded(visitor, answer.get_by_test_id("fs-attachment-file"))
        assert (name, data) == ("terms.pdf", PDF)
