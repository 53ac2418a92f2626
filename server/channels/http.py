"""The HTTP client the provider channels (Twilio, Meta) are called with: one pooled client
per process, with a timeout, so a hung provider never holds a delivery job forever."""

from __future__ import annotations

import httpx

TIMEOUT_S = 15.0


class ProviderHttp:
    def __init__(self, timeout_s: float = TIMEOUT_S) -> None:
        self.client = httpx.AsyncClient(timeout=timeout_s)

    async def close(self) -> None:
        await self.client.aclose()
