"""What a reply newly says: quoted replies, attributions ("On ... wrote:" in several
languages), Outlook's original-message blocks, signatures and mobile footers removed;
forwards kept whole (they are the content)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_ATTRIBUTION = re.compile(
    r"^(?:On\b.*\bwrote|Am\b.*\bschrieb\b.*|Le\b.*\ba\s+écrit|El\b.*\bescribió|Op\b.*\bschreef\b.*"
    r"|Il\b.*\bha\s+scritto|Em\b.*\bescreveu)\s*:$"
)
_OPENER = re.compile(r"^(?:On|Am|Le|El|Op|Il|Em)\s")
_ORIGINAL = re.compile(
    r"^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original"
    r"|Oorspronkelijk bericht|Messaggio originale)\s*-{2,}$",
    re.I,
)
_RULE = re.compile(r"^_{10,}$")
_FROM_LINE = re.compile(r"^\*?(?:From|Von|De|Van|Da|Från|Fra)\s?:\*?\s*\S")
_SENT_LINE = re.compile(
    r"^\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado(?: el)?|Verzonden|Inviato|Skickat|Sendt)\s?:"
)
_FORWARD = re.compile(
    r"^(?:-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré"
    r"|Mensaje reenviado|Doorgestuurd bericht)\s*-{2,}|Begin forwarded message:"
    r"|Anfang der weitergeleiteten Nachricht:|Début du message réexpédié\s?:)$",
    re.I,
)
_FORWARD_SUBJECT = re.compile(r"^(?:\[[^\]]*\]\s*)?(?:fwd?|wg|tr|rv|enc)\s*:", re.I)
_FOOTER = re.compile(
    r"^(?:Sent from my [\w .'-]{1,40}|Sent from (?:Outlook|Mail|Yahoo Mail)(?: for [\w ]{1,20})?"
    r"|Get Outlook for (?:iOS|Android)|Von meinem [\w -]{1,30} gesendet"
    r"|Envoyé de mon [\w -]{1,30}|Enviado desde mi [\w -]{1,30})[.!]?"
    r"(?:\s*(?:<[^>\s]*>|\([^)\s]*\)))?$",
    re.I,
)


def _is_attribution(lines: list[str], index: int) -> bool:
    """ "On <date>, <name> wrote:", also wrapped over two lines; a date is always there."""
    line = lines[index].strip()
    candidates = [line]
    if _OPENER.match(line) and index + 1 < len(lines):
        candidates.append(f"{line} {lines[index + 1].strip()}")
    return any(
        len(text) <= 300 and _ATTRIBUTION.match(text) and re.search(r"\d", text)
        for text in candidates  # the length bound keeps the regex linear on hostile lines
    )


def _is_outlook_header(lines: list[str], index: int) -> bool:
    """Outlook's "-----Original Message-----", or a From:/Sent: block (after a rule)."""
    line = lines[index].strip()
    following = [text.strip() for text in lines[index + 1 : index + 6] if text.strip()]
    if _RULE.match(line):
        return bool(following) and _FROM_LINE.match(following[0]) is not None
    if _FROM_LINE.match(line):
        return any(_SENT_LINE.match(text) for text in following[:4])
    return _ORIGINAL.match(line) is not None


def new_lines(lines: list[str], forwarded: bool) -> list[str]:
    """The lines the sender wrote. A reply header ends them; a forward is content, kept
    whole; quotes, footers and the signature (from "-- ", RFC 3676 §4.3) are dropped."""
    kept: list[str] = []
    in_signature = after_quote = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _FORWARD.match(stripped) or (forwarded and _is_outlook_header(lines, index)):
            while kept and not kept[-1].strip():
                kept.pop()
            return [*kept, "", *lines[index:]]
        if in_signature:
            continue
        if _is_attribution(lines, index) or _is_outlook_header(lines, index):
            break
        if stripped.startswith(">"):
            if kept and kept[-1].strip():
                kept.append("")  # one blank line where the quote was
            after_quote = True
        elif line.rstrip() == "--":
            in_signature = True
        elif _FOOTER.match(stripped):
            continue
        elif stripped or not (after_quote and (not kept or not kept[-1].strip())):
            after_quote = after_quote and not stripped
            kept.append(line)
    return kept


def tidy(lines: Iterable[str]) -> str:
    """Lines without trailing whitespace, at most two blank lines in a row, none around."""
    out: list[str] = []
    blanks = 0
    for line in lines:
        line = line.rstrip()
        blanks = 0 if line else blanks + 1
        if blanks <= 2:
            out.append(line)
    return "\n".join(out).strip("\n")


def is_forward(subject: str) -> bool:
    return _FORWARD_SUBJECT.match(subject) is not None
