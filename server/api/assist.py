"""AI help for agents over HTTP (README "AI help for agents"): a suggested reply drafted
from the knowledge base, and a summary of the conversation. Both only answer the agent;
nothing reaches the customer until the agent sends it."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse

from server.api.handlers import principal, services
from server.api.schemas import Strict
from server.protocol import objects


class SuggestionOut(Strict):
    body: str = Field(description="the draft, Markdown; empty when the AI holds back")
    answerable: bool = Field(description="whether the knowledge base answers the question")
    reason: str = Field(
        description='"answered", or why there is no draft: "no_question", "budget", '
        '"not_grounded", or the answerability verdict (e.g. "no_match", "refund")'
    )
    citations: list[dict[str, Any]] = Field(
        description="[{article_id, title, url?}]: the source of the draft, or the closest "
        "articles when there is none"
    )
    question: dict[str, Any] | None = Field(
        description="{id, seq, body}: the customer's message the draft answers"
    )


class SummaryOut(Strict):
    summary: str
    by: str = Field(description='"llm" or "extractive"')


async def suggest_reply(request: Request) -> JSONResponse:
    who = await principal(request)
    draft = await services(request).answers.draft(who, request.path_params["id"])
    asked = draft.question
    return JSONResponse(
        SuggestionOut(
            body=draft.body,
            answerable=draft.why == "answered",
            reason=draft.why,
            citations=[objects.citation(c) for c in draft.citations],
            question=None
            if asked is None
            else {"id": str(asked.id), "seq": asked.seq, "body": asked.body},
        ).model_dump()
    )


async def summarize(request: Request) -> JSONResponse:
    who = await principal(request)
    found = await services(request).summaries.summarize(who, request.path_params["id"])
    return JSONResponse(SummaryOut(summary=found.text, by=found.by).model_dump())
