"""Providers' webhooks: Mailgun (inbound mail), Twilio (SMS and WhatsApp messages and
delivery statuses) and Meta's WhatsApp Cloud API. Each is authenticated exactly as its
provider specifies before anything is read further; a failure answers 403, stores
nothing and leaves an audit entry. Providers retry on doubt, so every delivery is
idempotent (one message, one AI answer, however often it arrives).
"""

from __future__ import annotations

import json
import time

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from server.api.body import read_limited
from server.api.handlers import services
from server.channels import mailgun, twilio, whatsapp
from server.domain.models import ConfiguredChannel
from server.errors import Forbidden, NotFound, TooLarge, ValidationFailed
from server.ids import parse_uuid
from server.services.inbound_text import IncomingText, TextChannel

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


async def mailgun_inbound(request: Request) -> JSONResponse:
    """Mailgun's inbound parse (a route forwarding to this URL; `body-mime` when the URL is
    used with Mailgun's raw MIME option, else the parsed fields). 406 tells Mailgun not to
    retry a delivery that can never succeed."""
    svc = services(request)
    key = svc.settings.mailgun_signing_key
    if key is None:
        raise Forbidden("the Mailgun webhook is off: set FLOWSUPPORT_MAILGUN_SIGNING_KEY")
    declared = request.headers.get("content-length")
    limit = svc.settings.max_body_bytes + 2 * svc.settings.max_attachment_bytes
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"mail larger than {limit} bytes")
    form = await request.form(max_part_size=limit)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    problem = mailgun.signature_problem(
        key,
        fields.get("timestamp", ""),
        fields.get("token", ""),
        fields.get("signature", ""),
        time.time(),
    )
    if problem is not None:
        await svc.inbound_mail.refused("mailgun", problem)
        raise Forbidden("invalid webhook signature")
    if not await svc.inbound_mail.claim_token("mailgun", fields["token"]):
        await svc.inbound_mail.refused("mailgun", "token replayed")
        return JSONResponse({"status": "duplicate"}, status_code=406)
    raw = fields.get("body-mime")
    if raw is None:
        raise ValidationFailed(
            "body-mime: send the raw MIME (Mailgun: forward to a URL ending in mime)"
        )
    recipients = [fields["recipient"]] if fields.get("recipient") else []
    delivered = await svc.inbound_mail.receive(raw.encode("utf-8", "surrogateescape"), recipients)
    if delivered is None:
        return JSONResponse({"status": "dropped"})
    return JSONResponse(
        {
            "status": "stored" if delivered.created else "duplicate",
            "conversation_id": str(delivered.conversation_id),
        }
    )


async def _channel(request: Request, provider: str) -> tuple[ConfiguredChannel, dict[str, str]]:
    """The channel the webhook URL names, of this provider, and its opened credentials."""
    svc = services(request)
    channel_id = parse_uuid(request.path_params["channel_id"], "channel")
    channel = await svc.inbound_text.channel(channel_id)
    if channel is None or channel.provider != provider or channel.sealed is None:
        raise NotFound("no such channel")
    return channel, svc.secret_box.open(channel.sealed, bound_to=str(channel.id))


def _public_url(request: Request) -> str:
    """The URL the provider called, as it signed it: the public base, not what a proxy
    in front of us forwarded."""
    base = services(request).settings.public_url
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{base}{request.url.path}{query}"


async def twilio_webhook(request: Request) -> Response:
    """Twilio Messaging: an incoming SMS/WhatsApp message, or a delivery status of ours."""
    svc = services(request)
    channel, secrets = await _channel(request, "twilio")
    form = await request.form(max_fields=200, max_part_size=svc.settings.max_body_bytes)
    params = {k: v for k, v in form.items() if isinstance(v, str)}
    signature = request.headers.get("x-twilio-signature")
    if not twilio.signature_valid(secrets["auth_token"], _public_url(request), params, signature):
        await svc.inbound_mail.refused("twilio", f"bad signature on channel {channel.id}")
        raise Forbidden("invalid X-Twilio-Signature")
    try:
        parsed = twilio.parse_inbound(params)
    except ValueError as exc:
        raise ValidationFailed(str(exc)) from None
    target = TextChannel(channel.id, channel.tenant_id, channel.kind)
    if isinstance(parsed, twilio.StatusUpdate):
        await svc.inbound_text.status(target, parsed.provider_id, parsed.status, parsed.error_code)
    else:
        if parsed.to_number != channel.address:
            raise NotFound("this number is not the channel's")
        text = IncomingText(
            "twilio", parsed.provider_id, parsed.from_number, parsed.body, parsed.profile_name
        )
        await svc.inbound_text.receive(target, text)
    return Response(EMPTY_TWIML, media_type="text/xml")


async def whatsapp_verify(request: Request) -> Response:
    """Meta's subscription check: echo hub.challenge when the verify token matches."""
    channel, secrets = await _channel(request, "meta")
    challenge = whatsapp.verify_subscription(dict(request.query_params), secrets["verify_token"])
    if challenge is None:
        await services(request).inbound_mail.refused("meta", f"bad verify token on {channel.id}")
        raise Forbidden("verify token does not match")
    return PlainTextResponse(challenge)


async def whatsapp_webhook(request: Request) -> Response:
    """Meta's WhatsApp Cloud API: messages and statuses, signed over the raw body."""
    svc = services(request)
    channel, secrets = await _channel(request, "meta")
    raw = await read_limited(request, svc.settings.max_body_bytes)
    header = request.headers.get("x-hub-signature-256")
    if not whatsapp.signature_valid(secrets["app_secret"], raw, header):
        await svc.inbound_mail.refused("meta", f"bad signature on channel {channel.id}")
        raise Forbidden("invalid X-Hub-Signature-256")
    try:
        items = whatsapp.parse_webhook(json.loads(raw))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed(f"not a WhatsApp webhook payload: {exc}") from None
    target = TextChannel(channel.id, channel.tenant_id, channel.kind)
    for item in items:
        if isinstance(item, whatsapp.StatusUpdate):
            await svc.inbound_text.status(target, item.provider_id, item.status, item.error)
        elif item.phone_number_id == channel.address:
            text = IncomingText(
                "meta", item.provider_id, item.from_number, item.body, item.profile_name
            )
            await svc.inbound_text.receive(target, text)
    return JSONResponse({"status": "ok"})
