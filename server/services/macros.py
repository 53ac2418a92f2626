"""Macros: named lists of actions applied to one conversation at once.

`apply` runs every action, in order, through the paths an agent's own frames take:
`ConversationService.update` (what `conversation.update` calls: the case lifecycle, its
audit entry, its events, the rules) and `ConversationService.send` (what `message.send`
calls). Each action is its own unit of work, exactly as if the agent had done it by hand;
the first that fails stops the run, and the error names it and says how many were applied
before it (those stay applied, as they would by hand). Shared and personal macros follow
the canned replies' rules (server/services/replies.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from server.clock import Clock, SystemClock
from server.domain.access import Principal
from server.domain.models import Conversation
from server.domain.replies import Macro, check_actions, check_name
from server.errors import FlowSupportError, NotFound, ValidationFailed
from server.ids import parse_uuid
from server.services.conversations import ConversationService
from server.services.replies import audit_shared, may_change, owner_for, render_for, staff_only
from server.store import replies
from server.store.db import Database


@dataclass(frozen=True)
class Applied:
    conversation: Conversation
    applied: list[str]  # the action types, in order
    missing: list[str]  # variables of its replies that had no value (left empty)


class MacroService:
    def __init__(
        self, db: Database, conversations: ConversationService, clock: Clock | None = None
    ) -> None:
        self._db = db
        self._conversations = conversations
        self._clock = clock or SystemClock()

    async def visible(self, principal: Principal) -> list[Macro]:
        staff_only(principal)
        async with self._db.unit(principal.context()) as conn:
            return await replies.list_macros(conn)

    async def create(
        self, principal: Principal, *, name: str, actions: list[Any], shared: bool
    ) -> Macro:
        staff_only(principal)
        check_name(name)
        checked = check_actions(actions)
        owner = owner_for(principal, shared, "macros")
        async with self._db.unit(principal.context()) as conn:
            made = await replies.insert_macro(
                conn,
                tenant_id=principal.tenant_id,
                owner_id=owner,
                name=name.strip(),
                actions=checked,
                now=self._clock.now(),
            )
            await audit_shared(conn, principal, "macro.create", made.id, owner, made.name)
            return made

    async def update(self, principal: Principal, macro_id: str, changes: dict[str, Any]) -> Macro:
        staff_only(principal)
        target = parse_uuid(macro_id, "macro")
        async with self._db.unit(principal.context()) as conn:
            found = _found(await replies.get_macro(conn, target))
            may_change(principal, found.owner_id, "macros")
            name = changes.get("name", found.name)
            check_name(name)
            actions = check_actions(changes.get("actions", found.actions))
            updated = await replies.update_macro(
                conn, target, name=name.strip(), actions=actions, now=self._clock.now()
            )
            done = _found(updated)
            await audit_shared(conn, principal, "macro.update", target, found.owner_id, done.name)
            return done

    async def delete(self, principal: Principal, macro_id: str) -> None:
        staff_only(principal)
        target = parse_uuid(macro_id, "macro")
        async with self._db.unit(principal.context()) as conn:
            found = _found(await replies.get_macro(conn, target))
            may_change(principal, found.owner_id, "macros")
            if not await replies.delete_macro(conn, target):
                raise NotFound("macro not found")
            await audit_shared(conn, principal, "macro.delete", target, found.owner_id, found.name)

    async def apply(self, principal: Principal, macro_id: str, conversation_id: str) -> Applied:
        """Every action of the macro on the conversation, in order (module docstring)."""
        staff_only(principal)
        target = parse_uuid(macro_id, "macro")
        async with self._db.unit(principal.context()) as conn:
            macro = _found(await replies.get_macro(conn, target))
        conversation = await self._conversations.get(principal, conversation_id)
        run = uuid.uuid4().hex[:12]
        done: list[str] = []
        missing: list[str] = []
        for index, action in enumerate(macro.actions):
            try:
                conversation, blanks = await self._one(principal, conversation, action, run, index)
            except FlowSupportError as exc:
                exc.message = (
                    f"macro action {index + 1} of {len(macro.actions)} ({action['type']}) "
                    f"failed: {exc.message}; {len(done)} applied before it"
                )
                raise
            done.append(action["type"])
            missing += [name for name in blanks if name not in missing]
        return Applied(conversation, done, missing)

    async def _one(
        self,
        principal: Principal,
        conversation: Conversation,
        action: dict[str, Any],
        run: str,
        index: int,
    ) -> tuple[Conversation, list[str]]:
        kind = action["type"]
        cid = str(conversation.id)
        if kind == "send_reply":
            async with self._db.unit(principal.context()) as conn:
                rendered = await render_for(conn, principal, cid, action["body"])
            if not rendered.body.strip():
                raise ValidationFailed("the reply is empty once its variables are filled in")
            message = await self._conversations.send(
                principal,
                cid,
                client_msg_id=f"macro-{run}-{index}",
                body=rendered.body,
                private=False,
            )
            # A closed conversation continues in a new one (ConversationService.send): the
            # later actions apply to that one.
            current = await self._conversations.get(principal, str(message.conversation_id))
            return current, rendered.missing
        values: dict[str, Any]
        if kind == "add_tags":
            values = {"tags": [*conversation.tags, *action["tags"]]}
        elif kind == "remove_tags":
            values = {"tags": [t for t in conversation.tags if t not in action["tags"]]}
        elif kind == "set_status":
            values = {"status": action["status"]}
        elif kind == "set_priority":
            values = {"priority": action["priority"]}
        else:  # assign
            who = action["assignee_id"]
            values = {"assignee_id": principal.id if who == "me" else who}
        return await self._conversations.update(principal, cid, values), []


def _found(macro: Macro | None) -> Macro:
    if macro is None:
        raise NotFound("macro not found")
    return macro
