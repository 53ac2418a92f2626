"""Contacts as agents see them: who the customer is, their conversations and tickets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from server.domain.access import Principal, is_staff
from server.domain.models import Contact, ConversationSummary
from server.domain.tickets import Ticket
from server.errors import Forbidden, NotFound, ValidationFailed
from server.ids import ContactId, parse_uuid
from server.services.conversations import summaries_with_unread
from server.store import audit, contacts, conversations, tickets
from server.store.db import Database

HISTORY = 50
MAX_NAME_CHARS = 200
MAX_EMAIL_CHARS = 320
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ContactProfile:
    contact: Contact
    conversations: list[ConversationSummary]  # most recent first
    tickets: list[Ticket]


class ContactService:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def profile(self, principal: Principal, contact_id: str) -> ContactProfile:
        """Staff only; another tenant's contact is not found (row-level security)."""
        if not is_staff(principal):
            raise Forbidden("contacts are for agents and bots")
        wanted = ContactId(parse_uuid(contact_id, "contact"))
        async with self._db.unit(principal.context()) as conn:
            contact = await contacts.get(conn, wanted)
            if contact is None:
                raise NotFound("contact not found")
            history = await conversations.listing(
                conn,
                statuses=None,
                assignee=None,
                unassigned=False,
                channel=None,
                text=None,
                contact_id=wanted,
                before=None,
                limit=HISTORY,
            )
            history = await summaries_with_unread(conn, principal, history)
            requested = await tickets.of_requester(conn, wanted, HISTORY)
        return ContactProfile(contact, history, requested)

    async def update(
        self, principal: Principal, contact_id: str, changes: dict[str, str | None]
    ) -> Contact:
        """An agent corrects who the customer is: `name` and `email` (blank clears one).
        Audited with the fields changed, never their values (the log is immutable)."""
        if not is_staff(principal):
            raise Forbidden("contacts are for agents and bots")
        cleaned = {key: clean_detail(key, value) for key, value in changes.items()}
        if not cleaned:
            raise ValidationFailed("nothing to change: give name and/or email")
        wanted = ContactId(parse_uuid(contact_id, "contact"))
        async with self._db.unit(principal.context()) as conn:
            updated = await contacts.update_details(conn, wanted, cleaned)
            if updated is None:
                raise NotFound("contact not found")
            await audit.record_by(
                conn, principal, "contact.update", "contact", wanted, {"fields": sorted(cleaned)}
            )
        return updated


def clean_detail(key: str, value: str | None) -> str | None:
    """A name or e-mail as stored: white space collapsed, blank as None; one that is too
    long, or an e-mail that is not one, is refused (ValidationFailed)."""
    text = " ".join((value or "").split())
    if not text:
        return None
    if key == "name" and len(text) > MAX_NAME_CHARS:
        raise ValidationFailed(f"name: at most {MAX_NAME_CHARS} characters")
    if key == "email" and (len(text) > MAX_EMAIL_CHARS or not _EMAIL.match(text)):
        raise ValidationFailed("email: not an e-mail address")
    return text
