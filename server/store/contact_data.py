"""Everything stored about one contact, read for a GDPR export and rewritten for an erasure
(server/services/gdpr.py). Only what the other repositories do not already read lives
here; every statement runs under the caller's row-level security (the tenant's admin)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.domain.models import Conversation
from server.domain.privacy import ERASED
from server.ids import ContactId, ConversationId, TenantId
from server.store import conversations
from server.store.db import Connection


@dataclass(frozen=True)
class StoredFile:
    id: uuid.UUID
    message_id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime
    data: bytes | None  # None: in the object store under storage_key (migration 0021)
    storage_key: str | None = None


async def is_stand_in(conn: Connection, contact_id: ContactId) -> bool:
    """Whether this contact row is the anonymous stand-in an erasure left (not a person)."""
    value = await conn.fetchval("SELECT erased_at FROM contacts WHERE id = $1", contact_id)
    return value is not None


async def conversations_of(conn: Connection, contact_id: ContactId) -> list[Conversation]:
    """All of the contact's conversations, oldest first (no page limit: an export is whole)."""
    rows = await conn.fetch(
        f"SELECT {conversations.COLUMNS} FROM conversations WHERE contact_id = $1 "
        "ORDER BY created_at, id",
        contact_id,
    )
    return [conversations.from_row(r) for r in rows]


async def ratings_of(conn: Connection, contact_id: ContactId) -> list[dict[str, Any]]:
    """Every CSAT rating the contact gave, each resolution's, oldest first."""
    rows = await conn.fetch(
        "SELECT conversation_id, resolution, rating, comment, via, created_at, updated_at "
        "FROM csat_ratings WHERE contact_id = $1 ORDER BY created_at, conversation_id",
        contact_id,
    )
    return [dict(r) for r in rows]


async def files_of(conn: Connection, conversation_ids: list[ConversationId]) -> list[StoredFile]:
    """The attachments of every message in these conversations, with their bytes (or
    where the object store keeps them)."""
    rows = await conn.fetch(
        """
        SELECT a.id, a.message_id, a.filename, a.content_type, a.size, a.sha256, a.created_at,
               a.data, a.storage_key
        FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE m.conversation_id = ANY ($1::uuid[]) ORDER BY a.created_at, a.id
        """,
        conversation_ids,
    )
    return [
        StoredFile(
            id=r["id"],
            message_id=r["message_id"],
            filename=r["filename"],
            content_type=r["content_type"],
            size=r["size"],
            sha256=r["sha256"],
            created_at=r["created_at"],
            data=None if r["data"] is None else bytes(r["data"]),
            storage_key=r["storage_key"],
        )
        for r in rows
    ]


async def audit_naming(conn: Connection, subject_ref: str) -> list[dict[str, Any]]:
    """The audit entries whose actor or target is the contact's pseudonym, oldest first."""
    rows = await conn.fetch(
        """
        SELECT id, created_at, actor_kind, actor_id, action, target_kind, target_id, details
        FROM audit_log
        WHERE (actor_kind IN ('visitor', 'contact') AND actor_id = $1)
           OR (target_kind IN ('visitor', 'contact') AND target_id = $1)
        ORDER BY created_at, id
        """,
        subject_ref,
    )
    out = []
    for r in rows:
        entry = dict(r)
        details = entry["details"]
        entry["details"] = json.loads(details) if isinstance(details, str) else dict(details)
        out.append(entry)
    return out


# -- erasure -------------------------------------------------------------------------------


async def insert_stand_in(conn: Connection, tenant_id: TenantId, now: datetime) -> ContactId:
    """A new anonymous contact marked erased: what the erased contact's conversations,
    tickets and ratings point to from now on (their foreign keys need a contact)."""
    value = await conn.fetchval(
        "INSERT INTO contacts (tenant_id, erased_at) VALUES ($1, $2) RETURNING id", tenant_id, now
    )
    return ContactId(value)


def _count(status: str) -> int:
    return int(status.split()[-1])


async def erase(
    conn: Connection, contact_id: ContactId, stand_in: ContactId, now: datetime
) -> dict[str, int]:
    """Remove the contact's personal data from every table, keeping anonymous shells of
    conversations, messages (seq intact), tickets and ratings; rows changed per table.

    Bodies become ERASED; the customer's names, subjects, handoff summaries, escalation
    reasons, custom fields and CSAT comments go; files, threading ids and the customer's
    read positions are deleted; undelivered replies to them are failed (never sent)."""
    erased: dict[str, int] = {}
    conv_ids = [
        r["id"]
        for r in await conn.fetch(
            "UPDATE conversations SET contact_id = $2, subject = NULL WHERE contact_id = $1 "
            "RETURNING id",
            contact_id,
            stand_in,
        )
    ]
    erased["conversations"] = len(conv_ids)
    message_ids = [
        str(r["id"])
        for r in await conn.fetch(
            """
            UPDATE messages SET body = $3, citations = NULL, attachments = '[]'::jsonb,
                client_msg_id = NULL, delivery_error = NULL,
                sender_id = CASE WHEN sender_kind = 'visitor' THEN $2 ELSE sender_id END,
                sender_name = CASE WHEN sender_kind IN ('agent', 'bot', 'ai')
                                   THEN sender_name END
            WHERE conversation_id = ANY ($1::uuid[]) RETURNING id
            """,
            conv_ids,
            stand_in,
            ERASED,
        )
    ]
    erased["messages"] = len(message_ids)
    # Their stored objects go after the commit (services/gdpr.py); pending uploads of the
    # visitor go too.
    erased["attachments"] = _count(
        await conn.execute(
            "DELETE FROM attachments WHERE message_id = ANY ($1::uuid[]) OR (message_id IS NULL "
            "AND uploader_kind = 'visitor' AND uploader_id = $2)",
            [uuid.UUID(m) for m in message_ids],
            contact_id,
        )
    )
    erased["mail_refs"] = _count(
        await conn.execute(
            "DELETE FROM mail_refs WHERE conversation_id = ANY ($1::uuid[])", conv_ids
        )
    )
    erased["jobs"] = _count(
        await conn.execute(
            """
            UPDATE jobs SET last_error = NULL, outcome = coalesce(outcome, 'failed'),
                finished_at = coalesce(finished_at, $2)
            WHERE payload ->> 'message_id' = ANY ($1::text[])
            """,
            message_ids,
            now,
        )
    )
    ticket_ids = [
        r["id"]
        for r in await conn.fetch(
            """
            UPDATE tickets SET requester_contact_id = $2, subject = $3, summary = NULL,
                escalation_reason = NULL, custom_fields = '{}'::jsonb
            WHERE requester_contact_id = $1 RETURNING id
            """,
            contact_id,
            stand_in,
            ERASED,
        )
    ]
    erased["tickets"] = len(ticket_ids)
    erased["ticket_comments"] = _count(
        await conn.execute(
            """
            UPDATE ticket_comments SET body = $3,
                author_id = CASE WHEN author_kind = 'visitor' THEN $2 ELSE author_id END,
                author_name = CASE WHEN author_kind IN ('agent', 'bot') THEN author_name END
            WHERE ticket_id = ANY ($1::uuid[])
            """,
            ticket_ids,
            str(stand_in),
            ERASED,
        )
    )
    erased["csat_ratings"] = _count(
        await conn.execute(
            "UPDATE csat_ratings SET contact_id = $2, comment = NULL WHERE contact_id = $1",
            contact_id,
            stand_in,
        )
    )
    erased["read_positions"] = _count(
        await conn.execute(
            "DELETE FROM read_positions WHERE reader_kind = 'visitor' AND reader_id = $1",
            contact_id,
        )
    )
    erased["contacts"] = _count(
        await conn.execute("DELETE FROM contacts WHERE id = $1", contact_id)
    )
    return erased
