"""The answer-or-escalate rule's pure parts: which words are names, and the verdict."""

from __future__ import annotations

from server.domain.relevance import judge, named_terms


def test_names_are_capitalised_words_inside_sentences_and_codes() -> None:
    assert named_terms("How do I reset my Netflix password?") == ["Netflix"]
    assert named_terms("Connect Plausible to Looker Studio") == ["Plausible", "Looker", "Studio"]
    assert named_terms("Is GA4 supported? What about iOS apps?") == ["GA4", "iOS"]
    assert named_terms("I forgot my password. I'm locked out") == []
    assert named_terms("Netflix. Spotify!") == []  # each opens its sentence
    assert named_terms("Use Plausible, Plausible and plausible") == ["Plausible"]


def test_both_signals_must_agree() -> None:
    assert judge(0.7, []).answerable
    assert not judge(0.39, []).answerable
    verdict = judge(0.57, ["Netflix"])
    assert not verdict.answerable and verdict.unknown_names == ("Netflix",)
    assert verdict.confidence == 0.57
