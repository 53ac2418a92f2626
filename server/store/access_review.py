"""The access review's one query: every staff account of the tenants the caller may read
(its own as an admin; every tenant as the operator), with its last sign-in and the last
use of any of its sessions."""

from __future__ import annotations

from server.domain.audit import ReviewRow
from server.ids import TenantId
from server.store.db import Connection

REVIEW = """
SELECT u.tenant_id, t.name AS tenant_name, u.id, u.email, u.name, u.role,
       u.disabled_at IS NULL AS active, u.created_at, u.last_sign_in_at,
       (SELECT max(s.last_seen_at) FROM user_sessions s
        WHERE s.tenant_id = u.tenant_id AND s.user_id = u.id) AS last_activity_at
FROM users u JOIN tenants t ON t.id = u.tenant_id
WHERE ($1::uuid IS NULL OR u.tenant_id = $1)
ORDER BY t.name, u.tenant_id, u.email
"""


async def rows(conn: Connection, tenant_id: TenantId | None) -> list[ReviewRow]:
    """The staff of `tenant_id` (None: of every tenant row-level security shows)."""
    found = await conn.fetch(REVIEW, tenant_id)
    return [
        ReviewRow(
            tenant_id=TenantId(row["tenant_id"]),
            tenant_name=row["tenant_name"],
            user_id=row["id"],
            email=row["email"],
            name=row["name"],
            role=row["role"],
            active=row["active"],
            created_at=row["created_at"],
            last_sign_in_at=row["last_sign_in_at"],
            last_activity_at=row["last_activity_at"],
        )
        for row in found
    ]
