"""Canned replies: list, create, change, delete, and render one for a conversation.

The server renders (the one home of variable substitution, server/domain/replies.py): the
contact's e-mail or phone need not be in the agent's client, and a macro's reply is
filled the same way. Shared replies are the tenant's, written by admins; personal ones
belong to the agent who made them and nobody else sees them (row-level security,
migration 0022). Bots read and render shared replies but own none. Changes to shared
replies and macros are the workspace's and are audited (`canned_reply.*`, `macro.*`);
personal ones are their owner's alone and are not.
"""

from __future__ import annotations

import uuid
from typing import Any

from server.clock import Clock, SystemClock
from server.domain.access import Principal, is_staff
from server.domain.models import Role
from server.domain.replies import CannedReply, Rendered, check_reply, first_word, render
from server.errors import Forbidden, NotFound
from server.ids import ConversationId, parse_uuid
from server.store import audit, contacts, conversations, replies
from server.store.db import Connection, Database


class CannedReplyService:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()

    async def visible(self, principal: Principal) -> list[CannedReply]:
        """Shared replies and the caller's own; never another agent's."""
        staff_only(principal)
        async with self._db.unit(principal.context()) as conn:
            return await replies.list_replies(conn)

    async def create(
        self, principal: Principal, *, code: str, title: str, body: str, shared: bool
    ) -> CannedReply:
        staff_only(principal)
        check_reply(code, title, body)
        owner = owner_for(principal, shared, "replies")
        async with self._db.unit(principal.context()) as conn:
            made = await replies.insert_reply(
                conn,
                tenant_id=principal.tenant_id,
                owner_id=owner,
                code=code,
                title=title.strip(),
                body=body.strip(),
                now=self._clock.now(),
            )
            await audit_shared(conn, principal, "canned_reply.create", made.id, owner, code)
            return made

    async def update(
        self, principal: Principal, reply_id: str, changes: dict[str, Any]
    ) -> CannedReply:
        """Change code, title or body (the keys present); shared ones only by admins."""
        staff_only(principal)
        target = parse_uuid(reply_id, "canned reply")
        async with self._db.unit(principal.context()) as conn:
            found = await replies.get_reply(conn, target)
            if found is None:
                raise NotFound("canned reply not found")
            may_change(principal, found.owner_id, "replies")
            code = changes.get("code", found.code)
            title = changes.get("title", found.title)
            body = changes.get("body", found.body)
            check_reply(code, title, body)
            updated = await replies.update_reply(
                conn,
                target,
                code=code,
                title=title.strip(),
                body=body.strip(),
                now=self._clock.now(),
            )
            if updated is None:
                raise NotFound("canned reply not found")
            await audit_shared(conn, principal, "canned_reply.update", target, found.owner_id, code)
            return updated

    async def delete(self, principal: Principal, reply_id: str) -> None:
        staff_only(principal)
        target = parse_uuid(reply_id, "canned reply")
        async with self._db.unit(principal.context()) as conn:
            found = await replies.get_reply(conn, target)
            if found is None:
                raise NotFound("canned reply not found")
            may_change(principal, found.owner_id, "replies")
            if not await replies.delete_reply(conn, target):
                raise NotFound("canned reply not found")
            await audit_shared(
                conn, principal, "canned_reply.delete", target, found.owner_id, found.code
            )

    async def render(self, principal: Principal, reply_id: str, conversation_id: str) -> Rendered:
        """The reply's body filled in for this conversation, with what could not be."""
        staff_only(principal)
        target = parse_uuid(reply_id, "canned reply")
        async with self._db.unit(principal.context()) as conn:
            found = await replies.get_reply(conn, target)
            if found is None:
                raise NotFound("canned reply not found")
            return await render_for(conn, principal, conversation_id, found.body)


async def render_for(
    conn: Connection, principal: Principal, conversation_id: str, template: str
) -> Rendered:
    """`template` filled with this conversation's, its contact's and the caller's values:
    the one place variables get their values (canned replies and macros alike)."""
    conversation = await conversations.get(
        conn, ConversationId(parse_uuid(conversation_id, "conversation"))
    )
    if conversation is None:
        raise NotFound("conversation not found")
    contact = await contacts.get(conn, conversation.contact_id)
    name = contact.name if contact else None
    values = {
        "contact.name": name,
        "contact.first_name": first_word(name),
        "contact.email": contact.email if contact else None,
        "contact.phone": contact.phone if contact else None,
        "agent.name": principal.name,
        "agent.first_name": first_word(principal.name),
        "conversation.id": str(conversation.id),
        "conversation.subject": conversation.subject,
    }
    return render(template, values)


def staff_only(principal: Principal) -> None:
    if not is_staff(principal):
        raise Forbidden("canned replies and macros are for agents")


def owner_for(principal: Principal, shared: bool, what: str) -> uuid.UUID | None:
    """The owner of a new row: None (shared, admins only) or the signed-in user."""
    if shared:
        if principal.role not in (Role.ADMIN, Role.SUPER_ADMIN):
            raise Forbidden(f"only admins create shared {what}")
        return None
    if principal.kind != "agent":
        raise Forbidden(f"personal {what} belong to signed-in agents; a bot has none")
    return uuid.UUID(principal.id)


def may_change(principal: Principal, owner_id: uuid.UUID | None, what: str) -> None:
    """A row the caller can read but not change: a shared one, for a non-admin."""
    if owner_id is None and principal.role not in (Role.ADMIN, Role.SUPER_ADMIN):
        raise Forbidden(f"only admins change shared {what}")


async def audit_shared(
    conn: Connection,
    principal: Principal,
    action: str,
    target: uuid.UUID,
    owner_id: uuid.UUID | None,
    name: str,
) -> None:
    """An audit entry for a change to a shared reply or macro (a personal one: none)."""
    if owner_id is not None:
        return
    kind, _, _ = action.partition(".")
    await audit.record_by(conn, principal, action, kind, target, {"name": name})
