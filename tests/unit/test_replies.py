"""Canned-reply templates and macro actions, pure (server/domain/replies.py)."""

from __future__ import annotations

import pytest

from server.domain.replies import check_actions, check_reply, first_word, render
from server.errors import ValidationFailed


def test_known_variables_are_filled_missing_ones_emptied_unknown_ones_kept() -> None:
    """Each kind is reported once, in order of first use; other braces are left alone."""
    done = render(
        "Hi {contact.name}{contact.name}, {agent.name} {contact.email} {x.y} {x.y} {plain} {",
        {"contact.name": "Dana", "agent.name": "Ada", "contact.email": None},
    )
    assert done.body == "Hi DanaDana, Ada  {x.y} {x.y} {plain} {"
    assert done.missing == ["contact.email"]
    assert done.unknown == ["x.y"]


def test_a_value_is_never_read_as_a_template() -> None:
    """A customer who calls themselves "{agent.name}" is shown as written."""
    done = render("Hi {contact.name}", {"contact.name": "{agent.name}", "agent.name": "Ada"})
    assert done.body == "Hi {agent.name}"


def test_first_word() -> None:
    assert first_word("Dana  Scully") == "Dana"
    assert first_word("   ") is None
    assert first_word(None) is None


@pytest.mark.parametrize(
    ("code", "title", "body"),
    [("", "t", "b"), ("UPPER", "t", "b"), ("-x", "t", "b"), ("ok", " ", "b"), ("ok", "t", "")],
)
def test_bad_replies_are_refused(code: str, title: str, body: str) -> None:
    with pytest.raises(ValidationFailed):
        check_reply(code, title, body)


def test_actions_keep_their_one_shape_and_name_the_bad_one() -> None:
    good = [
        {"type": "send_reply", "body": "Hi"},
        {"type": "add_tags", "tags": ["a"]},
        {"type": "remove_tags", "tags": ["a"]},
        {"type": "set_status", "status": "pending"},
        {"type": "assign", "assignee_id": None},
        {"type": "assign", "assignee_id": "me"},
        {"type": "set_priority", "priority": "urgent"},
    ]
    assert check_actions(good) == good
    with pytest.raises(ValidationFailed, match=r"actions\.1\.status"):
        check_actions([good[0], {"type": "set_status", "status": "gone"}])
    with pytest.raises(ValidationFailed, match=r"actions\.0\.type"):
        check_actions([{"type": "rm -rf"}])
    with pytest.raises(ValidationFailed, match=r"actions\.0: add_tags takes exactly"):
        check_actions([{"type": "add_tags", "tags": ["a"], "status": "open"}])
