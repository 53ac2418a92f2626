"""The no-LLM answerer quotes the best passage; it never writes words of its own."""

from __future__ import annotations

from server.ai.base import AnswerRequest, Passage, TokenUsage
from server.ai.extractive import MAX_ANSWER_CHARS, ExtractiveModel


def passage(text: str) -> Passage:
    return Passage("a1", "Article", None, "", text, 0.8)


async def test_short_passage_is_quoted_whole_in_pieces() -> None:
    text = "Log in. Open Account Settings. Click Cancel plan."
    model = ExtractiveModel(piece_words=2)
    pieces = [
        p
        async for p in model.stream(AnswerRequest("how to cancel", (passage(text),)), TokenUsage())
    ]
    assert "".join(pieces) == text
    assert len(pieces) == 4


def test_long_passage_starts_near_the_matching_sentence() -> None:
    filler = " ".join(f"Unrelated sentence {i} about dashboards." for i in range(40))
    text = f"{filler} Refunds are issued within 30 days. Contact billing to ask for one."
    answer = ExtractiveModel().answer_text(
        AnswerRequest("how are refunds issued", (passage(text),))
    )
    assert "Refunds are issued within 30 days." in answer
    assert len(answer) <= MAX_ANSWER_CHARS
    assert answer in text.replace("\n", " ")


def test_no_passage_no_answer() -> None:
    assert ExtractiveModel().answer_text(AnswerRequest("anything", ())) == ""


def test_lists_and_links_keep_their_markdown() -> None:
    text = (
        "To cancel:\n\n1. Open **Account Settings**.\n2. Click [Cancel](https://x.example/c).\n"
        "- It ends at the period's end. You keep your data."
    )
    answer = ExtractiveModel().answer_text(AnswerRequest("how to cancel", (passage(text),)))
    assert answer == text
