"""Every HTTP request gets an id: the caller's `X-Request-ID` when it is a sane token (a
load balancer's), else a new one; echoed in the response and carried by every log record
written while handling it. The request's client address is bound here too, for the audit
log (server/domain/client_address.py)."""

from __future__ import annotations

import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

import server.logs as logs
from server.domain import client_address

_SANE = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


class RequestIds:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _SANE.match(given) else uuid.uuid4().hex
        token = logs.REQUEST_ID.set(request_id)
        # uvicorn already put a trusted proxy's X-Forwarded-For here (FORWARDED_ALLOW_IPS).
        client = scope.get("client")
        address = client_address.bind(client[0] if client else None)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            client_address.CLIENT_ADDRESS.reset(address)
            logs.REQUEST_ID.reset(token)
