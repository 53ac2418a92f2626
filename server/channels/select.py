"""The channel adapters a process uses, built from ``Settings`` by the composition root
(``app.py``, the worker) and handed to the services as one ``ChannelRegistry``."""

from __future__ import annotations

from contextlib import AsyncExitStack

import httpx

from server.channels.base import ChannelRegistry
from server.channels.email import EmailAdapter
from server.channels.http import ProviderHttp
from server.channels.twilio import TwilioAdapter
from server.channels.whatsapp import WhatsAppCloudAdapter
from server.clock import Clock
from server.config import Settings


def channel_adapters(
    settings: Settings, clock: Clock, client: httpx.AsyncClient
) -> ChannelRegistry:
    """Every (kind, provider) a channel may have (the channels table's CHECK): e-mail by
    SMTP and Mailgun; SMS and WhatsApp by Twilio; WhatsApp by Meta. ``client`` is the
    pooled HTTP client the HTTP providers share."""
    return ChannelRegistry(
        [
            EmailAdapter(settings.smtp_url, settings.mailgun_signing_key, clock),
            TwilioAdapter("sms", client, settings.public_url),
            TwilioAdapter("whatsapp", client, settings.public_url),
            WhatsAppCloudAdapter(client),
        ]
    )


def channels_in(settings: Settings, clock: Clock, stack: AsyncExitStack) -> ChannelRegistry:
    """``channel_adapters`` with a pooled HTTP client that closes when ``stack`` closes."""
    http = ProviderHttp()
    stack.push_async_callback(http.close)
    return channel_adapters(settings, clock, http.client)
