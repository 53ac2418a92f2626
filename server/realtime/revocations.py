"""Revocations across nodes: credentials that stopped working close their sockets everywhere.

Two paths, one outcome (DESIGN.md "Revocation"):

- at once: the process that revoked (a node's HTTP API, or the CLI) publishes the
  revocation on REVOCATIONS_TOPIC, which every hub subscribes to; each closes its own
  sockets using those credentials with 4001. A node applies its own revocations directly.
- within a second or two, whatever happened to that message (pub/sub is at most once, the
  CLI may have no Redis to publish to, a hello may have raced the revocation): every node
  sweeps its sockets' sessions and API keys against PostgreSQL once a second, in one query
  (``realtime.revocation_watch``).
"""

from __future__ import annotations

import logging
import uuid

from server.broker.base import Broker
from server.domain.accounts import Revocation
from server.errors import FlowSupportError
from server.ids import TenantId
from server.realtime.envelope import Envelope

log = logging.getLogger("flowsupport.realtime")

REVOKED = "revoked"  # Envelope.kind
REVOCATIONS_TOPIC = "revocations"  # every hub listens to it
REASON = "credentials revoked: sign in again"


def pack(revocation: Revocation, node: str) -> bytes:
    frame = {
        "users": sorted(revocation.user_ids),
        "sessions": sorted(revocation.session_ids),
        "api_keys": sorted(revocation.api_key_ids),
        "contacts": sorted(revocation.contact_ids),
    }
    tenant = str(revocation.tenant_id) if revocation.tenant_id else ""
    return Envelope(kind=REVOKED, node=node, tenant_id=tenant, frame=frame).pack()


def unpack(envelope: Envelope) -> Revocation:
    frame = envelope.frame
    return Revocation(
        tenant_id=TenantId(uuid.UUID(envelope.tenant_id)) if envelope.tenant_id else None,
        user_ids=frozenset(str(u) for u in frame.get("users", ())),
        session_ids=frozenset(str(s) for s in frame.get("sessions", ())),
        api_key_ids=frozenset(str(k) for k in frame.get("api_keys", ())),
        contact_ids=frozenset(str(c) for c in frame.get("contacts", ())),
    )


async def publish(broker: Broker, revocation: Revocation, node: str) -> None:
    """Tell the other nodes; a broker that is down is logged, not raised: the revocation
    is committed, and every node's sweep finds it within seconds anyway."""
    try:
        await broker.publish(REVOCATIONS_TOPIC, pack(revocation, node))
    except FlowSupportError as exc:
        log.warning("revocation publish failed (%s); the nodes' sweeps will close them", exc)


class RevocationPublisher:
    """The RevocationSink of a process without a hub (the CLI): publish only."""

    def __init__(self, broker: Broker, node: str) -> None:
        self._broker = broker
        self._node = node

    async def revoked(self, revocation: Revocation) -> None:
        if revocation:
            await publish(self._broker, revocation, self._node)
