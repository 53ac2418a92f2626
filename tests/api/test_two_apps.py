"""Two apps in one process share nothing: each lifespan builds its own services, its own
supervisor and its own metrics registry, so each /metrics shows only its own state."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import httpx

from server.app import RealtimeFirst, create_app
from server.config import Settings
from server.store.embedded import EmbeddedLocation
from server.store.provision import DatabaseUrls
from tests.conftest import create_database
from tests.helpers import scrape_metrics, seed_tenant


@asynccontextmanager
async def running(app: RealtimeFirst) -> AsyncIterator[httpx.AsyncClient]:
    """The app's lifespan, and an HTTP client speaking to it in-process."""
    async with app.app.router.lifespan_context(app.app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as http:
            yield http


def settings_for(urls: DatabaseUrls, data_dir: Path) -> Settings:
    return Settings.from_env(
        {
            "FLOWSUPPORT_ENV": "test",
            "FLOWSUPPORT_DATA_DIR": str(data_dir),
            "FLOWSUPPORT_DATABASE_URL": urls.app,
            "FLOWSUPPORT_INPROCESS_JOBS": "off",
            "FLOWSUPPORT_DB_POOL_SIZE": "3",
        }
    )


async def test_two_apps_in_one_process_report_only_their_own_metrics(
    cluster: EmbeddedLocation, template: str, tmp_path: Path
) -> None:
    urls_a = await create_database(cluster, template)
    urls_b = await create_database(cluster, template)
    app_a = create_app(settings_for(urls_a, tmp_path), urls=urls_a)
    app_b = create_app(settings_for(urls_b, tmp_path), urls=urls_b)
    async with AsyncExitStack() as stack:
        http_a = await stack.enter_async_context(running(app_a))
        http_b = await stack.enter_async_context(running(app_b))
        assert app_a.state.metrics is not app_b.state.metrics
        before_a, before_b = await scrape_metrics(http_a), await scrape_metrics(http_b)
        assert before_a["flowsupport_tickets_created_total"] == 0
        assert before_b["flowsupport_tickets_created_total"] == 0

        # Only app A escalates a conversation into a ticket.
        seeded = await seed_tenant(app_a.state.services.db, "A")
        conversation = seeded.conversation
        await app_a.state.realtime.escalation.escalate(
            conversation.tenant_id, conversation.id, "marked"
        )

        after_b = await scrape_metrics(http_b)  # B first: its scrape must not touch A's gauges
        after_a = await scrape_metrics(http_a)
        assert after_a["flowsupport_tickets_created_total"] == 1
        assert after_a["flowsupport_escalations_total,reason=marked"] == 1
        assert after_a["flowsupport_tickets,status=new"] == 1
        assert after_b["flowsupport_tickets_created_total"] == 0
        assert after_b.get("flowsupport_escalations_total,reason=marked", 0) == 0
        assert after_b["flowsupport_tickets,status=new"] == 0
        assert (await scrape_metrics(http_b))["flowsupport_tickets,status=new"] == 0
        # Every documented family is in both, with the same names and labels as before.
        for key in (
            "flowsupport_connections,kind=visitor",
            "flowsupport_outbox_frames",
            "flowsupport_event_loop_lag_seconds_max",
            "flowsupport_db_pool_connections,state=idle",
            "flowsupport_jobs_due",
            "flowsupport_ws_sessions_total,writer=direct",
            "flowsupport_direct_frames_total",
            "flowsupport_slow_client_disconnects_total",
            "flowsupport_frames_fanned_out_total",
            "flowsupport_ai_tokens_total",
            "flowsupport_fanout_seconds_count",
            "flowsupport_ai_first_token_seconds_count",
        ):
            assert key in after_a and key in after_b, key
