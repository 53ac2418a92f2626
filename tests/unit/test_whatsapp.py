"""WhatsApp Cloud API: the subscription handshake, webhook signatures and parsing, the
24-hour window, and sending against a local stand-in for the Graph API."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from server.channels.whatsapp import (
    MAX_TEXT,
    WINDOW_S,
    InboundText,
    StatusUpdate,
    graph_error,
    parse_webhook,
    send_text,
    signature_valid,
    verify_subscription,
    window_closed,
    within_window,
)
from server.errors import ProviderError
from tests.fakes.meta_server import (
    PHONE_NUMBER_ID,
    meta_message,
    meta_payload,
    meta_server,
    meta_signature,
    meta_status,
)
from tests.live import TIMEOUT_SCALE

SHORT_TIMEOUT_S = 0.3 * TIMEOUT_SCALE
APP_SECRET = "meta-app-secret"


# --------------------------------------------------------------------------- handshake


def handshake(**overrides: str) -> dict[str, str]:
    return {
        "hub.mode": "subscribe",
        "hub.verify_token": "our-verify-token",
        "hub.challenge": "1158201444",
    } | overrides


def test_subscription_with_our_token_echoes_the_challenge() -> None:
    """Meta's GET handshake with the right token gets hub.challenge back."""
    assert verify_subscription(handshake(), "our-verify-token") == "1158201444"


@pytest.mark.parametrize(
    ("params", "configured"),
    [
        (handshake(**{"hub.verify_token": "guess"}), "our-verify-token"),
        (handshake(**{"hub.mode": "unsubscribe"}), "our-verify-token"),
        (handshake(**{"hub.challenge": ""}), "our-verify-token"),
        ({"hub.mode": "subscribe", "hub.challenge": "1"}, "our-verify-token"),
        (handshake(**{"hub.verify_token": ""}), ""),
    ],
    ids=["wrong-token", "wrong-mode", "no-challenge", "no-token", "unconfigured"],
)
def test_subscription_is_refused_otherwise(params: dict[str, str], configured: str) -> None:
    """A wrong or missing token, another mode, or no configured token gives None."""
    assert verify_subscription(params, configured) is None


# --------------------------------------------------------------------------- signature


def test_signature_of_the_raw_body_verifies() -> None:
    """X-Hub-Signature-256 made with the app secret over the raw body verifies."""
    body = json.dumps(meta_payload(messages=[meta_message(body="Grüße 😀")])).encode()
    assert signature_valid(APP_SECRET, body, meta_signature(APP_SECRET, body))


def test_signature_accepts_upper_case_hex() -> None:
    """Hex digits are compared case-insensitively."""
    body = b'{"object":"whatsapp_business_account"}'
    header = meta_signature(APP_SECRET, body)
    assert signature_valid(APP_SECRET, body, "sha256=" + header.removeprefix("sha256=").upper())


@pytest.mark.parametrize(
    ("secret", "body", "header"),
    [
        ("other-secret", b"{}", meta_signature(APP_SECRET, b"{}")),
        (APP_SECRET, b"{ }", meta_signature(APP_SECRET, b"{}")),
        (APP_SECRET, b"{}", None),
        (APP_SECRET, b"{}", ""),
        (APP_SECRET, b"{}", meta_signature(APP_SECRET, b"{}").removeprefix("sha256=")),
        (APP_SECRET, b"{}", "sha1=" + meta_signature(APP_SECRET, b"{}")[7:]),
        (APP_SECRET, b"{}", "sha256=zz"),
        (APP_SECRET, b"{}", "sha256=é"),
        ("", b"{}", meta_signature("", b"{}")),
    ],
    ids=[
        "secret",
        "body",
        "none",
        "empty",
        "no-prefix",
        "sha1",
        "not-hex",
        "non-ascii",
        "unconfigured",
    ],
)
def test_signature_refuses_anything_else(secret: str, body: bytes, header: str | None) -> None:
    """A wrong secret or body, a missing or malformed header never verifies."""
    assert not signature_valid(secret, body, header)


# --------------------------------------------------------------------------- parsing


def test_parse_text_message() -> None:
    """A text message yields the sender in E.164, our number id, body, name and time."""
    message = meta_message(from_number="+4915112345678", body="Hallo", timestamp=1_767_225_600)
    [parsed] = parse_webhook(meta_payload(messages=[message], profile_name="Jana"))
    assert parsed == InboundText(
        provider_id=message["id"],
        from_number="+4915112345678",
        phone_number_id=PHONE_NUMBER_ID,
        body="Hallo",
        profile_name="Jana",
        timestamp=1_767_225_600,
        kind="text",
    )


def test_parse_image_keeps_the_caption() -> None:
    """An image's caption becomes the body; its kind says image."""
    [parsed] = parse_webhook(meta_payload(messages=[meta_message(kind="image", body="Broken")]))
    assert isinstance(parsed, InboundText)
    assert (parsed.kind, parsed.body) == ("image", "Broken")


@pytest.mark.parametrize("kind", ["image", "audio", "sticker", "location", "unsupported"])
def test_parse_other_messages_have_an_empty_body(kind: str) -> None:
    """Non-text messages without a caption carry kind and an empty body."""
    [parsed] = parse_webhook(meta_payload(messages=[meta_message(kind=kind, body="")]))
    assert isinstance(parsed, InboundText)
    assert (parsed.kind, parsed.body) == (kind, "")


def test_parse_interactive_reply_uses_the_title() -> None:
    """A tapped reply button reads as its title."""
    message = meta_message(kind="interactive")
    message["interactive"] = {
        "type": "button_reply",
        "button_reply": {"id": "yes", "title": "Yes, resolved"},
    }
    [parsed] = parse_webhook(meta_payload(messages=[message]))
    assert isinstance(parsed, InboundText)
    assert parsed.body == "Yes, resolved"


def test_parse_without_contacts_has_no_profile_name() -> None:
    """No contacts block means no profile name, not an error."""
    [parsed] = parse_webhook(meta_payload(messages=[meta_message()], profile_name=None))
    assert isinstance(parsed, InboundText)
    assert parsed.profile_name is None


def test_parse_statuses() -> None:
    """Statuses yield the wamid and state; a failure names its error code and title."""
    payload = meta_payload(
        statuses=[
            meta_status(wamid="wamid.A", status="delivered"),
            meta_status(wamid="wamid.B", status="failed", error_code=131047),
        ]
    )
    assert parse_webhook(payload) == [
        StatusUpdate("wamid.A", "delivered", None),
        StatusUpdate("wamid.B", "failed", "131047: Re-engagement message"),
    ]


def test_parse_multiple_entries_and_changes_in_order() -> None:
    """Every entry and change is read, messages before statuses within a change."""
    first = meta_payload(
        messages=[meta_message(wamid="wamid.1"), meta_message(wamid="wamid.2")],
        statuses=[meta_status(wamid="wamid.S")],
    )
    second = meta_payload(messages=[meta_message(wamid="wamid.3")], phone_number_id="999")
    template_review = {
        "field": "message_template_status_update",
        "value": {"event": "APPROVED", "message_template_id": 1},
    }
    first["entry"][0]["changes"].append(template_review)
    first["entry"].extend(second["entry"])
    parsed = parse_webhook(first)
    assert [item.provider_id for item in parsed] == ["wamid.1", "wamid.2", "wamid.S", "wamid.3"]
    assert isinstance(parsed[3], InboundText)
    assert parsed[3].phone_number_id == "999"


def test_parse_empty_entry_list() -> None:
    """A webhook with nothing in it yields nothing."""
    assert parse_webhook({"object": "whatsapp_business_account", "entry": []}) == []


def broken(change: Any) -> dict[str, Any]:
    return {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [change]}]}


def value(**fields: Any) -> dict[str, Any]:
    return {
        "field": "messages",
        "value": {
            "messaging_product": "whatsapp",
            "metadata": {"phone_number_id": PHONE_NUMBER_ID},
        }
        | fields,
    }


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([], "not a JSON object"),
        ({"object": "page", "entry": []}, "not a WhatsApp Business Account"),
        ({"entry": []}, "not a WhatsApp Business Account"),
        ({"object": "whatsapp_business_account", "entry": {}}, "entry is not a list"),
        ({"object": "whatsapp_business_account", "entry": ["x"]}, "entry is not an object"),
        (broken("x"), "change is not an object"),
        (broken(value(messages={})), "messages is not a list"),
        (broken(value(messages=[{"from": "1", "type": "text"}])), "without id"),
        (broken(value(messages=[{"id": "w", "from": "1", "type": "text"}])), "timestamp"),
        (broken(value(statuses=[{"id": "w"}])), "status without id or status"),
        (
            broken(value(metadata={}, messages=[meta_message()])),
            "phone_number_id",
        ),
    ],
    ids=[
        "list",
        "object",
        "no-object",
        "entry",
        "entry-item",
        "change",
        "messages",
        "message-id",
        "message-timestamp",
        "status",
        "metadata",
    ],
)
def test_parse_refuses_wrong_shapes(payload: Any, message: str) -> None:
    """A payload that is not a WhatsApp webhook, or a broken part of one, raises ValueError."""
    with pytest.raises(ValueError, match=message):
        parse_webhook(payload)


# --------------------------------------------------------------------------- window

NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("last", "open_"),
    [
        (None, False),
        (NOW, True),
        (NOW - timedelta(seconds=WINDOW_S - 1), True),
        (NOW - timedelta(seconds=WINDOW_S), False),
        (NOW - timedelta(days=3), False),
        (NOW + timedelta(seconds=5), True),
    ],
    ids=["never", "just-now", "one-second-left", "exactly-24h", "days-ago", "clock-skew"],
)
def test_window_edges(last: datetime | None, open_: bool) -> None:
    """The window is open for less than 24 hours after the customer's last message."""
    assert within_window(last, NOW) is open_


# --------------------------------------------------------------------------- sending


async def send_one(
    base_url: str,
    *,
    access_token: str,
    to_number: str = "+14155550100",
    body: str = "Hello",
    phone_number_id: str = PHONE_NUMBER_ID,
    timeout: float = 5.0,
) -> str:
    async with httpx.AsyncClient(timeout=timeout) as client:
        return await send_text(
            client,
            api_base=base_url,
            phone_number_id=phone_number_id,
            access_token=access_token,
            to_number=to_number,
            body=body,
        )


async def test_send_text_returns_the_wamid() -> None:
    """A send posts the documented JSON with the Bearer token and returns the wamid."""
    with meta_server() as (base_url, state):
        wamid = await send_one(base_url, access_token=state.access_token, body="Done ✓")
    [sent] = state.messages
    assert wamid == sent.wamid
    assert wamid.startswith("wamid.")
    assert (sent.to, sent.body, sent.phone_number_id) == ("14155550100", "Done ✓", PHONE_NUMBER_ID)


async def test_send_text_at_the_maximum_length() -> None:
    """A body of exactly MAX_TEXT characters is accepted."""
    with meta_server() as (base_url, state):
        await send_one(base_url, access_token=state.access_token, body="x" * MAX_TEXT)
    assert len(state.messages[0].body) == MAX_TEXT


async def test_send_text_with_a_wrong_token_is_not_retryable() -> None:
    """A bad token answers 401 code 190, and retrying cannot help."""
    with meta_server() as (base_url, state), pytest.raises(ProviderError) as caught:
        await send_one(base_url, access_token="expired")
    assert (caught.value.status, caught.value.provider_code) == (401, 190)
    assert not caught.value.retryable
    assert state.messages == []


async def test_send_text_outside_the_window_is_not_retryable() -> None:
    """Code 131047 (window closed) is final: only a template could reach the customer."""
    with meta_server() as (base_url, state):
        state.window_closed_for = {"+14155550100"}
        with pytest.raises(ProviderError) as caught:
            await send_one(base_url, access_token=state.access_token)
    assert (caught.value.status, caught.value.provider_code) == (400, 131047)
    assert window_closed(caught.value)
    assert not caught.value.retryable
    assert "24 hours" in caught.value.message


async def test_send_text_refused_shape_is_not_retryable() -> None:
    """An empty body is refused with Meta's parameter error and its details."""
    with meta_server() as (base_url, state), pytest.raises(ProviderError) as caught:
        await send_one(base_url, access_token=state.access_token, body="")
    assert (caught.value.status, caught.value.provider_code) == (400, 131009)
    assert "text.body" in caught.value.message
    assert not caught.value.retryable


@pytest.mark.parametrize("status", [429, 500, 503])
async def test_send_text_server_trouble_is_retryable(status: int) -> None:
    """429 and 5xx are retryable, and the next attempt goes through."""
    with meta_server() as (base_url, state):
        state.fail_next = [status]
        with pytest.raises(ProviderError) as caught:
            await send_one(base_url, access_token=state.access_token)
        assert caught.value.status == status
        assert caught.value.retryable
        assert not window_closed(caught.value)
        await send_one(base_url, access_token=state.access_token)
    assert len(state.messages) == 1


def test_rate_limit_codes_are_retryable_whatever_the_status() -> None:
    """Meta answers throughput limits with 400; the code makes them retryable."""
    assert graph_error(400, 130429, "(#130429) Rate limit hit").retryable
    assert graph_error(400, 131056, "pair rate limit").retryable
    assert not graph_error(400, 100, "Invalid parameter").retryable
    assert not graph_error(500, 131047, "Re-engagement message").retryable


async def test_send_text_timeout_is_retryable() -> None:
    """A request that outlasts the client's timeout raises a retryable error, status 0."""
    with meta_server() as (base_url, state):
        state.hang_next = 1
        with pytest.raises(ProviderError) as caught:
            await send_one(base_url, access_token=state.access_token, timeout=SHORT_TIMEOUT_S)
    assert caught.value.status == 0
    assert caught.value.retryable
