"""What every path a customer's message comes in by shares: the database, the event sink,
the case lifecycle on the service's clock, and the hook that hands the message to the AI
or to escalation (built by the wiring)."""

from __future__ import annotations

from collections.abc import Callable

from server.clock import Clock
from server.domain import case
from server.domain.access import SecurityContext
from server.domain.events import EventSink
from server.domain.models import Conversation, Message
from server.ids import TenantId
from server.services.cases import Actor, Lifecycle, Outcome
from server.store import audit
from server.store.db import Connection, Database

# Called once a customer's message is stored and announced: a request for a person
# escalates, anything else the AI takes.
VisitorWrote = Callable[[Conversation, Message], None]


class Intake:
    def __init__(
        self, db: Database, sink: EventSink, visitor_wrote: VisitorWrote, clock: Clock
    ) -> None:
        self._db = db
        self._sink = sink
        self._visitor_wrote = visitor_wrote
        self._clock = clock
        self._lifecycle = Lifecycle(clock)

    async def refused(self, source: str, reason: str, tenant_id: TenantId | None = None) -> None:
        """A webhook call that failed authentication: an audit entry, nothing else kept; in
        the log of the tenant whose channel the URL names (its admins see it), else in none."""
        async with self._db.unit(SecurityContext.operator()) as conn:
            await audit.record(
                conn,
                tenant_id=tenant_id,
                actor_kind="webhook",
                actor_id=source,
                action="channel.webhook.refused",
                details={"reason": reason},
            )

    async def _customer_wrote(
        self, conn: Connection, conversation: Conversation, contact_id: str
    ) -> Outcome | None:
        """A new message from the customer reopens a resolved or pending case (its ticket
        moves with it); the outcome to announce after commit, or None."""
        if conversation.status not in ("resolved", "pending"):
            return None
        return await self._lifecycle.move(
            conn,
            conversation.id,
            case.Change(trigger=case.CUSTOMER_WROTE),
            Actor("visitor", contact_id),
            audit_action="conversation.reopen",
        )
