"""The Embedder seam: text in, unit vectors out, each tagged with the model that made it."""

from __future__ import annotations

from typing import Protocol


class Embedder(Protocol):
    @property
    def model_id(self) -> str:
        """Stored beside every vector: vectors of different models never mix."""
        ...

    @property
    def dimensions(self) -> int: ...

    async def embed(self, texts: list[str]) -> list[list[float]]:
        """One L2-normalised vector per text, in order."""
        ...
