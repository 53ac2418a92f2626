"""A tenant's managed labels: staff read the set, admins shape it.

A label names a tag (PROTOCOL.md conversation `tags`, unchanged on the wire) and gives
it a colour and a description. Free tags outside the set stay valid. Renaming a label
renames its tag on every conversation of the tenant; deleting one removes its tag from
them. Each conversation so changed records a `conversation.updated` (changes: tags),
announced after the commit, so open inboxes redraw its chips. Tickets' own tags are not
touched (a ticket's tags are its own field). Every change is audited.
"""

from __future__ import annotations

import uuid
from typing import Any

from server.domain import labels as rules
from server.domain.access import Principal, is_staff
from server.domain.events import EventSink, PersistedEvent
from server.domain.labels import Label
from server.domain.models import Role
from server.errors import Conflict, Forbidden, NotFound
from server.ids import ConversationId, parse_uuid
from server.store import audit, events
from server.store import labels as store
from server.store.db import Connection, Database

ADMIN_ROLES = (Role.ADMIN, Role.SUPER_ADMIN)


class LabelService:
    def __init__(self, db: Database, sink: EventSink) -> None:
        self._db = db
        self._sink = sink

    async def listing(self, principal: Principal) -> list[Label]:
        """The tenant's labels by name (staff: agents pick from them, admins manage)."""
        if not is_staff(principal):
            raise Forbidden("labels are for agents and admins")
        async with self._db.unit(principal.context()) as conn:
            return await store.listing(conn)

    async def create(
        self, principal: Principal, *, name: str, colour: str, description: str = ""
    ) -> Label:
        """A new label (admins), audited; Conflict for a taken name or a full set."""
        _require_admin(principal)
        name = rules.check_name(name)
        colour = rules.check_colour(colour)
        description = rules.check_description(description)
        async with self._db.unit(principal.context()) as conn:
            if await store.count(conn) >= rules.MAX_LABELS:
                raise Conflict(f"a tenant has at most {rules.MAX_LABELS} labels")
            label = await store.insert(
                conn,
                tenant_id=principal.tenant_id,
                name=name,
                colour=colour,
                description=description,
            )
            await audit.record_by(
                conn,
                principal,
                "label.create",
                "label",
                label.id,
                {"name": name},
                tenant_id=label.tenant_id,
            )
        return label

    async def change(self, principal: Principal, label_id: str, values: dict[str, Any]) -> Label:
        """Change name, colour or description; a new name renames the tag on the tenant's
        conversations in the same transaction."""
        _require_admin(principal)
        wanted = parse_uuid(label_id, "label")
        updates: list[PersistedEvent] = []
        async with self._db.unit(principal.context()) as conn:
            label = await store.get(conn, wanted, lock=True)
            if label is None:
                raise NotFound("label not found")
            given_name, given_colour = values.get("name"), values.get("colour")
            name = label.name if given_name is None else rules.check_name(given_name)
            colour = label.colour if given_colour is None else rules.check_colour(given_colour)
            description = label.description
            if values.get("description") is not None:
                description = rules.check_description(values["description"])
            updated = await store.update(
                conn, label.id, name=name, colour=colour, description=description
            )
            details: dict[str, Any] = {"name": name}
            if name != label.name:
                changed = await store.retag(conn, label.tenant_id, label.name, name)
                updates = await _record_updates(conn, label, changed)
                details.update(renamed_from=label.name, conversations=len(changed))
            await audit.record_by(
                conn,
                principal,
                "label.update",
                "label",
                updated.id,
                details,
                tenant_id=updated.tenant_id,
            )
        for event in updates:
            await self._sink.persisted(event)
        return updated

    async def delete(self, principal: Principal, label_id: str) -> int:
        """Delete a label and remove its tag from the tenant's conversations; returns how
        many conversations lost it."""
        _require_admin(principal)
        wanted = parse_uuid(label_id, "label")
        async with self._db.unit(principal.context()) as conn:
            label = await store.get(conn, wanted, lock=True)
            if label is None:
                raise NotFound("label not found")
            changed = await store.retag(conn, label.tenant_id, label.name, None)
            updates = await _record_updates(conn, label, changed)
            await store.delete(conn, label.id)
            details = {"name": label.name, "conversations": len(changed)}
            await audit.record_by(
                conn,
                principal,
                "label.delete",
                "label",
                label.id,
                details,
                tenant_id=label.tenant_id,
            )
        for event in updates:
            await self._sink.persisted(event)
        return len(changed)


def _require_admin(principal: Principal) -> None:
    """Admins (and a super_admin under a support grant) shape the set; bots never do."""
    if principal.kind != "agent" or principal.role not in ADMIN_ROLES:
        raise Forbidden("only admins manage labels")


async def _record_updates(
    conn: Connection, label: Label, changed: list[uuid.UUID]
) -> list[PersistedEvent]:
    """A `conversation.updated` (tags) for each conversation the label's change retagged."""
    return [
        await events.append_update(
            conn,
            tenant_id=label.tenant_id,
            conversation_id=ConversationId(conversation_id),
            changes=("tags",),
        )
        for conversation_id in changed
    ]
