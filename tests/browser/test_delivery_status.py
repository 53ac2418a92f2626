"""A channel reply's delivery status in a real browser: an agent answers an SMS in the
inbox, Twilio's status callbacks arrive, and the reply shows sent, then delivered, then
failed with the provider's reason on a second reply."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect

from tests.browser.conftest import browser_page
from tests.browser.test_web_clients import open_conversation, sign_in
from tests.fakes.twilio_server import TwilioState, twilio_form, twilio_server, twilio_status_form
from tests.live import LiveServer
from tests.provision import Tenant, add_twilio_sms, provision
from tests.realtime.test_text_channels import twilio_post, until

NUMBER = "+14155550177"


@pytest.fixture(scope="module")
def twilio() -> Iterator[tuple[str, TwilioState]]:
    with twilio_server() as running:
        yield running


@pytest.fixture(scope="module")
async def desk(web_server: LiveServer, twilio: tuple[str, TwilioState]) -> tuple[Tenant, str]:
    tenant = await provision(web_server, ai=False, origins=(web_server.base_url,))
    channel = add_twilio_sms(web_server, tenant.tenant_id, NUMBER, twilio[0])
    return tenant, str(channel["webhook_url"])


async def test_an_sms_reply_shows_its_delivery_status(
    browser: Browser,
    web_server: LiveServer,
    desk: tuple[Tenant, str],
    twilio: tuple[str, TwilioState],
    screenshots: Path,
) -> None:
    tenant, webhook = desk
    _, state = twilio
    inbound = twilio_form(to_number=NUMBER, body="Is my parcel on its way?")
    assert (await twilio_post(webhook, inbound)).status_code == 200
    async with browser_page(browser, 1440, 900) as agent:
        await sign_in(agent, web_server, tenant)
        row = agent.locator('[data-testid="conv-item"]', has_text="parcel")
        await expect(row).to_be_visible(timeout=15_000)
        conversation_id = await row.get_attribute("data-conversation-id")
        assert conversation_id
        await open_conversation(agent, conversation_id)

        sent_before = len(state.messages)
        await agent.get_by_test_id("composer").fill("Yes, it left the warehouse today.")
        await agent.get_by_test_id("composer").press("Enter")
        await until(lambda: len(state.messages) > sent_before, "the reply sent to Twilio")
        reply = agent.locator('[data-testid="msg"][data-sender="agent"]').last
        status = reply.get_by_test_id("msg-status")
        await expect(status).to_have_attribute("data-status", "sent", timeout=15_000)
        sid = state.messages[-1].sid
        callback = twilio_status_form(message_sid=sid, status="delivered", to_number=NUMBER)
        callback["From"] = NUMBER
        callback["To"] = inbound["From"]
        assert (await twilio_post(webhook, callback)).status_code == 200
        await expect(status).to_have_attribute("data-status", "delivered")
        await expect(status).to_contain_text("Delivered")

        await agent.get_by_test_id("composer").fill("Tracking: 1Z999")
        await agent.get_by_test_id("composer").press("Enter")
        await until(lambda: len(state.messages) > sent_before + 1, "the second reply")
        failed = twilio_status_form(
            message_sid=state.messages[-1].sid, status="undelivered", error_code="30003"
        )
        failed["From"] = NUMBER
        failed["To"] = inbound["From"]
        assert (await twilio_post(webhook, failed)).status_code == 200
        second = agent.locator('[data-testid="msg"][data-sender="agent"]').last
        failure = second.get_by_test_id("msg-status")
        await expect(failure).to_have_attribute("data-status", "failed")
        await expect(failure).to_have_text("Not delivered: Twilio error 30003")
        await agent.screenshot(path=str(screenshots / "inbox-delivery-status.png"))
