"""The admin console (issue 17) in a real browser against a real server: every settings
page an admin has, each write read back from the server, the pages a link opens without a
session (an invitation, a password reset), and an agent who reaches none of the admin pages
(the nav offers only Profile; the API answers 403 and the page says "admins only").

Screenshots: `settings-<page>.png` in the screenshots folder (README "Admin console" shows
the ones copied into docs/tour/).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import browser_page
from tests.browser.test_web_clients import demo_url, open_widget, visitor_says
from tests.fakes.smtp_server import Relay, smtp_relay
from tests.live import LiveServer, eventually, owner_connection, running_server
from tests.provision import AGENT_PASSWORD, Tenant, provision
from tests.realtime.test_ai_answers import CORPUS, SAMPLE

ADMIN_PASSWORD = "admin-pass-1"
ADMIN_PAGES = [
    "team", "api-keys", "widget", "channels", "ai", "sla", "fields", "labels", "retention", "kb",
    "audit", "privacy",
]  # fmt: skip
OWN_PAGES = ["profile", "replies", "macros"]  # everyone's: the "You" group


@pytest.fixture(scope="module")
def mail() -> Iterator[tuple[int, Relay]]:
    """The SMTP relay the server sends through: its port, and what it received."""
    with smtp_relay() as (port, relay):
        yield port, relay


@pytest.fixture(scope="module")
def console(mail: tuple[int, Relay]) -> Iterator[LiveServer]:
    """A server that mails through the test relay (invitations, reset links)."""
    data_dir = Path(tempfile.mkdtemp(prefix="fs-console-"))
    env = {"FLOWSUPPORT_SMTP_URL": f"smtp://127.0.0.1:{mail[0]}"}
    with running_server(data_dir, extra_env=env) as server:
        yield server
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def shop(console: LiveServer) -> Tenant:
    """A tenant of its own per test: Ida the admin, Ada and Bo the agents, a bot key."""
    return await provision(console, origins=(console.base_url,))


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    async with browser_page(browser, 1440, 900) as opened:
        await opened.emulate_media(reduced_motion="reduce")  # screenshots without transitions
        yield opened


def admin_email(tenant: Tenant) -> str:
    return tenant.agent_email.replace("agent-", "admin-", 1)


async def sign_in_as(page: Page, server: LiveServer, email: str, password: str) -> None:
    await page.goto(f"{server.base_url}/inbox")
    await page.get_by_test_id("inbox-email").fill(email)
    await page.get_by_test_id("inbox-password").fill(password)
    await page.get_by_test_id("inbox-signin").click()
    await expect(page.get_by_test_id("inbox-app")).to_be_visible()


async def open_page(page: Page, server: LiveServer, name: str) -> None:
    """A settings page by its address (the app reloads; the session stays in the tab)."""
    await page.goto(f"{server.base_url}/inbox/settings/{name}")
    await expect(page.get_by_test_id(f"settings-page-{name}")).to_be_visible()
    await expect(page.get_by_test_id("settings-title")).to_be_visible()


async def confirm(page: Page, *, ok: bool = True) -> None:
    dialog = page.get_by_test_id("confirm-dialog")
    await expect(dialog).to_be_visible()
    await expect(page.get_by_test_id("confirm-cancel")).to_be_focused()  # the safe choice first
    await page.get_by_test_id("confirm-ok" if ok else "confirm-cancel").click()
    await expect(dialog).to_have_count(0)


async def settings_of(server: LiveServer, token: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        response = await http.get("/v1/settings", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


async def status_of(server: LiveServer, token: str, path: str = "/v1/me") -> int:
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        response = await http.get(path, headers={"Authorization": f"Bearer {token}"})
    return response.status_code


async def test_settings_area_profile_and_preferences(
    page: Page, console: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    """An admin reaches the settings by tab, keys and address; renames themselves, changes
    their password (the server's refusal shown first), signs another session out after
    a confirmation, and sets this browser's preferences, which apply and stay."""
    async with httpx.AsyncClient(base_url=console.base_url) as http:
        response = await http.get("/settings", follow_redirects=False)
        assert (
            response.status_code in (302, 307) and response.headers["location"] == "/inbox/settings"
        )
        response = await http.get("/settings/team", follow_redirects=False)
        assert response.headers["location"] == "/inbox/settings/team"
        for path in ("/inbox/settings/no-such-page", "/invite?token=x", "/reset?token=x"):
            response = await http.get(path)  # the app's page: it checks the token, names the page
            assert (
                response.status_code == 200
                and "script-src 'self'" in response.headers["content-security-policy"]
            ), path
        for path in (
            "/inbox/settings/Bad_Page",
            "/settings/..%2Fsecret_key",
            "/inbox/settings/a/b",
        ):
            assert (await http.get(path)).status_code == 404, path
        other = await http.post(
            "/v1/auth/login", json={"email": admin_email(shop), "password": ADMIN_PASSWORD}
        )
        other_token = other.json()["access_token"]

    await sign_in_as(page, console, admin_email(shop), ADMIN_PASSWORD)
    await page.keyboard.press("g")
    await page.keyboard.press("s")  # g then s: settings
    await expect(page).to_have_url(re.compile(r"/inbox/settings/profile$"))
    nav = page.get_by_test_id("settings-nav")
    await expect(nav.get_by_role("link")).to_have_count(len(OWN_PAGES) + len(ADMIN_PAGES))
    await expect(page.get_by_test_id("settings-nav-profile")).to_have_attribute(
        "aria-current", "page"
    )
    await page.go_back()  # back to the inbox the way it came
    await expect(page.get_by_test_id("conv-list")).to_be_visible()
    await page.get_by_test_id("nav-settings").click()
    await expect(page.get_by_test_id("settings-page-profile")).to_be_visible()
    await page.goto(f"{console.base_url}/settings")
    await expect(page).to_have_url(re.compile(r"/inbox/settings/profile$"))
    await page.get_by_test_id(f"settings-nav-{OWN_PAGES[-1]}").focus()
    await page.keyboard.press("Tab")  # the nav is links, in order
    await expect(page.get_by_test_id("settings-nav-team")).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(page).to_have_url(re.compile(r"/inbox/settings/team$"))
    await expect(page.get_by_test_id("settings-title")).to_be_focused()  # where a reader is told
    await expect(page.get_by_test_id("settings-title")).to_have_text("Team")
    await page.go_back()
    await expect(page.get_by_test_id("settings-title")).to_have_text("Profile")

    name = page.get_by_test_id("profile-name-input")
    await name.fill("Ida Admin-Okafor")
    await page.get_by_test_id("profile-name-save").click()
    await expect(page.get_by_test_id("profile-name-saved")).to_be_visible()
    await expect(page.locator(".me-name")).to_have_text("Ida Admin-Okafor")

    await page.get_by_test_id("password-current").fill("not-my-password")
    await page.get_by_test_id("password-new").fill("a-brand-new-pass")
    await page.get_by_test_id("password-again").fill("a-brand-new-pass")
    await page.get_by_test_id("password-submit").click()
    await expect(page.get_by_test_id("password-error")).to_contain_text("current_password")

    # Three sign-ins: provisioning's, the one above, this browser's.
    sessions = page.get_by_test_id("session-row")
    await expect(sessions).to_have_count(3)
    await expect(page.locator('[data-testid="session-row"][data-current="true"]')).to_contain_text(
        "This browser"
    )
    others = page.locator('[data-testid="session-row"][data-current="false"]')
    await expect(others.first).to_contain_text("a script")  # httpx's user agent
    end = others.first.get_by_test_id("session-end")
    await end.click()
    await expect(page.get_by_test_id("confirm-cancel")).to_be_focused()
    await page.keyboard.press("Escape")  # cancels, and the focus goes back
    await expect(page.get_by_test_id("confirm-dialog")).to_have_count(0)
    await expect(end).to_be_focused()
    assert await status_of(console, other_token) == 200
    for left in (2, 1):
        await others.first.get_by_test_id("session-end").click()
        await confirm(page)
        await expect(sessions).to_have_count(left)
    assert await status_of(console, other_token) == 401  # refused at once
    assert await status_of(console, shop.admin_token) == 401

    await page.get_by_test_id("password-current").fill(ADMIN_PASSWORD)
    await page.get_by_test_id("password-submit").click()
    await expect(page.get_by_test_id("password-done")).to_be_visible()
    async with httpx.AsyncClient(base_url=console.base_url) as http:
        new_login = await http.post(
            "/v1/auth/login", json={"email": admin_email(shop), "password": "a-brand-new-pass"}
        )
    assert new_login.status_code == 200

    html = page.locator("html")
    await expect(html).to_have_attribute("data-density", "comfortable")
    await page.get_by_test_id("pref-density-compact").check()
    await expect(html).to_have_attribute("data-density", "compact")
    shortcuts = page.get_by_test_id("pref-shortcuts")
    await shortcuts.focus()
    await page.keyboard.press("Space")  # a real checkbox: the keyboard flips it
    await expect(shortcuts).not_to_be_checked()
    await page.get_by_test_id("settings-title").scroll_into_view_if_needed()
    await page.screenshot(path=str(screenshots / "settings-profile.png"))
    await page.reload()
    await expect(page.locator("html")).to_have_attribute("data-density", "compact")
    await expect(page.get_by_test_id("pref-shortcuts")).not_to_be_checked()
    await page.locator("body").click(position={"x": 5, "y": 880})
    await page.keyboard.press("g")
    await page.keyboard.press("c")  # single-key shortcuts are off
    await expect(page.get_by_test_id("settings-page-profile")).to_be_visible()
    await page.get_by_test_id("pref-shortcuts").check()
    await page.locator("body").click(position={"x": 5, "y": 880})
    await page.keyboard.press("g")
    await page.keyboard.press("c")
    await expect(page.get_by_test_id("conv-list")).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/inbox#/conversations$"))


async def test_team_invite_accept_roles_and_deactivation(
    page: Page, browser: Browser, console: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    """An admin invites a teammate and copies the link, which signs them up and in; resends
    and revokes; changes a role; deactivates an agent (signed out at once); and is told the
    server's 409 when they would remove the workspace's last admin."""
    await sign_in_as(page, console, admin_email(shop), ADMIN_PASSWORD)
    await open_page(page, console, "team")
    await expect(page.get_by_test_id("member-row")).to_have_count(3)

    await page.get_by_test_id("invite-email").fill("cy@shop.example")
    await page.get_by_test_id("invite-role").select_option("agent")
    await page.get_by_test_id("invite-submit").click()
    link = page.get_by_test_id("invite-link-value")
    await expect(link).to_contain_text("/invite?token=")
    first_url = await link.inner_text()
    row = page.locator('[data-testid="invitation-row"][data-email="cy@shop.example"]')
    await expect(row).to_be_visible()
    await row.get_by_test_id("invitation-resend").click()
    await expect(page.get_by_test_id("invite-link-value")).not_to_have_text(first_url)
    invite_url = await page.get_by_test_id("invite-link-value").inner_text()
    assert invite_url.startswith(f"{console.base_url}/invite?token=")
    await page.screenshot(path=str(screenshots / "settings-team.png"))

    async with browser_page(browser, 1280, 800) as newcomer:
        await newcomer.goto(first_url)  # the resend replaced it
        await expect(newcomer.get_by_test_id("invite-invalid")).to_be_visible()
        await newcomer.goto(invite_url)
        await expect(newcomer.get_by_test_id("invite-form")).to_contain_text("Join Shop")
        await expect(newcomer.get_by_test_id("invite-email")).to_have_text("cy@shop.example")
        await newcomer.get_by_test_id("account-name").fill("Cy Newcomer")
        await newcomer.get_by_test_id("account-password").fill("cy-password-1")
        await newcomer.get_by_test_id("account-password-again").fill("cy-password-2")
        await newcomer.get_by_test_id("invite-accept").click()
        await expect(newcomer.get_by_role("alert")).to_contain_text("differ")
        await newcomer.get_by_test_id("account-password-again").fill("cy-password-1")
        await newcomer.screenshot(path=str(screenshots / "settings-invite-accept.png"))
        await newcomer.get_by_test_id("invite-accept").click()
        await expect(newcomer.get_by_test_id("inbox-app")).to_be_visible()
        await expect(newcomer).to_have_url(re.compile(r"/inbox#/"))
        await expect(newcomer.locator(".me-name")).to_have_text("Cy Newcomer")
        await newcomer.get_by_test_id("nav-settings").click()
        await expect(newcomer.get_by_test_id("settings-nav").get_by_role("link")).to_have_count(
            len(OWN_PAGES)
        )

    await page.reload()
    await expect(page.get_by_test_id("member-row")).to_have_count(4)
    await expect(page.get_by_test_id("invitation-row")).to_have_count(0)

    await page.get_by_test_id("invite-email").fill("dee@shop.example")
    await page.get_by_test_id("invite-submit").click()
    dee_url = await page.get_by_test_id("invite-link-value").inner_text()
    dee = page.locator('[data-testid="invitation-row"][data-email="dee@shop.example"]')
    await dee.get_by_test_id("invitation-revoke").click()
    await confirm(page)
    await expect(dee).to_have_count(0)
    async with httpx.AsyncClient(base_url=console.base_url) as http:
        token = dee_url.split("token=", 1)[1]
        assert (
            await http.get("/v1/invitations/accept", params={"token": token})
        ).status_code >= 400

    bo = page.locator('[data-testid="member-row"][data-email^="agent2-"]')
    await bo.get_by_test_id("member-role").select_option("admin")
    await confirm(page)
    await expect(bo.get_by_test_id("member-role")).to_have_value("admin")
    await bo.get_by_test_id("member-role").select_option("agent")
    await confirm(page)
    await expect(bo.get_by_test_id("member-role")).to_have_value("agent")

    async with httpx.AsyncClient(base_url=console.base_url) as http:
        bo_login = await http.post(
            "/v1/auth/login",
            json={
                "email": shop.agent_email.replace("agent-", "agent2-", 1),
                "password": "agent-pass-2",
            },
        )
    bo_token = bo_login.json()["access_token"]
    assert await status_of(console, bo_token) == 200
    await bo.get_by_test_id("member-deactivate").click()
    await confirm(page)
    await expect(page.get_by_test_id("team-notice")).to_contain_text("is deactivated")
    await expect(bo).to_have_count(0)
    await expect(page.get_by_test_id("member-inactive")).to_contain_text("1 deactivated")
    assert await status_of(console, bo_token) == 401

    me = page.locator(f'[data-testid="member-row"][data-email="{admin_email(shop)}"]')
    await me.get_by_test_id("member-role").select_option("agent")
    await confirm(page)
    await expect(page.get_by_test_id("team-error")).to_contain_text("admin")  # the server's 409
    await expect(me.get_by_test_id("member-role")).to_have_value("admin")


async def test_api_keys_shown_once_used_and_revoked(
    page: Page, console: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    """A new key is shown once and works at once; revoking it (confirmed) refuses it."""
    await sign_in_as(page, console, admin_email(shop), ADMIN_PASSWORD)
    await open_page(page, console, "api-keys")
    await expect(page.locator('[data-testid="apikey-row"][data-name="Helper Bot"]')).to_be_visible()
    await page.get_by_test_id("apikey-submit").click()  # no name: the form says so
    await expect(page.get_by_test_id("apikey-secret")).to_have_count(0)
    await page.get_by_test_id("apikey-name").fill("Order-status bot")
    await page.get_by_test_id("apikey-submit").click()
    secret = await page.get_by_test_id("apikey-secret-value").inner_text()
    assert secret.startswith("fsk_")
    assert await status_of(console, secret) == 200
    await page.screenshot(path=str(screenshots / "settings-api-keys.png"))
    await page.get_by_test_id("apikey-secret-done").click()
    await expect(page.get_by_test_id("apikey-secret")).to_have_count(0)
    await page.reload()
    row = page.locator('[data-testid="apikey-row"][data-name="Order-status bot"]')
    await expect(row).not_to_contain_text("Never")  # its use is recorded
    await row.get_by_test_id("apikey-revoke").click()
    await confirm(page, ok=False)
    assert await status_of(console, secret) == 200
    await row.get_by_test_id("apikey-revoke").click()
    await confirm(page)
    await expect(row.get_by_test_id("apikey-revoked")).to_be_visible()
    assert await status_of(console, secret) == 401


async def test_widget_origins_look_and_identity_secret(
    page: Page, console: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    """The snippet to copy; sites added (as origins) and removed; the look changed with the
    preview following it; all saved at once and served to the widget; a new identity
    secret shown once."""
    await sign_in_as(page, console, admin_email(shop), ADMIN_PASSWORD)
    await open_page(page, console, "widget")
    before = await settings_of(console, shop.admin_token)
    await expect(page.get_by_test_id("widget-snippet")).to_have_text(before["widget_snippet"])

    await page.get_by_test_id("origin-input").fill("www.shop.example/pricing")
    await page.get_by_test_id("origin-input").press("Enter")
    await expect(page.get_by_test_id("origin-row")).to_have_count(2)
    await expect(page.get_by_test_id("origin-list")).to_contain_text("https://www.shop.example")
    colour = page.get_by_test_id("widget-colour")
    await colour.fill("#0f766e")
    preview = page.get_by_test_id("widget-preview")
    await expect(preview.locator(".lp-head")).to_have_css("background-color", "rgb(15, 118, 110)")
    await page.get_by_test_id("widget-theme-light").check()
    await page.get_by_test_id("widget-position-left").check()
    await expect(preview).to_have_attribute("data-theme", "light")
    await expect(preview).to_have_attribute("data-position", "left")
    await page.get_by_test_id("widget-greeting").fill("Hello from Shop! How can we help?")
    await expect(preview).to_contain_text("Hello from Shop!")
    await page.screenshot(path=str(screenshots / "settings-widget.png"))
    await colour.fill("teal")
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_test_id("settings-error")).to_contain_text("#RRGGBB")
    await colour.fill("#0F766E")
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()

    after = await settings_of(console, shop.admin_token)
    assert set(after["allowed_origins"]) == {console.base_url, "https://www.shop.example"}
    assert after["widget"] == {
        "greeting": "Hello from Shop! How can we help?",
        "brand_color": "#0f766e",
        "theme": "light",
        "launcher_position": "left",
    }
    async with httpx.AsyncClient(base_url=console.base_url) as http:
        look = (await http.get("/v1/widget/config", params={"key": shop.widget_key})).json()
    assert look["brand_color"] == "#0f766e" and look["launcher_position"] == "left"

    await page.get_by_test_id("origin-input").fill("ftp://nope")
    await page.get_by_test_id("origin-add").click()
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_test_id("settings-error")).to_contain_text(
        "ftp://nope"
    )  # the server's words
    await page.get_by_test_id("settings-save-discard").click()
    await expect(page.get_by_test_id("origin-row")).to_have_count(2)

    await page.get_by_test_id("identity-rotate").click()
    await confirm(page)
    secret = await page.get_by_test_id("identity-secret-value").inner_text()
    assert len(secret) >= 20 and secret != shop.identity_secret
    await expect(page.get_by_test_id("identity-secret")).to_contain_text("keeps verifying until")


async def test_channels_added_resealed_and_removed(
    page: Page, console: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    """An e-mail address and a Twilio number are added (the webhook URL shown to copy);
    a channel whose credentials no longer open takes them again; removing asks first."""
    await sign_in_as(page, console, admin_email(shop), ADMIN_PASSWORD)
    await open_page(page, console, "channels")
    suffix = shop.tenant_id[:8]
    address = f"help-{suffix}@shop.example"
    await page.get_by_test_id("channel-address").fill(address)
    await page.get_by_test_id("channel-submit").click()
    await expect(page.get_by_test_id("channel-added")).to_contain_text(address)
    await page.get_by_test_id("channel-added-done").click()

    await page.get_by_test_id("channel-form-sms-twilio").check()
    number = f"+1415{int(suffix, 16) % 10_000_000:07d}"
    await page.get_by_test_id("channel-number").fill("4155550199")
    await page.get_by_test_id("channel-account_sid").fill("AC" + "0" * 32)
    await page.get_by_test_id("channel-auth_token").fill("twilio-token")
    await page.get_by_test_id("channel-submit").click()
    await expect(page.get_by_test_id("channel-error")).to_contain_text(
        "E.164"
    )  # the server's words
    await page.get_by_test_id("channel-number").fill(number)
    await page.get_by_test_id("channel-submit").click()
    webhook = page.get_by_test_id("channel-webhook")
    await expect(webhook).to_contain_text(f"{console.base_url}/v1/channels/twilio/")
    await expect(page.get_by_test_id("channel-row")).to_have_count(2)
    await page.screenshot(path=str(screenshots / "settings-channels.png"))

    async with owner_connection(console) as owner:  # as after a change of the secret key
        await owner.execute(
            "UPDATE channels SET credentials = $2 WHERE address = $1", number, b"\x00" * 48
        )
    await page.reload()
    sms = page.locator(f'[data-testid="channel-row"][data-address="{number}"]')
    await expect(sms.get_by_test_id("channel-unsealed")).to_be_visible()
    await sms.get_by_test_id("channel-reseal").click()
    await sms.get_by_test_id("reseal-auth_token").fill("twilio-token-2")
    await sms.get_by_test_id("reseal-submit").click()
    await expect(sms.get_by_test_id("channel-unsealed")).to_have_count(0)

    email = page.locator(f'[data-testid="channel-row"][data-address="{address}"]')
    await email.get_by_test_id("channel-remove").click()
    await confirm(page)
    await expect(email).to_have_count(0)
    await expect(page.get_by_test_id("channel-row")).to_have_count(1)


async def test_ai_settings_saved_and_refused(
    page: Page, console: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    """The AI switch, budgets (empty: no limit), greeting and handover settings are saved
    together and read back; what the form or the server refuses is said where it is."""
    await sign_in_as(page, console, admin_email(shop), ADMIN_PASSWORD)
    await open_page(page, console, "ai")
    save = page.get_by_test_id("settings-save")
    await expect(save).to_be_disabled()  # nothing changed yet
    await page.get_by_test_id("ai-enabled").check()
    await page.get_by_test_id("ai-tokens-conversation").fill("")
    await page.get_by_test_id("ai-tokens-month").fill("12.5")
    await save.click()
    await expect(page.get_by_test_id("settings-error")).to_contain_text("Tokens per month")
    await page.get_by_test_id("ai-tokens-month").fill("500000")
    await page.get_by_test_id("ai-greeting").fill("Hello! I'm Shop's assistant.")
    await page.get_by_test_id("ai-escalation-message").fill("   ")
    await save.click()
    await expect(page.get_by_test_id("settings-error")).to_contain_text("escalation_message")
    await page.get_by_test_id("ai-escalation-message").fill("A person from Shop will answer here.")
    await page.get_by_test_id("ai-unanswered").fill("300")
    await expect(page.locator("#ai-unanswered-help")).to_contain_text("5 min")
    await page.get_by_test_id("ai-escalate-disconnect").uncheck()
    await save.click()
    await expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    await page.screenshot(path=str(screenshots / "settings-ai.png"))

    saved = await settings_of(console, shop.admin_token)
    assert saved["ai_enabled"] is True
    assert saved["ai_tokens_per_conversation"] is None
    assert saved["ai_tokens_per_month"] == 500000
    assert saved["ai_greeting"] == "Hello! I'm Shop's assistant."
    assert saved["escalation_message"] == "A person from Shop will answer here."
    assert saved["unanswered_escalation_s"] == 300
    assert saved["escalate_on_disconnect"] is False
    await page.reload()
    await expect(page.get_by_test_id("ai-tokens-month")).to_have_value("500000")
    await expect(page.get_by_test_id("ai-tokens-conversation")).to_have_value("")


async def test_sla_hours_and_ticket_fields(
    page: Page, console: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    """SLA targets per priority (empty: none) and business hours are saved and read back;
    ticket fields are added (keys made from labels) and removed after a confirmation."""
    await sign_in_as(page, console, admin_email(shop), ADMIN_PASSWORD)
    await open_page(page, console, "sla")
    await page.get_by_test_id("sla-urgent-first_response").fill("30")
    await page.get_by_test_id("sla-low-resolution").fill("")
    await page.get_by_test_id("hours-business").check()
    await page.get_by_test_id("hours-timezone").select_option("Europe/Berlin")
    await page.get_by_test_id("hours-day-4").uncheck()  # no Fridays
    await page.get_by_test_id("hours-start").fill("08:30")
    await page.get_by_test_id("hours-end").fill("17:00")
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    await page.screenshot(path=str(screenshots / "settings-sla.png"))
    saved = await settings_of(console, shop.admin_token)
    assert saved["sla"]["urgent"]["first_response_minutes"] == 30
    assert saved["sla"]["low"]["resolution_minutes"] is None
    assert saved["business_hours"] == {
        "timezone": "Europe/Berlin",
        "days": [0, 1, 2, 3],
        "start": "08:30",
        "end": "17:00",
    }
    await page.get_by_test_id("hours-always").check()
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    assert (await settings_of(console, shop.admin_token))["business_hours"] is None

    await open_page(page, console, "fields")
    await expect(page.get_by_test_id("fields-empty")).to_be_visible()
    await page.get_by_test_id("field-add").click()
    await expect(page.get_by_test_id("field-label").last).to_be_focused()
    await page.keyboard.type("Order number")
    await expect(page.get_by_test_id("field-key").last).to_have_value("order_number")
    await page.get_by_test_id("field-add").click()
    await page.get_by_test_id("field-label").last.fill("Plan")
    await page.get_by_test_id("field-type").last.select_option("choice")
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_test_id("settings-error")).to_contain_text("needs at least one choice")
    await page.get_by_test_id("field-choices").fill("Basic, Pro, Enterprise")
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    await page.screenshot(path=str(screenshots / "settings-fields.png"))
    fields = (await settings_of(console, shop.admin_token))["ticket_fields"]
    assert fields == [
        {"key": "order_number", "type": "text", "label": "Order number"},
        {
            "key": "plan",
            "type": "choice",
            "label": "Plan",
            "choices": ["Basic", "Pro", "Enterprise"],
        },
    ]
    await expect(page.get_by_test_id("field-key").first).to_have_attribute("readonly", "")
    await page.get_by_test_id("field-remove").last.click()
    await confirm(page)
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    assert [f["key"] for f in (await settings_of(console, shop.admin_token))["ticket_fields"]] == [
        "order_number"
    ]


async def test_knowledge_base_upload_edit_and_questions(
    page: Page,
    browser: Browser,
    console: LiveServer,
    shop: Tenant,
    screenshots: Path,
    tmp_path: Path,
) -> None:
    """Help-center files are uploaded (a second upload skips what is unchanged); articles
    are found by their text, edited with a preview, written new and deleted; a question the
    AI answered from an article is listed under it; everything can be embedded again."""
    async with httpx.AsyncClient(base_url=console.base_url) as http:
        await http.patch(
            "/v1/settings",
            json={"ai_enabled": True},
            headers={"Authorization": f"Bearer {shop.admin_token}"},
        )
    for name in SAMPLE:
        shutil.copy(CORPUS / name, tmp_path / name)
    files = [str(tmp_path / name) for name in SAMPLE]

    await sign_in_as(page, console, admin_email(shop), ADMIN_PASSWORD)
    await open_page(page, console, "kb")
    await expect(page.get_by_test_id("kb-placeholder")).to_contain_text("No articles yet")
    await page.get_by_test_id("kb-upload-files").set_input_files(files)
    await page.get_by_test_id("kb-upload-base").fill("https://plausible.io/docs")
    await page.get_by_test_id("kb-upload-submit").click()
    result = page.get_by_test_id("kb-import-result")
    await expect(result).to_contain_text(f"{len(SAMPLE)} articles written", timeout=60_000)
    await expect(page.get_by_test_id("kb-item")).to_have_count(len(SAMPLE))
    await page.get_by_test_id("kb-upload-files").set_input_files(files)
    await page.get_by_test_id("kb-upload-submit").click()
    await expect(result).to_contain_text(
        f"0 articles written (0 passages), {len(SAMPLE)} unchanged"
    )

    await page.get_by_test_id("kb-search").fill("authenticator")  # in the 2FA article's text
    await expect(page.get_by_test_id("kb-item")).to_have_count(1)
    await page.get_by_test_id("kb-search").fill("")
    await expect(page.get_by_test_id("kb-item")).to_have_count(len(SAMPLE))

    # A visitor's question the AI answers citing the cancellation article.
    async with browser_page(browser, 1280, 800) as visitor:
        await open_widget(visitor, demo_url(console, shop))
        await visitor_says(visitor, "How do I cancel my subscription?")
        await expect(visitor.locator('[data-testid="fs-citation"]').first).to_be_visible(
            timeout=20_000
        )

    await page.get_by_test_id("kb-try-input").fill("How do I cancel my subscription?")
    await page.get_by_test_id("kb-try-submit").click()
    results = page.get_by_test_id("kb-try-results")
    await expect(results.locator("li").first).to_contain_text("Cancel")
    await results.locator("li").first.get_by_role("button").click()
    editor = page.get_by_test_id("kb-editor")
    await expect(editor).to_be_visible()
    await expect(page.get_by_test_id("kb-question")).to_contain_text(
        "How do I cancel my subscription?"
    )

    body = page.get_by_test_id("kb-body")
    await body.fill(
        "To cancel, go to **Settings** and press *Cancel*.\n\n"
        "- Your stats stay until the end of the period.\n"
        "- See [billing](https://plausible.io/docs/billing)."
    )
    preview = page.get_by_test_id("kb-preview")
    await expect(preview.locator("strong")).to_have_text("Settings")
    await expect(preview.locator("a")).to_have_attribute(
        "href", "https://plausible.io/docs/billing"
    )
    await page.get_by_test_id("kb-tags").fill("billing, account")
    await page.screenshot(path=str(screenshots / "settings-kb.png"))
    await page.get_by_test_id("kb-save").click()
    # Saved: the button reads "Save article" again (it is disabled while saving too).
    await expect(page.get_by_test_id("kb-save")).to_have_text("Save article", timeout=30_000)
    await expect(page.get_by_test_id("kb-save")).to_be_disabled()  # read back, unchanged
    article_id = await page.locator('[data-testid="kb-item"].active').get_attribute(
        "data-article-id"
    )
    async with httpx.AsyncClient(base_url=console.base_url) as http:
        stored = (
            await http.get(
                f"/v1/kb/articles/{article_id}",
                headers={"Authorization": f"Bearer {shop.admin_token}"},
            )
        ).json()
    assert "press *Cancel*" in stored["body"] and stored["tags"] == ["account", "billing"]

    await page.get_by_test_id("kb-new").click()
    await page.get_by_test_id("kb-title").fill("Gift cards")
    await page.get_by_test_id("kb-body").fill("We do not sell gift cards.")
    await page.get_by_test_id("kb-save").click()
    gift = page.locator('[data-testid="kb-item"]', has_text="Gift cards")
    await expect(gift).to_have_class(re.compile("active"))
    await page.get_by_test_id("kb-delete").click()
    await confirm(page)
    await expect(gift).to_have_count(0)
    await expect(page.get_by_test_id("kb-placeholder")).to_be_visible()

    await page.get_by_test_id("kb-reingest").click()
    await expect(result).to_contain_text(f"{len(SAMPLE)} articles embedded again", timeout=60_000)


async def test_an_agent_reaches_only_their_profile(
    page: Page, console: LiveServer, shop: Tenant, screenshots: Path
) -> None:
    """An agent's Settings offer Profile only; every admin page's address shows "admins
    only", the API answers their token 403 on each, and a browser that believes the agent
    is an admin still gets the API's 403 and the same state."""
    headers = {"Authorization": f"Bearer {shop.agent_token}"}
    async with httpx.AsyncClient(base_url=console.base_url, headers=headers) as http:
        for method, path, body in [
            ("GET", "/v1/settings", None),
            ("PATCH", "/v1/settings", {"ai_enabled": False}),
            ("POST", "/v1/settings/identity-secret", None),
            ("GET", "/v1/invitations", None),
            ("POST", "/v1/users", {"email": "mallory@shop.example", "role": "admin"}),
            ("PATCH", f"/v1/users/{shop.agent_id}", {"role": "admin"}),
            ("GET", "/v1/apikeys", None),
            ("POST", "/v1/apikeys", {"name": "mine"}),
            ("GET", "/v1/channels", None),
            ("POST", "/v1/channels", {"kind": "email", "address": "x@shop.example"}),
            ("POST", "/v1/kb/articles", {"title": "Mine", "body": "Mine."}),
            ("POST", "/v1/kb/reingest", None),
        ]:
            response = await http.request(method, path, json=body)
            assert response.status_code == 403, (method, path, response.status_code)

    await sign_in_as(page, console, shop.agent_email, AGENT_PASSWORD)
    await page.get_by_test_id("nav-settings").click()
    nav = page.get_by_test_id("settings-nav")
    await expect(nav.get_by_role("link")).to_have_count(len(OWN_PAGES))
    await expect(nav).not_to_contain_text("Workspace")
    await expect(page.get_by_test_id("profile-name")).to_contain_text("Ada Agent")
    for name in ADMIN_PAGES:
        await open_page(page, console, name)
        await expect(page.get_by_test_id("settings-admins-only")).to_be_visible()
    await page.screenshot(path=str(screenshots / "settings-admins-only.png"))

    # The browser is told the agent is an admin: the nav offers everything, the API refuses.
    key = "flowsupport.inbox.session"
    saved = json.loads(await page.evaluate(f"sessionStorage.getItem({key!r})"))
    saved["user"]["role"] = "admin"
    await page.evaluate(f"sessionStorage.setItem({key!r}, {json.dumps(json.dumps(saved))})")
    # (The knowledge base's list is staff's to read: its writes are what 403.)
    for name in ["ai", "sla", "fields", "widget", "team", "api-keys", "channels"]:
        await open_page(page, console, name)
        await expect(nav.get_by_role("link")).to_have_count(len(OWN_PAGES) + len(ADMIN_PAGES))
        await expect(page.get_by_test_id("settings-admins-only")).to_be_visible()
    await page.get_by_test_id("settings-back-to-profile").click()
    await expect(page).to_have_url(re.compile(r"/inbox/settings/profile$"))


async def test_data_retention(page: Page, console: LiveServer, shop: Tenant) -> None:
    """Keep forever by default; a number of days after resolution is saved and read back,
    an impossible one is refused in the form, and keep forever sends null again."""
    await sign_in_as(page, console, admin_email(shop), ADMIN_PASSWORD)
    await open_page(page, console, "retention")
    await expect(page.get_by_test_id("retention-forever")).to_be_checked()
    await page.get_by_test_id("retention-delete").check()
    await page.get_by_test_id("retention-days").fill("0")
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_test_id("settings-error")).to_contain_text("from 1 to 36,500")
    await page.get_by_test_id("retention-days").fill("90")
    await expect(page.get_by_test_id("retention-now")).to_contain_text("90 days after")
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    assert (await settings_of(console, shop.admin_token))["retention_days"] == 90
    await page.reload()
    await expect(page.get_by_test_id("retention-days")).to_have_value("90")
    await page.get_by_test_id("retention-forever").check()
    await page.get_by_test_id("settings-save").click()
    await expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    assert (await settings_of(console, shop.admin_token))["retention_days"] is None


async def test_forgotten_password_reset_by_mail(
    page: Page, console: LiveServer, shop: Tenant, mail: tuple[int, Relay]
) -> None:
    """ "Forgot password?" mails a link (the answer is the same for any address); the link
    sets a new password once, and the agent signs in with it."""
    await page.goto(f"{console.base_url}/inbox")
    await page.get_by_test_id("inbox-email").fill(shop.agent_email)
    await page.get_by_test_id("forgot-password").click()
    await expect(page.get_by_test_id("forgot-email")).to_have_value(shop.agent_email)
    await page.get_by_test_id("forgot-submit").click()
    await expect(page.get_by_test_id("forgot-sent")).to_contain_text(shop.agent_email)

    relay = mail[1]

    async def mailed() -> bool:
        return any(shop.agent_email in str(m["To"]) for m in relay.received)

    await eventually(mailed, "the reset mail")
    sent = next(m for m in relay.received if shop.agent_email in str(m["To"]))
    part = sent.get_body(preferencelist=("plain",))
    assert part is not None
    text = part.get_content()
    found = re.search(r"(https?://\S+/reset\?token=[A-Za-z0-9_-]+)", text)
    assert found, text
    link = found.group(1)

    await page.goto(link)
    await page.get_by_test_id("account-password").fill("short")
    await page.get_by_test_id("account-password-again").fill("short")
    await page.get_by_test_id("reset-submit").click()
    await expect(page.get_by_role("alert")).to_contain_text("at least 8")
    await page.get_by_test_id("account-password").fill("ada-new-password")
    await page.get_by_test_id("account-password-again").fill("ada-new-password")
    await page.get_by_test_id("reset-submit").click()
    await expect(page.get_by_test_id("reset-done")).to_be_visible()
    await page.goto(link)  # spent
    await page.get_by_test_id("account-password").fill("ada-other-password")
    await page.get_by_test_id("account-password-again").fill("ada-other-password")
    await page.get_by_test_id("reset-submit").click()
    await expect(page.get_by_role("alert")).to_be_visible()

    await sign_in_as(page, console, shop.agent_email, "ada-new-password")
    await expect(page.get_by_test_id("inbox-connection")).to_contain_text("Connected")
