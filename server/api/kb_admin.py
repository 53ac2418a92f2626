"""Knowledge-base administration over HTTP (admins): uploading help-center files,
re-embedding every article, and the questions each article answered."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse

from server.api.body import query_int, read_limited, replay
from server.api.handlers import principal, services
from server.api.schemas import CitedQuestionOut, CitedQuestions, ReingestSummary, UploadSummary
from server.clock import rfc3339
from server.errors import BadRequest

MAX_PARTS = 1000  # files in one multipart upload (archives hold more)


async def upload_articles(request: Request) -> JSONResponse:
    """multipart/form-data: one or more file parts (articles or .zip archives of them,
    under any field name) and an optional `base_url` field (kb_ingest's --base-url)."""
    who = await principal(request)
    svc = services(request)
    if request.headers.get("content-type", "").split(";")[0].strip() != "multipart/form-data":
        raise BadRequest("Content-Type must be multipart/form-data")
    limit = svc.settings.kb_upload_max_bytes
    body = await read_limited(request, limit)  # 413 before anything is parsed
    replayed = Request(request.scope, receive=replay(body))
    # A malformed body is Starlette's 400 (errors.on_http_exception).
    form = await replayed.form(max_files=MAX_PARTS, max_fields=20)
    files = []
    base_url = None
    try:
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                files.append((value.filename or name, await value.read()))
            elif name == "base_url" and value.strip():
                base_url = value.strip()
            else:
                raise BadRequest(f"unknown form field {name!r} (files, and base_url)")
    finally:
        await form.close()
    summary = await svc.knowledge.upload(who, files, max_bytes=limit, base_url=base_url)
    out = UploadSummary(articles=summary.articles, chunks=summary.chunks, skipped=summary.skipped)
    return JSONResponse(out.model_dump())


async def reingest(request: Request) -> JSONResponse:
    """Every article of the tenant chunked and embedded again with this server's model."""
    who = await principal(request)
    summary = await services(request).knowledge.reingest(who)
    return JSONResponse(
        ReingestSummary(articles=summary.articles, chunks=summary.chunks).model_dump()
    )


async def article_questions(request: Request) -> JSONResponse:
    """The recent visitor questions AI answers citing this article answered."""
    who = await principal(request)
    limit = query_int(request, "limit", 20, low=1, high=200)
    found = await services(request).knowledge.questions(who, request.path_params["id"], limit)
    out = CitedQuestions(
        questions=[
            CitedQuestionOut(
                conversation_id=str(q.conversation_id), text=q.text, asked_at=rfc3339(q.asked_at)
            )
            for q in found
        ]
    )
    return JSONResponse(out.model_dump())
