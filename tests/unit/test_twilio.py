"""Twilio Messaging: webhook signatures, inbound parsing, text splitting, and sending
against a local stand-in for the Messages API."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import random
import socket

import httpx
import pytest
from starlette.datastructures import ImmutableMultiDict

from server.channels.text_split import split_text
from server.channels.twilio import (
    MAX_BODY,
    InboundText,
    StatusUpdate,
    compute_signature,
    parse_inbound,
    send,
    signature_valid,
)
from server.errors import ProviderError
from tests.fakes.twilio_server import (
    twilio_form,
    twilio_server,
    twilio_signature,
    twilio_status_form,
)
from tests.live import TIMEOUT_SCALE

# Twilio's worked example (webhooks security guide): auth token 12345.
DOC_TOKEN = "12345"
DOC_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
DOC_PARAMS = {
    "CallSid": "CA1234567890ABCDE",
    "Caller": "+14158675310",
    "Digits": "1234",
    "From": "+14158675310",
    "To": "+18005551212",
}
DOC_SIGNATURE = "GvWf1cFY/Q7PnoempGyD5oXAezc="
# The same example in older versions of the guide, with Caller/From +12349013030.
OLD_DOC_PARAMS = {**DOC_PARAMS, "Caller": "+12349013030", "From": "+12349013030"}
OLD_DOC_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="

SHORT_TIMEOUT_S = 0.3 * TIMEOUT_SCALE


# --------------------------------------------------------------------------- signature


def test_documented_example_signature_is_computed_exactly() -> None:
    """The signature of Twilio's published example comes out byte for byte."""
    assert compute_signature(DOC_TOKEN, DOC_URL, DOC_PARAMS) == DOC_SIGNATURE
    assert signature_valid(DOC_TOKEN, DOC_URL, DOC_PARAMS, DOC_SIGNATURE)


def test_older_documented_example_signature_is_computed_exactly() -> None:
    """The older edition of the example (other phone numbers) verifies too."""
    assert compute_signature(DOC_TOKEN, DOC_URL, OLD_DOC_PARAMS) == OLD_DOC_SIGNATURE
    assert signature_valid(DOC_TOKEN, DOC_URL, OLD_DOC_PARAMS, OLD_DOC_SIGNATURE)


def test_signature_does_not_depend_on_field_order() -> None:
    """Fields are signed sorted by name, whatever order the form listed them in."""
    reversed_params = dict(reversed(list(DOC_PARAMS.items())))
    assert signature_valid(DOC_TOKEN, DOC_URL, reversed_params, DOC_SIGNATURE)


@pytest.mark.parametrize(
    ("token", "url", "params"),
    [
        ("54321", DOC_URL, DOC_PARAMS),
        (DOC_TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=3", DOC_PARAMS),
        (DOC_TOKEN, "http://mycompany.com/myapp.php?foo=1&bar=2", DOC_PARAMS),
        (DOC_TOKEN, "https://mycompany.com/myapp.php", DOC_PARAMS),
        (DOC_TOKEN, DOC_URL, {**DOC_PARAMS, "Digits": "1235"}),
        (DOC_TOKEN, DOC_URL, {**DOC_PARAMS, "Extra": ""}),
        (DOC_TOKEN, DOC_URL, {k: v for k, v in DOC_PARAMS.items() if k != "Digits"}),
    ],
    ids=["token", "query", "scheme", "no-query", "value", "extra-param", "missing-param"],
)
def test_any_change_breaks_the_signature(token: str, url: str, params: dict[str, str]) -> None:
    """A different token, URL, value, or an added or removed field fails verification."""
    assert not signature_valid(token, url, params, DOC_SIGNATURE)


@pytest.mark.parametrize("signature", [None, "", "GvWf1cFY/Q7PnoempGyD5oXAezc", "x" * 28])
def test_missing_or_malformed_signature_is_refused(signature: str | None) -> None:
    """No header, an empty one, a truncated one or garbage never verifies."""
    assert not signature_valid(DOC_TOKEN, DOC_URL, DOC_PARAMS, signature)


def test_empty_auth_token_never_verifies() -> None:
    """An unconfigured token refuses everything, even a signature made with it."""
    signature = compute_signature("", DOC_URL, DOC_PARAMS)
    assert not signature_valid("", DOC_URL, DOC_PARAMS, signature)


def test_default_port_may_be_spelled_or_not() -> None:
    """Twilio signs with or without :443 inconsistently; both spellings verify."""
    with_port = "https://mycompany.com:443/myapp.php?foo=1&bar=2"
    signed_with_port = compute_signature(DOC_TOKEN, with_port, DOC_PARAMS)
    assert signature_valid(DOC_TOKEN, DOC_URL, DOC_PARAMS, signed_with_port)
    assert signature_valid(DOC_TOKEN, with_port, DOC_PARAMS, DOC_SIGNATURE)


def test_a_non_default_port_must_match() -> None:
    """A signature for :8443 does not verify for the port-less URL, nor the reverse."""
    other_port = "https://mycompany.com:8443/myapp.php?foo=1&bar=2"
    assert not signature_valid(DOC_TOKEN, other_port, DOC_PARAMS, DOC_SIGNATURE)
    signed = compute_signature(DOC_TOKEN, other_port, DOC_PARAMS)
    assert signature_valid(DOC_TOKEN, other_port, DOC_PARAMS, signed)
    assert not signature_valid(DOC_TOKEN, DOC_URL, DOC_PARAMS, signed)


def test_repeated_fields_sign_every_value() -> None:
    """A multi-dict form (Starlette's) signs each value of a repeated field, sorted."""
    form = ImmutableMultiDict([("Tag", "b"), ("Body", "hi"), ("Tag", "a")])
    data = DOC_URL + "Bodyhi" + "Taga" + "Tagb"
    digest = hmac.new(DOC_TOKEN.encode(), data.encode(), hashlib.sha1).digest()
    assert signature_valid(DOC_TOKEN, DOC_URL, form, base64.b64encode(digest).decode())
    assert not signature_valid(DOC_TOKEN, DOC_URL, dict(form), base64.b64encode(digest).decode())


def test_builder_signature_verifies_inbound_form() -> None:
    """A form and signature built like Twilio's verify with our check."""
    url = "https://support.example.com/channels/twilio/inbound"
    form = twilio_form(body="Ünïcode ✓ and emoji 😀", whatsapp=True, profile_name="Zoë")
    assert signature_valid("secret", url, form, twilio_signature("secret", url, form))


# --------------------------------------------------------------------------- inbound


def test_parse_inbound_sms() -> None:
    """An incoming SMS yields numbers, body and no media."""
    form = twilio_form(
        from_number="+14155550100", to_number="+14155550199", body="Where is my order?"
    )
    parsed = parse_inbound(form)
    assert parsed == InboundText(
        provider_id=form["MessageSid"],
        from_number="+14155550100",
        to_number="+14155550199",
        whatsapp=False,
        body="Where is my order?",
        profile_name=None,
        media=(),
    )


def test_parse_inbound_whatsapp_strips_the_prefix() -> None:
    """A WhatsApp message is flagged, loses the whatsapp: prefix and keeps ProfileName."""
    form = twilio_form(whatsapp=True, profile_name="Jane Doe", body="Hola")
    assert form["From"].startswith("whatsapp:")
    parsed = parse_inbound(form)
    assert isinstance(parsed, InboundText)
    assert parsed.whatsapp
    assert parsed.from_number == "+14155550100"
    assert parsed.to_number == "+14155550199"
    assert parsed.profile_name == "Jane Doe"
    assert parsed.body == "Hola"


def test_parse_inbound_media() -> None:
    """Media come as (url, content type) pairs in index order; the body may be empty."""
    media = [
        ("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "image/jpeg"),
        ("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2", "audio/ogg"),
    ]
    parsed = parse_inbound(twilio_form(body="", media=media, whatsapp=True))
    assert isinstance(parsed, InboundText)
    assert parsed.media == tuple(media)
    assert parsed.body == ""


def test_parse_inbound_falls_back_to_sms_sid() -> None:
    """The deprecated SmsSid identifies a message when MessageSid is absent."""
    form = twilio_form(message_sid="SMabc")
    del form["MessageSid"]
    parsed = parse_inbound(form)
    assert parsed.provider_id == "SMabc"


def test_parse_status_callback() -> None:
    """A status callback yields the sid, the status and no error code."""
    parsed = parse_inbound(twilio_status_form(message_sid="SM1", status="delivered"))
    assert parsed == StatusUpdate("SM1", "delivered", None)


def test_parse_failed_status_keeps_the_error_code() -> None:
    """A failed WhatsApp delivery carries Twilio's error code (63016: outside the window)."""
    form = twilio_status_form(message_sid="SM2", status="failed", error_code="63016")
    assert parse_inbound({**form, "To": "whatsapp:+1"}) == StatusUpdate("SM2", "failed", "63016")


@pytest.mark.parametrize(
    ("drop", "extra", "message"),
    [
        (("MessageSid", "SmsSid", "SmsMessageSid"), {}, "MessageSid"),
        (("From",), {}, "From or To"),
        (("To",), {}, "From or To"),
        ((), {"MessageStatus": " "}, "MessageStatus"),
        ((), {"NumMedia": "two"}, "NumMedia"),
        ((), {"NumMedia": "1"}, "MediaUrl0"),
        ((), {"From": "messenger:1234"}, "messenger:"),
    ],
    ids=["sid", "from", "to", "empty-status", "num-media", "media-url", "channel"],
)
def test_parse_refuses_incomplete_forms(
    drop: tuple[str, ...], extra: dict[str, str], message: str
) -> None:
    """A form missing what identifies it raises ValueError naming the field."""
    form = {k: v for k, v in twilio_form().items() if k not in drop} | extra
    with pytest.raises(ValueError, match=message):
        parse_inbound(form)


# --------------------------------------------------------------------------- splitting


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_chunks(body: str, chunks: list[str], limit: int) -> None:
    assert all(chunk and chunk == chunk.strip() for chunk in chunks)
    assert all(units(chunk) <= limit for chunk in chunks)
    assert "".join("".join(chunks).split()) == "".join(body.split())


def test_split_short_text_is_one_chunk() -> None:
    """A text within the limit comes back whole (trimmed)."""
    assert split_text("  Thanks, that helped!\n", 1600) == ["Thanks, that helped!"]


def test_split_blank_text_is_no_chunk() -> None:
    """Nothing to send gives no chunk at all, never an empty one."""
    assert split_text("", 10) == []
    assert split_text(" \n\t ", 10) == []


def test_split_prefers_paragraphs() -> None:
    """Two paragraphs that do not fit together go out one each."""
    first = "First paragraph. It has two sentences."
    second = "Second paragraph, one sentence."
    assert split_text(f"{first}\n\n{second}", 60) == [first, second]


def test_split_prefers_sentences_over_words() -> None:
    """Inside a paragraph the cut falls after a sentence, not mid-sentence."""
    text = "Your refund was issued today. It should arrive within five business days."
    assert split_text(text, 50) == [
        "Your refund was issued today.",
        "It should arrive within five business days.",
    ]


def test_split_falls_back_to_words() -> None:
    """Without sentence ends, chunks end at a word boundary."""
    text = " ".join(["word"] * 30)
    chunks = split_text(text, 22)
    check_chunks(text, chunks, 22)
    assert all(set(chunk.split()) == {"word"} for chunk in chunks)


def test_split_cuts_inside_a_word_only_when_it_must() -> None:
    """A single word longer than the limit is cut hard."""
    chunks = split_text("x" * 25, 10)
    assert chunks == ["x" * 10, "x" * 10, "x" * 5]


def test_split_counts_astral_characters_as_two() -> None:
    """Emoji outside the BMP take two units, so no chunk overflows a UTF-16 count."""
    text = "😀" * 9
    chunks = split_text(text, 4)
    check_chunks(text, chunks, 4)
    assert chunks == ["😀😀"] * 4 + ["😀"]


def test_split_refuses_a_limit_below_two() -> None:
    """A limit too small for every character is a caller error."""
    with pytest.raises(ValueError, match="limit"):
        split_text("hello", 1)


def test_split_sms_sized_answer() -> None:
    """A long answer for SMS comes out in chunks of at most 1600, no text lost."""
    sentence = "Open Settings, then Billing, and choose Download invoice. "
    text = "\n\n".join(sentence * 12 for _ in range(8))
    chunks = split_text(text, MAX_BODY)
    check_chunks(text, chunks, MAX_BODY)
    assert len(chunks) == 4
    assert all(chunk.endswith(".") for chunk in chunks)


def test_split_properties_hold_for_random_texts() -> None:
    """For varied texts and limits: no empty chunk, none over the limit, no text lost."""
    rng = random.Random(1234)
    pieces = ["a", "word", "longerword", "é", "😀", "你好", ".", "!", " ", " ", "\n", "\n\n", "  "]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 120)))
        limit = rng.randint(2, 40)
        check_chunks(text, split_text(text, limit), limit)


# --------------------------------------------------------------------------- sending


async def test_send_creates_a_message() -> None:
    """A send posts To/From/Body/StatusCallback with basic auth and returns the sid."""
    with twilio_server() as (base_url, state):
        async with httpx.AsyncClient() as client:
            sid = await send(
                client,
                api_base=base_url,
                account_sid=state.account_sid,
                auth_token=state.auth_token,
                from_number="+14155550199",
                to_number="+14155550100",
                body="Your ticket #42 is resolved.",
                whatsapp=False,
                status_callback="https://support.example.com/twilio/status",
            )
    assert sid.startswith("SM")
    [sent] = state.messages
    assert (sent.sid, sent.to, sent.from_, sent.body) == (
        sid,
        "+14155550100",
        "+14155550199",
        "Your ticket #42 is resolved.",
    )
    assert sent.status_callback == "https://support.example.com/twilio/status"


async def test_send_whatsapp_prefixes_both_numbers() -> None:
    """WhatsApp through Twilio addresses both ends as whatsapp:+E.164, once."""
    with twilio_server() as (base_url, state):
        async with httpx.AsyncClient() as client:
            await send(
                client,
                api_base=base_url,
                account_sid=state.account_sid,
                auth_token=state.auth_token,
                from_number="whatsapp:+14155550199",
                to_number="+14155550100",
                body="Hola",
                whatsapp=True,
                status_callback=None,
            )
    [sent] = state.messages
    assert (sent.to, sent.from_) == ("whatsapp:+14155550100", "whatsapp:+14155550199")
    assert sent.status_callback is None


async def send_one(
    base_url: str,
    *,
    account_sid: str,
    auth_token: str,
    body: str = "Hello",
    timeout: float = 5.0,
) -> str:
    async with httpx.AsyncClient(timeout=timeout) as client:
        return await send(
            client,
            api_base=base_url,
            account_sid=account_sid,
            auth_token=auth_token,
            from_number="+14155550199",
            to_number="+14155550100",
            body=body,
            whatsapp=False,
            status_callback=None,
        )


async def test_send_with_a_wrong_token_is_not_retryable() -> None:
    """Bad credentials answer 401 code 20003, and retrying cannot help."""
    with twilio_server() as (base_url, state), pytest.raises(ProviderError) as caught:
        await send_one(base_url, account_sid=state.account_sid, auth_token="wrong-token")
    assert (caught.value.status, caught.value.provider_code) == (401, 20003)
    assert not caught.value.retryable
    assert state.messages == []


async def test_send_refused_request_is_not_retryable() -> None:
    """An empty body answers 400 code 21602 with Twilio's message."""
    with twilio_server() as (base_url, state), pytest.raises(ProviderError) as caught:
        await send_one(
            base_url, account_sid=state.account_sid, auth_token=state.auth_token, body=""
        )
    assert (caught.value.status, caught.value.provider_code) == (400, 21602)
    assert "body is required" in caught.value.message
    assert not caught.value.retryable


@pytest.mark.parametrize("status", [429, 500, 503])
async def test_send_server_trouble_is_retryable(status: int) -> None:
    """429 and 5xx are retryable, and the next attempt goes through."""
    with twilio_server() as (base_url, state):
        state.fail_next = [status]
        with pytest.raises(ProviderError) as caught:
            await send_one(base_url, account_sid=state.account_sid, auth_token=state.auth_token)
        assert caught.value.status == status
        assert caught.value.retryable
        assert (
            await send_one(base_url, account_sid=state.account_sid, auth_token=state.auth_token)
        ).startswith("SM")
    assert len(state.messages) == 1


async def test_send_timeout_is_retryable() -> None:
    """A request that outlasts the client's timeout raises a retryable error, status 0,
    although Twilio may still create the message: a retry can send the text twice."""
    with twilio_server() as (base_url, state):
        state.hang_next, state.hang_s = 1, 2 * SHORT_TIMEOUT_S
        with pytest.raises(ProviderError) as caught:
            await send_one(
                base_url,
                account_sid=state.account_sid,
                auth_token=state.auth_token,
                timeout=SHORT_TIMEOUT_S,
            )
        for _ in range(200):
            if state.messages:
                break
            await asyncio.sleep(0.01 * TIMEOUT_SCALE)
    assert caught.value.status == 0
    assert caught.value.retryable
    assert "Timeout" in caught.value.message
    assert len(state.messages) == 1


async def test_send_to_an_unreachable_api_is_retryable() -> None:
    """A refused connection is a retryable network error."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ProviderError) as caught:
        await send_one(f"http://127.0.0.1:{port}", account_sid="AC1", auth_token="token")
    assert caught.value.status == 0
    assert caught.value.retryable
