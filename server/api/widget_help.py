"""The widget's own HTTP paths, each with the visitor token as bearer (PROTOCOL.md
additions, DESIGN.md HTTP table): the e-mail capture (`/v1/widget/capture`) and the help
center (`/v1/widget/help/...`). Rate-limited per visitor (services/visitor_rate.py);
another tenant's article is not found."""

from __future__ import annotations

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse

from server.api.body import query_int, read_json
from server.api.handlers import principal, services
from server.api.schemas import Strict
from server.services.email_capture import CaptureState

SNIPPET_CHARS = 240


class CaptureIn(Strict):
    email: str = Field(max_length=320, description="where replies are mailed while away")


class CaptureOut(Strict):
    email_on_file: bool = Field(description="the visitor's contact has an address")
    outside_hours: bool = Field(description="the tenant is outside its business hours now")
    stored: bool = Field(
        True, description="false: the contact's verified address was kept, not replaced"
    )

    @classmethod
    def of(cls, state: CaptureState) -> CaptureOut:
        return cls(
            email_on_file=state.email_on_file,
            outside_hours=state.outside_hours,
            stored=state.stored,
        )


class HelpHit(Strict):
    article_id: str
    title: str
    snippet: str = Field(description="the passage found, cut to 240 characters")
    url: str | None = None


class HelpResults(Strict):
    results: list[HelpHit]


class HelpArticle(Strict):
    id: str
    title: str
    body: str = Field(description="Markdown")
    url: str | None = None


async def capture_state(request: Request) -> JSONResponse:
    """Whether to offer the prompt: outside business hours? an address on file?"""
    who = await principal(request)
    state = await services(request).email_capture.state(who)
    return JSONResponse(CaptureOut.of(state).model_dump())


async def capture(request: Request) -> JSONResponse:
    """Store the visitor's address (validated; the same one again is a no-op)."""
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, CaptureIn, svc.settings.max_body_bytes)
    state = await svc.email_capture.capture(who, body.email)
    return JSONResponse(CaptureOut.of(state).model_dump())


async def help_search(request: Request) -> JSONResponse:
    """The tenant's knowledge base, searched as the assistant searches it."""
    who = await principal(request)
    limit = query_int(request, "limit", 5, low=1, high=10)
    hits = await services(request).help_center.search(who, request.query_params.get("q", ""), limit)
    out = HelpResults(
        results=[
            HelpHit(
                article_id=str(hit.article_id),
                title=hit.title,
                snippet=_snippet(hit.content),
                url=hit.url,
            )
            for hit in hits
        ]
    )
    return JSONResponse(out.model_dump())


async def help_article(request: Request) -> JSONResponse:
    """One article of the visitor's tenant, to read inside the widget."""
    who = await principal(request)
    found = await services(request).help_center.article(who, request.path_params["id"])
    out = HelpArticle(id=str(found.id), title=found.title, body=found.body, url=found.url)
    return JSONResponse(out.model_dump())


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rstrip() + "…"
