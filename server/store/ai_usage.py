"""LLM token counters behind the AI budgets: per conversation and per tenant-month."""

from __future__ import annotations

from datetime import datetime

from server.domain.budgets import TokensUsed, month_start
from server.ids import ConversationId, TenantId
from server.store.db import Connection


async def used(
    conn: Connection, tenant_id: TenantId, conversation_id: ConversationId, now: datetime
) -> TokensUsed:
    row = await conn.fetchrow(
        """
        SELECT (SELECT ai_tokens_used FROM conversations WHERE id = $2) AS conversation,
               (SELECT tokens FROM ai_token_usage WHERE tenant_id = $1 AND month = $3) AS month
        """,
        tenant_id,
        conversation_id,
        month_start(now).date(),
    )
    assert row is not None
    return TokensUsed(int(row["conversation"] or 0), int(row["month"] or 0))


async def add(
    conn: Connection,
    tenant_id: TenantId,
    conversation_id: ConversationId,
    tokens: int,
    now: datetime,
) -> None:
    """Count one answer's tokens against both budgets."""
    await conn.execute(
        "UPDATE conversations SET ai_tokens_used = ai_tokens_used + $2 WHERE id = $1",
        conversation_id,
        tokens,
    )
    await conn.execute(
        """
        INSERT INTO ai_token_usage (tenant_id, month, tokens, answers) VALUES ($1, $2, $3, 1)
        ON CONFLICT (tenant_id, month) DO UPDATE
        SET tokens = ai_token_usage.tokens + excluded.tokens,
            answers = ai_token_usage.answers + 1
        """,
        tenant_id,
        month_start(now).date(),
        tokens,
    )
