"""Recognising "let me talk to a person", in the phrasings customers actually use."""

from __future__ import annotations

import pytest

from server.domain.handoff import is_small_talk, wants_person
from server.domain.tickets import round_robin

ASKS = [
    "Can I talk to a human?",
    "I want to speak with a real person please",
    "let me talk to someone",
    "connect me to an agent",
    "human please",
    "Agent!",
    "I need a person, not a bot",
    "Ich möchte mit einem Menschen sprechen",
    "Je voudrais parler à un conseiller",
    "Quiero hablar con una persona",
    "Kan ik met een medewerker spreken?",
]
DOES_NOT_ASK = [
    "How do I invite a person to my dashboard?",
    "Is there a human-readable export?",
    "How do I add a team member?",
    "What does the Agent field in the API mean?",
    "I forgot my password",
]


@pytest.mark.parametrize("text", ASKS)
def test_requests_for_a_person(text: str) -> None:
    assert wants_person(text)


@pytest.mark.parametrize("text", DOES_NOT_ASK)
def test_questions_that_merely_mention_people(text: str) -> None:
    assert not wants_person(text)


def test_round_robin_goes_round_the_agents_online() -> None:
    assert round_robin([], "a") is None
    assert round_robin(["b", "a", "c"], None) == "a"
    assert round_robin(["a", "b", "c"], "a") == "b"
    assert round_robin(["a", "b", "c"], "c") == "a"
    assert round_robin(["a", "c"], "b") == "c"  # b went offline: the next after it
    assert round_robin(["a", "c"], "d") == "a"


SMALL_TALK = [
    "Thanks, that helped!",
    "ok",
    "ok great 👍",
    "👍",
    "Thank you so much",
    "Merci beaucoup",
    "perfect, thanks a lot",
    "Got it, bye!",
    "Vielen Dank",
    ":)",
]
QUESTIONS = [
    "Thanks, but how do I cancel?",
    "Great, and what about refunds",
    "thanks for nothing, my invoice is still wrong",
    "Cancel my plan",
    "1234",
    "?",
]


@pytest.mark.parametrize("text", SMALL_TALK)
def test_thanks_and_goodbyes_need_no_answer(text: str) -> None:
    assert is_small_talk(text)


@pytest.mark.parametrize("text", QUESTIONS)
def test_anything_else_gets_an_answer(text: str) -> None:
    assert not is_small_talk(text)
