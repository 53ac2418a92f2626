"""Reading the model's self-check: only a well-formed yes, citing given sources, is a yes."""

from __future__ import annotations

import pytest

from server.ai.base import Grounding
from server.ai.grounding import NOT_GROUNDED, parse


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ('{"answerable": true, "passages": [2, 1, 2]}', Grounding(True, (2, 1))),
        ('Here you go: {"answerable": true, "passages": [3]}', Grounding(True, (3,))),
        ('{"answerable": false, "passages": [1]}', NOT_GROUNDED),
        ('{"answerable": "yes", "passages": [1]}', NOT_GROUNDED),
        ('{"answerable": true, "passages": [4]}', NOT_GROUNDED),  # never given
        ('{"answerable": true, "passages": [0]}', NOT_GROUNDED),
        ('{"answerable": true, "passages": [true]}', NOT_GROUNDED),
        ('{"answerable": true, "passages": ["1"]}', NOT_GROUNDED),
        ('{"answerable": true, "passages": []}', NOT_GROUNDED),
        ('{"answerable": true}', NOT_GROUNDED),
        ("[1, 2]", NOT_GROUNDED),
        ("{not json}", NOT_GROUNDED),
        ("", NOT_GROUNDED),
    ],
)
def test_self_check_replies(reply: str, expected: Grounding) -> None:
    assert parse(reply, given=3) == expected
