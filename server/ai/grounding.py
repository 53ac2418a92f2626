"""Reading a model's self-check reply. Pure: anything but a well-formed "yes, from these
sources" is a no, so a confused or manipulated model hands the question to a person."""

from __future__ import annotations

import json
import re

from server.ai.base import Grounding

NOT_GROUNDED = Grounding(False, ())
_OBJECT = re.compile(r"\{.*\}", re.S)


def parse(reply: str, given: int) -> Grounding:
    """The check as the model stated it, when it is valid: `answerable` a boolean, and when
    true at least one passage id, every one of them among the `given` sources (1..given)."""
    match = _OBJECT.search(reply)
    if match is None:
        return NOT_GROUNDED
    try:
        stated = json.loads(match.group())
    except ValueError:
        return NOT_GROUNDED
    if not isinstance(stated, dict) or stated.get("answerable") is not True:
        return NOT_GROUNDED
    ids = stated.get("passages")
    if not isinstance(ids, list) or not ids:
        return NOT_GROUNDED
    if not all(isinstance(i, int) and not isinstance(i, bool) and 1 <= i <= given for i in ids):
        return NOT_GROUNDED  # a passage that was never given: the model is not grounded
    return Grounding(True, tuple(dict.fromkeys(ids)))
