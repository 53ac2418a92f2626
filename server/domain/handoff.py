"""Handing a conversation to a person: recognising the request, and the summary agents read.

The request is recognised in the common phrasings of the languages the widget ships with
(English, German, French, Spanish, Dutch); anything subtler is caught by the other
triggers (the AI escalates what it cannot answer, and unanswered questions time out).
"""

from __future__ import annotations

import re

from server.domain import small_talk
from server.domain.models import Message

REASONS = {
    "customer_asked": "The customer asked for a person.",
    "no_answer": "The AI found no answer in the knowledge base.",
    "sensitive": "The customer asked what the AI always leaves to a person (a refund, a price, "
    "a legal commitment, a change to their account, or instructions to the assistant).",
    "ai_error": "The AI could not answer (the language model was unavailable or failed).",
    "unanswered": "The customer's question went unanswered for too long.",
    "visitor_left": "The customer left with a question unanswered.",
    "marked": "An agent or bot handed the conversation to a person.",
    "budget": "The AI budget was used up.",
}

_PERSON = (
    r"(human|person|someone|somebody|real person|agent|representative|operator|staff|"
    r"support team|customer service|live agent|people)"
)
_PATTERNS = [
    rf"\b(talk|speak|chat|connect me|put me through|transfer me)\b.{{0,30}}"
    rf"\b(to|with)\b.{{0,15}}\b{_PERSON}\b",
    rf"\b(i want|i need|i'd like|can i (have|get)|give me|get me)\b.{{0,20}}\b{_PERSON}\b",
    r"\b(a|an)? ?(human|real person|live agent) (please|pls|now)\b",
    r"^\s*(an? )?(human|agent|operator|representative|person)[\s,.!?]*(please|pls|now)?[\s.!?]*$",
    r"\b(call|ring|phone) (me|us) back\b|\bcall ?back\b",
    r"\bnot (a|the) (bot|robot|ai)\b",
    # "Is anyone there?": nobody answered, or the visitor wants a person to
    r"\b(is )?(any|some)(one|body) (there|here|around|available|online)\b",
    r"\bist (da |hier )?(jemand|wer)( da| hier)?\b",
    r"\bil y a quelqu'un\b",
    r"\bhay alguien\b",
    r"\bis (er )?iemand\b",
    # German, French, Spanish, Dutch
    r"\b(mit einem|einen) (menschen|mitarbeiter|mitarbeiterin|berater)\b",
    r"\b(parler|discuter) (à|a|avec) (un|une) (humain|personne|conseiller|agent)\b",
    r"\bhablar con (una persona|un humano|un agente|alguien)\b",
    r"\bmet (een )?(mens|medewerker|persoon) (spreken|praten)\b",
    r"\b(spreken|praten) met (een )?(mens|medewerker|persoon)\b",
]
_WANTS_PERSON = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
SUMMARY_CHARS = 2000


def wants_person(text: str) -> bool:
    """Whether a visitor's message asks for a person instead of the bot."""
    return bool(_WANTS_PERSON.search(text[:500]))


def summary(reason: str, recent: list[Message]) -> str:
    """What an agent needs first, each said once: why the AI handed over, what was asked
    (the question that escalated, then earlier ones), and what the AI answered and cited.

    Extractive: built from the conversation's own messages, nothing invented. A request
    for a person is the reason, not the question; "AI answered" is left out when the reason
    already says the AI could not answer.
    """
    lines = [REASONS.get(reason, reason), *_asked(recent)]
    answers = [m for m in recent if m.sender.kind == "ai"]
    if answers:
        last = answers[-1]
        lines.append(f"AI answered: {_clip(last.body, 400)}")
        cited = [c.get("title", "") for c in (last.citations or []) if c.get("title")]
        if cited:
            lines.append("Cited: " + "; ".join(cited))
    elif reason in ("customer_asked", "unanswered", "visitor_left", "marked"):
        lines.append("AI answered: nothing.")
    return "\n".join(lines)[:SUMMARY_CHARS]


def recap(recent: list[Message]) -> str:
    """A long conversation in a few lines for an agent joining it ("Summarise"): what the
    customer asked, the last answer of the AI, of the team and of a bot, and how many
    internal notes there are. Extractive, like `summary`."""
    lines = _asked(recent)
    for kind, label in (("ai", "AI answered"), ("agent", "Agent replied"), ("bot", "Bot replied")):
        said = [m for m in recent if m.sender.kind == kind and not m.private]
        if said:
            lines.append(f"{label}: {_clip(said[-1].body, 400)}")
    notes = sum(1 for m in recent if m.private)
    if notes:
        lines.append(f"Internal notes: {notes}")
    return "\n".join(lines)[:SUMMARY_CHARS] if lines else "Nothing has been asked yet."


def _asked(recent: list[Message]) -> list[str]:
    """The question that escalated (or the last one asked), then up to three before it."""
    question = escalating_question(recent)
    if question is None:
        return []
    lines = [f"Question: {_clip(question.body, 400)}"]
    earlier = [
        m.body
        for m in recent
        if m.seq < question.seq and m.sender.kind == "visitor" and _is_question(m.body)
    ]
    if earlier:
        lines.append("Earlier: " + " / ".join(_clip(a, 120) for a in earlier[-3:]))
    return lines


def escalating_question(recent: list[Message]) -> Message | None:
    """The customer's question (or request) that escalated: their last message that asks
    something, a request for a person only when they asked nothing else."""
    asked = [m for m in recent if m.sender.kind == "visitor" and small_talk.kind(m.body) is None]
    questions = [m for m in asked if not wants_person(m.body)]
    if questions:
        return questions[-1]
    return asked[-1] if asked else None


def subject_for(recent: list[Message], channel: str) -> str:
    """A ticket's subject: the question that escalated (not the first message, which the AI
    may have answered long before)."""
    question = escalating_question(recent)
    if question is None:
        return f"Conversation on {channel}"
    return _clip(" ".join(question.body.split()), 120)


def _is_question(text: str) -> bool:
    return small_talk.kind(text) is None and not wants_person(text)


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
