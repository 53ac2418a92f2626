"""Whether the knowledge base answers a question, and which passage does. Pure.

Retrieval (store/kb_search.py) finds candidates by meaning and by words; this module puts
them in their final order and decides whether the best one answers the question or a person
must. Its signals, all computed from the candidates' English stems (PostgreSQL's `english`
configuration, so stemming matches the full-text index):

- meaning: the passage's cosine similarity to the question;
- coverage: the share of the question's key words, each weighted by how rare it is in the
  tenant's knowledge base (idf), that the passage, its headings or its article's title hold.
  A passage on VAT refunds covers "refund" but not "renewal" in "money back after renewing";
  a word the knowledge base never uses ("Netflix") weighs the most and is covered by nothing;
- topic: the same share over the title and headings alone (the article is about it);
- intent: some kinds of question are never answered from a loosely related passage (refunds,
  prices, discounts, legal commitments, actions on the customer's account, instructions to
  the assistant). They are answered only by a passage that addresses all of the question,
  some of them never.

The weights and thresholds are calibrated on the first half of bench/data/plausible_eval.json
(`bench/answer_eval.py --calibrate`) and reported on the other half.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from server.domain.models import SearchHit

# Stems that say nothing about what is asked ("I want to know how to get ..."): they neither
# rank nor count towards coverage. PostgreSQL's English stop words are gone already.
GENERIC = frozenset(
    {
        "want",
        "need",
        "get",
        "use",
        "help",
        "know",
        "tri",
        "way",
        "like",
        "make",
        "thing",
        "work",
        "pleas",
        "hi",
        "hello",
        "hey",
        "thank",
        "question",
        "possibl",
        "abl",
        "someth",
        "anyth",
        "go",
        "see",
        "find",
        "look",
        "also",
        "would",
        "could",
        "let",
        "realli",
        "actual",
        "quick",
        "just",
        "still",
        "anyon",
        "someon",
        "everyth",
        "much",
        "mani",
        "lot",
        "good",
        "one",
        "new",
        "time",
        "day",
        "ok",
        "okay",
        "yes",
        "sure",
        "right",
        "well",
        "wonder",
        "hope",
        "anyway",
        "guy",
        "folk",
        "mean",
        "tell",
        "show",
        "explain",
    }
)


IDF_PRIOR_CHUNKS = 100


@dataclass(frozen=True)
class TermStats:
    """How many of the tenant's chunks hold each stem of the question, out of `total`."""

    total: int
    chunks: Mapping[str, int]

    def idf(self, lexeme: str) -> float:
        """Rarer words weigh more. The prior keeps a small knowledge base (a few chunks,
        each holding its topic's words) from weighing its own words at nothing."""
        held = self.chunks.get(lexeme, 0)
        return math.log((self.total + IDF_PRIOR_CHUNKS) / (held + 0.5))

    def held(self, term: str) -> bool:
        return any(self.chunks.get(form, 0) > 0 for form in _forms(term))

    def key_terms(self) -> dict[str, float]:
        """The question's meaningful stems with their weights. A hyphenated word counts
        once, under its hyphenated form, weighted as its commoner spelling ("non-profit"
        and "nonprofit"); its parts do not count apart."""
        terms = {lexeme: self.idf(lexeme) for lexeme in self.chunks if lexeme not in GENERIC}
        for lexeme in [t for t in terms if "-" in t]:
            for part in [*lexeme.split("-"), lexeme.replace("-", "")]:
                terms.pop(part, None)
            terms[lexeme] = min(self.idf(form) for form in _forms(lexeme))
        return terms


def _forms(term: str) -> tuple[str, ...]:
    return (term, term.replace("-", "")) if "-" in term else (term,)


def with_joined_compounds(text: str) -> str:
    """`text` plus each hyphenated word written as one ("non-profit nonprofit"), so the
    term statistics know both spellings."""
    joined = [word.replace("-", "") for word in re.findall(r"\w+(?:-\w+)+", text)]
    return " ".join([text, *joined])


@dataclass(frozen=True)
class Weights:
    """How the second stage mixes its signals, and where it draws the line."""

    similarity: float = 1.0
    coverage: float = 0.1
    topic: float = 0.25
    fused: float = 0.0
    min_similarity: float = 0.3
    min_coverage: float = 0.0
    # The line itself: similarity + gate_coverage * coverage must reach `gate`, so a passage
    # close in meaning may miss a word or two, and one that holds every word may be plainer.
    gate_coverage: float = 0.2
    gate: float = 0.7
    strict_coverage: float = 0.75  # for the sensitive intents that a passage may answer
    # Hand over when words the knowledge base never uses weigh this much of the question.
    max_unknown_share: float = 0.6


CALIBRATED = Weights()


@dataclass(frozen=True)
class Ranked:
    hit: SearchHit
    score: float
    coverage: float
    topic: float


def coverage(terms: Mapping[str, float], lexemes: frozenset[str]) -> float:
    """The weighted share of `terms` found in `lexemes` (1.0 when there are no terms)."""
    total = sum(terms.values())
    if total <= 0:
        return 1.0
    held = sum(weight for term, weight in terms.items() if any(f in lexemes for f in _forms(term)))
    return held / total


def unknown_share(stats: TermStats) -> float:
    """The weight of the question's key words that no chunk holds, as a share of all."""
    terms = stats.key_terms()
    return 1.0 - coverage(terms, frozenset(t for t in terms if stats.held(t)))


def rerank(hits: Sequence[SearchHit], stats: TermStats, weights: Weights) -> list[Ranked]:
    """The candidates in their final order, best first."""
    terms = stats.key_terms()
    ranked = []
    for position, hit in enumerate(hits):
        covered = coverage(terms, hit.lexemes | hit.title_lexemes)
        topic = coverage(terms, hit.title_lexemes)
        score = (
            weights.similarity * hit.similarity
            + weights.coverage * covered
            + weights.topic * topic
            + weights.fused / (1 + position)
        )
        ranked.append(Ranked(hit, score, covered, topic))
    ranked.sort(key=lambda r: -r.score)
    return ranked


_OPENING = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|hallo|guten tag|bonjour|"
    r"salut|hola|buenos d[ií]as)\b(?: there| team| all| everyone| folks)?[\s,.!:;-]*)+",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"[\s,.!;-]*(?:(?:thanks|thank you|thx|ty|cheers|merci|danke|gracias)\b[\w\s]{0,20})"
    r"[\s.!]*$",
    re.IGNORECASE,
)


def normalise(question: str) -> str:
    """The question without the greeting before it and the thanks after it ("Hi there! How
    do I ...? Thanks in advance"), which only blur its meaning; never empty."""
    text = " ".join(question.split())
    trimmed = _CLOSING.sub("", _OPENING.sub("", text)).strip()
    return trimmed or text


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
_CODE = re.compile(r"[A-Za-z]+\d|\d+[A-Za-z]|[a-z][A-Z]")


def unknown_names(question: str, stats: TermStats) -> list[str]:
    """Names the question mentions (a capitalised word inside a sentence, or a code such as
    GA4) that the knowledge base never does: "How do I reset my Netflix password?" asks
    about another product, however close "reset my password" is in meaning."""
    unknown = [lexeme for lexeme, held in stats.chunks.items() if held == 0]
    found: list[str] = []
    for sentence in _SENTENCE.split(question.strip()):
        for position, match in enumerate(_WORD.finditer(sentence)):
            word = match.group()
            if word in ("I", "I'm", "I've", "I'd", "I'll", "OK"):
                continue
            if (word[0].isupper() and position > 0) or _CODE.search(word):
                lowered = word.lower()
                if any(lowered.startswith(lexeme) for lexeme in unknown):
                    found.append(word)
    return found


# -- intents -----------------------------------------------------------------------------


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_ACTION_VERBS = (
    r"cancel|delete|remove|change|update|upgrade|downgrade|refund|reset|transfer|close|"
    r"deactivate|unlock|verify|extend|switch|move|restore|add|apply|issue|send|give|make|"
    r"process|fix|set up|enable|disable|turn (?:on|off)|waive|credit|reactivate|merge"
)

INTENTS: dict[str, re.Pattern[str]] = {
    "refund": _any(
        r"\brefund\w*",
        r"\bmoney back\b",
        r"\breimburs\w*",
        r"\bcharge ?backs?\b",
        r"\bcompensat\w*",
        r"\bdispute\w*\b.{0,20}\bcharge",
        r"\brembours\w*",
        r"\b(?:rück)?erstatt\w*",
        r"\bgeld zurück\b",
        r"\breembols\w*",
        r"\bdevoluci[oó]n\b",
    ),
    "price": _any(
        r"\bhow much\b",
        r"\b(?:euros?|dollars?|currenc(?:y|ies))\b",
        r"\bprices?\b",
        r"\bpricing\b",
        r"\bcosts?\b",
        r"\bcosting\b",
        r"\bfees?\b",
        r"[$€£]\s?\d",
        r"\b\d+\s?(?:usd|eur|gbp|dollars?|euros?)\b",
        r"\bcombien\b",
        r"\bprix\b",
        r"\bpreis\w*",
        r"\bkoste[nt]?\b",
        r"\bprecio\w*",
        r"\bcu[aá]nto cuesta\b",
    ),
    "discount": _any(
        r"\bdiscount\w*",
        r"\bcoupons?\b",
        r"\bpromo(?:tion(?:al)?)?(?: codes?)?\b",
        r"\bvouchers?\b",
        r"\bspecial (?:deal|offer|price)\b",
        r"\brabatt\w*",
        r"\bgutschein\w*",
        r"\br[ée]duction\b",
        r"\bremise\b",
        r"\bdescuento\w*",
        r"\bcup[oó]n\b",
    ),
    "legal": _any(
        r"\bcontracts?\b",
        r"\bhipaa\b",
        r"\bbaa\b",
        r"\bbusiness associate\b",
        r"\bguarantee\w*",
        r"\bwarrant(?:y|ies)\b",
        r"\bindemn\w*",
        r"\bliab(?:le|ility|ilities)\b",
        r"\blawsuit\b",
        r"\bsue\b",
        r"\blegally\b",
        r"\blawyers?\b",
        r"\battorneys?\b",
        r"\bsla\b",
        r"\bdata processing agreement\b",
        r"\b(?:services?|master|enterprise|customer|subscription) agreement\b",
        r"\bvertr[aä]g\w*",
        r"\bcontrat\w*",
        r"\bgarant\w*",
    ),
    "account_action": _any(
        rf"^\W*(?:please\s+|pls\s+|kindly\s+)?(?:{_ACTION_VERBS})\b(?:\s+\S+){{0,3}}?\s+"
        r"(?:my|our|me|us)\b",
        rf"\b(?:can|could|would|will)\s+you\s+(?:please\s+|pls\s+|just\s+)?(?:{_ACTION_VERBS})\b",
        rf"\b(?:{_ACTION_VERBS})\b.{{0,40}}\bfor (?:me|us)\b",
        r"\b(?:i want|i need|i'd like|i would like)\s+you\s+to\b",
        r"\bpouvez-vous\s+(?:annuler|supprimer|changer|modifier|rembourser)\b",
        r"\bk[öo]nnen sie\b.{0,30}\b(?:k[üu]ndigen|l[öo]schen|[äa]ndern)\b",
        r"\bbitte\b.{0,30}\b(?:k[üu]ndigen|l[öo]schen|[äa]ndern)\b",
        r"\bpuede[sn]?\s+(?:cancelar|borrar|eliminar|cambiar)\b",
    ),
    "instruction": _any(
        r"\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}"
        r"\b(?:instructions?|rules?|prompts?|guidelines?|polic(?:y|ies)|previous|above|"
        r"everything|articles?|sources?|help ?cent(?:er|re)|context|documentation|docs)\b",
        r"\b(?:your own|from your) (?:training|knowledge|opinion)\b",
        r"\bsystem (?:prompt|message)\b",
        r"\byour (?:prompt|instructions|rules|guidelines|configuration)\b",
        r"\b(?:pretend|act|behave|roleplay)\b.{0,15}\b(?:to be|as|like|you are)\b",
        r"\byou are now\b",
        r"\bfrom now on\b.{0,30}\byou\b",
        r"\bjailbreak\w*",
        r"\bdeveloper mode\b",
        r"\brepeat\b.{0,20}\b(?:above|verbatim|instructions)\b",
        r"\bignor(?:iere|e[rz]?|a)\b.{0,30}\b(?:anweisungen|regeln|instructions|"
        r"instrucciones|reglas)\b",
    ),
}
# What only someone who can see the customer's account can tell: "did my payment go
# through?", "when is my next renewal?", "why was I charged twice?".
_ACCOUNT_THINGS = (
    r"payments?|invoices?|charges?|cards?|renewal|subscription|plan|refund|orders?|balance|"
    r"usage|limit|trial|bill|billing|account|credits?|requests?|tickets?|imports?|exports?"
)
INTENTS["account_state"] = _any(
    rf"\b(?:did|has|have|was|were|is)\s+(?:my|our)\s+(?:\w+\s+){{0,3}}?(?:{_ACCOUNT_THINGS})\b"
    r".{0,30}\b(?:go(?:ne)? through|arrived?|received|processed|work(?:ed)?|succeed|fail|"
    r"paid|sent|cancel+ed|active)",
    rf"\b(?:when|what)(?:'s|\s+is|\s+was|\s+will be|\s+are)\s+(?:my|our)\s+(?:next\s+|"
    rf"current\s+|last\s+)?(?:{_ACCOUNT_THINGS})\b(?!\s+(?:page|section|settings))",
    r"\bhow (?:many|much)\b.{0,50}\b(?:do|have|did)\s+(?:i|we)\b.{0,25}"
    r"\b(?:left|used|remaining|got)\b",
    r"\bwhy (?:was|were|did|am|have|has|is)\s+(?:i|we|my|our)\b.{0,30}"
    r"\b(?:charged|billed|locked|suspended|banned|blocked)\b",
    r"\b(?:charged|billed)\b.{0,15}\b(?:twice|double|two times)\b",
)

# Intents a passage may answer when it addresses the whole question, and the words it must
# then hold itself: a price only from a passage that states one.
ANSWERABLE_WHEN_ADDRESSED: dict[str, re.Pattern[str]] = {
    "price": re.compile(r"[$€£]\s?\d|\b\d+\s?(?:usd|eur|gbp|dollars?|euros?)\b", re.I),
    "discount": INTENTS["discount"],
    "legal": INTENTS["legal"],
}
_FUTURE = _any(
    r"\bwill (?:the )?(?:prices?|pricing|costs?)\b",
    r"\b(?:prices?|pricing|costs?) (?:go|goes|going) up\b",
    r"\bprice (?:increase|rise|hike)s?\b",
    r"\block (?:in|my)\b.{0,20}\bprice\b",
    r"\bnext year\b",
    r"\bforever\b",
)


@functools.lru_cache(maxsize=512)
def intents(question: str) -> frozenset[str]:
    """The sensitive kinds of request a question is (none for most)."""
    found = {name for name, pattern in INTENTS.items() if pattern.search(question)}
    if "price" in found and _FUTURE.search(question):
        found.add("future_price")
    return frozenset(found)


# -- the verdict -------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    why: str  # "answered", or what made it hand over (for logs, metrics and the benchmark)
    confidence: float  # the best passage's similarity
    ranked: tuple[Ranked, ...]

    @property
    def best(self) -> Ranked | None:
        return self.ranked[0] if self.ranked else None


def judge(
    question: str,
    hits: Sequence[SearchHit],
    stats: TermStats,
    weights: Weights = CALIBRATED,
) -> Verdict:
    """Rank the candidates, then answer from the best only when it answers the question."""
    return decide(question, rerank(hits, stats, weights), stats, weights)


def decide(
    question: str, ranked: Sequence[Ranked], stats: TermStats, weights: Weights = CALIBRATED
) -> Verdict:
    """Whether the best of the ranked candidates answers the question."""
    ranked = tuple(ranked)
    asked = intents(question)
    best = ranked[0] if ranked else None
    confidence = best.hit.similarity if best else 0.0

    def verdict(answerable: bool, why: str) -> Verdict:
        return Verdict(answerable, why, confidence, ranked)

    if "instruction" in asked:
        return verdict(False, "instruction")
    if "account_action" in asked:
        return verdict(False, "account_action")
    if "account_state" in asked:
        return verdict(False, "account_state")
    if "refund" in asked:
        return verdict(False, "refund")
    if "future_price" in asked:
        return verdict(False, "future_price")
    if best is None:
        return verdict(False, "no_passage")
    if best.hit.similarity < weights.min_similarity:
        return verdict(False, "low_similarity")
    if best.coverage < weights.min_coverage:
        return verdict(False, "low_coverage")
    if best.hit.similarity + weights.gate_coverage * best.coverage < weights.gate:
        return verdict(False, "below_gate")
    if unknown_share(stats) >= weights.max_unknown_share:
        return verdict(False, "unknown_words")
    if unknown_names(question, stats):
        return verdict(False, "unknown_name")
    for intent, needed in ANSWERABLE_WHEN_ADDRESSED.items():
        if intent in asked and (
            best.coverage < weights.strict_coverage or not needed.search(best.hit.content)
        ):
            return verdict(False, intent)
    return verdict(True, "answered")
