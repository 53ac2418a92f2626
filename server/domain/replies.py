"""Canned replies and macros, pure: the template variables, how a body is rendered, and
the checked shape of a macro's actions (README "Canned replies and macros").

A body names variables as ``{group.field}``. Known ones are filled in; one whose value is
missing (a visitor who never gave a name) becomes empty and is reported as `missing`, so
the agent sees why; an unknown one stays in the text as written and is reported as
`unknown`. Nothing else in braces is touched, so ``{`` in ordinary text is safe.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.errors import ValidationFailed

VARIABLES: dict[str, str] = {
    "contact.name": "the customer's name",
    "contact.first_name": "the first word of the customer's name",
    "contact.email": "the customer's e-mail address",
    "contact.phone": "the customer's phone number",
    "agent.name": "the name of the agent sending the reply",
    "agent.first_name": "the first word of the agent's name",
    "conversation.id": "the conversation's id",
    "conversation.subject": "the conversation's subject",
}
_VARIABLE = re.compile(r"\{([a-z_]+\.[a-z_]+)\}")

CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MAX_TITLE = 100
MAX_BODY = 5000
MAX_ACTIONS = 20
MAX_TAGS = 50
MAX_TAG = 50
STATUSES = ("open", "pending", "waiting_human", "resolved", "closed")
PRIORITIES = ("low", "normal", "high", "urgent")
ACTION_TYPES = ("send_reply", "add_tags", "remove_tags", "set_status", "assign", "set_priority")


@dataclass(frozen=True)
class CannedReply:
    id: uuid.UUID
    owner_id: uuid.UUID | None  # None: shared by the tenant
    code: str
    title: str
    body: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Macro:
    id: uuid.UUID
    owner_id: uuid.UUID | None  # None: shared by the tenant
    name: str
    actions: list[dict[str, Any]]  # as check_actions returns them
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Rendered:
    body: str
    missing: list[str]  # known variables without a value: left empty
    unknown: list[str]  # not variables we know: left as written


def render(template: str, values: Mapping[str, str | None]) -> Rendered:
    """Fill the known variables of `template` from `values` (see the module docstring)."""
    missing: list[str] = []
    unknown: list[str] = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in VARIABLES:
            if name not in unknown:
                unknown.append(name)
            return match.group(0)
        value = values.get(name)
        if not value:
            if name not in missing:
                missing.append(name)
            return ""
        return value

    return Rendered(_VARIABLE.sub(fill, template), missing, unknown)


def first_word(name: str | None) -> str | None:
    return name.split()[0] if name and name.split() else None


def check_reply(code: str, title: str, body: str) -> None:
    """A canned reply's fields, with a message naming the field that is wrong."""
    if not CODE.match(code):
        raise ValidationFailed(
            "code: 1 to 40 characters, lower-case letters, digits, - and _, starting with a "
            "letter or digit"
        )
    if not 1 <= len(title.strip()) <= MAX_TITLE:
        raise ValidationFailed(f"title: must be 1 to {MAX_TITLE} characters")
    if not 1 <= len(body.strip()) <= MAX_BODY:
        raise ValidationFailed(f"body: must be 1 to {MAX_BODY} characters")


def check_name(name: str) -> None:
    if not 1 <= len(name.strip()) <= MAX_TITLE:
        raise ValidationFailed(f"name: must be 1 to {MAX_TITLE} characters")


def check_actions(actions: list[Any]) -> list[dict[str, Any]]:
    """A macro's actions in their one stored shape, or ValidationFailed naming the first
    bad one (`actions.2.status: ...`). The types:

    - ``{"type": "send_reply", "body": "..."}`` (variables as in canned replies)
    - ``{"type": "add_tags" | "remove_tags", "tags": ["vip", ...]}``
    - ``{"type": "set_status", "status": "open" | "pending" | ... | "closed"}``
    - ``{"type": "assign", "assignee_id": "me" | "<user id>" | null}`` (null unassigns)
    - ``{"type": "set_priority", "priority": "low" | "normal" | "high" | "urgent"}``
    """
    if not 1 <= len(actions) <= MAX_ACTIONS:
        raise ValidationFailed(f"actions: 1 to {MAX_ACTIONS} actions")
    return [_action(i, item) for i, item in enumerate(actions)]


def _action(index: int, item: Any) -> dict[str, Any]:
    where = f"actions.{index}"
    if not isinstance(item, dict):
        raise ValidationFailed(f"{where}: must be an object")
    kind = item.get("type")
    if kind not in ACTION_TYPES:
        raise ValidationFailed(f"{where}.type: unknown action {kind!r}; one of {ACTION_TYPES}")
    fields = {
        "send_reply": {"body"},
        "add_tags": {"tags"},
        "remove_tags": {"tags"},
        "set_status": {"status"},
        "assign": {"assignee_id"},
        "set_priority": {"priority"},
    }[kind]
    extra = set(item) - fields - {"type"}
    if extra or not fields <= set(item):
        raise ValidationFailed(f"{where}: {kind} takes exactly {sorted(fields)}")
    if kind == "send_reply":
        body = item["body"]
        if not isinstance(body, str) or not 1 <= len(body.strip()) <= MAX_BODY:
            raise ValidationFailed(f"{where}.body: must be 1 to {MAX_BODY} characters")
    elif kind in ("add_tags", "remove_tags"):
        tags = item["tags"]
        if (
            not isinstance(tags, list)
            or not 1 <= len(tags) <= MAX_TAGS
            or not all(isinstance(t, str) and 1 <= len(t) <= MAX_TAG for t in tags)
        ):
            raise ValidationFailed(
                f"{where}.tags: 1 to {MAX_TAGS} tags of 1 to {MAX_TAG} characters"
            )
    elif kind == "set_status" and item["status"] not in STATUSES:
        raise ValidationFailed(f"{where}.status: one of {STATUSES}")
    elif kind == "set_priority" and item["priority"] not in PRIORITIES:
        raise ValidationFailed(f"{where}.priority: one of {PRIORITIES}")
    elif kind == "assign":
        who = item["assignee_id"]
        if who is not None and (not isinstance(who, str) or not 1 <= len(who) <= 100):
            raise ValidationFailed(f'{where}.assignee_id: "me", a user id or null')
    return dict(item)
