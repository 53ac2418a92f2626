"""A local OpenAI-compatible chat server: streams scripted Server-Sent Events, can answer
429/500, break off mid-stream or stall, and records every request it received.

Runs uvicorn in its own thread and loop, so it serves while the test's loop waits.
LiteLLM talks to it over real HTTP, exactly as it would to a provider.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
import zlib
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


@dataclass
class Behaviour:
    pieces: list[str] = field(default_factory=lambda: ["Open ", "Settings", ", then ", "Billing."])
    delay_s: float = 0.0
    fail_with: list[int] = field(default_factory=list)  # statuses for the next requests
    break_after: int | None = None  # drop the connection after this many pieces
    requests: list[dict[str, Any]] = field(default_factory=list)
    prompt_tokens: int | None = 300  # reported when asked (`include_usage`); None: never
    cancelled: int = 0  # streams the client closed before the end
    embedded_texts: int = 0  # texts sent to /v1/embeddings
    # The reply to a request for a JSON object (the answer's self-check) instead of `pieces`.
    grounding: str = '{"answerable": true, "passages": [1]}'


class Broken(Exception):
    """Raised inside the stream to cut the connection mid-answer."""


def chunk(text: str | None, finish: str | None = None) -> str:
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": "fake-model",
        "choices": [
            {"index": 0, "delta": {"content": text} if text else {}, "finish_reason": finish}
        ],
    }
    return f"data: {json.dumps(body)}\n\n"


def usage_chunk(prompt_tokens: int, completion_tokens: int) -> str:
    """OpenAI's last chunk under `stream_options.include_usage`: no choices, the counts."""
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": "fake-model",
        "choices": [],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }
    return f"data: {json.dumps(body)}\n\n"


def build_app(behaviour: Behaviour) -> Starlette:
    async def completions(request: Request) -> Response:
        body = await request.json()
        behaviour.requests.append(body)
        if behaviour.fail_with:
            status = behaviour.fail_with.pop(0)
            return JSONResponse(
                {"error": {"message": "fake failure", "type": "server_error", "code": status}},
                status_code=status,
            )

        if not body.get("stream"):
            wants_json = (body.get("response_format") or {}).get("type") == "json_object"
            text = behaviour.grounding if wants_json else "".join(behaviour.pieces)
            return JSONResponse(
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": "fake-model",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {
                        "prompt_tokens": behaviour.prompt_tokens or 0,
                        "completion_tokens": len(behaviour.pieces),
                        "total_tokens": (behaviour.prompt_tokens or 0) + len(behaviour.pieces),
                    },
                }
            )

        async def events() -> AsyncIterator[str]:
            finished = False
            try:
                for index, piece in enumerate(behaviour.pieces):
                    if behaviour.break_after is not None and index >= behaviour.break_after:
                        raise Broken("cut mid-stream")
                    yield chunk(piece)
                    await asyncio.sleep(behaviour.delay_s)
                yield chunk(None, "stop")
                if behaviour.prompt_tokens is not None and body.get("stream_options", {}).get(
                    "include_usage"
                ):
                    yield usage_chunk(behaviour.prompt_tokens, len(behaviour.pieces))
                yield "data: [DONE]\n\n"
                finished = True
            finally:
                if not finished:
                    behaviour.cancelled += 1

        return StreamingResponse(events(), media_type="text/event-stream")

    async def embeddings(request: Request) -> Response:
        body = await request.json()
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        behaviour.embedded_texts += len(texts)
        data = [
            {"object": "embedding", "index": i, "embedding": bag_of_words(text)}
            for i, text in enumerate(texts)
        ]
        used = sum(len(text.split()) for text in texts)
        return JSONResponse(
            {
                "object": "list",
                "data": data,
                "model": body["model"],
                "usage": {"prompt_tokens": used, "total_tokens": used},
            }
        )

    return Starlette(
        routes=[
            Route("/v1/chat/completions", completions, methods=["POST"]),
            Route("/v1/embeddings", embeddings, methods=["POST"]),
        ]
    )


EMBEDDING_SIZE = 256


def bag_of_words(text: str) -> list[float]:
    """A deterministic stand-in for an embedding model: texts sharing words point the same
    way, so search over it behaves like a (crude) real one. Deliberately not unit length."""
    vector = [0.0] * EMBEDDING_SIZE
    for word in re.findall(r"[a-z]{3,}", text.lower()):
        vector[zlib.crc32(word.rstrip("s").encode()) % EMBEDDING_SIZE] += 1.0
    vector[0] += 0.01  # never the zero vector
    return vector


@contextmanager
def openai_server() -> Iterator[tuple[str, Behaviour]]:
    """(base URL ending in /v1, behaviour to script and inspect)."""
    behaviour = Behaviour()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        build_app(behaviour), host="127.0.0.1", port=port, log_level="error", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/v1", behaviour
    finally:
        server.should_exit = True
        thread.join(timeout=10)
