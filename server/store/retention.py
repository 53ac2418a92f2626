"""Retention: emptying conversations resolved longer ago than their tenant keeps them.

A swept conversation stays as an anonymous shell (status, times, counts, seq numbering),
so reports keep counting it and clients replaying by seq find no gap (PROTOCOL.md: seq is
gapless for staff). What goes: every message's body, citations and attachment list (the
message row and its event stay, blank: an event's payload never copies a message, it names
changed fields or a ticket id), the attachments with their bytes, the conversation's
subject and mail threading references, the rating's free-text comment, and of its ticket
the handoff summary, the subject (a quote of the question that escalated) and the public
comments (each also one of the conversation's messages). Internal ticket comments, the
contact and the counts stay.

One batch is one call, in the caller's transaction, under row locks taken with SKIP LOCKED:
two sweeps running at once take different conversations, and a conversation in use right
now (a message being appended holds its row) waits for the next sweep.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from server.ids import ConversationId, TenantId
from server.store.db import Connection

# What a swept ticket's subject becomes (tickets.subject is 1..300 characters, never empty).
PURGED_SUBJECT = "(conversation deleted after the retention period)"


@dataclass(frozen=True)
class Removed:
    """What one batch removed: conversations emptied, messages blanked, attachments gone."""

    conversations: int = 0
    messages: int = 0
    attachments: int = 0
    # The storage keys of the deleted attachments: their objects go after the commit.
    objects: tuple[str, ...] = field(default=(), compare=False)

    def __add__(self, other: Removed) -> Removed:
        return Removed(
            self.conversations + other.conversations,
            self.messages + other.messages,
            self.attachments + other.attachments,
            self.objects + other.objects,
        )

    def __bool__(self) -> bool:
        return bool(self.conversations or self.messages or self.attachments)

    def as_dict(self) -> dict[str, int]:
        return {
            "conversations": self.conversations,
            "messages": self.messages,
            "attachments": self.attachments,
        }


async def tenants_with_retention(conn: Connection) -> dict[TenantId, Mapping[str, Any]]:
    """The stored settings of every tenant that set `retention_days` (null or absent keeps
    forever); the caller reads the value through TenantSettings, its one home."""
    rows = await conn.fetch(
        """
        SELECT id, settings FROM tenants
        WHERE settings ? 'retention_days' AND settings -> 'retention_days' <> 'null'::jsonb
        ORDER BY id
        """
    )
    return {TenantId(r["id"]): json.loads(r["settings"]) for r in rows}


async def purge_batch(
    conn: Connection, tenant_id: TenantId, *, resolved_before: datetime, now: datetime, limit: int
) -> Removed:
    """Empty up to `limit` of the tenant's conversations resolved or closed before
    `resolved_before` and not emptied since (a shell resolved again after a reopening
    holds new content, and is eligible again); `now` stamps purged_at."""
    ids: list[ConversationId] = [
        r["id"]
        for r in await conn.fetch(
            """
            SELECT id FROM conversations
            WHERE tenant_id = $1 AND status IN ('resolved', 'closed')
              AND resolved_at < $2 AND (purged_at IS NULL OR purged_at < resolved_at)
            ORDER BY resolved_at, id
            LIMIT $3
            FOR UPDATE SKIP LOCKED
            """,
            tenant_id,
            resolved_before,
            limit,
        )
    ]
    if not ids:
        return Removed()
    gone = await conn.fetch(
        """
        DELETE FROM attachments a USING messages m
        WHERE a.message_id = m.id AND m.conversation_id = ANY($1::uuid[])
        RETURNING a.storage_key
        """,
        ids,
    )
    attachments = len(gone)
    objects = tuple(r["storage_key"] for r in gone if r["storage_key"] is not None)
    blanked = await conn.fetchval(
        """
        WITH blank AS (
            UPDATE messages SET body = '', citations = NULL, attachments = '[]'::jsonb,
                delivery_error = NULL,
                sender_name = CASE WHEN sender_kind = 'visitor' THEN NULL ELSE sender_name END
            WHERE conversation_id = ANY($1::uuid[])
              AND (body <> '' OR citations IS NOT NULL OR attachments <> '[]'::jsonb
                   OR delivery_error IS NOT NULL
                   OR (sender_kind = 'visitor' AND sender_name IS NOT NULL))
            RETURNING 1
        )
        SELECT count(*) FROM blank
        """,
        ids,
    )
    await conn.execute("DELETE FROM mail_refs WHERE conversation_id = ANY($1::uuid[])", ids)
    await conn.execute(
        """
        UPDATE csat_ratings SET comment = NULL
        WHERE conversation_id = ANY($1::uuid[]) AND comment IS NOT NULL
        """,
        ids,
    )
    await conn.execute(
        """
        DELETE FROM ticket_comments c USING tickets t
        WHERE c.ticket_id = t.id AND t.conversation_id = ANY($1::uuid[]) AND c.public
        """,
        ids,
    )
    await conn.execute(
        """
        UPDATE tickets SET summary = NULL, subject = $2
        WHERE conversation_id = ANY($1::uuid[])
        """,
        ids,
        PURGED_SUBJECT,
    )
    await conn.execute(
        "UPDATE conversations SET subject = NULL, purged_at = $2 WHERE id = ANY($1::uuid[])",
        ids,
        now,
    )
    return Removed(len(ids), int(blanked), attachments, objects)
