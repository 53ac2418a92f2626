"""Small talk: greetings, thanks, goodbyes and "are you a bot?". Pure.

They get a short reply from the assistant, never a knowledge-base search, never a ticket, and
they start no unanswered-question clock. Recognised in English, German, French, Spanish and
Dutch by their words alone: a message that carries anything else ("Hi, how do I cancel?") is a
question. Asking whether anyone is there is not small talk: it asks for a person
(domain/handoff.py).
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["greeting", "thanks", "goodbye", "bot"]

_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
MAX_CHARS = 80


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that may fill a small-talk message around its anchor ("thanks a lot, that's great").
_FILLER = _vocabulary(
    "you so much very a lot lots many ok okay k kk alright fine great perfect awesome cool "
    "nice good excellent super brilliant wonderful got it that that's thats this it is was "
    "works worked helped helps help helpful appreciated appreciate all done have day evening "
    "an the and for your sounds makes sense clear understood yes yep yeah sure no problem np "
    "see there team everyone folks guys again beaucoup schön sehr vielen je wel top à tous tout "
    "le monde muchas zusammen"
)
_ANCHORS: dict[Kind, frozenset[str]] = {
    "greeting": _vocabulary(
        "hi hello hey hiya howdy yo greetings hallo moin servus bonjour salut bonsoir coucou "
        "hola buenas buenos días dias hoi goedemorgen goedemiddag morning"
    ),
    "thanks": _vocabulary(
        "thanks thank thx ty tyvm cheers ok okay k kk alright great perfect awesome cool nice "
        "excellent super brilliant wonderful helped appreciated understood merci danke "
        "gracias dank bedankt"
    ),
    "goodbye": _vocabulary("bye goodbye cya ciao tschüss tschüs adiós adios revoir doei"),
}
_GOODBYE_PHRASES = re.compile(
    r"\b(see you|au revoir|hasta luego|bis bald|have a (nice|good|great) (day|evening|weekend)|"
    r"that's all( for now)?)\b",
    re.I,
)
_PHRASE_WORDS = _vocabulary("au revoir hasta luego bis bald now weekend")
_GREETING_PHRASES = re.compile(
    r"^\W*(good (morning|afternoon|evening)|guten (morgen|tag|abend)|buenos d[ií]as|"
    r"buenas (tardes|noches))\W*$",
    re.I,
)
_BOT = re.compile(
    r"^\W*(are you|r u|am i (talking|chatting|speaking) (to|with)|is this|es-tu|êtes-vous|"
    r"etes-vous|bist du|sind sie|eres|es usted|ben je)\s+(an?\s+|un\s+|une\s+|ein\s+|eine\s+|"
    r"una?\s+|a\s+real\s+|real\s+|an?\s+actual\s+)*"
    r"(bot|robot|chatbot|ai|a\.i\.|machine|human|person|real person|computer|assistant|"
    r"humain|humaine|mensch|roboter|ki|ia|humano|persona|máquina|maquina|mens)\s*\W*$",
    re.I,
)


# "Hi, how are you?" is a greeting although it has a question mark.
_GREETING_ONLY_QUESTION = re.compile(
    r"^\W*((hi|hello|hey|hiya)\W+)?(how are you( doing)?( today)?|how's it going|what's up|"
    r"wie geht'?s|ça va|ca va|comment ça va|qué tal|que tal|cómo estás|como estas)\W*$",
    re.I,
)


def kind(text: str) -> Kind | None:
    """Which small talk a message is, or None when it is anything else."""
    if len(text) > MAX_CHARS:
        return None
    if _BOT.match(text):
        return "bot"
    if _GREETING_PHRASES.match(text) or _GREETING_ONLY_QUESTION.match(text):
        return "greeting"
    if "?" in text:
        return None
    words = [w.lower() for w in _WORDS.findall(text)]
    if not words:
        return "thanks" if text.strip() and not any(c.isalnum() for c in text) else None
    if len(words) > 12:
        return None
    known = _FILLER.union(*_ANCHORS.values(), _PHRASE_WORDS)
    if not all(w in known for w in words):
        return None
    if any(w in _ANCHORS["goodbye"] for w in words) or _GOODBYE_PHRASES.search(text):
        return "goodbye"
    if any(w in _ANCHORS["greeting"] for w in words):
        return "greeting"
    if any(w in _ANCHORS["thanks"] for w in words):
        return "thanks"
    return None


_LANGUAGE_MARKS = {
    "de": _vocabulary("hallo moin servus danke vielen tschüss tschüs guten bist du sind sie"),
    "fr": _vocabulary("bonjour salut bonsoir coucou merci revoir es-tu êtes-vous ça"),
    "es": _vocabulary("hola buenas buenos gracias adiós adios eres usted qué cómo"),
    "nl": _vocabulary("hoi goedemorgen bedankt dank doei ben je"),
}
REPLIES: dict[str, dict[Kind, str]] = {
    "en": {
        "thanks": "You're welcome! Is there anything else I can help you with?",
        "goodbye": "Thanks for getting in touch. Goodbye!",
        "bot": "I'm the AI assistant: I answer from our help center, and a person from the "
        "team takes over whenever you ask for one.",
    },
    "de": {
        "thanks": "Gern geschehen! Kann ich sonst noch helfen?",
        "goodbye": "Danke für Ihre Nachricht. Auf Wiedersehen!",
        "bot": "Ich bin der KI-Assistent: Ich antworte aus unserem Hilfe-Center, und eine "
        "Person aus dem Team übernimmt, sobald Sie danach fragen.",
    },
    "fr": {
        "thanks": "Avec plaisir ! Puis-je vous aider pour autre chose ?",
        "goodbye": "Merci de nous avoir contactés. Au revoir !",
        "bot": "Je suis l'assistant IA : je réponds à partir de notre centre d'aide, et une "
        "personne de l'équipe prend le relais dès que vous le demandez.",
    },
    "es": {
        "thanks": "¡De nada! ¿Puedo ayudarte con algo más?",
        "goodbye": "Gracias por escribirnos. ¡Adiós!",
        "bot": "Soy el asistente de IA: respondo con nuestro centro de ayuda, y una persona "
        "del equipo te atiende en cuanto lo pidas.",
    },
    "nl": {
        "thanks": "Graag gedaan! Kan ik nog ergens mee helpen?",
        "goodbye": "Bedankt voor je bericht. Tot ziens!",
        "bot": "Ik ben de AI-assistent: ik antwoord vanuit ons helpcentrum, en iemand van het "
        "team neemt het over zodra je daarom vraagt.",
    },
}


def language(text: str) -> str:
    words = {w.lower() for w in _WORDS.findall(text)}
    for code, marks in _LANGUAGE_MARKS.items():
        if words & marks:
            return code
    return "en"


def reply(text: str, greeting: str) -> str | None:
    """The assistant's short answer to small talk (`greeting` is the tenant's own, for a
    greeting); None when the message is not small talk."""
    found = kind(text)
    if found is None:
        return None
    if found == "greeting":
        return greeting
    return REPLIES[language(text)][found]
