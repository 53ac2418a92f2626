"""GET /v1/reports/{name} against a hand-computed fixture: a dozen conversations inserted
with explicit timestamps in a tenant with business hours in Europe/Berlin (Mon-Fri
09:00-17:00), over 2026-03-23..2026-04-06 (which holds the switch to summer time on Sunday
2026-03-29) and the two weeks before it. Every expected number below is worked out by hand
in the comments beside the rows."""

from __future__ import annotations

import csv
import io
import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

import asyncpg
import httpx

from server.domain.sla import BusinessHours, business_minutes
from tests.api.test_http import assert_error
from tests.api.test_labels import bearer
from tests.live import LiveServer, owner_connection
from tests.provision import ORIGIN, Tenant
from tests.wsclient import session

SINCE, UNTIL = "2026-03-23", "2026-04-06"
PERIOD = f"since={SINCE}&until={UNTIL}"
BERLIN = {"timezone": "Europe/Berlin", "days": [0, 1, 2, 3, 4], "start": "09:00", "end": "17:00"}
A1 = {"article_id": "a1", "title": "Refunds"}
A2 = {"article_id": "a2", "title": "Exports"}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@dataclass
class Fixture:
    """Inserts as the database owner, with the times given."""

    conn: asyncpg.Connection
    tenant_id: uuid.UUID
    contact_id: uuid.UUID = field(default_factory=uuid.uuid4)
    tickets: int = 0
    ids: dict[str, str] = field(default_factory=dict)

    async def start(self) -> None:
        await self.conn.execute(
            "INSERT INTO contacts (id, tenant_id, name) VALUES ($1, $2, 'Customer')",
            self.contact_id,
            self.tenant_id,
        )

    async def conversation(
        self, key: str, channel: str, created: str, previous: str | None = None
    ) -> uuid.UUID:
        made = uuid.uuid4()
        await self.conn.execute(
            "INSERT INTO conversations (id, tenant_id, contact_id, channel, created_at,"
            " updated_at, previous_conversation_id) VALUES ($1, $2, $3, $4, $5, $5, $6)",
            made,
            self.tenant_id,
            self.contact_id,
            channel,
            at(created),
            uuid.UUID(self.ids[previous]) if previous else None,
        )
        self.ids[key] = str(made)
        return made

    async def messages(self, key: str, *rows: tuple[Any, ...]) -> None:
        """Rows of (sender_kind, when, body[, sender_id | event | citations | "private"])."""
        conversation = uuid.UUID(self.ids[key])
        for seq, (kind, when, body, *extra) in enumerate(rows, start=1):
            sender_id = extra[0] if extra and isinstance(extra[0], uuid.UUID) else None
            event = extra[0] if kind == "system" and extra else None
            citations = json.dumps(extra[0]) if kind == "ai" and extra else None
            private = "private" in extra
            await self.conn.execute(
                "INSERT INTO messages (tenant_id, conversation_id, seq, sender_kind, sender_id,"
                " body, private, citations, event, created_at)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)",
                self.tenant_id,
                conversation,
                seq,
                kind,
                sender_id,
                body,
                private,
                citations,
                event,
                at(when),
            )

    async def ticket(
        self,
        key: str,
        created: str,
        reason: str,
        assignee: uuid.UUID,
        responded: str | None = None,
        solved: str | None = None,
        breaches: tuple[str, ...] = (),
    ) -> None:
        self.tickets += 1
        await self.conn.execute(
            "INSERT INTO tickets (tenant_id, number, conversation_id, subject, status,"
            " requester_contact_id, assignee_id, escalation_reason, first_response_due_at,"
            " resolution_due_at, first_responded_at, solved_at, breaches, created_at,"
            " updated_at) VALUES ($1, $2, $3, 'Subject', $4, $5, $6, $7, $8, $8, $9, $10,"
            " $11, $12, $12)",
            self.tenant_id,
            self.tickets,
            uuid.UUID(self.ids[key]),
            "solved" if solved else "open",
            self.contact_id,
            assignee,
            reason,
            at(created).replace(year=2027),  # deadlines: only whether there is one matters
            at(responded) if responded else None,
            at(solved) if solved else None,
            list(breaches),
            at(created),
        )

    async def rating(self, key: str, rating: int, when: str, comment: str | None) -> None:
        await self.conn.execute(
            "INSERT INTO csat_ratings (tenant_id, conversation_id, resolution, contact_id,"
            " rating, comment, via, created_at, updated_at)"
            " VALUES ($1, $2, 1, $3, $4, $5, 'widget', $6, $6)",
            self.tenant_id,
            uuid.UUID(self.ids[key]),
            self.contact_id,
            rating,
            comment,
            at(when),
        )


async def staff(conn: asyncpg.Connection, tenant: Tenant) -> dict[str, uuid.UUID]:
    rows = await conn.fetch(
        "SELECT id, role FROM users WHERE tenant_id = $1 ORDER BY role, created_at, email",
        uuid.UUID(tenant.tenant_id),
    )
    agents = [r["id"] for r in rows if r["role"] == "agent"]
    first = uuid.UUID(tenant.agent_id)
    second = next(a for a in agents if a != first)
    return {"agent1": first, "agent2": second}


async def seed(live: LiveServer, tenant: Tenant, other: Tenant) -> dict[str, Any]:
    """The fixture; returns the conversation ids by key and the two agents' ids."""
    async with owner_connection(live) as conn:
        people = await staff(conn, tenant)
        await conn.execute(
            "UPDATE users SET name = CASE WHEN id = $1 THEN 'Ada' ELSE 'Bo' END"
            " WHERE id = ANY($2::uuid[])",
            people["agent1"],
            list(people.values()),
        )
        ada, bo = people["agent1"], people["agent2"]
        f = Fixture(conn, uuid.UUID(tenant.tenant_id))
        await f.start()
        # --- this period --------------------------------------------------------------
        # C1 Mon 23 Mar 09:00 Berlin (CET): the AI answers (cites A1) and resolves; the
        # reopening 8 days later is outside the 7-day window: an AI resolution.
        await f.conversation("C1", "web", "2026-03-23T08:00:00")
        await f.messages(
            "C1",
            ("visitor", "2026-03-23T08:00:00", "How do refunds work?"),
            ("ai", "2026-03-23T08:00:30", "Like this.", [A1]),
            ("system", "2026-03-23T08:05:00", "Resolved", "resolved"),
            ("system", "2026-03-31T09:00:00", "Reopened", "reopened"),
        )
        await f.rating("C1", 5, "2026-03-23T09:00:00", "Great, thanks")
        # C2 Tue 24 Mar 11:30: answered (A1, A2), resolved, reopened 2 days later: no.
        await f.conversation("C2", "web", "2026-03-24T10:30:00")
        await f.messages(
            "C2",
            ("visitor", "2026-03-24T10:30:00", "Can I export data?"),
            ("ai", "2026-03-24T10:31:00", "Yes.", [A1, A2]),
            ("system", "2026-03-24T10:40:00", "Resolved", "resolved"),
            ("system", "2026-03-26T09:00:00", "Reopened", "reopened"),
        )
        # C7 Wed 25 Mar 10:00 Berlin, by the API: a bot's message, no customer question.
        await f.conversation("C7", "api", "2026-03-25T09:00:00")
        await f.messages("C7", ("bot", "2026-03-25T09:00:00", "Your parcel shipped"))
        # C3 Fri 27 Mar 16:00 CET, handed over at 16:01 (no_answer) to Ada; her reply on
        # Mon 30 Mar 09:30 CEST: 59 business minutes on Friday + 30 on Monday = 89, across
        # the weekend and the DST switch (wall clock: 2 days 16 h 29 min). Solved Mon 15:00
        # CEST: 59 + 360 = 419. Its SLA targets were met: attained. Her private note and
        # the resolved notice are no messages of the volume report.
        await f.conversation("C3", "email", "2026-03-27T15:00:00")
        await f.messages(
            "C3",
            ("visitor", "2026-03-27T15:00:00", "How do I export my invoices as PDF?"),
            ("agent", "2026-03-30T07:20:00", "Looking", ada, "private"),
            ("agent", "2026-03-30T07:30:00", "Here is how.", ada),
            ("system", "2026-03-30T13:00:00", "Resolved", "resolved"),
        )
        await f.ticket(
            "C3", "2026-03-27T15:01:00", "no_answer", ada, "2026-03-30T07:30:00",
            "2026-03-30T13:00:00",
        )  # fmt: skip
        await f.rating("C3", 3, "2026-03-30T14:00:00", "Slow over the weekend")
        # C4 Mon 30 Mar 09:00 CEST: AI answers, handed over 09:02 (sensitive) to Bo, who
        # replies 10:02: 60 minutes. Unsolved, its resolution target breached.
        await f.conversation("C4", "email", "2026-03-30T07:00:00")
        await f.messages(
            "C4",
            ("visitor", "2026-03-30T07:00:00", "Can I get a refund for my order?"),
            ("ai", "2026-03-30T07:01:00", "A person will help."),
            ("agent", "2026-03-30T08:02:00", "Sure.", bo),
        )
        await f.ticket(
            "C4", "2026-03-30T07:02:00", "sensitive", bo, "2026-03-30T08:02:00",
            breaches=("resolution",),
        )  # fmt: skip
        await f.rating("C4", 1, "2026-03-31T10:00:00", None)
        # C8 Wed 1 Apr 12:00 CEST: answered (A1), resolved, and the customer came back in
        # C9 two days later: no AI resolution.
        await f.conversation("C8", "web", "2026-04-01T10:00:00")
        await f.messages(
            "C8",
            ("visitor", "2026-04-01T10:00:00", "Where is my refund?"),
            ("ai", "2026-04-01T10:01:00", "On its way.", [A1]),
            ("system", "2026-04-01T10:05:00", "Resolved", "resolved"),
        )
        await f.rating("C8", 4, "2026-04-01T11:00:00", None)
        # C5 Thu 2 Apr 14:00 CEST: handed over (no_answer) to Ada, no reply yet: in
        # neither time, neither attained nor breached.
        await f.conversation("C5", "sms", "2026-04-02T12:00:00")
        await f.messages(
            "C5", ("visitor", "2026-04-02T12:00:00", "How can I get a refund for my order?")
        )
        await f.ticket("C5", "2026-04-02T12:01:00", "no_answer", ada)
        await f.conversation("C9", "web", "2026-04-03T10:00:00", previous="C8")
        await f.messages("C9", ("visitor", "2026-04-03T10:00:00", "Still nothing"))
        # C6 Sun 5 Apr 22:30 UTC = Mon 6 Apr 00:30 CEST: the last week's bucket, hour 0.
        await f.conversation("C6", "web", "2026-04-05T22:30:00")
        await f.messages("C6", ("visitor", "2026-04-05T22:30:00", "Anyone there?"))
        # --- the previous period (9 Mar - 23 Mar) ---------------------------------------
        await f.conversation("P1", "web", "2026-03-10T09:00:00")
        await f.messages(
            "P1",
            ("visitor", "2026-03-10T09:00:00", "Opening hours?"),
            ("ai", "2026-03-10T09:00:10", "9 to 5."),
            ("system", "2026-03-10T09:10:00", "Resolved", "resolved"),
        )
        await f.rating("P1", 4, "2026-03-10T10:00:00", "ok")
        # P2 Mon 16 Mar 10:00 CET: reply after 20 minutes, solved after 120.
        await f.conversation("P2", "web", "2026-03-16T09:00:00")
        await f.messages(
            "P2",
            ("visitor", "2026-03-16T09:00:00", "A person please"),
            ("agent", "2026-03-16T09:20:00", "Hi", bo),
        )
        await f.ticket(
            "P2", "2026-03-16T09:00:00", "customer_asked", bo, "2026-03-16T09:20:00",
            "2026-03-16T11:00:00",
        )  # fmt: skip
        # --- another tenant, same period: never counted -------------------------------
        o = Fixture(conn, uuid.UUID(other.tenant_id))
        await o.start()
        await o.conversation("X", "web", "2026-03-25T09:00:00")
        await o.messages(
            "X",
            ("visitor", "2026-03-25T09:00:00", "How can I get a refund for my order?"),
            ("ai", "2026-03-25T09:00:30", "No.", [A1]),
            ("system", "2026-03-25T09:05:00", "Resolved", "resolved"),
        )
        await o.ticket("X", "2026-03-25T09:01:00", "no_answer", uuid.UUID(other.agent_id))
        await o.rating("X", 1, "2026-03-25T10:00:00", "Other tenant")
        return {"ids": f.ids, "ada": str(ada), "bo": str(bo)}


async def get(http: httpx.AsyncClient, token: str, path: str) -> dict[str, Any]:
    answer = await http.get(path, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def prepared(
    http: httpx.AsyncClient, live: LiveServer, shop: Tenant, other: Tenant
) -> dict[str, Any]:
    changed = await http.patch(
        "/v1/settings", headers=bearer(shop.admin_token), json={"business_hours": BERLIN}
    )
    assert changed.status_code == 200, changed.text
    return await seed(live, shop, other)


def fig(value: float | None, previous: float | None) -> dict[str, float | None]:
    return {"value": value, "previous": previous}


async def test_reports_match_the_hand_computed_fixture(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant, other_shop: Tenant
) -> None:
    """Every report's figures, the previous period's beside them, business-hours times
    across a weekend and the DST switch, and the other tenant's rows left out."""
    seeded = await prepared(http, live_server, shop, other_shop)
    ids, ada, bo = seeded["ids"], seeded["ada"], seeded["bo"]
    admin = shop.admin_token

    volume = await get(http, admin, f"/v1/reports/volume?{PERIOD}&interval=week")
    assert volume["name"] == "volume"
    assert (volume["since"], volume["until"]) == (
        "2026-03-23T00:00:00.000Z",
        "2026-04-06T00:00:00.000Z",
    )
    assert volume["previous"] == {
        "since": "2026-03-09T00:00:00.000Z",
        "until": "2026-03-23T00:00:00.000Z",
    }
    # C1-C9: 9 conversations; messages 2+2+1(C7)+2(C3)+3(C4)+2(C8)+1+1+1 = 15.
    assert volume["conversations"] == fig(9, 2)
    assert volume["messages"] == fig(15, 4)
    assert volume["by_channel"] == [
        {"channel": "api", "conversations": 1, "messages": 1},
        {"channel": "email", "conversations": 2, "messages": 5},
        {"channel": "sms", "conversations": 1, "messages": 1},
        {"channel": "web", "conversations": 5, "messages": 8},
    ]
    # Weeks from Monday midnight in Berlin: CET, then CEST.
    assert volume["series"] == [
        {"start": "2026-03-22T23:00:00.000Z", "conversations": 4, "messages": 6},
        {"start": "2026-03-29T22:00:00.000Z", "conversations": 4, "messages": 8},
        {"start": "2026-04-05T22:00:00.000Z", "conversations": 1, "messages": 1},
    ]
    cells = {(c["weekday"], c["hour"]): c["conversations"] for c in volume["by_hour_of_week"]}
    assert len(volume["by_hour_of_week"]) == 168
    assert {k: v for k, v in cells.items() if v} == {
        (0, 9): 2,  # C1 09:00 CET, C4 09:00 CEST
        (1, 11): 1,
        (2, 10): 1,
        (4, 16): 1,
        (3, 14): 1,
        (2, 12): 1,
        (4, 12): 1,
        (0, 0): 1,  # C6
    }
    daily = await get(http, admin, f"/v1/reports/volume?{PERIOD}")
    assert len(daily["series"]) == 15  # 23 Mar .. 6 Apr, Berlin days
    assert sum(d["messages"] for d in daily["series"]) == 15

    ai = await get(http, admin, f"/v1/reports/ai?{PERIOD}")
    # 8 with a customer question (not C7); answered C1 C2 C4 C8; resolved C1 only;
    # handed over C3 C4 C5. Before: P1 (answered, resolved) and P2 (handed over).
    assert ai["answered"] == fig(4, 1)
    assert ai["answer_rate"] == fig(0.5, 0.5)
    assert ai["resolution_rate"] == fig(0.125, 0.5)
    assert ai["handover_rate"] == fig(0.375, 0.5)
    assert ai["handovers_by_reason"] == [
        {"reason": "no_answer", "count": 2},
        {"reason": "sensitive", "count": 1},
    ]
    assert ai["top_articles"] == [
        {"article_id": "a1", "title": "Refunds", "citations": 3},
        {"article_id": "a2", "title": "Exports", "citations": 1},
    ]

    team = await get(http, admin, f"/v1/reports/team?{PERIOD}")
    # First responses 89 (C3) and 60 (C4): median 74.5, p90 60 + 0.9 * 29 = 86.1.
    assert team["first_response"]["median_minutes"] == fig(74.5, 20)
    assert round(team["first_response"]["p90_minutes"]["value"], 6) == 86.1
    assert team["resolution"] == {
        "median_minutes": fig(419, 120),
        "p90_minutes": fig(419, 120),
    }
    assert team["sla"] == {
        "attained": fig(1, 1),
        "breached": fig(1, 0),
        "attainment_rate": fig(0.5, 1.0),
    }
    assert team["agents"] == [
        {
            "id": ada,
            "name": "Ada",
            "conversations": 1,
            "replies": 1,
            "first_response_median_minutes": 89,
            "resolution_median_minutes": 419,
            "sla_attained": 1,  # C3; C5 still runs unbreached: neither
            "sla_breached": 0,
            "sla_attainment_rate": 1.0,
        },
        {
            "id": bo,
            "name": "Bo",
            "conversations": 1,
            "replies": 1,
            "first_response_median_minutes": 60,
            "resolution_median_minutes": None,
            "sla_attained": 0,
            "sla_breached": 1,  # C4
            "sla_attainment_rate": 0.0,
        },
    ]

    csat = await get(http, admin, f"/v1/reports/csat?{PERIOD}")
    assert csat["average"] == fig(3.25, 4)
    assert csat["responses"] == fig(4, 1)
    assert csat["distribution"] == [
        {"rating": 1, "count": 1},
        {"rating": 2, "count": 0},
        {"rating": 3, "count": 1},
        {"rating": 4, "count": 1},
        {"rating": 5, "count": 1},
    ]
    assert csat["comments"] == [
        {
            "rating": 3,
            "comment": "Slow over the weekend",
            "at": "2026-03-30T14:00:00.000Z",
            "conversation_id": ids["C3"],
        },
        {
            "rating": 5,
            "comment": "Great, thanks",
            "at": "2026-03-23T09:00:00.000Z",
            "conversation_id": ids["C1"],
        },
    ]

    gaps = await get(http, admin, f"/v1/reports/gaps?{PERIOD}")
    refunds = {"Can I get a refund for my order?", "How can I get a refund for my order?"}
    [first, second] = gaps["groups"]
    assert first["size"] == 2 and first["label"] in refunds
    assert set(first["examples"]) == refunds
    assert set(first["conversation_ids"]) == {ids["C4"], ids["C5"]}
    assert second == {
        "size": 1,
        "label": "How do I export my invoices as PDF?",
        "examples": ["How do I export my invoices as PDF?"],
        "conversation_ids": [ids["C3"]],
    }


async def test_periods_cutting_quarter_hours_count_exactly(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant, other_shop: Tenant
) -> None:
    """The counts come from quarter-hour rollups (migration 0027) plus the messages at a
    period's ragged edges: any period counts what a plain count over the messages does."""
    await prepared(http, live_server, shop, other_shop)
    periods = [
        ("2026-03-23T08:00:15Z", "2026-03-24T10:31:00Z"),  # cuts C1 and C2 mid-quarter
        ("2026-03-23T08:00:10Z", "2026-03-23T08:05:00Z"),  # inside one quarter
        ("2026-03-23T08:00:30Z", "2026-03-23T08:00:30.000001Z"),  # one microsecond
        ("2026-03-10T08:59:59Z", "2026-04-05T22:30:00Z"),
    ]
    async with owner_connection(live_server) as owner:
        for since, until in periods:
            lo, hi = (datetime.fromisoformat(t) for t in (since, until))
            by_channel = await owner.fetch(
                "SELECT k.channel, count(*) AS n FROM messages m"
                " JOIN conversations k ON k.id = m.conversation_id"
                " WHERE m.tenant_id = $1 AND m.created_at >= $2 AND m.created_at < $3"
                " AND m.sender_kind <> 'system' AND NOT m.private GROUP BY 1",
                uuid.UUID(shop.tenant_id), lo, hi,
            )  # fmt: skip
            cited = await owner.fetch(
                "SELECT c->>'article_id' AS a, count(*) AS n FROM messages m,"
                " jsonb_array_elements(m.citations) c WHERE m.tenant_id = $1"
                " AND m.sender_kind = 'ai' AND m.citations IS NOT NULL"
                " AND m.created_at >= $2 AND m.created_at < $3 GROUP BY 1",
                uuid.UUID(shop.tenant_id), lo, hi,
            )  # fmt: skip
            query = f"since={since}&until={until}"
            volume = await get(http, shop.admin_token, f"/v1/reports/volume?{query}")
            assert {c["channel"]: c["messages"] for c in volume["by_channel"] if c["messages"]} == {
                r["channel"]: r["n"] for r in by_channel
            }, (since, until)
            assert volume["messages"]["value"] == sum(r["n"] for r in by_channel)
            assert sum(d["messages"] for d in volume["series"]) == volume["messages"]["value"]
            ai = await get(http, shop.admin_token, f"/v1/reports/ai?{query}")
            assert {a["article_id"]: a["citations"] for a in ai["top_articles"]} == {
                r["a"]: r["n"] for r in cited
            }, (since, until)


async def test_an_agent_sees_only_their_own_row_and_visitors_none(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant, other_shop: Tenant
) -> None:
    """Agents read the team's figures and their own row; visitors and the other tenant's
    staff get nothing of this tenant's."""
    seeded = await prepared(http, live_server, shop, other_shop)
    team = await get(http, shop.agent_token, f"/v1/reports/team?{PERIOD}")
    assert [a["id"] for a in team["agents"]] == [seeded["ada"]]
    assert team["first_response"]["median_minutes"]["value"] == 74.5
    theirs = await get(http, other_shop.admin_token, f"/v1/reports/volume?{PERIOD}")
    assert theirs["conversations"] == fig(1, 0)
    assert theirs["messages"] == fig(2, 0)  # the visitor's and the AI's
    async with session(
        live_server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN
    ) as visitor:
        token = visitor.welcome["visitor_token"]
    assert_error(await http.get(f"/v1/reports/volume?{PERIOD}", headers=bearer(token)), 403,
                 "forbidden")  # fmt: skip
    assert_error(await http.get("/v1/reports/volume"), 401, "unauthorized")


async def test_csv_exports_parse_and_match_the_json(
    http: httpx.AsyncClient, live_server: LiveServer, shop: Tenant, other_shop: Tenant
) -> None:
    await prepared(http, live_server, shop, other_shop)
    headers = bearer(shop.admin_token)
    for name in ("volume", "ai", "team", "csat", "gaps"):
        json_body = await get(http, shop.admin_token, f"/v1/reports/{name}?{PERIOD}")
        answer = await http.get(f"/v1/reports/{name}?{PERIOD}&format=csv", headers=headers)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("text/csv")
        assert answer.headers["content-disposition"] == f'attachment; filename="{name}.csv"'
        rows = list(csv.DictReader(io.StringIO(answer.text)))
        if name == "volume":
            assert [(r["start"], int(r["conversations"]), int(r["messages"])) for r in rows] == [
                (s["start"], s["conversations"], s["messages"]) for s in json_body["series"]
            ]
        elif name == "ai":
            assert {r["metric"]: float(r["value"]) for r in rows} == {
                m: json_body[m]["value"]
                for m in ("answered", "answer_rate", "resolution_rate", "handover_rate")
            }
        elif name == "team":
            assert [
                (r["id"], r["name"], r["first_response_median_minutes"]) for r in rows
            ] == [(a["id"], a["name"], str(a["first_response_median_minutes"])) for a in
                  json_body["agents"]]  # fmt: skip
            assert rows[1]["resolution_median_minutes"] == ""  # None: an empty cell
            assert [(r["sla_attained"], r["sla_breached"], r["sla_attainment_rate"])
                    for r in rows] == [("1", "0", "1.0"), ("0", "1", "0.0")]  # fmt: skip
        elif name == "csat":
            assert [(int(r["rating"]), int(r["count"])) for r in rows] == [
                (d["rating"], d["count"]) for d in json_body["distribution"]
            ]
        else:
            assert [int(r["size"]) for r in rows] == [g["size"] for g in json_body["groups"]]
            assert (
                rows[0]["conversation_ids"].split(" | ")
                == json_body["groups"][0]["conversation_ids"]
            )


async def test_bad_parameters_are_refused_clearly(http: httpx.AsyncClient, shop: Tenant) -> None:
    headers = bearer(shop.admin_token)
    for query, words in (
        ("since=2026-04-06&until=2026-03-23", "since must be earlier"),
        ("since=2025-01-01&until=2026-03-01", "at most 400 days"),
        ("since=yesterday", "RFC 3339"),
        ("since=2026-03-01T00:00:00", "offset"),
        ("interval=month", "interval must be day or week"),
        ("format=xml", "format must be json or csv"),
    ):
        answer = await http.get(f"/v1/reports/volume?{query}", headers=headers)
        assert_error(answer, 400, "bad_request")
        assert words in answer.json()["error"]["message"], (query, answer.text)
    unknown = await http.get("/v1/reports/nope", headers=headers)
    assert_error(unknown, 400, "bad_request")
    assert "unknown report" in unknown.json()["error"]["message"]
    default = await get(http, shop.admin_token, "/v1/reports/volume")
    since, until = (datetime.fromisoformat(default[k]) for k in ("since", "until"))
    assert (until - since).days == 30


async def test_sql_business_minutes_agrees_with_the_domain(live_server: LiveServer) -> None:
    """Migration 0025's business_minutes gives server/domain/sla.py's answer: random spans
    over weekends and both DST switches, in three zones and two sets of hours."""
    rng = random.Random(20)
    hours = [
        BusinessHours("Europe/Berlin", (0, 1, 2, 3, 4), time(9), time(17)),
        BusinessHours("America/New_York", (0, 2, 4, 5), time(8, 30), time(20, 15)),
        BusinessHours("Europe/Berlin", (6,), time(0), time(23, 59)),  # the DST Sundays
    ]
    cases = []
    for _ in range(300):
        start = datetime(2026, 3, 20, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 240 * 1440))
        end = start + timedelta(minutes=rng.randint(-60, 9 * 1440))
        cases.append((start, end, rng.choice(hours)))
    cases.append((at("2026-03-27T15:01:00"), at("2026-03-30T07:30:00"), hours[0]))  # 89
    async with owner_connection(live_server) as conn:
        for start, end, h in cases:
            got = await conn.fetchval(
                "SELECT business_minutes($1, $2, $3, $4, $5, $6)",
                start,
                end,
                h.timezone,
                list(h.days),
                h.start,
                h.end,
            )
            assert abs(got - business_minutes(start, end, h)) < 1e-6, (start, end, h)
    assert business_minutes(*cases[-1][:2], hours[0]) == 89
