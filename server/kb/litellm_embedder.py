"""Embeddings from any provider LiteLLM speaks to (FLOWSUPPORT_EMBED_MODEL).

The vectors are stored under the model string as their `model_id`, so switching models
never mixes vectors: search refuses the old index until it is re-ingested. The dimension
is learned from the first answer. Providers' vectors are re-normalised to unit length, as
the search's cosine distance and the relevance threshold expect.
"""

from __future__ import annotations

import math
from typing import Any

from server.errors import Unavailable
from server.llm_calls import import_litellm, with_retries


class LiteLLMEmbedder:
    def __init__(
        self,
        model: str,
        *,
        api_base: str | None = None,
        batch_size: int = 64,
        retry_budget_s: float = 20.0,
        timeout_s: float = 60.0,
    ) -> None:
        self._model = model
        self._api_base = api_base
        self._batch_size = batch_size
        self._retry_budget_s = retry_budget_s
        self._timeout_s = timeout_s
        self._dimensions: int | None = None

    @property
    def model_id(self) -> str:
        return self._model

    @property
    def dimensions(self) -> int:
        if self._dimensions is None:
            raise RuntimeError("the dimension of an API embedding model is known after embed()")
        return self._dimensions

    async def embed(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            vectors += await self._batch(texts[start : start + self._batch_size])
        return vectors

    async def _batch(self, texts: list[str]) -> list[list[float]]:
        response = await self._call(texts)
        rows = sorted(_items(response), key=lambda row: int(row["index"]))
        if len(rows) != len(texts):
            raise Unavailable(f"{self._model} returned {len(rows)} vectors for {len(texts)} texts")
        vectors = [_unit([float(x) for x in row["embedding"]]) for row in rows]
        sizes = {len(v) for v in vectors}
        if len(sizes) != 1 or (self._dimensions is not None and sizes != {self._dimensions}):
            raise Unavailable(f"{self._model} returned vectors of sizes {sorted(sizes)}")
        self._dimensions = sizes.pop()
        return vectors

    async def _call(self, texts: list[str]) -> Any:
        litellm = import_litellm()
        return await with_retries(
            lambda: litellm.aembedding(
                model=self._model,
                input=texts,
                api_base=self._api_base,
                timeout=self._timeout_s,
                num_retries=0,
            ),
            budget_s=self._retry_budget_s,
            max_wait_s=4.0,
            failed=f"embedding with {self._model} failed",
        )


def _items(response: Any) -> list[dict[str, Any]]:
    data = response["data"] if isinstance(response, dict) else response.data
    return [row if isinstance(row, dict) else dict(row) for row in data]


def _unit(vector: list[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector))
    if norm == 0:
        raise Unavailable("the embedding model returned a zero vector")
    return [x / norm for x in vector]
