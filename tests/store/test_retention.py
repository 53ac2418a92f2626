"""The retention sweep against the real database: exactly the conversations resolved or
closed longer ago than their tenant's retention_days lose their content (messages blanked,
attachments, public ticket comments, summaries gone), everything else is untouched, a
rerun removes nothing, each batch is audited with its counts, and two sweeps at once
count every conversation once."""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from server.clock import ManualClock
from server.domain.access import Principal, SecurityContext
from server.domain.models import Conversation, Role, Sender
from server.metrics import Metrics
from server.services.admin import AdminService
from server.services.attachments import AttachmentService
from server.services.retention import RetentionService
from server.services.tickets import TicketService
from server.storage.base import StorageError
from server.storage.files import FileStore
from server.store import conversations, messages
from server.store.db import Database
from server.store.provision import DatabaseUrls
from server.store.retention import PURGED_SUBJECT, Removed
from tests.helpers import RecordingSink, Seeded, seed_tenant

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DAYS = 30


@dataclass(frozen=True)
class Built:
    conversation: Conversation
    marker: str  # in every body of the conversation
    ticket_id: uuid.UUID | None


@pytest.fixture
async def fresh_db(fresh_urls: DatabaseUrls) -> AsyncIterator[Database]:
    """A database of this test's own: the sweep reads every tenant in it."""
    database = await Database.connect(
        fresh_urls.app, max_size=10, transaction_pooler=fresh_urls.transaction_pooler
    )
    yield database
    await database.close()


@pytest.fixture
async def owner(fresh_urls: DatabaseUrls) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(fresh_urls.owner)
    yield conn
    await conn.close()


def agent_of(seeded: Seeded) -> Principal:
    return Principal("agent", str(seeded.agent.id), seeded.tenant.id, Role.AGENT, "Ada")


async def build(
    db: Database,
    owner: asyncpg.Connection,
    seeded: Seeded,
    label: str,
    *,
    status: str,
    resolved_days_ago: float | None,
    with_ticket: bool = True,
) -> Built:
    """A conversation with a visitor question, an agent reply, a private note, an attachment
    and (optionally) a ticket with a public and an internal comment, then moved to `status`
    with resolved_at `resolved_days_ago` before NOW (set in the row, as time would)."""
    marker = f"RET-{label}-{uuid.uuid4().hex[:6]}"
    staff = SecurityContext(seeded.tenant.id, Role.AGENT, seeded.agent.id)
    async with db.unit(staff) as conn:
        conversation = await conversations.insert(
            conn, tenant_id=seeded.tenant.id, contact_id=seeded.contact.id, subject=marker
        )
        question, _ = await messages.append(
            conn,
            conversation_id=conversation.id,
            sender=Sender("visitor", str(seeded.contact.id), "Vera Visitor"),
            body=f"{marker} question",
            now=NOW - timedelta(days=60),
        )
        await messages.append(
            conn,
            conversation_id=conversation.id,
            sender=Sender("agent", str(seeded.agent.id), "Ada"),
            body=f"{marker} answer",
            now=NOW - timedelta(days=60),
        )
        await messages.append(
            conn,
            conversation_id=conversation.id,
            sender=Sender("agent", str(seeded.agent.id), "Ada"),
            body=f"{marker} note",
            private=True,
            now=NOW - timedelta(days=60),
        )
        data = f"{marker} attachment".encode()
        # An attachment as migration 0010 stored e-mail's: its bytes in the row itself.
        await conn.execute(
            "INSERT INTO attachments (tenant_id, message_id, filename, content_type, size,"
            " sha256, data) VALUES ($1, $2, 'invoice.txt', 'text/plain', $3, $4, $5)",
            seeded.tenant.id,
            question.message.id,
            len(data),
            hashlib.sha256(data).hexdigest(),
            data,
        )
    ticket_id = None
    if with_ticket:
        service = TicketService(db, RecordingSink(), ManualClock(NOW - timedelta(days=60)))
        ticket = await service.create(
            agent_of(seeded),
            subject=f"{marker} subject",
            requester_contact_id=str(seeded.contact.id),
            conversation_id=str(conversation.id),
            priority=None,
            tags=[],
            custom_fields={},
            assignee_id=None,
        )
        await service.comment(agent_of(seeded), str(ticket.id), f"{marker} public", public=True)
        await service.comment(agent_of(seeded), str(ticket.id), f"{marker} internal", public=False)
        await owner.execute("UPDATE tickets SET summary = $2 WHERE id = $1", ticket.id, marker)
        ticket_id = ticket.id
    resolved_at = None if resolved_days_ago is None else NOW - timedelta(days=resolved_days_ago)
    await owner.execute(
        "UPDATE conversations SET status = $2, resolved_at = $3, resolutions = 1 WHERE id = $1",
        conversation.id,
        status,
        resolved_at,
    )
    async with db.unit(staff) as conn:
        current = await conversations.get(conn, conversation.id)
    assert current is not None
    return Built(current, marker, ticket_id)


async def set_retention(db: Database, seeded: Seeded, days: int | None) -> None:
    await AdminService(db).change_settings(seeded.tenant, {"retention_days": days})


async def bodies(owner: asyncpg.Connection, conversation_id: uuid.UUID) -> list[str]:
    rows = await owner.fetch(
        "SELECT body FROM messages WHERE conversation_id = $1 ORDER BY seq", conversation_id
    )
    return [r["body"] for r in rows]


async def sweep_audits(owner: asyncpg.Connection, tenant_id: uuid.UUID) -> list[dict[str, int]]:
    rows = await owner.fetch(
        "SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'retention.sweep' "
        "ORDER BY id",
        tenant_id,
    )
    return [json.loads(r["details"]) for r in rows]


async def test_sweep_removes_exactly_the_eligible_content(
    fresh_db: Database, owner: asyncpg.Connection
) -> None:
    """Resolved and closed past the period: emptied to a shell with its seqs; resolved
    within it, reopened, open, another tenant's, a keep-forever tenant's: untouched."""
    kept = await seed_tenant(fresh_db, "Keeps 30 days")
    await set_retention(fresh_db, kept, DAYS)
    old = await build(fresh_db, owner, kept, "old", status="resolved", resolved_days_ago=DAYS + 1)
    closed = await build(
        fresh_db, owner, kept, "closed", status="closed", resolved_days_ago=DAYS + 5
    )
    recent = await build(
        fresh_db, owner, kept, "recent", status="resolved", resolved_days_ago=DAYS - 1
    )
    reopened = await build(fresh_db, owner, kept, "reopened", status="open", resolved_days_ago=None)
    yearly = await seed_tenant(fresh_db, "Keeps a year")
    await set_retention(fresh_db, yearly, 365)
    other = await build(
        fresh_db, owner, yearly, "other", status="resolved", resolved_days_ago=DAYS + 1
    )
    forever = await seed_tenant(fresh_db, "Keeps forever")
    await set_retention(fresh_db, forever, None)
    ancient = await build(
        fresh_db, owner, forever, "ancient", status="closed", resolved_days_ago=3000
    )
    swept = [old, closed]
    untouched = [recent, reopened, other, ancient]
    before = {
        b.conversation.id: await owner.fetch(
            "SELECT seq, kind, message_id FROM conversation_events WHERE conversation_id = $1 "
            "ORDER BY seq",
            b.conversation.id,
        )
        for b in swept
    }
    message_count = 0
    for b in swept:
        message_count += len(await bodies(owner, b.conversation.id))
    metrics = Metrics()

    removed = await RetentionService(fresh_db, ManualClock(NOW), metrics=metrics).sweep()

    assert removed == Removed(conversations=2, messages=message_count, attachments=2)
    for b in swept:
        cid = b.conversation.id
        assert set(await bodies(owner, cid)) == {""}
        assert (
            await owner.fetchval(
                "SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_id "
                "WHERE m.conversation_id = $1",
                cid,
            )
            == 0
        )
        assert (
            await owner.fetchval(
                "SELECT count(*) FROM messages WHERE conversation_id = $1 "
                "AND sender_name IS NOT NULL AND sender_kind = 'visitor'",
                cid,
            )
            == 0
        )
        events = await owner.fetch(
            "SELECT seq, kind, message_id FROM conversation_events WHERE conversation_id = $1 "
            "ORDER BY seq",
            cid,
        )
        assert events == before[cid]  # gapless seqs, the same events, for replaying clients
        shell = await owner.fetchrow(
            "SELECT status, resolved_at, resolutions, last_seq, subject, purged_at "
            "FROM conversations WHERE id = $1",
            cid,
        )
        assert shell is not None
        assert shell["status"] == b.conversation.status
        assert shell["resolved_at"] == b.conversation.resolved_at
        assert (shell["resolutions"], shell["last_seq"]) == (1, b.conversation.last_seq)
        assert shell["subject"] is None and shell["purged_at"] == NOW
        ticket = await owner.fetchrow(
            "SELECT subject, summary FROM tickets WHERE id = $1", b.ticket_id
        )
        assert ticket is not None
        assert (ticket["subject"], ticket["summary"]) == (PURGED_SUBJECT, None)
        comments = await owner.fetch(
            "SELECT body, public FROM ticket_comments WHERE ticket_id = $1", b.ticket_id
        )
        assert [(c["body"], c["public"]) for c in comments] == [(f"{b.marker} internal", False)]
    for b in untouched:
        cid = b.conversation.id
        assert all(body.startswith(b.marker) for body in await bodies(owner, cid))
        assert (
            await owner.fetchval(
                "SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_id "
                "WHERE m.conversation_id = $1",
                cid,
            )
            == 1
        )
        assert (
            await owner.fetchval(
                "SELECT count(*) FROM ticket_comments WHERE ticket_id = $1", b.ticket_id
            )
            == 2
        )
        assert (
            await owner.fetchval("SELECT purged_at FROM conversations WHERE id = $1", cid) is None
        )
    assert await sweep_audits(owner, kept.tenant.id) == [removed.as_dict()]
    assert await sweep_audits(owner, yearly.tenant.id) == []
    assert await sweep_audits(owner, forever.tenant.id) == []
    assert seeded_untouched(await bodies(owner, kept.conversation.id))
    scraped = metrics.render().decode()
    assert 'flowsupport_retention_removed_total{kind="conversations"} 2.0' in scraped
    assert f'flowsupport_retention_removed_total{{kind="messages"}} {message_count}.0' in scraped

    again = await RetentionService(fresh_db, ManualClock(NOW + timedelta(hours=1))).sweep()

    assert again == Removed()
    assert len(await sweep_audits(owner, kept.tenant.id)) == 1  # nothing removed: no entry


def seeded_untouched(found: list[str]) -> bool:
    """seed_tenant's own open conversation keeps its two messages."""
    return len(found) == 2 and all(found)


async def test_resolved_again_after_a_reopening_is_swept_again(
    fresh_db: Database, owner: asyncpg.Connection
) -> None:
    """A shell a customer reopened gets new messages; resolved again past the period, the
    next sweep empties those (and only those) too."""
    seeded = await seed_tenant(fresh_db, "Reopens")
    await set_retention(fresh_db, seeded, DAYS)
    built = await build(
        fresh_db, owner, seeded, "again", status="resolved", resolved_days_ago=DAYS + 10
    )
    first = await RetentionService(fresh_db, ManualClock(NOW)).sweep()
    assert first.conversations == 1
    later = NOW + timedelta(days=2)
    staff = SecurityContext(seeded.tenant.id, Role.AGENT, seeded.agent.id)
    async with fresh_db.unit(staff) as conn:
        await messages.append(
            conn,
            conversation_id=built.conversation.id,
            sender=Sender("visitor", str(seeded.contact.id)),
            body="RET-new question",
            now=later,
        )
    await owner.execute(
        "UPDATE conversations SET resolved_at = $2 WHERE id = $1",
        built.conversation.id,
        later + timedelta(hours=1),
    )

    assert await RetentionService(fresh_db, ManualClock(later + timedelta(days=1))).sweep() == (
        Removed()
    )  # resolved again only a day ago
    second = await RetentionService(fresh_db, ManualClock(later + timedelta(days=DAYS + 1))).sweep()

    assert second == Removed(conversations=1, messages=1, attachments=0)
    assert set(await bodies(owner, built.conversation.id)) == {""}


async def test_two_sweeps_at_once_count_each_conversation_once(
    fresh_db: Database, owner: asyncpg.Connection
) -> None:
    """Two workers sweeping the same backlog in small batches: every conversation is
    emptied by exactly one of them, and the audit entries add up to the backlog."""
    seeded = await seed_tenant(fresh_db, "Backlog")
    await set_retention(fresh_db, seeded, DAYS)
    backlog = [
        await build(
            fresh_db,
            owner,
            seeded,
            f"b{i}",
            status="resolved",
            resolved_days_ago=DAYS + 1 + i,
            with_ticket=False,
        )
        for i in range(24)
    ]
    clock = ManualClock(NOW)
    one, two = (RetentionService(fresh_db, clock, batch=5) for _ in range(2))

    results = await asyncio.gather(one.sweep(), two.sweep())

    total = results[0] + results[1]
    assert total == Removed(conversations=24, messages=24 * 3, attachments=24)
    audits = await sweep_audits(owner, seeded.tenant.id)
    assert sum(a["conversations"] for a in audits) == 24
    assert sum(a["messages"] for a in audits) == 24 * 3
    assert all(a["conversations"] <= 5 for a in audits)  # bounded batches
    for b in backlog:
        assert set(await bodies(owner, b.conversation.id)) == {""}


class FlakyStore(FileStore):
    """A directory store whose deletes fail while `failing` is set."""

    failing = True

    async def delete(self, key: str) -> None:
        if self.failing:
            raise StorageError("store unreachable")
        await super().delete(key)


async def test_swept_attachments_leave_the_object_store(
    fresh_db: Database, owner: asyncpg.Connection, tmp_path: Path
) -> None:
    """A swept file's stored object is deleted after the batch commits; a delete that fails
    is recorded and the next sweep deletes it."""
    seeded = await seed_tenant(fresh_db, "Objects")
    await set_retention(fresh_db, seeded, DAYS)
    built = await build(
        fresh_db, owner, seeded, "obj", status="resolved", resolved_days_ago=DAYS + 5
    )
    store = FlakyStore(tmp_path / "objects")
    files = AttachmentService(fresh_db, store, max_bytes=1000)
    staff = SecurityContext(seeded.tenant.id, Role.AGENT, seeded.agent.id)
    async with fresh_db.unit(staff) as conn:
        [message] = await messages.latest(conn, built.conversation.id, 1)
        await files.keep_for_message(
            conn,
            tenant_id=seeded.tenant.id,
            message=message,
            files=[("a.txt", b"stored words", "x")],
        )
    key = await owner.fetchval("SELECT storage_key FROM attachments WHERE storage_key IS NOT NULL")
    assert store.path_of(key).is_file()

    removed = await RetentionService(fresh_db, ManualClock(NOW), files=files).sweep()

    assert removed.attachments == 2 and removed.objects == (key,)
    assert store.path_of(key).is_file()  # the delete failed: recorded for later
    assert await owner.fetchval("SELECT storage_key FROM storage_orphans") == key
    store.failing = False
    assert await RetentionService(fresh_db, ManualClock(NOW), files=files).sweep() == Removed()
    assert not store.path_of(key).exists()
    assert await owner.fetchval("SELECT count(*) FROM storage_orphans") == 0
