"""Recognising "let me talk to a person", in the phrasings customers actually use."""

from __future__ import annotations

import pytest

from server.domain.handoff import wants_person
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
    "Is anyone there?",
    "hello? is somebody available",
    "Ist da jemand?",
    "hay alguien?",
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
