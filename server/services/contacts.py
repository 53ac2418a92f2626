"""Contacts as agents see them: who the customer is, their conversations and tickets."""

from __future__ import annotations

from dataclasses import dataclass

from server.domain.access import Principal, is_staff
from server.domain.models import Contact, ConversationSummary
from server.domain.tickets import Ticket
from server.errors import Forbidden, NotFound
from server.ids import ContactId, parse_uuid
from server.services.conversations import summaries_with_unread
from server.store import contacts, conversations, tickets
from server.store.db import Database

HISTORY = 50


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
