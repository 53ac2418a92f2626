"""What mailing a web reply needs to know: the tenant's e-mail channel and how far the
visitor has read (services/email_capture.py, services/outbound_mail.py)."""

from __future__ import annotations

from server.domain.models import Channel
from server.ids import ContactId, ConversationId, TenantId
from server.store.channels import COLUMNS
from server.store.db import Connection


async def email_channel(conn: Connection) -> Channel | None:
    """The tenant's oldest e-mail channel in sight (row-level security names the tenant):
    the address a web conversation's replies are mailed from."""
    row = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM channels WHERE kind = 'email' ORDER BY created_at, id LIMIT 1"
    )
    if row is None:
        return None
    return Channel(
        id=row["id"],
        tenant_id=TenantId(row["tenant_id"]),
        kind=row["kind"],
        address=row["address"],
        created_at=row["created_at"],
        provider=row["provider"],
    )


async def visitor_read_seq(
    conn: Connection, conversation_id: ConversationId, contact_id: ContactId
) -> int:
    """The highest seq the conversation's visitor has read in the widget (0: nothing)."""
    value = await conn.fetchval(
        "SELECT seq FROM read_positions WHERE conversation_id = $1 "
        "AND reader_kind = 'visitor' AND reader_id = $2",
        conversation_id,
        contact_id,
    )
    return int(value or 0)
