"""Conversation use cases: start, send, update, hand off, replay, the inbox.

Every method runs in one unit of work as the principal (row-level security decides what it
sees: another tenant's or visitor's conversation is simply not found), and announces
events through the EventSink only after the commit.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, replace
from typing import Any

from server.clock import Clock, SystemClock
from server.domain import case, small_talk
from server.domain.access import Principal, SecurityContext, is_staff, sender_of
from server.domain.case import UNSET
from server.domain.events import EventSink, MessageCreated, PersistedEvent, TypingSignal
from server.domain.models import AppendResult, Conversation, ConversationSummary, Message, Role
from server.domain.tenant_settings import TenantSettings
from server.errors import Forbidden, NotFound, ValidationFailed
from server.ids import ContactId, ConversationId, UserId, parse_uuid
from server.services.attachments import attach_uploads, upload_ids
from server.services.cases import (
    Actor,
    Lifecycle,
    Outcome,
    announce,
    assignable,
    created_with,
    follow_up,
)
from server.services.intake import VisitorWrote
from server.services.paging import decode_cursor, encode_cursor
from server.services.reads import ReadPositions
from server.services.snooze import snooze_until
from server.store import contacts, conversations, events, messages, tenants
from server.store.db import Connection, Database, retry_on_conflict
from server.supervisor import Supervisor

OWN_CONVERSATIONS = 50  # the most a customer's conversations.list returns
TEXT_ONLY = ("sms", "whatsapp")  # channels whose messages carry no files from us (yet)


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
    def __init__(
        self,
        db: Database,
        sink: EventSink,
        clock: Clock | None = None,
        *,
        reads: ReadPositions | None = None,
        supervisor: Supervisor | None = None,
    ) -> None:
        self._db = db
        self._sink = sink
        self._clock = clock or SystemClock()
        self._lifecycle = Lifecycle(self._clock)
        self._reads = reads or ReadPositions(db, sink, supervisor=supervisor)
        self._visitor_wrote: VisitorWrote | None = None

    def on_visitor_message(self, callback: VisitorWrote) -> None:
        """Call `callback` after each new visitor message is committed and announced (and
        its case reopened, when it was over)."""
        self._visitor_wrote = callback

    async def close(self) -> None:
        await self._reads.close()

    async def start(
        self,
        principal: Principal,
        *,
        subject: str | None,
        attributes: dict[str, Any] | None,
        channel: str,
        client_conv_id: str | None = None,
    ) -> Conversation:
        """A new conversation. A visitor's is its own; staff open one for a new contact.
        The same `client_conv_id` from the same principal returns the first conversation
        (a client whose ack was lost asks again); a new one is announced to the inbox."""
        key = start_key(principal, client_conv_id) if client_conv_id else None

        async def attempt() -> tuple[Conversation, bool]:
            async with self._db.unit(principal.context()) as conn:
                if key is not None:
                    earlier = await conversations.by_start_key(conn, principal.tenant_id, key)
                    if earlier is not None:
                        return (await with_unread(conn, principal, [earlier]))[0], False
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
                started = await conversations.insert(
                    conn,
                    tenant_id=principal.tenant_id,
                    contact_id=contact_id,
                    channel=channel,
                    subject=subject,
                    ai_enabled=tenant is not None
                    and TenantSettings.from_stored(tenant.settings).ai_enabled,
                    start_key=key,
                )
                return (await with_unread(conn, principal, [started]))[0], True

        # Two starts with one key at once: the loser's insert conflicts, its retry finds it.
        conversation, created = await retry_on_conflict(attempt)
        if created:
            await self._sink.created(conversation)
        return conversation

    async def own(self, principal: Principal) -> list[tuple[Conversation, Message | None]]:
        """A visitor's own conversations, newest first, each with the last message it may
        see (`conversations.list`): the widget's list of past conversations."""
        if principal.kind != "visitor":
            raise Forbidden("conversations.list is for customers; agents use inbox.subscribe")
        async with self._db.unit(principal.context()) as conn:
            found = await conversations.of_contact(
                conn, ContactId(uuid.UUID(principal.id)), OWN_CONVERSATIONS
            )
            last = await messages.last_public(conn, [c.id for c in found])
        return [(c, last.get(c.id)) for c in found]

    async def get(self, principal: Principal, conversation_id: str) -> Conversation:
        """The conversation as `principal` sees it (staff: with their unread count)."""
        await self._reads.settle(principal)
        async with self._db.unit(principal.context()) as conn:
            found = await _visible(conn, conversation_id)
            return (await with_unread(conn, principal, [found]))[0]

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
        attachments: list[str] | None = None,
    ) -> Message:
        """Store a message (idempotent per sender and client_msg_id), then announce it once.

        The case moves with it (domain/case.py): a person answering a customer who waits
        for one takes the case first ("Ann joined"), a staff reply meets the ticket's first
        response, and the customer writing again reopens a resolved case. A customer's
        message to a closed conversation goes to a new one linked to it (the returned
        message names it)."""
        if private and not is_staff(principal):
            raise Forbidden("only agents and bots write private notes")

        target = ConversationId(parse_uuid(conversation_id, "conversation"))
        staff_reply = is_staff(principal) and not private
        uploads = upload_ids(attachments)  # attached in the message's own transaction

        async def attempt() -> tuple[AppendResult, Conversation, list[Outcome], list[Outcome]]:
            async with self._db.unit(principal.context()) as conn:
                conversation = await conversations.get(conn, target, lock=True)
                if conversation is None:
                    raise NotFound("conversation not found")
                if uploads and conversation.channel in TEXT_ONLY:
                    # Their providers take media only from a public URL; ours are private.
                    raise ValidationFailed(
                        f"attachments: files cannot be sent on {conversation.channel} conversations"
                    )
                before: list[Outcome] = []
                if principal.kind == "visitor" and conversation.status == "closed":
                    conversation = await follow_up(conn, conversation)
                elif staff_reply:
                    before.append(await self._lifecycle.staff_reply(conn, conversation, principal))
                result, current = await messages.append(
                    conn,
                    conversation_id=conversation.id,
                    sender=sender_of(principal),
                    body=body,
                    private=private,
                    client_msg_id=client_msg_id,
                    expects_reply=small_talk.kind(body) is None,
                    now=self._clock.now(),
                )
                if result.created and uploads:
                    listed = await attach_uploads(conn, principal, result.message, uploads)
                    result = replace(result, message=listed)
                after: list[Outcome] = []
                if result.created and staff_reply:
                    after.append(await self._lifecycle.first_response(conn, current))
                if result.created and principal.kind == "agent":
                    # Whoever writes has read everything before: their position moves too.
                    await conversations.set_read(
                        conn,
                        tenant_id=current.tenant_id,
                        conversation_id=current.id,
                        reader_kind="agent",
                        reader_id=uuid.UUID(principal.id),
                        seq=result.message.seq,
                    )
                return result, current, before, after

        result, conversation, before, after = await retry_on_conflict(attempt)
        if not result.created:
            if principal.kind == "visitor" and _reopen_unfinished(conversation, result.message):
                # A resend: the first attempt stored the message, then failed (or its node
                # died) before its reopen, which has a transaction of its own. Finish it.
                await self.customer_wrote(conversation)
            return result.message
        stored = MessageCreated(result.message, conversation)
        if conversation.id != target:  # a follow-up of a closed conversation, made just now
            await created_with(self._sink, stored)
        await announce(self._sink, [*before, Outcome(conversation, persisted=[stored]), *after])
        if principal.kind == "visitor":
            conversation = await self.customer_wrote(conversation)
            # A message of files only asks nothing the AI could answer.
            if self._visitor_wrote is not None and result.message.body:
                self._visitor_wrote(conversation, result.message)
        return result.message

    async def customer_wrote(self, conversation: Conversation) -> Conversation:
        """After the customer's message committed: a resolved (or pending) case reopens,
        its ticket with it, in one transaction of its own (the customer may not write
        tickets). Returns the conversation as it is now."""
        if conversation.status not in ("resolved", "pending"):
            return conversation
        staff = SecurityContext(conversation.tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            outcome = await self._lifecycle.move(
                conn,
                conversation.id,
                case.Change(trigger=case.CUSTOMER_WROTE),
                Actor("visitor", str(conversation.contact_id)),
                audit_action="conversation.reopen",
            )
        await outcome.announce(self._sink)
        return outcome.conversation or conversation

    async def update(
        self, principal: Principal, conversation_id: str, values: dict[str, Any]
    ) -> Conversation:
        """Change status, assignee, priority, tags or snooze (staff only), through the case
        lifecycle: checked, its ticket moved in step, audited, announced once.

        `add_tags` / `remove_tags` (bulk actions) change the tags the row holds under its
        lock; `snoozed_until` (services/snooze.py) snoozes: the status becomes pending."""
        if not is_staff(principal):
            raise Forbidden("only agents and bots update conversations")
        also: dict[str, Any] = {}
        if "tags" in values:
            also["tags"] = sorted(set(values["tags"] or []))
        status = values.get("status")
        if "snoozed_until" in values:
            until = snooze_until(values["snoozed_until"], self._clock.now())
            also["snoozed_until"] = until
            if until is not None:
                if status not in (None, "pending"):
                    raise ValidationFailed("snoozed_until: a snoozed conversation is pending")
                status = "pending"
        change = case.Change(
            trigger=case.UPDATE,
            status=status,
            assignee_id=values.get("assignee_id", UNSET),
            priority=values.get("priority"),
        )
        await self._reads.settle(principal)
        async with self._db.unit(principal.context()) as conn:
            conversation = await _visible(conn, conversation_id)
            if "add_tags" in values or "remove_tags" in values:
                locked = await conversations.get(conn, conversation.id, lock=True)
                held = set(locked.tags if locked else conversation.tags)
                held |= set(values.get("add_tags") or ())
                held -= set(values.get("remove_tags") or ())
                also["tags"] = sorted(held)
            if values.get("assignee_id") is not None:
                await assignable(conn, values["assignee_id"])
            outcome = await self._lifecycle.move(
                conn,
                conversation.id,
                change,
                Actor.of(principal),
                audit_action="conversation.update",
                also=also,
            )
            current = outcome.conversation or conversation
            current = (await with_unread(conn, principal, [current]))[0]
        await outcome.announce(self._sink)
        return current

    async def inbox(
        self, principal: Principal, wanted: InboxFilter, limit: int = 50
    ) -> list[Conversation]:
        if not is_staff(principal):
            raise Forbidden("the inbox is for agents and bots")
        await self._reads.settle(principal)
        async with self._db.unit(principal.context()) as conn:
            found = await conversations.inbox(
                conn,
                statuses=wanted.statuses,
                assignee=_assignee_of(principal, wanted.assignee),
                unassigned=wanted.assignee == "none",
                limit=limit,
            )
            return await with_unread(conn, principal, found)

    async def listing(
        self,
        principal: Principal,
        wanted: InboxFilter,
        *,
        channel: str | None = None,
        text: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
        label: str | None = None,
        snoozed: bool | None = None,
    ) -> tuple[list[ConversationSummary], str | None]:
        """The inbox list with contacts and previews, filtered and searched, a page at a
        time; the second value is the next page's cursor (None: this was the last).
        `label`: only conversations carrying that tag; `snoozed`: only snoozed (True) or
        no snoozed ones (False)."""
        if not is_staff(principal):
            raise Forbidden("the inbox is for agents and bots")
        if wanted.statuses and not set(wanted.statuses) <= set(STATUSES):
            raise ValidationFailed(f"status must be among {', '.join(STATUSES)}")
        if channel is not None and channel not in CHANNELS:
            raise ValidationFailed(f"channel must be one of {', '.join(CHANNELS)}")
        query = (text or "").strip() or None
        if query is not None and len(query) > 200:
            raise ValidationFailed("q must be at most 200 characters")
        if label is not None and not 1 <= len(label) <= 50:
            raise ValidationFailed("label must be 1..50 characters")
        await self._reads.settle(principal)
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
                label=label,
                snoozed=snoozed,
            )
            found = await summaries_with_unread(conn, principal, found)
        page = found[:limit]
        last = page[-1].conversation if len(found) > limit and page else None
        return page, encode_cursor(last.updated_at, last.id) if last else None

    async def typing(self, principal: Principal, conversation_id: str, state: bool) -> None:
        async with self._db.unit(principal.context()) as conn:
            conversation = await _visible(conn, conversation_id)
        await self._sink.signal(
            TypingSignal(conversation.tenant_id, conversation.id, sender_of(principal), state)
        )

    async def read(self, principal: Principal, conversation_id: str, seq: int) -> None:
        """The reader's position moves to `seq`: stored (a burst coalesced into one write),
        then relayed to the other participants as a `read` frame."""
        async with self._db.unit(principal.context()) as conn:
            conversation = await _visible(conn, conversation_id)
        if seq > conversation.last_seq:
            raise ValidationFailed(
                f"seq: beyond the conversation's last seq {conversation.last_seq}"
            )
        self._reads.offer(principal, conversation, seq)

    async def messages_after(
        self, principal: Principal, conversation_id: ConversationId, after_seq: int, limit: int
    ) -> list[Message]:
        """Messages after `after_seq` (HTTP paging of what a replay truncated)."""
        async with self._db.unit(principal.context()) as conn:
            await _visible(conn, str(conversation_id))
            return await messages.after_seq(conn, conversation_id, after_seq, limit)


def _reopen_unfinished(conversation: Conversation, message: Message) -> bool:
    """Whether the customer's stored message should have reopened its resolved case (it came
    after the resolution). Left resolved, its question would wait for good: the unanswered
    sweep looks at open and pending cases only."""
    return (
        conversation.status == "resolved"
        and conversation.resolved_at is not None
        and message.created_at >= conversation.resolved_at
    )


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


async def with_unread(
    conn: Connection, principal: Principal, found: list[Conversation]
) -> list[Conversation]:
    """The conversations with `unread_count` for an agent viewing them (domain/case.py
    `counts_unread` decides where it counts; elsewhere 0). Visitors and bots get none."""
    if principal.kind != "agent" or not found:
        return found
    counted = [
        c.id
        for c in found
        if case.counts_unread(c.status, str(c.assignee_id) if c.assignee_id else None, principal.id)
    ]
    counts = await conversations.unread_counts(conn, counted, "agent", uuid.UUID(principal.id))
    return [replace(c, unread_count=counts.get(c.id, 0)) for c in found]


async def summaries_with_unread(
    conn: Connection, principal: Principal, found: list[ConversationSummary]
) -> list[ConversationSummary]:
    counted = await with_unread(conn, principal, [s.conversation for s in found])
    return [replace(s, conversation=c) for s, c in zip(found, counted, strict=True)]


def start_key(principal: Principal, client_conv_id: str) -> str:
    """What makes a `conversation.start` idempotent: the principal and its key, digested so
    the stored value names nobody (PROTOCOL.md: `client_conv_id` is unique per principal)."""
    raw = f"{principal.kind}\x1f{principal.id}\x1f{client_conv_id}"
    return hashlib.sha256(raw.encode()).hexdigest()
