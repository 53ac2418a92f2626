"""Which answerer a process uses: an LLM through LiteLLM when one is configured, else the
extractive answerer quoting the knowledge base. Pure factories: only the composition root
(``server.wiring``) calls them."""

from __future__ import annotations

from server.ai.base import ChatModel, Summarizer
from server.ai.extractive import ExtractiveModel
from server.ai.litellm_model import LiteLLMModel
from server.config import Settings


def chat_model_for(settings: Settings) -> ChatModel:
    """An LLM through LiteLLM when FLOWSUPPORT_LLM_MODEL names one, else quoting the KB."""
    if settings.llm_model is None:
        return ExtractiveModel(pause_s=settings.extractive_pace_ms / 1000)
    return LiteLLMModel(settings.llm_model, api_base=settings.llm_api_base)


def summarizer_for(model: ChatModel) -> Summarizer | None:
    """Handoff summaries are written by the LLM when there is one (else extractive)."""
    return model if isinstance(model, LiteLLMModel) else None
