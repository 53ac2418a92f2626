"""The durable job queue (see migration 0004): enqueue, claim, finish, retry."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from server.ids import TenantId
from server.store.db import Connection

COLUMNS = "id, tenant_id, kind, payload, attempts, max_attempts, run_at"


@dataclass(frozen=True)
class Job:
    id: int
    tenant_id: TenantId
    kind: str
    payload: dict[str, Any]
    attempt: int  # 1 for the first run; fences completion
    max_attempts: int


async def enqueue(
    conn: Connection,
    *,
    tenant_id: TenantId,
    kind: str,
    payload: dict[str, Any],
    run_at: datetime,
    dedupe_key: str | None = None,
    max_attempts: int = 8,
) -> int | None:
    """Add a job in the caller's transaction; None when `dedupe_key` already names one."""
    value = await conn.fetchval(
        """
        INSERT INTO jobs (tenant_id, kind, payload, run_at, dedupe_key, max_attempts)
        VALUES ($1, $2, $3::jsonb, $4, $5, $6)
        ON CONFLICT (tenant_id, kind, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
        RETURNING id
        """,
        tenant_id,
        kind,
        json.dumps(payload),
        run_at,
        dedupe_key,
        max_attempts,
    )
    return None if value is None else int(value)


async def claim(conn: Connection, *, now: datetime, lease: timedelta, limit: int) -> list[Job]:
    """Lease up to `limit` due jobs that no live lease holds; other workers skip them."""
    rows = await conn.fetch(
        f"""
        UPDATE jobs SET attempts = attempts + 1, leased_until = $1::timestamptz + $2::interval
        WHERE id IN (
            SELECT id FROM jobs
            WHERE finished_at IS NULL AND run_at <= $1
              AND (leased_until IS NULL OR leased_until <= $1)
            ORDER BY run_at, id
            LIMIT $3
            FOR UPDATE SKIP LOCKED
        )
        RETURNING {COLUMNS}
        """,
        now,
        lease,
        limit,
    )
    return [
        Job(
            id=r["id"],
            tenant_id=TenantId(r["tenant_id"]),
            kind=r["kind"],
            payload=json.loads(r["payload"]),
            attempt=r["attempts"],
            max_attempts=r["max_attempts"],
        )
        for r in sorted(rows, key=lambda r: (r["run_at"], r["id"]))
    ]


async def finish(
    conn: Connection, job: Job, *, now: datetime, outcome: str, error: str | None
) -> bool:
    """Mark done or failed; False when the lease was lost to another worker meanwhile."""
    status = await conn.execute(
        """
        UPDATE jobs SET outcome = $3, finished_at = $4, leased_until = NULL, last_error = $5
        WHERE id = $1 AND attempts = $2 AND finished_at IS NULL
        """,
        job.id,
        job.attempt,
        outcome,
        now,
        error,
    )
    return status == "UPDATE 1"


async def retry_later(conn: Connection, job: Job, *, run_at: datetime, error: str) -> bool:
    """Release the lease and schedule the next attempt; False when the lease was lost."""
    status = await conn.execute(
        """
        UPDATE jobs SET run_at = $3, leased_until = NULL, last_error = $4
        WHERE id = $1 AND attempts = $2 AND finished_at IS NULL
        """,
        job.id,
        job.attempt,
        run_at,
        error,
    )
    return status == "UPDATE 1"


async def due_count(conn: Connection, now: datetime) -> int:
    """Jobs due and not finished (for the queue-depth gauge)."""
    value = await conn.fetchval(
        "SELECT count(*) FROM jobs WHERE finished_at IS NULL AND run_at <= $1", now
    )
    return int(value)
