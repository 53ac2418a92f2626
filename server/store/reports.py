"""The reports' aggregates, in SQL (README "Reports"). Every statement runs in the caller's
security context, so row-level security keeps other tenants' rows out; each also names the
tenant, since a super_admin's context is open to every tenant.

"Messages" are the public ones people and the AI wrote (system notices and private notes are
not counted). Times are grouped in `zone` (the tenant's business-hours time zone, or UTC).
Message and citation counts come from the quarter-hour rollups and the AI's outcomes from
the conversation row, both kept by a trigger as messages are written (migration 0027).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from server.domain.models import Message
from server.ids import TenantId
from server.store import messages
from server.store.db import Connection


async def volume_totals(
    conn: Connection, tenant_id: TenantId, since: datetime, until: datetime
) -> tuple[int, int]:
    """(conversations started, messages written) in `[since, until)`."""
    row = await conn.fetchrow(
        """
        SELECT (SELECT count(*) FROM conversations
                 WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3) AS conversations,
               (SELECT coalesce(sum(messages), 0)::bigint
                  FROM report_message_counts_in($1, $2, $3))
                   AS messages
        """,
        tenant_id,
        since,
        until,
    )
    assert row is not None
    return int(row["conversations"]), int(row["messages"])


async def volume_by_channel(
    conn: Connection, tenant_id: TenantId, since: datetime, until: datetime
) -> list[dict[str, Any]]:
    """Per channel: conversations started and messages written in the period."""
    rows = await conn.fetch(
        """
        WITH c AS (SELECT channel, count(*) AS n FROM conversations
                    WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
                    GROUP BY channel),
             w AS (SELECT channel, sum(messages)::bigint AS n
                     FROM report_message_counts_in($1, $2, $3) GROUP BY channel)
        SELECT channel, coalesce(c.n, 0) AS conversations, coalesce(w.n, 0) AS messages
          FROM c FULL JOIN w USING (channel)
         ORDER BY channel
        """,
        tenant_id,
        since,
        until,
    )
    return [
        {"channel": r["channel"], "conversations": r["conversations"], "messages": r["messages"]}
        for r in rows
    ]


async def volume_series(
    conn: Connection,
    tenant_id: TenantId,
    since: datetime,
    until: datetime,
    interval: str,
    zone: str,
) -> list[dict[str, Any]]:
    """One row per day or week (starting at local midnight, weeks on Monday) that overlaps
    the period, with the conversations and messages of the period that fall in it."""
    rows = await conn.fetch(
        """
        WITH b AS (SELECT generate_series(date_trunc($4, $2 AT TIME ZONE $5),
                                          $3 AT TIME ZONE $5 - interval '1 microsecond',
                                          ('1 ' || $4)::interval) AS local),
             c AS (SELECT date_trunc($4, created_at AT TIME ZONE $5) AS local, count(*) AS n
                     FROM conversations
                    WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
                    GROUP BY 1),
             w AS (SELECT date_trunc($4, at AT TIME ZONE $5) AS local, sum(messages)::bigint AS n
                     FROM report_message_counts_in($1, $2, $3)
                    GROUP BY 1)
        SELECT b.local AT TIME ZONE $5 AS start, coalesce(c.n, 0) AS conversations,
               coalesce(w.n, 0) AS messages
          FROM b LEFT JOIN c USING (local) LEFT JOIN w USING (local)
         ORDER BY b.local
        """,
        tenant_id,
        since,
        until,
        interval,
        zone,
    )
    return [dict(r) for r in rows]


async def volume_by_hour_of_week(
    conn: Connection, tenant_id: TenantId, since: datetime, until: datetime, zone: str
) -> dict[tuple[int, int], int]:
    """Conversations started in the period by (weekday 0=Monday, hour) in `zone`."""
    rows = await conn.fetch(
        """
        SELECT extract(isodow FROM created_at AT TIME ZONE $4)::int - 1 AS weekday,
               extract(hour FROM created_at AT TIME ZONE $4)::int AS hour, count(*) AS n
          FROM conversations
         WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
         GROUP BY 1, 2
        """,
        tenant_id,
        since,
        until,
        zone,
    )
    return {(r["weekday"], r["hour"]): int(r["n"]) for r in rows}


async def ai_cohort(
    conn: Connection,
    tenant_id: TenantId,
    since: datetime,
    until: datetime,
    reopen_window: timedelta,
) -> dict[str, int]:
    """Over the conversations started in the period with a customer message: how many the
    AI answered, how many it resolved (README "Reports": the first `resolved` event in the
    period, no public agent message before it, no `reopened` event nor follow-up
    conversation within `reopen_window` after it or before `until`), and how many were
    handed to a person (a ticket)."""
    # The outcomes are kept on the conversation as its messages arrive (migration 0027):
    # each is counted when it happened before `until` (a conversation's messages all come
    # after its start, so the period bounds them from below).
    row = await conn.fetchrow(
        """
        WITH per AS (
            SELECT c.id, c.first_ai_reply_at < $3 AS answered,
                   CASE WHEN c.first_resolved_at < $3 THEN c.first_resolved_at END AS resolved,
                   c.first_agent_reply_at AS first_agent,
                   c.reopened_after_resolved_at AS reopened
              FROM conversations c
             WHERE c.tenant_id = $1 AND c.created_at >= $2 AND c.created_at < $3
               AND c.first_customer_at < $3
        )
        SELECT count(*) AS questioned,
               count(*) FILTER (WHERE answered) AS answered,
               count(*) FILTER (WHERE resolved IS NOT NULL
                   AND (first_agent IS NULL OR first_agent >= resolved)
                   AND (reopened IS NULL OR reopened >= least(resolved + $4, $3))
                   AND NOT EXISTS (
                       SELECT 1 FROM conversations f
                        WHERE f.previous_conversation_id = per.id
                          AND f.created_at > resolved
                          AND f.created_at < least(resolved + $4, $3))) AS resolved,
               count(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM tickets t
                    WHERE t.conversation_id = per.id AND t.created_at < $3)) AS handed_over
          FROM per
        """,
        tenant_id,
        since,
        until,
        reopen_window,
    )
    assert row is not None
    return {k: int(row[k]) for k in ("questioned", "answered", "resolved", "handed_over")}


async def handovers_by_reason(
    conn: Connection, tenant_id: TenantId, since: datetime, until: datetime
) -> list[dict[str, Any]]:
    """Tickets opened in the period from a conversation, by escalation reason (most first;
    `unknown` for none recorded)."""
    rows = await conn.fetch(
        """
        SELECT coalesce(escalation_reason, 'unknown') AS reason, count(*) AS count
          FROM tickets
         WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
           AND conversation_id IS NOT NULL
         GROUP BY 1
         ORDER BY 2 DESC, 1
        """,
        tenant_id,
        since,
        until,
    )
    return [{"reason": r["reason"], "count": r["count"]} for r in rows]


async def top_articles(
    conn: Connection, tenant_id: TenantId, since: datetime, until: datetime, limit: int
) -> list[dict[str, Any]]:
    """The articles the AI's answers of the period cited most (the title as last cited)."""
    rows = await conn.fetch(
        """
        SELECT article_id, (array_agg(title ORDER BY cited_at DESC))[1] AS title,
               sum(citations)::bigint AS citations
          FROM report_citations_in($1, $2, $3)
         GROUP BY 1
         ORDER BY 3 DESC, 2
         LIMIT $4
        """,
        tenant_id,
        since,
        until,
        limit,
    )
    return [
        {"article_id": r["article_id"], "title": r["title"], "citations": r["citations"]}
        for r in rows
    ]


async def team_times(
    conn: Connection,
    tenant_id: TenantId,
    since: datetime,
    until: datetime,
) -> dict[str | None, dict[str, Any]]:
    """Over the tickets opened in the period (responses and solutions after `until` not yet
    known to it): first-response and resolution minutes (median, 90th percentile; business
    minutes as the ticket stored them, migration 0027) and the SLA outcome counts, for the
    whole team (key None) and per assignee (by id). Attained:
    every target the ticket had was met without a breach; breached: any breach; a ticket
    still running unbreached is neither."""
    rows = await conn.fetch(
        """
        WITH t AS (
            SELECT assignee_id,
                   CASE WHEN first_responded_at < $3 THEN first_response_minutes END AS first,
                   CASE WHEN solved_at < $3 AND status IN ('solved', 'closed')
                        THEN resolution_minutes END AS solved,
                   cardinality(breaches) > 0 AS breached,
                   (first_response_due_at IS NOT NULL OR resolution_due_at IS NOT NULL)
                   AND (first_response_due_at IS NULL OR first_responded_at < $3)
                   AND (resolution_due_at IS NULL
                        OR (solved_at < $3 AND status IN ('solved', 'closed'))) AS met
              FROM tickets
             WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
        )
        SELECT grouping(assignee_id) = 1 AS team, assignee_id::text AS assignee,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY first) AS first_median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY first) AS first_p90,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY solved) AS solved_median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY solved) AS solved_p90,
               count(*) FILTER (WHERE breached) AS breached,
               count(*) FILTER (WHERE met AND NOT breached) AS attained
          FROM t
         GROUP BY GROUPING SETS ((), (assignee_id))
        """,
        tenant_id,
        since,
        until,
    )
    found: dict[str | None, dict[str, Any]] = {}
    for row in rows:
        if row["team"]:
            found[None] = dict(row)
        elif row["assignee"] is not None:
            found[row["assignee"]] = dict(row)
    return found


async def agent_replies(
    conn: Connection, tenant_id: TenantId, since: datetime, until: datetime
) -> dict[str, tuple[int, int]]:
    """Per staff user: (conversations replied in, public replies) in the period."""
    rows = await conn.fetch(
        """
        SELECT m.sender_id::text AS id, count(DISTINCT m.conversation_id) AS conversations,
               count(*) AS replies
          FROM messages m
         WHERE m.tenant_id = $1 AND m.created_at >= $2 AND m.created_at < $3
           AND m.sender_kind = 'agent' AND NOT m.private AND m.sender_id IS NOT NULL
         GROUP BY m.sender_id
        """,
        tenant_id,
        since,
        until,
    )
    return {r["id"]: (int(r["conversations"]), int(r["replies"])) for r in rows}


async def staff_names(conn: Connection, tenant_id: TenantId) -> dict[str, str]:
    """The tenant's agents and admins by id (for the per-agent rows)."""
    rows = await conn.fetch(
        "SELECT id::text AS id, name FROM users WHERE tenant_id = $1"
        " AND role IN ('agent', 'admin')",
        tenant_id,
    )
    return {r["id"]: r["name"] for r in rows}


async def csat_summary(
    conn: Connection, tenant_id: TenantId, since: datetime, until: datetime
) -> tuple[float | None, int, dict[int, int]]:
    """(average rating, responses, count per rating) of the ratings given in the period."""
    rows = await conn.fetch(
        """
        SELECT rating, count(*) AS n FROM csat_ratings
         WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
         GROUP BY rating
        """,
        tenant_id,
        since,
        until,
    )
    counts = {int(r["rating"]): int(r["n"]) for r in rows}
    responses = sum(counts.values())
    total = sum(rating * n for rating, n in counts.items())
    return (total / responses if responses else None), responses, counts


async def csat_comments(
    conn: Connection, tenant_id: TenantId, since: datetime, until: datetime, limit: int
) -> list[dict[str, Any]]:
    """The latest ratings of the period that came with a comment."""
    rows = await conn.fetch(
        """
        SELECT rating, comment, created_at AS at, conversation_id::text AS conversation_id
          FROM csat_ratings
         WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
           AND comment IS NOT NULL
         ORDER BY created_at DESC, conversation_id
         LIMIT $4
        """,
        tenant_id,
        since,
        until,
        limit,
    )
    return [dict(r) for r in rows]


async def handed_over_asking(
    conn: Connection,
    tenant_id: TenantId,
    since: datetime,
    until: datetime,
    reasons: Sequence[str],
    limit: int,
) -> dict[str, list[Message]]:
    """For the latest `limit` tickets opened in the period for one of `reasons`: their
    conversation's customer messages up to the handover (the last 30), oldest first, by
    conversation id (where server/domain/handoff.py finds the escalating question)."""
    rows = await conn.fetch(
        f"""
        WITH t AS (SELECT conversation_id, created_at FROM tickets
                    WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
                      AND escalation_reason = ANY($4::text[]) AND conversation_id IS NOT NULL
                    ORDER BY created_at DESC
                    LIMIT $5)
        SELECT m.* FROM t CROSS JOIN LATERAL (
            SELECT {messages.COLUMNS} FROM messages
             WHERE conversation_id = t.conversation_id AND sender_kind = 'visitor'
               AND created_at <= t.created_at
             ORDER BY seq DESC
             LIMIT 30) m
        """,
        tenant_id,
        since,
        until,
        list(reasons),
        limit,
    )
    found: dict[str, list[Message]] = {}
    for row in rows:
        message = messages.from_row(row)
        found.setdefault(str(message.conversation_id), []).append(message)
    return {k: sorted(v, key=lambda m: m.seq) for k, v in found.items()}
