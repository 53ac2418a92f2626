"""Providers' webhooks: Mailgun (inbound mail), Twilio (SMS and WhatsApp messages and
delivery statuses) and Meta's WhatsApp Cloud API.

A transport like the rest of api/: each handler reads the call within its size limits into
a ``WebhookCall`` (channels/base.py) and hands it to the mail or text service, which has the
channel's adapter authenticate it exactly as its provider specifies before anything is
read further (a failure answers 403, stores nothing and leaves an audit entry), then
encodes the answer the provider expects. Providers retry on doubt, so every delivery is
idempotent (one message, one AI answer, however often it arrives).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from server.api.body import read_limited
from server.api.handlers import services
from server.channels.base import WebhookCall
from server.errors import Forbidden, TooLarge
from server.ids import parse_uuid
from server.services.inbound_mail import Replayed

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


async def mailgun_inbound(request: Request) -> JSONResponse:
    """Mailgun's inbound parse (a route forwarding to this URL with Mailgun's raw MIME
    option, so it posts `body-mime`). 406 tells Mailgun not to retry a delivery that can
    never succeed."""
    svc = services(request)
    if svc.settings.mailgun_signing_key is None:  # refused before reading a byte of it
        raise Forbidden("the Mailgun webhook is off: set FLOWSUPPORT_MAILGUN_SIGNING_KEY")
    declared = request.headers.get("content-length")
    limit = svc.settings.max_body_bytes + 2 * svc.settings.max_attachment_bytes
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"mail larger than {limit} bytes")
    form = await request.form(max_part_size=limit)
    call = WebhookCall(
        url=_public_url(request),
        headers=dict(request.headers),
        form={k: v for k, v in form.items() if isinstance(v, str)},
    )
    delivered = await svc.inbound_mail.webhook(call)
    if isinstance(delivered, Replayed):
        return JSONResponse({"status": "duplicate"}, status_code=406)
    if delivered is None:
        return JSONResponse({"status": "dropped"})
    return JSONResponse(
        {
            "status": "stored" if delivered.created else "duplicate",
            "conversation_id": str(delivered.conversation_id),
        }
    )


def _public_url(request: Request) -> str:
    """The URL the provider called, as it signed it: the public base, not what a proxy
    in front of us forwarded."""
    base = services(request).settings.public_url
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{base}{request.url.path}{query}"


async def twilio_webhook(request: Request) -> Response:
    """Twilio Messaging: an incoming SMS/WhatsApp message, or a delivery status of ours."""
    svc = services(request)
    channel_id = parse_uuid(request.path_params["channel_id"], "channel")
    form = await request.form(max_fields=200, max_part_size=svc.settings.max_body_bytes)
    call = WebhookCall(
        url=_public_url(request),
        headers=dict(request.headers),
        form={k: v for k, v in form.items() if isinstance(v, str)},
    )
    await svc.inbound_text.webhook("twilio", channel_id, call)
    return Response(EMPTY_TWIML, media_type="text/xml")


async def whatsapp_verify(request: Request) -> Response:
    """Meta's subscription check: echo hub.challenge when the verify token matches."""
    channel_id = parse_uuid(request.path_params["channel_id"], "channel")
    call = WebhookCall(url=_public_url(request), query=dict(request.query_params))
    return PlainTextResponse(
        await services(request).inbound_text.subscription("meta", channel_id, call)
    )


async def whatsapp_webhook(request: Request) -> Response:
    """Meta's WhatsApp Cloud API: messages and statuses, signed over the raw body."""
    svc = services(request)
    channel_id = parse_uuid(request.path_params["channel_id"], "channel")
    raw = await read_limited(request, svc.settings.max_body_bytes)
    call = WebhookCall(url=_public_url(request), headers=dict(request.headers), body=raw)
    await svc.inbound_text.webhook("meta", channel_id, call)
    return JSONResponse({"status": "ok"})
