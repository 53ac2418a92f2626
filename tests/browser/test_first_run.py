"""A new user's first ten minutes: an empty server, `/setup`, the inbox's checklist, and
the snippet it shows pasted into a real site whose widget then reaches the inbox."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from playwright.async_api import Browser, expect

from tests.browser.conftest import browser_page
from tests.browser.test_web_clients import host_pages
from tests.live import LiveServer


async def test_from_an_empty_server_to_a_first_chat(
    browser: Browser, empty_server: LiveServer, screenshots: Path
) -> None:
    with tempfile.TemporaryDirectory(prefix="fs-site-") as folder, host_pages(Path(folder)) as site:
        async with browser_page(browser, 1440, 900) as admin:
            await admin.goto(empty_server.base_url)  # `/` shows the way to setup
            await expect(admin).to_have_url(re.compile(r"/setup$"))
            await expect(admin.get_by_test_id("setup-form")).to_be_visible()
            await admin.get_by_test_id("setup-workspace").fill("   ")
            await admin.get_by_test_id("setup-website").fill(f"{site}/pricing")
            await admin.get_by_test_id("setup-name").fill("Nora Admin")
            await admin.get_by_test_id("setup-email").fill("nora@northwind.example")
            await admin.get_by_test_id("setup-password").fill("northwind-admin-pass")
            await admin.get_by_test_id("setup-submit").click()  # the server names what is wrong
            await expect(admin.get_by_role("alert")).to_contain_text("name must be")
            await admin.get_by_test_id("setup-workspace").fill("Northwind Analytics")
            await admin.screenshot(path=str(screenshots / "setup.png"))
            await admin.get_by_test_id("setup-submit").click()

            await expect(admin.get_by_test_id("inbox-app")).to_be_visible()
            await expect(admin).to_have_url(re.compile(r"/inbox#/$"))
            await expect(admin.get_by_test_id("inbox-connection")).to_contain_text("Connected")
            checklist = admin.get_by_test_id("checklist")
            await expect(checklist).to_contain_text("Get Northwind Analytics ready")
            await expect(checklist).to_contain_text("3 of 3 left")
            await expect(admin.get_by_test_id("checklist-kb-code")).to_contain_text(
                "--tenant 'Northwind Analytics'"
            )
            snippet = await admin.get_by_test_id("checklist-widget-code").inner_text()
            assert snippet.startswith(f'<script src="{empty_server.base_url}/widget.js"')
            await admin.screenshot(path=str(screenshots / "first-run-checklist.png"))

            page = f"<!doctype html><title>Northwind</title><h1>Northwind</h1>{snippet}"
            (Path(folder) / "index.html").write_text(page)
            async with browser_page(browser, 1280, 800) as visitor:
                await visitor.goto(f"{site}/index.html")
                await visitor.get_by_test_id("fs-launcher").click()
                await expect(visitor.get_by_test_id("fs-status")).to_have_attribute(
                    "data-tone", re.compile("idle|online")
                )
                composer = visitor.get_by_test_id("fs-composer")
                await composer.fill("Hi! Do you offer a free trial?")
                await composer.press("Enter")

                item = admin.get_by_test_id("conv-item")
                await expect(item).to_have_count(1, timeout=15_000)
                # With no help center yet, the AI hands the question to a person.
                await expect(item).to_have_attribute("data-status", "waiting_human")
                await expect(admin.get_by_test_id("checklist-widget")).to_have_class("done")
                await expect(checklist).to_contain_text("2 of 3 left")
