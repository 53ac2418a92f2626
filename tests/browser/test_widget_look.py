"""The widget follows its tenant's look in a real browser, on a customer's page of another
origin: light or dark (auto: the visitor's colour scheme), the brand colour with readable
text, the launcher's side and the greeting; with the defaults when the look cannot be had."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, Route, expect

from tests.browser.conftest import browser_page
from tests.browser.test_web_clients import host_pages, open_widget, visitor_says
from tests.live import LiveServer
from tests.provision import Tenant, provision

BRAND = "#e4572e"
GREETING = "Welcome to Northwind! Ask about plans, billing or your dashboard."
LOOK = {
    "theme": "light",
    "brand_color": BRAND,
    "launcher_position": "left",
    "greeting": GREETING,
}


def rgb(css: str) -> tuple[int, int, int]:
    """`rgb(r, g, b)` (or rgba) as computed styles give it."""
    found = re.findall(r"[\d.]+", css)
    return int(found[0]), int(found[1]), int(found[2])


def of_hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio."""

    def luminance(c: tuple[int, int, int]) -> float:
        s = [x / 255 for x in c]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in s]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


async def styles(page: Page, selector: str, *properties: str) -> dict[str, str]:
    found: dict[str, str] = await page.locator(selector).first.evaluate(
        "(el, props) => { const s = getComputedStyle(el);"
        " return Object.fromEntries(props.map(p => [p, s.getPropertyValue(p)])); }",
        list(properties),
    )
    return found


@pytest.fixture(scope="module")
def customer_site() -> Iterator[tuple[str, Path]]:
    folder = Path(tempfile.mkdtemp(prefix="fs-host-look-"))
    with host_pages(folder) as origin:
        yield origin, folder
    shutil.rmtree(folder, ignore_errors=True)


async def configured(
    web_server: LiveServer, origin: str, look: dict[str, Any], name: str | None = None
) -> tuple[Tenant, str]:
    """A tenant whose admin set the widget's look over HTTP; the snippet it was given."""
    tenant = await provision(web_server, origins=(origin,), name=name)
    admin = {"authorization": f"Bearer {tenant.admin_token}"}
    async with httpx.AsyncClient(base_url=web_server.base_url) as http:
        changed = await http.patch("/v1/settings", headers=admin, json={"widget": look})
        assert changed.status_code == 200, changed.text
        snippet: str = changed.json()["widget_snippet"]
    return tenant, snippet


def host_page(folder: Path, name: str, snippet: str) -> str:
    (folder / name).write_text(
        f"<!doctype html><title>Northwind</title><h1>Northwind Analytics</h1>{snippet}"
    )
    return name


async def test_a_light_widget_in_the_brand_colour(
    visitor: Page,
    web_server: LiveServer,
    customer_site: tuple[str, Path],
    screenshots: Path,
) -> None:
    origin, folder = customer_site
    _, snippet = await configured(web_server, origin, LOOK, name="Northwind Analytics")
    page = host_page(folder, "light.html", snippet)
    await open_widget(visitor, f"{origin}/{page}")
    await visitor_says(visitor, "Do you have a plan for agencies?")
    stored = visitor.locator(
        '[data-testid="fs-message"][data-sender="visitor"]:not([data-pending])'
    )
    await expect(stored.last).to_be_visible()
    await visitor.mouse.move(800, 400)  # no hover, and let transitions settle
    await visitor.wait_for_timeout(600)

    launcher = await styles(visitor, '[data-testid="fs-launcher"]', "background-color", "color")
    assert rgb(launcher["background-color"]) == of_hex(BRAND)
    assert contrast(rgb(launcher["color"]), of_hex(BRAND)) >= 4.5
    box = await visitor.get_by_test_id("fs-launcher").bounding_box()
    assert box is not None and box["x"] == 20  # bottom left
    panel_box = await visitor.get_by_test_id("fs-panel").bounding_box()
    assert panel_box is not None and panel_box["x"] == 20

    panel = await styles(visitor, '[data-testid="fs-panel"]', "background-color")
    assert rgb(panel["background-color"]) == (255, 255, 255)  # light
    header = await styles(visitor, ".fs-header", "background-color")
    title = await styles(visitor, ".fs-title", "color")
    assert rgb(header["background-color"]) == of_hex(BRAND)
    assert contrast(rgb(title["color"]), of_hex(BRAND)) >= 4.5
    bubble = await styles(visitor, '[data-sender="visitor"] .fs-bubble', "background-color")
    body = await styles(visitor, '[data-sender="visitor"] [data-testid="fs-message-body"]', "color")
    assert rgb(bubble["background-color"]) == of_hex(BRAND)
    assert contrast(rgb(body["color"]), of_hex(BRAND)) >= 4.5
    composer = await styles(visitor, '[data-testid="fs-composer"]', "color")
    assert contrast(rgb(composer["color"]), (255, 255, 255)) >= 7  # dark text on white

    greeting = visitor.get_by_test_id("fs-greeting")
    await expect(greeting).to_have_text(GREETING)
    first_line = await visitor.locator(".fs-scroll > :not([hidden])").first.text_content()
    assert first_line == GREETING
    await visitor.screenshot(path=str(screenshots / "widget-light.png"))


async def test_auto_follows_the_visitors_colour_scheme(
    browser: Browser, web_server: LiveServer, customer_site: tuple[str, Path]
) -> None:
    origin, folder = customer_site
    _, snippet = await configured(web_server, origin, {"theme": "auto"})
    page = host_page(folder, "auto.html", snippet)
    for scheme, panel_colour in (("light", (255, 255, 255)), ("dark", (26, 29, 33))):
        async with browser_page(browser, 1280, 800) as visitor:
            await visitor.emulate_media(color_scheme=scheme)
            await open_widget(visitor, f"{origin}/{page}")
            panel = await styles(visitor, '[data-testid="fs-panel"]', "background-color")
            assert rgb(panel["background-color"]) == panel_colour, scheme
    async with browser_page(browser, 1280, 800) as visitor:
        await visitor.emulate_media(color_scheme="light")
        await open_widget(visitor, f"{origin}/{page}")
        await visitor.emulate_media(color_scheme="dark")  # changed while open
        await expect(visitor.locator(".fs")).to_have_attribute("data-scheme", "dark")


async def test_without_its_look_the_widget_keeps_working(
    visitor: Page, web_server: LiveServer, customer_site: tuple[str, Path]
) -> None:
    """The look's request fails: the defaults (dark, bottom right, the usual accent) and a
    widget that still connects and sends."""
    origin, folder = customer_site
    _, snippet = await configured(web_server, origin, LOOK)
    page = host_page(folder, "no-look.html", snippet)

    async def refuse(route: Route) -> None:
        await route.abort()

    await visitor.route(re.compile(r".*/v1/widget/config.*"), refuse)
    await open_widget(visitor, f"{origin}/{page}")
    await visitor.mouse.move(800, 400)  # off the launcher: no hover colour
    await visitor.wait_for_timeout(600)
    panel = await styles(visitor, '[data-testid="fs-panel"]', "background-color")
    assert rgb(panel["background-color"]) == (26, 29, 33)  # the dark default
    launcher = await styles(visitor, '[data-testid="fs-launcher"]', "background-color")
    assert rgb(launcher["background-color"]) == of_hex("#1d6ae5")
    box = await visitor.get_by_test_id("fs-launcher").bounding_box()
    assert box is not None and box["x"] == 1280 - 20 - 56  # bottom right
    await expect(visitor.get_by_test_id("fs-greeting")).to_contain_text("Ask us anything")
    await visitor_says(visitor, "Hello without a look")
    sent = visitor.locator('[data-testid="fs-message"][data-sender="visitor"]:not([data-pending])')
    await expect(sent.last).to_contain_text("Hello without a look")
