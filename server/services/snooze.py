"""Snooze: a pending conversation put aside until a time, reopened by itself then.

An agent snoozes with `conversation.update` / PATCH `snoozed_until` (ConversationService
parses it with `snooze_until`); the status becomes pending. The worker's timers call
`SnoozeService.wake_due` every few seconds: each conversation whose time came (by the one
clock, server/clock.py) goes back to open through the case lifecycle, with a system
message and `conversation.updated`. A customer writing before then reopens it at once
(ConversationService.customer_wrote); any move out of pending ends the snooze
(services/cases.py), so the row never holds a snooze for a conversation that is not
pending (migration 0023 checks it).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from server.clock import Clock
from server.domain import case
from server.domain.access import SecurityContext
from server.domain.events import EventSink
from server.domain.models import Conversation, Role
from server.errors import ValidationFailed
from server.services.cases import SYSTEM, Lifecycle
from server.store import conversations
from server.store.db import Database

log = logging.getLogger("flowsupport.snooze")
MAX_SNOOZE = timedelta(days=366)
WOKE_TEXT = "Snooze ended: the conversation is open again"


def snooze_until(value: str | None, now: datetime) -> datetime | None:
    """The time a `snoozed_until` names (RFC 3339 with an offset, after `now`, within a
    year), or None for null (the snooze ends). ValidationFailed otherwise."""
    if value is None:
        return None
    try:
        until = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValidationFailed("snoozed_until must be an RFC 3339 time") from exc
    if until.tzinfo is None:
        raise ValidationFailed("snoozed_until needs a UTC offset (such as Z or +02:00)")
    if until <= now:
        raise ValidationFailed("snoozed_until must be in the future")
    if until - now > MAX_SNOOZE:
        raise ValidationFailed("snoozed_until must be within a year")
    return until


class SnoozeService:
    def __init__(self, db: Database, sink: EventSink, clock: Clock) -> None:
        self._db = db
        self._sink = sink
        self._clock = clock
        self._lifecycle = Lifecycle(clock)

    async def wake_due(self, limit: int = 100) -> int:
        """Reopen every snoozed conversation whose time came; the number reopened. The state
        is the row's, so a restarted or second worker changes nothing: each wakes under its
        row lock after checking again. One that fails does not hold up the others."""
        now = self._clock.now()
        async with self._db.unit(SecurityContext.operator()) as conn:
            due = await conversations.snoozed_due(conn, now, limit)
        failures: list[Exception] = []
        woken = 0
        for conversation in due:
            try:
                woken += await self._wake(conversation, now)
            except Exception as exc:
                failures.append(exc)
        if failures:
            raise ExceptionGroup(
                f"{len(failures)} of {len(due)} snoozed conversations did not reopen", failures
            )
        return woken

    async def _wake(self, found: Conversation, now: datetime) -> int:
        """Reopen one, in its tenant's staff context, if it is still snoozed and due."""
        staff = SecurityContext(found.tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            current = await conversations.get(conn, found.id, lock=True)
            if current is None or current.snoozed_until is None or current.snoozed_until > now:
                return 0  # woken by another worker, by the customer, or snoozed again
            outcome = await self._lifecycle.move(
                conn,
                current.id,
                case.Change(trigger=case.UPDATE, status="open"),
                SYSTEM,
                audit_action="conversation.snooze_ended",
                notices=[(None, WOKE_TEXT)],
            )
        await outcome.announce(self._sink)
        return 1
