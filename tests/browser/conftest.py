"""Real browsers: Debian's chromium driven by Playwright, against a real server.

Screenshots land in FLOWSUPPORT_SCREENSHOTS (default: a folder under the system temp dir),
printed at the start of the run, to be looked at.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright

from tests.live import LiveServer, running_server, service_missing

CHROMIUM = os.environ.get("FLOWSUPPORT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# A slow quoted answer, so a test sees it grow and can stop it midway.
SLOW_AI = {"FLOWSUPPORT_EXTRACTIVE_PACE_MS": "150"}


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = Path(
        os.environ.get("FLOWSUPPORT_SCREENSHOTS")
        or Path(tempfile.gettempdir()) / "flowsupport-screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nbrowser screenshots: {folder}")
    return folder


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if not Path(CHROMIUM).exists():
        service_missing(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        await launched.close()


@pytest.fixture(scope="module")
def web_server() -> Iterator[LiveServer]:
    """A server whose quoted answers stream slowly enough to watch."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-browser-"))
    with running_server(data_dir, extra_env=SLOW_AI) as server:
        yield server
    shutil.rmtree(data_dir, ignore_errors=True)


@asynccontextmanager
async def browser_page(browser: Browser, width: int, height: int) -> AsyncIterator[Page]:
    """A page in a browser context of its own; a dialog (alert, confirm) fails the test."""
    context = await browser.new_context(viewport={"width": width, "height": height})
    page = await context.new_page()
    page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    try:
        yield page
    finally:
        await context.close()


@pytest.fixture
async def visitor(browser: Browser) -> AsyncIterator[Page]:
    """A visitor's own browser."""
    async with browser_page(browser, 1280, 800) as page:
        yield page


@pytest.fixture
async def agent(browser: Browser) -> AsyncIterator[Page]:
    """An agent's own browser, on a wider screen."""
    async with browser_page(browser, 1440, 900) as page:
        yield page
