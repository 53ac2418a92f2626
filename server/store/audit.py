"""The append-only audit log (SOC 2). Entries name ids and actions, never personal data."""

from __future__ import annotations

import json
from typing import Any

from server.ids import TenantId
from server.store.db import Connection


async def record(
    conn: Connection,
    *,
    tenant_id: TenantId | None,
    actor_kind: str,
    actor_id: str | None,
    action: str,
    target_kind: str | None = None,
    target_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one entry in the caller's transaction, so it commits or vanishes with the change."""
    await conn.execute(
        """
        INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, target_kind, target_id,
                               details)
        VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
        """,
        tenant_id,
        actor_kind,
        actor_id,
        action,
        target_kind,
        target_id,
        json.dumps(details or {}),
    )
