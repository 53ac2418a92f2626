"""Small talk: which messages get a short reply instead of a search, in which language."""

from __future__ import annotations

import pytest

from server.domain.small_talk import kind, reply

KINDS = [
    ("Hello!", "greeting"),
    ("hey there 👋", "greeting"),
    ("Good morning", "greeting"),
    ("hi, how are you?", "greeting"),
    ("Bonjour", "greeting"),
    ("¡Hola!", "greeting"),
    ("Thanks, that helped!", "thanks"),
    ("ok great 👍", "thanks"),
    ("👍", "thanks"),
    ("Merci beaucoup", "thanks"),
    ("Vielen Dank", "thanks"),
    ("Got it, bye!", "goodbye"),
    ("see you", "goodbye"),
    ("are you a bot?", "bot"),
    ("Am I talking to a real person?", "bot"),
    ("es-tu un robot ?", "bot"),
]
QUESTIONS = [
    "Thanks, but how do I cancel?",
    "Hi, how do I cancel my subscription?",
    "Great, and what about refunds",
    "thanks for nothing, my invoice is still wrong",
    "Cancel my plan",
    "how are you doing with my ticket?",
    "Are you a bot that can reset my password?",
    "1234",
    "?",
    "hello " * 30,
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_small_talk_is_recognised(text: str, expected: str) -> None:
    assert kind(text) == expected


@pytest.mark.parametrize("text", QUESTIONS)
def test_anything_else_is_a_question(text: str) -> None:
    assert kind(text) is None
    assert reply(text, "Hi!") is None


def test_the_reply_is_the_tenants_greeting_or_one_in_the_visitors_language() -> None:
    assert reply("hello", "Welcome to Acme!") == "Welcome to Acme!"
    assert reply("Danke!", "Hi") == "Gern geschehen! Kann ich sonst noch helfen?"
    assert reply("merci", "Hi").startswith("Avec plaisir")  # type: ignore[union-attr]
    assert reply("gracias", "Hi").startswith("¡De nada!")  # type: ignore[union-attr]
    assert "AI assistant" in (reply("are you a bot?", "Hi") or "")
