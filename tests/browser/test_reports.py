"""The Reports page in a real browser against a real server. A small tenant is seeded
through the product's own paths (a visitor over WebSocket: an AI answer citing an
article, two questions the AI hands over, an agent's reply, a resolution and a rating);
an admin opens Reports: every section renders, the headline figures and the table views
show the numbers the JSON has, CSV exports download and parse to the same numbers, and a
knowledge gap's "Draft an article" opens the knowledge-base editor pre-filled.

Screenshots: `reports-overview.png`, `reports-volume.png`, `reports-ai.png`, `reports-team.png`,
`reports-csat.png`, `reports-gaps.png`, `reports-draft.png` (README "Reports")."""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, Response, expect

from tests.browser.conftest import browser_page
from tests.browser.test_settings import ADMIN_PASSWORD, admin_email, sign_in_as
from tests.live import LiveServer, running_server
from tests.provision import ORIGIN, Tenant, help_desk
from tests.realtime.test_ai_answers import stream_of
from tests.realtime.test_case import said
from tests.wsclient import Client, session

ARTICLES = ["cancel-subscription.md", "change-plan.md"]
GAP_QUESTIONS = ["What is the capital of France?", "Which city is the capital of France?"]
REPORTS = ("volume", "ai", "team", "csat", "gaps")


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    data_dir = Path(tempfile.mkdtemp(prefix="fs-reports-ui-"))
    with running_server(data_dir) as live:
        yield live
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    async with browser_page(browser, 1440, 900) as opened:
        await opened.emulate_media(reduced_motion="reduce")
        yield opened


async def asked(visitor: Client, question: str) -> tuple[str, str]:
    """A new conversation with `question`; its id and how the AI ended (ai.done reason)."""
    started = await visitor.ok({"type": "conversation.start"})
    conversation_id: str = started["conversation"]["id"]
    await visitor.say(conversation_id, question, f"q-{conversation_id}")
    _, _, done = await stream_of(visitor)
    return conversation_id, str(done["reason"])


async def seeded(server: LiveServer, folder: Path) -> Tenant:
    """One AI answer, two handovers the KB lacked, one of them answered by Ada, resolved
    and rated 4 with a comment."""
    shop = await help_desk(server, folder, ARTICLES)
    async with (
        session(server.ws_url, {"token": shop.agent_token}) as agent,
        session(server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor,
    ):
        _, reason = await asked(visitor, "How do I cancel my subscription?")
        assert reason == "complete"
        handed = []
        for question in GAP_QUESTIONS:
            conversation_id, reason = await asked(visitor, question)
            assert reason == "escalated"
            handed.append(conversation_id)
        first = handed[0]
        await agent.ok({"type": "subscribe", "conversation_id": first})
        await agent.say(first, "It is Paris.", "a-1")
        await agent.ok(
            {"type": "conversation.update", "conversation_id": first, "status": "resolved"}
        )
        await said(visitor, "csat_requested")
        await visitor.ok(
            {
                "type": "csat.submit",
                "conversation_id": first,
                "rating": 4,
                "comment": "Quick and kind",
            }
        )
    return shop


def cells(values: Sequence[str | None]) -> list[int]:
    """Cells as whole numbers (an empty one: 0)."""
    return [int(float(v or 0)) for v in values]


async def table_values(page: Page, testid: str) -> list[list[str]]:
    """A table view's rows: the row label, then each cell's exact number (data-value)."""
    rows: list[list[str]] = await page.get_by_test_id(testid).evaluate(
        """t => [...t.tBodies[0].rows].map(r =>
            [r.cells[0].textContent, ...[...r.cells].slice(1).map(c => c.dataset.value)])"""
    )
    return rows


async def csv_of(page: Page, name: str, folder: Path) -> list[list[str]]:
    async with page.expect_download() as waiting:
        await page.get_by_test_id(f"report-{name}-csv").click()
    download = await waiting.value
    assert download.suggested_filename == f"{name}.csv"
    path = folder / f"{name}.csv"
    await download.save_as(path)
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


async def test_reports_page(
    page: Page,
    server: LiveServer,
    screenshots: Path,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Each section renders with the JSON's numbers; tables and CSVs agree with it."""
    shop = await seeded(server, tmp_path_factory.mktemp("kb"))
    answers: dict[str, dict[str, Any]] = {}

    async def keep(response: Response) -> None:
        path = response.url.split("?")[0]
        if "/v1/reports/" in path and "format=csv" not in response.url and response.ok:
            answers[path.rsplit("/", 1)[1]] = await response.json()

    page.on("response", keep)
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    await sign_in_as(page, server, admin_email(shop), ADMIN_PASSWORD)
    assert scripts and not [u for u in scripts if "/assets/Reports-" in u]  # not on first load
    await page.get_by_test_id("nav-reports").click()
    await expect(page.get_by_test_id("reports")).to_be_visible()
    assert [u for u in scripts if "/assets/Reports-" in u]  # its own chunk, when opened
    for name in REPORTS:
        section = page.get_by_test_id(f"report-{name}")
        await expect(section).to_have_attribute("aria-busy", "false", timeout=20_000)
        assert await page.get_by_test_id(f"report-{name}-error").count() == 0, (
            await section.inner_text()
        )
    assert set(answers) == set(REPORTS)
    await page.screenshot(path=str(screenshots / "reports-overview.png"))
    volume, ai, team, csat, gaps = (answers[n] for n in REPORTS)

    # Volume: three conversations; the headline figure, the channel table, the series table.
    assert volume["conversations"]["value"] == 3
    figure = page.get_by_test_id("fig-volume-conversations")
    await expect(figure).to_have_attribute("data-value", "3")
    await expect(page.get_by_test_id("fig-volume-conversations-change")).to_contain_text("from 0")
    plot = page.get_by_test_id("chart-volume-series").locator(".u-over")
    box = await plot.bounding_box()
    assert box
    await plot.hover(position={"x": box["width"] - 4, "y": box["height"] / 2})  # today
    await expect(page.get_by_test_id("chart-volume-series").locator(".chart-tip")).to_contain_text(
        "Conversations: 3"
    )
    await page.get_by_test_id("report-volume").screenshot(
        path=str(screenshots / "reports-volume.png")
    )
    await page.get_by_test_id("chart-volume-channels-table").click()
    channels = await table_values(page, "chart-volume-channels-data")
    assert [cells(r[1:]) for r in channels] == [
        [c["conversations"], c["messages"]] for c in volume["by_channel"]
    ]
    series = await table_values(page, "chart-volume-series-data")  # screen readers' copy
    assert [cells(r[1:]) for r in series] == [
        [s["conversations"], s["messages"]] for s in volume["series"]
    ]
    hours = (
        await page.get_by_test_id("chart-volume-hours")
        .locator("td.heat-cell")
        .evaluate_all("cells => cells.reduce((sum, c) => sum + Number(c.dataset.value), 0)")
    )
    assert hours == sum(c["conversations"] for c in volume["by_hour_of_week"]) == 3
    rows = await csv_of(page, "volume", tmp_path)
    assert rows[0] == ["start", "conversations", "messages"]
    assert [cells(r[1:]) for r in rows[1:]] == [
        [s["conversations"], s["messages"]] for s in volume["series"]
    ]

    # AI: one answer; two handovers; the article it cited.
    assert ai["answered"]["value"] == 1
    await expect(page.get_by_test_id("fig-ai-answered")).to_have_attribute("data-value", "1")
    await expect(page.get_by_test_id("table-ai-articles")).to_contain_text(
        "Cancel your subscription plan"
    )
    await page.get_by_test_id("chart-ai-reasons-table").click()
    reasons = await table_values(page, "chart-ai-reasons-data")
    assert (
        sum(cells([r[1] for r in reasons]))
        == sum(r["count"] for r in ai["handovers_by_reason"])
        == 2
    )
    rows = await csv_of(page, "ai", tmp_path)
    assert rows[0] == ["metric", "value", "previous"]
    assert {r[0]: r[1] for r in rows[1:]}["answered"] == "1"
    await page.get_by_test_id("report-ai").screenshot(path=str(screenshots / "reports-ai.png"))

    # Team: Ada's row, the same as the JSON's.
    agents = page.get_by_test_id("table-team-agents").locator("tbody tr")
    await expect(agents).to_have_count(len(team["agents"]))
    await expect(page.get_by_test_id("table-team-agents")).to_contain_text("Ada Agent")
    rows = await csv_of(page, "team", tmp_path)
    assert rows[0][:2] == ["id", "name"] and len(rows) - 1 == len(team["agents"])
    await page.get_by_test_id("report-team").screenshot(path=str(screenshots / "reports-team.png"))

    # CSAT: one 4.
    assert csat["responses"]["value"] == 1
    await expect(page.get_by_test_id("fig-csat-average")).to_have_attribute("data-value", "4")
    await expect(page.get_by_test_id("csat-comments")).to_contain_text("Quick and kind")
    await page.get_by_test_id("chart-csat-distribution-table").click()
    ratings = await table_values(page, "chart-csat-distribution-data")
    counted = {r["rating"]: r["count"] for r in csat["distribution"]}
    assert (
        cells([r[1] for r in ratings])
        == [counted.get(n, 0) for n in range(1, 6)]
        == [0, 0, 0, 1, 0]
    )
    rows = await csv_of(page, "csat", tmp_path)
    assert rows[0] == ["rating", "count"]
    assert {int(r[0]): int(r[1]) for r in rows[1:] if int(r[1])} == {4: 1}
    await page.get_by_test_id("report-csat").screenshot(path=str(screenshots / "reports-csat.png"))

    # Knowledge gaps: the two handed-over questions, and an article drafted from a group.
    listed = page.get_by_test_id("gap")
    await expect(listed).to_have_count(len(gaps["groups"]))
    assert sum(g["size"] for g in gaps["groups"]) == 2
    assert {q for g in gaps["groups"] for q in g["examples"]} == set(GAP_QUESTIONS)
    await page.get_by_test_id("report-gaps").screenshot(path=str(screenshots / "reports-gaps.png"))
    rows = await csv_of(page, "gaps", tmp_path)
    assert rows[0] == ["size", "label", "examples", "conversation_ids"]
    assert [r[1] for r in rows[1:]] == [g["label"] for g in gaps["groups"]]
    biggest = gaps["groups"][0]
    await listed.first.get_by_test_id("gap-draft").click()
    await expect(page.get_by_test_id("kb-editor")).to_be_visible()
    await expect(page.get_by_test_id("kb-title")).to_have_value(biggest["label"])
    for question in biggest["examples"]:
        await expect(page.get_by_test_id("kb-body")).to_have_value(re.compile(re.escape(question)))
    await expect(page.get_by_test_id("kb-save")).to_be_enabled()
    await page.screenshot(path=str(screenshots / "reports-draft.png"))


async def test_agents_see_reports_without_drafting(
    page: Page, server: LiveServer, tmp_path: Path
) -> None:
    """An agent opens Reports (the team figures, no "Draft an article": the KB is admins')."""
    shop = await help_desk(server, tmp_path, ARTICLES[:1])
    async with session(server.ws_url, {"widget_key": shop.widget_key}, origin=ORIGIN) as visitor:
        _, reason = await asked(visitor, GAP_QUESTIONS[0])
        assert reason == "escalated"
    await sign_in_as(page, server, shop.agent_email, "agent-pass-1")
    await page.get_by_test_id("nav-reports").click()
    await expect(page.get_by_test_id("gap")).to_have_count(1, timeout=20_000)
    await expect(page.get_by_test_id("gap-draft")).to_have_count(0)
    await expect(page.get_by_test_id("fig-volume-conversations")).to_have_attribute(
        "data-value", "1"
    )

    # The range: a preset asks the server again; a custom range backwards is refused here.
    async with page.expect_response(lambda r: "/v1/reports/volume" in r.url) as answered:
        await page.get_by_test_id("reports-range-7").click()
    week = await (await answered.value).json()
    assert week["previous"]["until"] == week["since"]
    await expect(page.get_by_test_id("reports-range-text")).to_contain_text("the 7 days before")
    await page.get_by_test_id("reports-range-custom").click()
    await page.get_by_test_id("reports-from").fill("2026-03-10")
    await page.get_by_test_id("reports-to").fill("2026-03-01")
    await expect(page.get_by_test_id("reports-range-error")).to_contain_text("before the start")
