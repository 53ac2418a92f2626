"""What adding a customer channel takes (DESIGN.md `flowsupport channel add`), checked
once for the CLI's flags and the HTTP API's fields alike. Pure.

Three forms: e-mail (an address); SMS or WhatsApp through Twilio (a number, the account
SID and auth token); WhatsApp by Meta's Cloud API (the phone number id, app secret, verify
token and access token). Either provider may be given its API's base URL (tests, proxies).
Secrets are what gets sealed (server/channels/secretbox.py); the rest is plain settings.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from server.domain import validation
from server.errors import ValidationFailed

FIELDS = (
    "address",
    "number",
    "account_sid",
    "auth_token",
    "phone_number_id",
    "app_secret",
    "verify_token",
    "access_token",
    "api_base",
)
# Per provider: the fields sealed as its credentials, then the others it needs.
SECRETS: dict[str, tuple[str, ...]] = {
    "twilio": ("auth_token",),
    "meta": ("app_secret", "verify_token", "access_token"),
}
_NEEDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("email", "smtp"): ("address",),
    ("sms", "twilio"): ("number", "account_sid", "auth_token"),
    ("whatsapp", "twilio"): ("number", "account_sid", "auth_token"),
    ("whatsapp", "meta"): ("phone_number_id", "app_secret", "verify_token", "access_token"),
}
# The path of each provider's webhook (api/routes.py), by provider.
_WEBHOOKS = {"twilio": "twilio", "meta": "whatsapp"}
_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
MAX_FIELD_CHARS = 1000

# How a field is named to the person who typed it: `number` over HTTP, `--number` on the CLI.
Spelling = Callable[[str], str]


def as_field(name: str) -> str:
    return name


def as_flag(name: str) -> str:
    return "--" + name.replace("_", "-")


@dataclass(frozen=True)
class ChannelForm:
    """A channel to add, checked: its address, plain settings and secrets to seal."""

    kind: str
    provider: str
    address: str
    settings: dict[str, Any]
    secrets: dict[str, str]


def channel_form(
    kind: str, provider: str | None, given: Mapping[str, str | None], spell: Spelling = as_field
) -> ChannelForm:
    """The form `given` fills in for a `kind` channel by `provider` (e-mail needs none);
    raises ValidationFailed naming what is missing, malformed or out of place."""
    chosen = provider or ("smtp" if kind == "email" else "")
    needs = _NEEDS.get((kind, chosen))
    if needs is None:
        if kind not in ("email", "sms", "whatsapp"):
            raise ValidationFailed(f"{spell('kind')} must be email, sms or whatsapp")
        raise ValidationFailed(
            f"{spell('provider')} must be twilio (sms, whatsapp) or meta (whatsapp)"
        )
    values = {name: _text(given.get(name), spell(name)) for name in FIELDS}
    missing = [spell(n) for n in needs if not values[n]]
    if missing:
        raise ValidationFailed(f"a {kind} channel by {chosen} needs {', '.join(missing)}")
    optional = ("api_base",) if chosen != "smtp" else ()
    stray = [spell(n) for n in FIELDS if values[n] and n not in needs + optional]
    if stray:
        raise ValidationFailed(f"a {kind} channel by {chosen} takes no {', '.join(stray)}")
    if chosen == "smtp":
        return ChannelForm(kind, chosen, validation.email(values["address"]), {}, {})
    settings: dict[str, Any] = {}
    if values["api_base"]:
        settings["api_base"] = _api_base(values["api_base"], spell)
    secrets = {name: values[name] for name in SECRETS[chosen]}
    if chosen == "twilio":
        if not _E164.match(values["number"]):
            raise ValidationFailed(f"{spell('number')} must be in E.164 form, e.g. +14155550100")
        settings["account_sid"] = values["account_sid"]
        return ChannelForm(kind, chosen, values["number"], settings, secrets)
    return ChannelForm(kind, chosen, values["phone_number_id"], settings, secrets)


def credentials_form(
    provider: str, given: Mapping[str, str | None], spell: Spelling = as_field
) -> dict[str, str]:
    """A provider's credentials given anew (to re-seal them): exactly its secret fields."""
    names = SECRETS.get(provider)
    if names is None:
        raise ValidationFailed("an e-mail channel has no credentials to replace")
    stray = sorted(set(given) - set(names))
    if stray:
        raise ValidationFailed(f"{spell(stray[0])} is not a {provider} credential")
    values = {name: _text(given.get(name), spell(name)) for name in names}
    missing = [spell(n) for n in names if not values[n]]
    if missing:
        raise ValidationFailed(f"{provider} credentials need {', '.join(missing)}")
    return values


def webhook_path(provider: str, channel_id: uuid.UUID) -> str | None:
    """Where the provider calls this channel (None: e-mail arrives by the shared Mailgun
    webhook or the SMTP listener, named by address)."""
    segment = _WEBHOOKS.get(provider)
    return None if segment is None else f"/v1/channels/{segment}/{channel_id}"


def _text(value: str | None, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationFailed(f"{name} must be text")
    cleaned = value.strip()
    if len(cleaned) > MAX_FIELD_CHARS or any(ord(ch) < 32 for ch in cleaned):
        raise ValidationFailed(f"{name} must be one line of at most {MAX_FIELD_CHARS} characters")
    return cleaned


def _api_base(value: str, spell: Spelling) -> str:
    """A provider API's base URL (tests point it at a local stand-in)."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationFailed(f"{spell('api_base')} must be an http(s) URL")
    return value.rstrip("/")
