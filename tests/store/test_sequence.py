"""Per-conversation seq allocation and idempotent sends under concurrency."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from server.domain.models import AppendResult, Sender
from server.errors import Conflict
from server.store import conversations, messages
from server.store.db import Database, retry_on_conflict
from tests.helpers import Seeded


async def send(db: Database, seeded: Seeded, body: str, client_msg_id: str | None) -> AppendResult:
    async def attempt() -> AppendResult:
        async with db.unit(seeded.as_agent) as conn:
            result, _ = await messages.append(
                conn,
                conversation_id=seeded.conversation.id,
                sender=Sender("agent", str(seeded.agent.id)),
                body=body,
                client_msg_id=client_msg_id,
                now=datetime.now(UTC),
            )
            return result

    return await retry_on_conflict(attempt)


@pytest.fixture
async def seeded(db: Database) -> Seeded:
    from tests.helpers import seed_tenant

    return await seed_tenant(db, "seq")


async def test_concurrent_inserts_get_gapless_seqs(db: Database, seeded: Seeded) -> None:
    """60 tasks writing at once to one conversation get seq 3..62: no gap, no repeat."""
    results = await asyncio.gather(*(send(db, seeded, f"m{i}", f"c-{i}") for i in range(60)))
    seqs = sorted(r.message.seq for r in results)
    assert seqs == list(range(3, 63))
    async with db.unit(seeded.as_agent) as conn:
        event_seqs = [
            r["seq"]
            for r in await conn.fetch(
                "SELECT seq FROM conversation_events WHERE conversation_id = $1 ORDER BY seq",
                seeded.conversation.id,
            )
        ]
        conversation = await conversations.get(conn, seeded.conversation.id)
    assert event_seqs == list(range(1, 63))
    assert conversation is not None
    assert conversation.last_seq == 62


async def test_same_client_msg_id_stores_one_row(db: Database, seeded: Seeded) -> None:
    """The same client_msg_id sent twice returns the first message and allocates nothing."""
    first = await send(db, seeded, "hello", "dup-1")
    again = await send(db, seeded, "hello (resent)", "dup-1")
    assert first.created
    assert not again.created
    assert again.message == first.message
    async with db.unit(seeded.as_agent) as conn:
        count = await conn.fetchval("SELECT count(*) FROM messages WHERE client_msg_id = 'dup-1'")
        last_seq = await conn.fetchval(
            "SELECT last_seq FROM conversations WHERE id = $1", seeded.conversation.id
        )
    assert count == 1
    assert last_seq == first.message.seq


async def test_racing_duplicates_store_one_row(db: Database, seeded: Seeded) -> None:
    """Ten simultaneous sends of one client_msg_id: one row, one creator, no seq burned."""
    results = await asyncio.gather(*(send(db, seeded, "race", "dup-race") for _ in range(10)))
    assert sum(r.created for r in results) == 1
    assert len({r.message.id for r in results}) == 1
    async with db.unit(seeded.as_agent) as conn:
        last_seq = await conn.fetchval(
            "SELECT last_seq FROM conversations WHERE id = $1", seeded.conversation.id
        )
    assert last_seq == results[0].message.seq


async def test_client_msg_id_reused_in_other_conversation_conflicts(
    db: Database, seeded: Seeded
) -> None:
    """A sender's client_msg_id names one message; reusing it elsewhere is a conflict."""
    await send(db, seeded, "here", "once")
    async with db.unit(seeded.as_agent) as conn:
        other = await conversations.insert(
            conn, tenant_id=seeded.tenant.id, contact_id=seeded.contact.id
        )
    with pytest.raises(Conflict):
        async with db.unit(seeded.as_agent) as conn:
            await messages.append(
                conn,
                conversation_id=other.id,
                sender=Sender("agent", str(seeded.agent.id)),
                body="there",
                client_msg_id="once",
                now=datetime.now(UTC),
            )
