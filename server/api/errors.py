"""The one place HTTP error bodies are made: ``{"error": {"code", "message"}}``."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.errors import FlowSupportError, RateLimited

log = logging.getLogger("flowsupport.api")

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "bad_request",
    409: "conflict",
    413: "too_large",
    422: "bad_request",
    429: "rate_limited",
    503: "unavailable",
}


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


async def on_flowsupport_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FlowSupportError)
    response = error_response(exc.http_status, exc.code, exc.message)
    if isinstance(exc, RateLimited):
        response.headers["Retry-After"] = str(max(1, -(-exc.retry_after_ms // 1000)))
    if exc.http_status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    if exc.http_status >= 500:
        log.error("request failed: %s %s: %s", request.method, request.url.path, exc.message)
    return response


async def on_http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = _STATUS_CODES.get(exc.status_code, "internal")
    return error_response(exc.status_code, code, str(exc.detail))


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.error("unhandled error: %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal", "internal error")
