"""Conversation use cases: start, send, update, hand off, replay, the inbox.

Every method runs in one unit of work as the principal (row-level security decides what it
sees: another tenant's or visitor's conversation is simply not found), and announces
events through the EventSink only after the commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from server.domain import handoff
from server.domain.access import Principal, is_staff, sender_of
from server.domain.events import EventSink, MessageCreated, PersistedEvent, ReadSignal, TypingSignal
from server.domain.models import AppendResult, Conversation, ConversationSummary, Message
from server.domain.tenant_settings import TenantSettings
from server.errors import Forbidden, NotFound, ValidationFailed
from server.ids import ContactId, ConversationId, UserId, parse_uuid
from server.services.paging import decode_cursor, encode_cursor
from server.store import contacts, conversations, events, messages, principals, tenants
from server.store.db import Connection, Database, retry_on_conflict

VisitorWrote = Callable[[Conversation, Message], None]
StaffReplied = Callable[[Conversation], Awaitable[None]]


@dataclass(frozen=True)
class Replay:
    conversation: Conversation
    events: list[PersistedEvent]
    truncated: bool
    last_seq: int  # the conversation's last seq when read; replay is complete up to it


@dataclass(frozen=True)
class InboxFilter:
    statuses: list[str] | None = None
    assignee: str | None = None  # "me", "none" or a user id

    def admits(self, status: str | None, assignee_id: str | None, me: str) -> bool:
        """Whether a conversation in this state belongs in the filtered inbox of `me`."""
        if self.statuses is not None and status not in self.statuses:
            return False
        if self.assignee == "none":
            return assignee_id is None
        if self.assignee == "me":
            return assignee_id == me
        if self.assignee is not None:
            return assignee_id == self.assignee
        return True


class ConversationService:
    def __init__(self, db: Database, sink: EventSink) -> None:
        self._db = db
        self._sink = sink
        self._visitor_wrote: VisitorWrote | None = None
        self._staff_replied: StaffReplied | None = None

    def on_visitor_message(self, callback: VisitorWrote) -> None:
        """Call `callback` after each new visitor message is committed and announced."""
        self._visitor_wrote = callback

    def on_staff_reply(self, callback: StaffReplied) -> None:
        """Called after an agent's or bot's public message in a conversation with a ticket."""
        self._staff_replied = callback

    async def start(
        self,
        principal: Principal,
        *,
        subject: str | None,
        attributes: dict[str, Any] | None,
        channel: str,
    ) -> Conversation:
        """A new conversation. A visitor's is its own; staff open one for a new contact."""
        async with self._db.unit(principal.context()) as conn:
            if principal.kind == "visitor":
                contact_id = ContactId(uuid.UUID(principal.id))
                if attributes:
                    await contacts.merge_attributes(conn, contact_id, attributes)
            else:
                contact = await contacts.insert(
                    conn,
                    contact_id=contacts.new_id(),
                    tenant_id=principal.tenant_id,
                    attributes=attributes,
                )
                contact_id = contact.id
            tenant = await tenants.get(conn, principal.tenant_id)
            return await conversations.insert(
                conn,
                tenant_id=principal.tenant_id,
                contact_id=contact_id,
                channel=channel,
                subject=subject,
                ai_enabled=tenant is not None
                and TenantSettings.from_stored(tenant.settings).ai_enabled,
            )

    async def get(self, principal: Principal, conversation_id: str) -> Conversation:
        async with self._db.unit(principal.context()) as conn:
            return await _visible(conn, conversation_id)

    async def replay(
        self, principal: Principal, conversation_id: str, after_seq: int, limit: int
    ) -> Replay:
        """The conversation and its events after `after_seq` that the principal may see."""
        async with self._db.unit(principal.context()) as conn:
            conversation = await _visible(conn, conversation_id)
            found = await events.after(conn, conversation, after_seq, limit + 1)
        truncated = len(found) > limit
        page = found[:limit]
        last = page[-1].seq if truncated else conversation.last_seq
        return Replay(conversation, page, truncated, last)

    async def send(
        self,
        principal: Principal,
        conversation_id: str,
        *,
        client_msg_id: str,
        body: str,
        private: bool,
    ) -> Message:
        """Store a message (idempotent per sender and client_msg_id), then announce it once."""
        if private and not is_staff(principal):
            raise Forbidden("only agents and bots write private notes")

        target = ConversationId(parse_uuid(conversation_id, "conversation"))

        async def attempt() -> tuple[AppendResult, Conversation]:
            async with self._db.unit(principal.context()) as conn:
                return await messages.append(
                    conn,
                    conversation_id=target,
                    sender=sender_of(principal),
                    body=body,
                    private=private,
                    client_msg_id=client_msg_id,
                    expects_reply=not handoff.is_small_talk(body),
                )

        result, conversation = await retry_on_conflict(attempt)
        if result.created:
            await self._sink.persisted(MessageCreated(result.message, conversation))
            if principal.kind == "visitor" and self._visitor_wrote is not None:
                self._visitor_wrote(conversation, result.message)
            elif (
                is_staff(principal)
                and not private
                and conversation.ticket_id is not None
                and self._staff_replied is not None
            ):
                await self._staff_replied(conversation)
        return result.message

    async def update(
        self, principal: Principal, conversation_id: str, values: dict[str, Any]
    ) -> Conversation:
        """Change status, assignee, priority or tags (staff only); one event if anything moved."""
        if not is_staff(principal):
            raise Forbidden("only agents and bots update conversations")
        clean = dict(values)
        if "tags" in clean and clean["tags"] is not None:
            clean["tags"] = sorted(set(clean["tags"]))
        return await self._change(principal, conversation_id, clean)

    async def _change(
        self, principal: Principal, conversation_id: str, values: dict[str, Any]
    ) -> Conversation:
        async with self._db.unit(principal.context()) as conn:
            conversation = await _visible(conn, conversation_id)
            await conversations.lock(conn, conversation.id)
            if "assignee_id" in values and values["assignee_id"] is not None:
                values["assignee_id"] = await assignable(conn, values["assignee_id"])
            changed = await conversations.update(conn, conversation.id, values)
            if not changed:
                return conversation
            event = await events.append_update(
                conn,
                tenant_id=conversation.tenant_id,
                conversation_id=conversation.id,
                changes=changed,
            )
        await self._sink.persisted(event)
        return event.conversation

    async def inbox(
        self, principal: Principal, wanted: InboxFilter, limit: int = 50
    ) -> list[Conversation]:
        if not is_staff(principal):
            raise Forbidden("the inbox is for agents and bots")
        async with self._db.unit(principal.context()) as conn:
            return await conversations.inbox(
                conn,
                statuses=wanted.statuses,
                assignee=_assignee_of(principal, wanted.assignee),
                unassigned=wanted.assignee == "none",
                limit=limit,
            )

    async def listing(
        self,
        principal: Principal,
        wanted: InboxFilter,
        *,
        channel: str | None = None,
        text: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> tuple[list[ConversationSummary], str | None]:
        """The inbox list with contacts and previews, filtered and searched, a page at a
        time; the second value is the next page's cursor (None: this was the last)."""
        if not is_staff(principal):
            raise Forbidden("the inbox is for agents and bots")
        if wanted.statuses and not set(wanted.statuses) <= set(STATUSES):
            raise ValidationFailed(f"status must be among {', '.join(STATUSES)}")
        if channel is not None and channel not in CHANNELS:
            raise ValidationFailed(f"channel must be one of {', '.join(CHANNELS)}")
        query = (text or "").strip() or None
        if query is not None and len(query) > 200:
            raise ValidationFailed("q must be at most 200 characters")
        async with self._db.unit(principal.context()) as conn:
            found = await conversations.listing(
                conn,
                statuses=wanted.statuses,
                assignee=_assignee_of(principal, wanted.assignee),
                unassigned=wanted.assignee == "none",
                channel=channel,
                text=query,
                contact_id=None,
                before=decode_cursor(cursor),
                limit=limit + 1,
            )
        page = found[:limit]
        last = page[-1].conversation if len(found) > limit and page else None
        return page, encode_cursor(last.updated_at, last.id) if last else None

    async def typing(self, principal: Principal, conversation_id: str, state: bool) -> None:
        conversation = await self.get(principal, conversation_id)
        await self._sink.signal(
            TypingSignal(conversation.tenant_id, conversation.id, sender_of(principal), state)
        )

    async def read(self, principal: Principal, conversation_id: str, seq: int) -> None:
        conversation = await self.get(principal, conversation_id)
        if seq > conversation.last_seq:
            raise ValidationFailed(
                f"seq: beyond the conversation's last seq {conversation.last_seq}"
            )
        await self._sink.signal(
            ReadSignal(conversation.tenant_id, conversation.id, sender_of(principal), seq)
        )

    async def messages_after(
        self, principal: Principal, conversation_id: ConversationId, after_seq: int, limit: int
    ) -> list[Message]:
        """Messages after `after_seq` (HTTP paging of what a replay truncated)."""
        async with self._db.unit(principal.context()) as conn:
            await _visible(conn, str(conversation_id))
            return await messages.after_seq(conn, conversation_id, after_seq, limit)


async def _visible(conn: Connection, conversation_id: str) -> Conversation:
    """The conversation if this context may see it; otherwise exactly like a missing id."""
    found = await conversations.get(
        conn, ConversationId(parse_uuid(conversation_id, "conversation"))
    )
    if found is None:
        raise NotFound("conversation not found")
    return found


STATUSES = ("open", "pending", "waiting_human", "resolved", "closed")
CHANNELS = ("web", "email", "sms", "whatsapp", "api")


def _assignee_of(principal: Principal, wanted: str | None) -> UserId | None:
    """An inbox filter's assignee: "me" (an agent's own id), a user id, or None."""
    if wanted == "me":
        return UserId(uuid.UUID(principal.id)) if principal.kind == "agent" else None
    if wanted in (None, "none"):
        return None
    return UserId(parse_uuid(str(wanted), "assignee"))


async def assignable(conn: Connection, assignee_id: str) -> UserId:
    """A user of the context's tenant (another tenant's id is simply not found)."""
    user_id = UserId(parse_uuid(assignee_id, "assignee"))
    if await principals.get_user(conn, user_id) is None:
        raise NotFound("assignee not found")
    return user_id
