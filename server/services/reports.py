"""The reports staff read (README "Reports"; GET /v1/reports/{name}). Each runs in the
caller's security context, so row-level security keeps other tenants' rows out; an agent
sees the team's figures and only their own row among the agents, an admin every row.

Team times are business minutes when the tenant has business hours (migration 0025's
business_minutes, the SQL twin of server/domain/sla.py's), else wall-clock minutes, stored on
each ticket when it is first answered and when it is solved (migration 0027).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from server.clock import Clock, rfc3339
from server.domain import reports as rules
from server.domain.access import Principal
from server.domain.handoff import escalating_question
from server.domain.models import Role
from server.domain.sla import BusinessHours
from server.domain.tenant_settings import TenantSettings
from server.errors import Forbidden
from server.kb.base import Embedder
from server.store import reports, tenants
from server.store.db import Connection, Database

TOP_ARTICLES = 10
Report = dict[str, Any]


def _reader(who: Principal) -> None:
    """Staff users only (agents and admins, or a super_admin under a support grant)."""
    if who.kind != "agent" or who.role == Role.CUSTOMER:
        raise Forbidden("reports are for the tenant's agents and admins")


class ReportService:
    def __init__(self, db: Database, clock: Clock, embedder: Embedder) -> None:
        self._db = db
        self._clock = clock
        self._embedder = embedder  # the knowledge base's: groups gaps' questions by meaning

    async def report(
        self,
        who: Principal,
        name: str,
        since: str | None,
        until: str | None,
        interval: str | None,
    ) -> Report:
        """Report `name` over the period the parameters name (domain/reports.py: by default
        the last 30 days on the server's clock) and the period before it."""
        _reader(who)
        period = rules.period(since, until, interval, self._clock.now())
        build: dict[str, Callable[..., Any]] = {
            "volume": self._volume,
            "ai": self._ai,
            "team": self._team,
            "csat": self._csat,
            "gaps": self._gaps,
        }
        step = build[rules.report_name(name)]
        async with self._db.unit(who.context()) as conn:
            tenant = await tenants.get(conn, who.tenant_id)
            hours = TenantSettings.from_stored(tenant.settings if tenant else {}).hours()
            body: Report = await step(conn, who, period, hours)
        return {"name": name, **period.head(), **body}

    async def _volume(
        self, conn: Connection, who: Principal, p: rules.Period, hours: BusinessHours | None
    ) -> Report:
        t, before = who.tenant_id, p.previous()
        zone = hours.timezone if hours else "UTC"
        series = await reports.volume_series(conn, t, p.since, p.until, p.interval, zone)
        # The period's totals are its series' (one scan fewer); the previous period's are
        # counted on their own.
        now_c = sum(int(r["conversations"]) for r in series)
        now_m = sum(int(r["messages"]) for r in series)
        then_c, then_m = await reports.volume_totals(conn, t, before.since, before.until)
        cells = await reports.volume_by_hour_of_week(conn, t, p.since, p.until, zone)
        return {
            "conversations": rules.figure(now_c, then_c),
            "messages": rules.figure(now_m, then_m),
            "by_channel": await reports.volume_by_channel(conn, t, p.since, p.until),
            "series": [
                {
                    "start": rfc3339(r["start"]),
                    "conversations": r["conversations"],
                    "messages": r["messages"],
                }
                for r in series
            ],
            "by_hour_of_week": [
                {"weekday": d, "hour": h, "conversations": cells.get((d, h), 0)}
                for d in range(7)
                for h in range(24)
            ],
        }

    async def _ai(
        self, conn: Connection, who: Principal, p: rules.Period, hours: BusinessHours | None
    ) -> Report:
        t, before = who.tenant_id, p.previous()
        now = await reports.ai_cohort(conn, t, p.since, p.until, rules.REOPEN_WINDOW)
        then = await reports.ai_cohort(conn, t, before.since, before.until, rules.REOPEN_WINDOW)

        def rate(key: str) -> dict[str, float | None]:
            return rules.figure(
                rules.ratio(now[key], now["questioned"]), rules.ratio(then[key], then["questioned"])
            )

        return {
            "answered": rules.figure(now["answered"], then["answered"]),
            "answer_rate": rate("answered"),
            "resolution_rate": rate("resolved"),
            "handover_rate": rate("handed_over"),
            "handovers_by_reason": await reports.handovers_by_reason(conn, t, p.since, p.until),
            "top_articles": await reports.top_articles(conn, t, p.since, p.until, TOP_ARTICLES),
        }

    async def _team(
        self, conn: Connection, who: Principal, p: rules.Period, hours: BusinessHours | None
    ) -> Report:
        t, before = who.tenant_id, p.previous()
        now = await reports.team_times(conn, t, p.since, p.until)
        then = await reports.team_times(conn, t, before.since, before.until)
        replies = await reports.agent_replies(conn, t, p.since, p.until)
        names = await reports.staff_names(conn, t)
        people = (set(replies) | set(now)) - {None}
        if who.role == Role.AGENT:
            people &= {who.id}
        agents = []
        for person in sorted((i for i in people if i), key=lambda i: (names.get(i, ""), i)):
            conversations, sent = replies.get(person, (0, 0))
            mine = now.get(person, {})
            attained, breached = mine.get("attained", 0), mine.get("breached", 0)
            agents.append(
                {
                    "id": person,
                    "name": names.get(person, ""),
                    "conversations": conversations,
                    "replies": sent,
                    "first_response_median_minutes": mine.get("first_median"),
                    "resolution_median_minutes": mine.get("solved_median"),
                    "sla_attained": attained,
                    "sla_breached": breached,
                    "sla_attainment_rate": rules.ratio(attained, attained + breached),
                }
            )
        team, was = now[None], then[None]

        def pair(key: str) -> dict[str, float | None]:
            return rules.figure(team[key], was[key])

        return {
            "first_response": {
                "median_minutes": pair("first_median"),
                "p90_minutes": pair("first_p90"),
            },
            "resolution": {
                "median_minutes": pair("solved_median"),
                "p90_minutes": pair("solved_p90"),
            },
            "sla": {
                "attained": pair("attained"),
                "breached": pair("breached"),
                "attainment_rate": rules.figure(
                    rules.ratio(team["attained"], team["attained"] + team["breached"]),
                    rules.ratio(was["attained"], was["attained"] + was["breached"]),
                ),
            },
            "agents": agents,
        }

    async def _csat(
        self, conn: Connection, who: Principal, p: rules.Period, hours: BusinessHours | None
    ) -> Report:
        t, before = who.tenant_id, p.previous()
        average, responses, counts = await reports.csat_summary(conn, t, p.since, p.until)
        was, were, _ = await reports.csat_summary(conn, t, before.since, before.until)
        comments = await reports.csat_comments(conn, t, p.since, p.until, rules.COMMENTS_LIMIT)
        return {
            "average": rules.figure(average, was),
            "responses": rules.figure(responses, were),
            "distribution": [{"rating": r, "count": counts.get(r, 0)} for r in range(1, 6)],
            "comments": [{**c, "at": rfc3339(c["at"])} for c in comments],
        }

    async def _gaps(
        self, conn: Connection, who: Principal, p: rules.Period, hours: BusinessHours | None
    ) -> Report:
        """The questions the AI handed over for lack of an answer, grouped by meaning."""
        asking = await reports.handed_over_asking(
            conn, who.tenant_id, p.since, p.until, rules.GAP_REASONS, rules.GAP_QUESTIONS
        )
        questions: list[tuple[str, str]] = []  # (conversation id, question)
        for conversation_id, recent in sorted(asking.items()):
            question = escalating_question(recent)
            if question is not None and question.body.strip():
                questions.append((conversation_id, question.body.strip()))
        vectors = await self._embedder.embed([q for _, q in questions])
        groups = rules.group_by_meaning(vectors, rules.GAP_THRESHOLD)[: rules.GAP_GROUPS]
        return {
            "groups": [
                {
                    "size": len(group),
                    "label": questions[group[0]][1],
                    "examples": [questions[i][1] for i in group[: rules.GAP_EXAMPLES]],
                    "conversation_ids": [questions[i][0] for i in group],
                }
                for group in groups
            ]
        }
