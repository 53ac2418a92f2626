"""Customer channels over HTTP (admins): the CLI's `channel add` and its companions,
through the same service (services/channel_admin.py). Credentials go in, never out."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.api.body import read_json
from server.api.handlers import principal, services
from server.api.schemas import (
    ChannelCreated,
    ChannelCredentialsIn,
    ChannelIn,
    ChannelList,
    ChannelOut,
)
from server.clock import rfc3339
from server.domain import channel_forms
from server.domain.models import Channel
from server.services.admin import actor_of


def channel_out(channel: Channel, sealed_ok: bool, public_url: str) -> ChannelOut:
    path = channel_forms.webhook_path(channel.provider, channel.id)
    return ChannelOut(
        id=str(channel.id),
        kind=channel.kind,
        provider=channel.provider,
        address=channel.address,
        webhook_url=None if path is None else f"{public_url}{path}",
        created_at=rfc3339(channel.created_at),
        sealed_ok=sealed_ok,
    )


async def list_channels(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    tenant = await svc.admin.tenant_of(who)
    found = await svc.admin.channels.listing(tenant, actor_of(who))
    url = svc.settings.public_url
    out = ChannelList(channels=[channel_out(v.channel, v.sealed_ok, url) for v in found])
    return JSONResponse(out.model_dump())


async def add_channel(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, ChannelIn, svc.settings.max_body_bytes)
    given = {name: getattr(body, name) for name in channel_forms.FIELDS}
    form = channel_forms.channel_form(body.kind, body.provider, given)
    tenant = await svc.admin.tenant_of(who)
    channel = await svc.admin.channels.add(tenant, form, actor_of(who))
    out = channel_out(channel, True, svc.settings.public_url)
    created = ChannelCreated(channel=out, webhook_url=out.webhook_url)
    return JSONResponse(created.model_dump(), status_code=201)


async def delete_channel(request: Request) -> Response:
    who = await principal(request)
    admin = services(request).admin
    tenant = await admin.tenant_of(who)
    await admin.channels.remove(tenant, request.path_params["id"], actor_of(who))
    return Response(status_code=204)


async def reseal_channel(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, ChannelCredentialsIn, svc.settings.max_body_bytes)
    given = {name: getattr(body, name) for name in body.model_fields_set}
    tenant = await svc.admin.tenant_of(who)
    view = await svc.admin.channels.reseal(tenant, request.path_params["id"], given, actor_of(who))
    return JSONResponse(
        channel_out(view.channel, view.sealed_ok, svc.settings.public_url).model_dump()
    )
