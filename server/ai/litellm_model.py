"""Answers written by any LLM provider through LiteLLM, streamed token by token.

LiteLLM is imported on first use only (its import costs seconds) and with
LITELLM_LOCAL_MODEL_COST_MAP set, so it never fetches a price list from the network.
Rate limits and server errors before the first token are retried within a small time
budget; after the first token a failure ends the stream (the caller marks the answer
interrupted): never two competing answers.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from server.ai import grounding
from server.ai.base import (
    CHARS_PER_TOKEN,
    AnswerRequest,
    Grounding,
    Handoff,
    TokenUsage,
    estimate_tokens,
)
from server.ai.prompts import build_grounding_messages, build_messages, build_summary_messages
from server.errors import Unavailable
from server.llm_calls import import_litellm, with_retries


class LiteLLMModel:
    def __init__(
        self,
        model: str,
        *,
        api_base: str | None = None,
        api_key: str | None = None,
        retry_budget_s: float = 4.0,
        first_token_timeout_s: float = 20.0,
        max_tokens: int = 500,
    ) -> None:
        self._model = model
        self._api_base = api_base
        self._api_key = api_key
        self._retry_budget_s = retry_budget_s
        self._first_token_timeout_s = first_token_timeout_s
        self._max_tokens = max_tokens

    @property
    def uses_tokens(self) -> bool:
        return True

    def prompt_tokens(self, request: AnswerRequest) -> int:
        """The answer's prompt and the self-check's, which is sent first."""
        messages = build_messages(request) + build_grounding_messages(request)
        return sum(estimate_tokens(m["content"]) for m in messages)

    async def stream(self, request: AnswerRequest, usage: TokenUsage) -> AsyncIterator[str]:
        """Pieces as the provider sends them; `usage` takes the provider's own count when it
        reports one (OpenAI-style `include_usage`), else an estimate from the text."""
        response = await self._open(request)
        # Accepted: the prompt is spent (the provider's own count replaces this when given).
        usage.prompt_tokens = sum(estimate_tokens(m["content"]) for m in build_messages(request))
        written_chars = 0
        reported = False
        try:
            async for chunk in response:
                counted = getattr(chunk, "usage", None)
                if counted is not None and getattr(counted, "total_tokens", None):
                    usage.prompt_tokens = int(counted.prompt_tokens or 0)
                    usage.completion_tokens = int(counted.completion_tokens or 0)
                    reported = True
                choices = getattr(chunk, "choices", None) or []
                text = (
                    getattr(getattr(choices[0], "delta", None), "content", None)
                    if choices
                    else None
                )
                if text:
                    written_chars += len(text)
                    if not reported:
                        usage.completion_tokens = -(-written_chars // CHARS_PER_TOKEN)
                    yield text
        finally:
            # ai.stop or an error: close the upstream HTTP stream now, not at garbage collection.
            closer = getattr(response, "aclose", None)
            if closer is not None:
                with contextlib.suppress(Exception):
                    await closer()

    async def ground(self, request: AnswerRequest, usage: TokenUsage) -> Grounding:
        """Ask the model whether the sources answer the question (a JSON reply, read by
        ai/grounding.py); its tokens count like an answer's."""
        messages = build_grounding_messages(request)
        response = await self._call(messages, stream=False, max_tokens=60, json_reply=True)
        text = str(response.choices[0].message.content or "")
        _count(usage, response, messages, text)
        return grounding.parse(text, len(request.passages))

    async def summarize(self, handoff: Handoff, usage: TokenUsage) -> str:
        """A handoff note in one (non-streamed) completion, retried like an answer."""
        messages = build_summary_messages(handoff)
        response = await self._call(messages, stream=False, max_tokens=300)
        text = str(response.choices[0].message.content or "").strip()
        _count(usage, response, messages, text)
        if not text:
            raise Unavailable("the LLM returned an empty summary")
        return text

    async def _open(self, request: AnswerRequest) -> Any:
        return await self._call(build_messages(request), stream=True, max_tokens=self._max_tokens)

    async def _call(
        self,
        messages: list[dict[str, str]],
        *,
        stream: bool,
        max_tokens: int,
        json_reply: bool = False,
    ) -> Any:
        litellm = import_litellm()
        extra: dict[str, Any] = {"stream_options": {"include_usage": True}} if stream else {}
        if json_reply:
            extra["response_format"] = {"type": "json_object"}
        return await with_retries(
            lambda: litellm.acompletion(
                model=self._model,
                messages=messages,
                stream=stream,
                api_base=self._api_base,
                api_key=self._api_key,
                max_tokens=max_tokens,
                timeout=self._first_token_timeout_s,
                num_retries=0,
                **extra,
            ),
            budget_s=self._retry_budget_s,
            max_wait_s=2.0,
            failed="LLM provider failed",
        )


def _count(usage: TokenUsage, response: Any, messages: list[dict[str, str]], text: str) -> None:
    """Add a non-streamed completion's tokens to `usage`: the provider's count, else an
    estimate from the text."""
    counted = getattr(response, "usage", None)
    usage.prompt_tokens += int(getattr(counted, "prompt_tokens", 0) or 0) or sum(
        estimate_tokens(m["content"]) for m in messages
    )
    usage.completion_tokens += int(getattr(counted, "completion_tokens", 0) or 0) or (
        estimate_tokens(text)
    )
