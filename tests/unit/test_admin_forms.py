"""The pure checks behind the widget, channel and upload endpoints: the widget's look, the
channel forms shared by the CLI and HTTP, and how an uploaded archive is read."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest

from server.domain import channel_forms, widget
from server.domain.tenant_settings import TenantSettings
from server.errors import TooLarge, ValidationFailed
from server.kb.uploads import Upload, unpack


def test_a_look_changes_only_the_keys_given() -> None:
    settings = TenantSettings().changed({"widget": {"theme": "light"}})
    settings = settings.changed({"widget": {"brand_color": "#ABCDEF"}})
    assert settings.widget == {**widget.DEFAULT_LOOK, "theme": "light", "brand_color": "#abcdef"}
    stored = TenantSettings.from_stored({"widget": {"theme": "neon"}})
    assert stored.widget == widget.DEFAULT_LOOK  # a malformed stored look: the defaults
    for bad in ({"theme": "neon"}, {"logo": "x"}, {"greeting": "a\x00b"}, {"brand_color": "#fff"}):
        with pytest.raises(ValidationFailed):
            TenantSettings().changed({"widget": bad})


def test_the_snippet_is_one_escaped_tag() -> None:
    assert widget.snippet("https://help.example", 'wk_a"b') == (
        '<script src="https://help.example/widget.js" data-widget-key="wk_a&quot;b" async></script>'
    )


def test_channel_forms_as_the_cli_and_http_spell_them() -> None:
    given = {"number": "+14155550100", "account_sid": "AC1", "auth_token": "t"}
    form = channel_forms.channel_form("sms", "twilio", given)
    assert (form.address, form.settings, form.secrets) == (
        "+14155550100",
        {"account_sid": "AC1"},
        {"auth_token": "t"},
    )
    with pytest.raises(ValidationFailed, match="needs --account-sid, --auth-token"):
        channel_forms.channel_form(
            "sms", "twilio", {"number": "+14155550100"}, channel_forms.as_flag
        )
    with pytest.raises(ValidationFailed, match="needs account_sid, auth_token"):
        channel_forms.channel_form("sms", "twilio", {"number": "+14155550100"})
    with pytest.raises(ValidationFailed, match="takes no app_secret"):
        channel_forms.channel_form("sms", "twilio", {**given, "app_secret": "s"})
    email = channel_forms.channel_form("email", None, {"address": " Help@Shop.Example "})
    assert (email.provider, email.address, email.secrets) == ("smtp", "help@shop.example", {})
    assert channel_forms.credentials_form(
        "meta", {"app_secret": "a", "verify_token": "v", "access_token": "x"}
    ) == {
        "app_secret": "a",
        "verify_token": "v",
        "access_token": "x",
    }
    with pytest.raises(ValidationFailed):
        channel_forms.credentials_form("smtp", {"auth_token": "t"})
    channel_id = uuid.uuid4()
    assert channel_forms.webhook_path("meta", channel_id) == f"/v1/channels/whatsapp/{channel_id}"
    assert channel_forms.webhook_path("smtp", channel_id) is None


def zipped(*entries: zipfile.ZipInfo | tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry in entries:
            if isinstance(entry, zipfile.ZipInfo):
                zf.writestr(entry, b"target.md")
            else:
                zf.writestr(entry[0], entry[1])
    return buffer.getvalue()


def encrypted(data: bytes) -> bytes:
    """The archive with its entries' "encrypted" flag set (zipfile writes none itself)."""
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = patched.find(signature)
        patched[at + offset] |= 0x1
    return bytes(patched)


def test_an_archive_of_a_folder_reads_from_inside_it() -> None:
    data = zipped(
        ("help/billing.md", b"# Billing"),
        ("help/guides/setup.md", b"# Setup"),
        ("help/logo.png", b"\x89PNG"),
        ("__MACOSX/help/._billing.md", b"\x00\x05"),
        ("help/", b""),
    )
    got = unpack([Upload("help.zip", data), Upload("faq.html", b"<h1>FAQ</h1>")], 10_000)
    assert [path for path, _ in got.files] == ["billing.md", "guides/setup.md", "faq.html"]
    assert got.passed_over == 1


def test_unsafe_archives_are_refused() -> None:
    link = zipfile.ZipInfo("docs/link.md")
    link.external_attr = 0o120777 << 16
    for entry in (("../up.md", b"x"), ("/abs.md", b"x"), ("a/./b.md", b"x"), link):
        with pytest.raises(ValidationFailed):
            unpack([Upload("docs.zip", zipped(entry))], 10_000)
    with pytest.raises(ValidationFailed, match="encrypted"):
        unpack([Upload("locked.zip", encrypted(zipped(("docs/locked.md", b"x"))))], 10_000)
    with pytest.raises(TooLarge):
        unpack([Upload("bomb.zip", zipped(("big.md", b"0" * 20_000)))], 10_000)
    with pytest.raises(TooLarge):  # the files together, not each
        unpack([Upload("a.md", b"x" * 6000), Upload("b.md", b"y" * 6000)], 10_000)
    with pytest.raises(ValidationFailed, match="twice"):
        unpack([Upload("a.md", b"x"), Upload("z.zip", zipped(("a.md", b"y")))], 10_000)
