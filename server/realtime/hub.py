"""This node's connections and topics, and the EventSink services announce through.

One broker subscription per topic per node, reference-counted by local members. An event
is delivered to local connections directly (no broker round trip, and still delivered when
Redis is down) and published for the other nodes; a node ignores its own echo.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any

from server.broker.base import Broker, PresenceMember, PresenceStore
from server.domain.accounts import Revocation
from server.domain.events import AiDone, AiEvent, AiProblem, PersistedEvent, Signal, TicketChanged
from server.domain.models import Conversation, Message
from server.errors import FlowSupportError
from server.ids import ConversationId, TenantId
from server.metrics import Metrics
from server.protocol.codes import CLOSE_UNAUTHORIZED
from server.realtime import present, revocations
from server.realtime.connection import Connection
from server.realtime.envelope import (
    AI,
    ALIVE,
    CREATED,
    EVENT,
    NODES_TOPIC,
    PRESENCE,
    SIGNAL,
    TICKET,
    UPDATED,
    Envelope,
    conversation_topic,
    inbox_topic,
    presence_topic,
)
from server.realtime.streams import HEARTBEAT_S, OrphanWatch, Stream
from server.supervisor import Supervisor

log = logging.getLogger("flowsupport.realtime")


class Hub:
    def __init__(
        self,
        broker: Broker,
        presence: PresenceStore,
        node_id: str | None = None,
        *,
        metrics: Metrics | None = None,
        supervisor: Supervisor | None = None,
    ) -> None:
        self.node_id = node_id or uuid.uuid4().hex[:12]
        self.metrics = metrics or Metrics()
        self._supervisor = supervisor
        self._orphans = OrphanWatch()
        self._broker = broker
        self._presence = presence
        self._members: dict[str, set[Connection]] = {}
        self._last_presence: dict[str, dict[str, Any]] = {}  # tenant -> last staff frame
        self.connections: set[Connection] = set()

    async def start(self) -> None:
        await self._broker.start(self._on_broker, self._on_recovered)
        await self._broker.subscribe(revocations.REVOCATIONS_TOPIC)
        if self._supervisor is not None:  # the heartbeat that ends dead nodes' answers
            await self._broker.subscribe(NODES_TOPIC)
            self._supervisor.spawn(self._heartbeats(), name=f"hub {self.node_id} heartbeat")

    async def ping(self) -> None:
        await self._broker.ping()

    # -- membership ---------------------------------------------------------------------

    async def join(self, connection: Connection, topic: str) -> None:
        members = self._members.get(topic)
        if members is None:
            members = self._members[topic] = set()
            await self._broker.subscribe(topic)
        members.add(connection)
        connection.topics.add(topic)

    async def leave(self, connection: Connection, topic: str) -> None:
        connection.topics.discard(topic)
        members = self._members.get(topic)
        if members is None:
            return
        members.discard(connection)
        if not members:
            del self._members[topic]
            await self._broker.unsubscribe(topic)

    async def connected(self, connection: Connection) -> None:
        self.connections.add(connection)
        await self.join(connection, presence_topic(connection.tenant_id))
        if connection.principal.kind == "agent":
            await self._presence.join(self._member(connection))
            if await self._presence_changed(connection.tenant_id):
                return  # the broadcast reached this connection too
        members = await self._members_of(connection.tenant_id)
        agents = _agents(members) if connection.principal.kind == "agent" else None
        connection.send(present.presence(len(members), agents))

    async def disconnected(self, connection: Connection) -> None:
        self.connections.discard(connection)
        for topic in list(connection.topics):
            await self.leave(connection, topic)
        if connection.principal.kind == "agent":
            await self._presence.leave(self._member(connection))
            await self._presence_changed(connection.tenant_id)
        if presence_topic(connection.tenant_id) not in self._members:
            self._last_presence.pop(connection.tenant_id, None)

    def _member(self, connection: Connection) -> PresenceMember:
        who = connection.principal
        return PresenceMember(str(who.tenant_id), who.id, who.name)

    async def agents_online(self, tenant_id: TenantId) -> list[str]:
        """Ids of the tenant's agents connected to any node (for round-robin assignment)."""
        return sorted({m.principal_id for m in await self._members_of(str(tenant_id))})

    # -- EventSink ------------------------------------------------------------------------

    async def persisted(self, event: PersistedEvent) -> None:
        conversation = event.conversation
        await self._announce(
            EVENT,
            conversation.tenant_id,
            conversation.id,
            present.event_frame(event),
            inbox=True,
            seq=event.seq,
            private=event.private,
            status=conversation.status,
            assignee_id=str(conversation.assignee_id) if conversation.assignee_id else None,
        )

    async def signal(self, event: Signal) -> None:
        frame = present.signal_frame(event)
        await self._announce(SIGNAL, event.tenant_id, event.conversation_id, frame, inbox=False)

    async def ai(self, event: AiEvent) -> None:
        frame = present.ai_frame(event)
        await self._announce(AI, event.tenant_id, event.conversation_id, frame, inbox=True)

    async def ticket(self, event: TicketChanged) -> None:
        envelope = Envelope(
            kind=TICKET,
            node=self.node_id,
            tenant_id=str(event.ticket.tenant_id),
            frame=present.ticket_frame(event),
        )
        await self._fan_out(envelope, inbox_topic(envelope.tenant_id))

    async def message_updated(self, message: Message, changes: tuple[str, ...]) -> None:
        frame = present.message_updated_frame(message, changes)
        envelope = Envelope(
            kind=UPDATED,
            node=self.node_id,
            tenant_id=str(message.tenant_id),
            conversation_id=str(message.conversation_id),
            private=message.private,
            frame=frame,
        )
        await self._fan_out(
            envelope, conversation_topic(envelope.tenant_id, str(message.conversation_id))
        )

    async def created(self, conversation: Conversation) -> None:
        envelope = Envelope(
            kind=CREATED,
            node=self.node_id,
            tenant_id=str(conversation.tenant_id),
            conversation_id=str(conversation.id),
            status=conversation.status,
            assignee_id=str(conversation.assignee_id) if conversation.assignee_id else None,
            frame=present.created_frame(conversation),
        )
        await self._fan_out(envelope, inbox_topic(envelope.tenant_id))

    async def _announce(
        self,
        kind: str,
        tenant_id: TenantId,
        conversation_id: ConversationId,
        frame: dict[str, Any],
        *,
        inbox: bool,
        **fields: Any,
    ) -> None:
        """Fan a conversation's frame out to its topic (and the tenant's inbox)."""
        envelope = Envelope(
            kind=kind,
            node=self.node_id,
            tenant_id=str(tenant_id),
            conversation_id=str(conversation_id),
            frame=frame,
            **fields,
        )
        topics = [conversation_topic(envelope.tenant_id, str(conversation_id))]
        if inbox:
            topics.append(inbox_topic(envelope.tenant_id))
        await self._fan_out(envelope, *topics)

    async def _fan_out(self, envelope: Envelope, *topics: str) -> None:
        """Deliver here now, then tell the other nodes (at most once; they catch up by seq)."""
        started = time.perf_counter()
        for topic in topics:
            self._deliver(topic, envelope)
        self.metrics.fanout_seconds.observe(time.perf_counter() - started)
        payload = envelope.pack()
        for topic in topics:
            try:
                await self._broker.publish(topic, payload)
            except FlowSupportError as exc:
                log.warning("publish to %s failed (%s); other nodes catch up by seq", topic, exc)

    def _deliver(self, topic: str, envelope: Envelope) -> None:
        is_inbox = topic.endswith(":inbox")
        members = tuple(self._members.get(topic, ()))
        for connection in members:
            connection.offer(is_inbox, envelope)
        self.metrics.frames_fanned_out.inc(len(members))

    # -- RevocationSink -------------------------------------------------------------------

    async def revoked(self, revocation: Revocation) -> None:
        """Credentials were revoked (committed): close this node's sockets using them now,
        and tell the other nodes to close theirs."""
        if not revocation:
            return
        self.close_revoked(revocation)
        await revocations.publish(self._broker, revocation, self.node_id)

    def close_revoked(self, revocation: Revocation) -> int:
        """Close (4001, PROTOCOL.md's terminal "unauthorized") every local connection whose
        principal the revocation covers; how many."""
        closing = [c for c in self.connections if not c.closing and revocation.covers(c.principal)]
        for connection in closing:
            log.info("session %s: credentials revoked, closing", connection.session_id)
            connection.spawn(connection.shut(CLOSE_UNAUTHORIZED, revocations.REASON))
        return len(closing)

    # -- from the broker ------------------------------------------------------------------

    async def _on_broker(self, topic: str, payload: bytes) -> None:
        envelope = Envelope.unpack(payload)
        if envelope.node == self.node_id:
            return
        self._orphans.heard(envelope.node, time.monotonic())
        if envelope.kind == ALIVE:
            return
        if envelope.kind == revocations.REVOKED:
            self.close_revoked(revocations.unpack(envelope))
            return
        if envelope.kind == AI:
            self._orphans.ai_frame(envelope.node, envelope.tenant_id, envelope.frame, topic)
        if envelope.kind == PRESENCE:
            await self._refresh_presence(envelope.tenant_id)
            return
        self._deliver(topic, envelope)

    async def _heartbeats(self) -> None:
        """Say this node is alive; end the streams of nodes that stopped saying it. Nothing
        is concluded while this node's own broker link is down (then nobody is heard).
        Liveness between processes runs on the monotonic wall clock, not the test clock."""
        alive = Envelope(kind=ALIVE, node=self.node_id, tenant_id="").pack()
        while True:
            await asyncio.sleep(HEARTBEAT_S)
            try:
                await self._broker.publish(NODES_TOPIC, alive)
            except FlowSupportError:
                continue
            for stream in self._orphans.orphans(time.monotonic()):
                self._end_orphan(stream)

    def _end_orphan(self, stream: Stream) -> None:
        log.warning(
            "node %s stopped mid-answer: ending stream %s here", stream.node, stream.stream_id
        )
        done = AiDone(
            TenantId(uuid.UUID(stream.tenant_id)),
            ConversationId(uuid.UUID(stream.conversation_id)),
            stream.stream_id,
            "error",
            (),
            0.0,
            problem=AiProblem("unavailable", "the server writing this answer stopped"),
        )
        envelope = Envelope(
            kind=AI,
            node=self.node_id,
            tenant_id=stream.tenant_id,
            conversation_id=stream.conversation_id,
            frame=present.ai_frame(done),
        )
        for topic in stream.topics:  # this node's watchers only: every node ends it for its own
            self._deliver(topic, envelope)

    async def _on_recovered(self) -> None:
        """The broker reconnected: anything published meanwhile may be lost; catch up."""
        self._orphans.forgive(time.monotonic())
        for connection in tuple(self.connections):
            connection.resync()
        for tenant_id in {c.tenant_id for c in self.connections}:
            await self._refresh_presence(tenant_id)

    # -- presence -------------------------------------------------------------------------

    async def _presence_changed(self, tenant_id: str) -> bool:
        """Recompute after a local join or leave; tell local clients and other nodes if it
        changed. Returns whether it changed (and so was broadcast)."""
        if not await self._refresh_presence(tenant_id):
            return False
        signal = Envelope(kind=PRESENCE, node=self.node_id, tenant_id=tenant_id)
        try:
            await self._broker.publish(presence_topic(tenant_id), signal.pack())
        except FlowSupportError as exc:
            log.warning("presence publish failed: %s", exc)
        return True

    async def _refresh_presence(self, tenant_id: str) -> bool:
        """Send the tenant's local connections the presence frame if it changed."""
        members = await self._members_of(tenant_id)
        for_agents = present.presence(len(members), _agents(members))
        if self._last_presence.get(tenant_id) == for_agents:
            return False  # an agent's second tab changes nothing anyone sees
        self._last_presence[tenant_id] = for_agents
        for_others = present.presence(len(members), None)
        for connection in tuple(self._members.get(presence_topic(tenant_id), ())):
            # PROTOCOL.md: the list of agents is for agents only.
            connection.send(for_agents if connection.principal.kind == "agent" else for_others)
        return True

    async def _members_of(self, tenant_id: str) -> list[PresenceMember]:
        try:
            return await self._presence.members(tenant_id)
        except FlowSupportError as exc:
            log.warning("presence unavailable: %s", exc)
            return []


def _agents(members: list[PresenceMember]) -> list[dict[str, str | None]]:
    return [{"id": m.principal_id, "name": m.name} for m in members]
