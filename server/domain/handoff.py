"""Handing a conversation to a person: recognising the request, and the summary agents read.

The request is recognised in the common phrasings of the languages the widget ships with
(English, German, French, Spanish, Dutch); anything subtler is caught by the other
triggers (the AI escalates what it cannot answer, and unanswered questions time out).
"""

from __future__ import annotations

import re

from server.domain.models import Message

REASONS = {
    "customer_asked": "The customer asked for a person.",
    "no_answer": "The AI found no answer in the knowledge base.",
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
    r"^\s*(human|agent|operator|representative|person)[\s.!?]*$",
    r"\bnot (a|the) (bot|robot|ai)\b",
    # German, French, Spanish, Dutch
    r"\b(mit einem|einen) (menschen|mitarbeiter|mitarbeiterin|berater)\b",
    r"\b(parler|discuter) (à|a|avec) (un|une) (humain|personne|conseiller|agent)\b",
    r"\bhablar con (una persona|un humano|un agente|alguien)\b",
    r"\bmet (een )?(mens|medewerker|persoon) (spreken|praten)\b",
    r"\b(spreken|praten) met (een )?(mens|medewerker|persoon)\b",
]
_WANTS_PERSON = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
SUMMARY_CHARS = 2000


# A message made only of these words is thanks, agreement or goodbye: nobody needs to answer
# it, so it neither gets an AI answer nor starts the unanswered-question timer.
def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


_SMALL_TALK_WORDS = _vocabulary(
    "thanks thank thx ty tyvm cheers you so much very a lot lots many ok okay k kk alright "
    "fine great perfect awesome cool nice good excellent super brilliant wonderful got it "
    "that that's thats this it is was works worked helped helps help helpful appreciated "
    "appreciate all done bye goodbye cya see later have day evening an the and for your "
    "sounds makes sense clear understood yes yep yeah sure no problem np merci beaucoup "
    "danke schön sehr vielen dank gracias muchas je wel bedankt top"
)
_SMALL_TALK_ANCHORS = _vocabulary(
    "thanks thank thx ty tyvm cheers ok okay k kk alright great perfect awesome cool nice "
    "excellent super brilliant wonderful helped appreciated bye goodbye cya understood "
    "merci danke gracias dank bedankt"
)
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


def wants_person(text: str) -> bool:
    """Whether a visitor's message asks for a person instead of the bot."""
    return bool(_WANTS_PERSON.search(text[:500]))


def is_small_talk(text: str) -> bool:
    """Whether a message is only thanks, agreement or goodbye ("Thanks, that helped!",
    "ok great 👍", "Merci beaucoup"): short, and no word of a question in it."""
    if len(text) > 80 or "?" in text:
        return False
    words = [w.lower() for w in _WORDS.findall(text)]
    if not words:
        return not any(ch.isalnum() for ch in text)  # emoji or punctuation only: 👍, :)
    return (
        len(words) <= 12
        and all(w in _SMALL_TALK_WORDS for w in words)
        and any(w in _SMALL_TALK_ANCHORS for w in words)
    )


def summary(reason: str, recent: list[Message]) -> str:
    """What an agent needs first: why, the question, what the AI said and cited.

    Extractive: built from the conversation's own messages, nothing invented.
    """
    lines = [REASONS.get(reason, reason)]
    asked = [m.body for m in recent if m.sender.kind == "visitor"]
    if asked:
        lines.append(f"Question: {_clip(asked[-1], 400)}")
        if len(asked) > 1:
            earlier = " / ".join(_clip(a, 120) for a in asked[-4:-1])
            lines.append(f"Earlier: {earlier}")
    answers = [m for m in recent if m.sender.kind == "ai"]
    if answers:
        last = answers[-1]
        lines.append(f"AI answered: {_clip(last.body, 400)}")
        cited = [c.get("title", "") for c in (last.citations or []) if c.get("title")]
        if cited:
            lines.append("Cited: " + "; ".join(cited))
    elif reason in ("no_answer", "customer_asked", "unanswered", "visitor_left"):
        lines.append("AI answered: nothing.")
    return "\n".join(lines)[:SUMMARY_CHARS]


def subject_for(recent: list[Message], channel: str) -> str:
    asked = [m.body for m in recent if m.sender.kind == "visitor"]
    if not asked:
        return f"Conversation on {channel}"
    return _clip(" ".join(asked[0].split()), 120)


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
