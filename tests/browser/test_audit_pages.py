"""The admin console's audit and privacy pages in a real browser against a real server: an
admin reads the entries its own actions made, filters them, downloads the log and the
access review as CSV (Playwright downloads, parsed), and sees the data-subject request an
export made listed with its deadline.

Screenshots: `settings-audit.png`, `settings-privacy.png` in the screenshots folder
(README "Admin console")."""

from __future__ import annotations

import csv
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from server.config import Settings
from server.domain.access import SecurityContext
from server.domain.audit_csv import ENTRY_COLUMNS, REVIEW_COLUMNS
from server.domain.models import Role
from server.ids import TenantId
from server.store import contacts
from server.store.db import Database
from server.store.provision import database_urls
from tests.accounts import bearer
from tests.browser.conftest import browser_page
from tests.browser.test_settings import ADMIN_PASSWORD, admin_email, open_page, sign_in_as
from tests.live import LiveServer, running_server
from tests.provision import Tenant, provision


@pytest.fixture(scope="module")
def console() -> Iterator[LiveServer]:
    data_dir = Path(tempfile.mkdtemp(prefix="fs-audit-ui-"))
    with running_server(data_dir) as server:
        yield server
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    async with browser_page(browser, 1440, 900) as opened:
        await opened.emulate_media(reduced_motion="reduce")
        yield opened


async def a_contact(server: LiveServer, shop: Tenant) -> str:
    """A contact of the shop (as its agent, through the store: policies apply)."""
    settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(server.data_dir)})
    tenant_id = TenantId(uuid.UUID(shop.tenant_id))
    async with database_urls(settings) as urls:
        db = await Database.connect(urls.app, max_size=1)
        try:
            agent = SecurityContext(tenant_id, Role.AGENT, uuid.UUID(shop.agent_id))
            async with db.unit(agent) as conn:
                made = await contacts.insert(
                    conn, contact_id=contacts.new_id(), tenant_id=tenant_id,
                    email="kim@customer.example",
                )  # fmt: skip
        finally:
            await db.close()
    return str(made.id)


def rows_of(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


async def test_audit_and_privacy_pages(
    page: Page, console: LiveServer, screenshots: Path, tmp_path: Path
) -> None:
    """Entries made by the admin show with their client address; the action filter narrows
    the table; both CSV downloads parse; the export's request is listed on Privacy."""
    shop = await provision(console, origins=(console.base_url,))
    admin = bearer(shop.admin_token)
    contact_id = await a_contact(console, shop)
    async with httpx.AsyncClient(base_url=console.base_url) as http:
        for name in ("Order bot", "Refund bot"):
            made = await http.post("/v1/apikeys", headers=admin, json={"name": name})
            assert made.status_code == 201, made.text
        exported = await http.get(f"/v1/contacts/{contact_id}/export", headers=admin)
        assert exported.status_code == 200, exported.text
        wrong = await http.post(
            "/v1/auth/login", json={"email": shop.agent_email, "password": "not-it-123"}
        )
        assert wrong.status_code == 401

    await sign_in_as(page, console, admin_email(shop), ADMIN_PASSWORD)
    await open_page(page, console, "audit")
    rows = page.get_by_test_id("audit-row")
    await expect(rows.first).to_be_visible()
    await expect(
        page.locator('[data-testid="audit-row"][data-action="apikey.create"]')
    ).to_have_count(3)  # provisioning's key and these two
    await expect(page.get_by_test_id("audit-table")).to_contain_text("127.0.0.1")
    await page.screenshot(path=str(screenshots / "settings-audit.png"))

    await page.get_by_test_id("audit-action").fill("auth.")
    await page.get_by_test_id("audit-apply").click()
    await expect(
        page.locator('[data-testid="audit-row"][data-action="apikey.create"]')
    ).to_have_count(0)
    await expect(
        page.locator('[data-testid="audit-row"][data-action="auth.login_failed"]')
    ).to_have_count(1)
    actions = await rows.evaluate_all("rows => rows.map(r => r.dataset.action)")
    assert actions and all(a.startswith("auth.") for a in actions)

    async with page.expect_download() as waiting:
        await page.get_by_test_id("audit-csv").click()
    log = tmp_path / "audit.csv"
    await (await waiting.value).save_as(log)
    table = rows_of(log)
    assert tuple(table[0]) == ENTRY_COLUMNS
    assert len(table) - 1 == len(actions)
    assert {r[ENTRY_COLUMNS.index("action")] for r in table[1:]} == set(actions)
    await expect(page.get_by_test_id("audit-notice")).to_contain_text("CSV")

    await page.get_by_test_id("audit-action").fill("Not An Action")
    await page.get_by_test_id("audit-apply").click()
    await expect(page.get_by_test_id("audit-filter-error")).to_contain_text("Action")
    await page.get_by_test_id("audit-action").fill("nothing.matches.")
    await page.get_by_test_id("audit-apply").click()
    await expect(page.get_by_test_id("audit-empty")).to_be_visible()

    async with page.expect_download() as waiting:
        await page.get_by_test_id("access-review-download").click()
    review = tmp_path / "review.csv"
    await (await waiting.value).save_as(review)
    reviewed = rows_of(review)
    assert tuple(reviewed[0]) == REVIEW_COLUMNS
    assert len(reviewed) == 4  # Ida, Ada and Bo

    await open_page(page, console, "privacy")
    listed = page.get_by_test_id("privacy-row")
    await expect(listed).to_have_count(1)
    await expect(listed.first).to_have_attribute("data-kind", "export")
    await expect(listed.first).to_contain_text("Export")
    await page.screenshot(path=str(screenshots / "settings-privacy.png"))


async def test_agents_reach_neither_page(page: Page, console: LiveServer) -> None:
    """An agent opening the pages by address sees "admins only" (the API answers 403)."""
    shop = await provision(console, origins=(console.base_url,))
    await sign_in_as(page, console, shop.agent_email, "agent-pass-1")
    for name in ("audit", "privacy"):
        await open_page(page, console, name)
        await expect(page.get_by_test_id("settings-admins-only")).to_be_visible()
