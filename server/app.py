"""The composition root of the ASGI app: its lifespan builds the services through the one
wiring (``server.wiring.build_services``, which alone names concrete implementations) and
adds what only serving runs: the SMTP listener, the in-process jobs, the loop watch.

Everything an app instance uses, its metrics registry and its supervisor of background work
included, is built in its lifespan from ``Settings`` and torn down with it; nothing lives
at module level, so two apps can run in one process.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from functools import partial

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.types import Receive, Scope, Send

from server.api import errors
from server.api.request_ids import RequestIds
from server.api.routes import openapi_document, routes
from server.channels.smtp_listener import start_smtp_listener
from server.clock import Clock
from server.config import Settings
from server.domain.access import SecurityContext
from server.errors import FlowSupportError
from server.health import Health, Probe
from server.loopwatch import LoopWatch
from server.metrics import Metrics
from server.protocol.session import Addresses, Principals, SessionLimits
from server.realtime.endpoint import Realtime, realtime_asgi
from server.realtime.hub import Hub
from server.realtime.rate_sync import RateSync
from server.realtime.revocation_watch import RevocationWatch
from server.services.container import Services
from server.services.setup import FirstRun
from server.store import jobs as job_rows
from server.store import tickets as ticket_rows
from server.store.db import Database
from server.store.provision import DatabaseUrls
from server.wiring import build_services, clock_for
from server.workers.main import background_worker

log = logging.getLogger("flowsupport")
SCRAPE_DB_WAIT_S = 1.0  # how long /metrics waits for a database connection


def create_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    urls: DatabaseUrls | None = None,
    limits: SessionLimits | None = None,
) -> RealtimeFirst:
    """An ASGI app. Given `urls`, the caller has already provisioned and checked the
    database (``flowsupport serve`` does, to report start-up problems in one line);
    otherwise the lifespan finds or starts it, migrates and checks the posture."""
    the_clock = clock or clock_for(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            wired = await build_services(settings, stack, urls=urls, clock=the_clock)
            db, hub, metrics = wired.db, wired.hub, wired.metrics
            app.state.metrics = metrics  # this app's own registry, rendered by /metrics
            watch = LoopWatch(metrics, wired.supervisor)
            watch.start()
            stack.push_async_callback(watch.stop)
            if settings.smtp_listen is not None:
                listener = await start_smtp_listener(
                    wired.inbound_mail,
                    *settings.smtp_listen,
                    max_bytes=settings.max_body_bytes + 2 * settings.max_attachment_bytes,
                )
                stack.callback(listener.close)
            if settings.runs_jobs_in_process:
                await stack.enter_async_context(
                    background_worker(
                        db,
                        the_clock,
                        wired.escalation,
                        wired.tickets,
                        wired.outbound_mail,
                        wired.outbound_text,
                        supervisor=wired.supervisor,
                        retention=wired.retention,
                        snooze=wired.snooze,
                    )
                )
            first_run = FirstRun(wired.admin, wired.auth, wired.signer)
            if await first_run.needed():
                log.warning(
                    "first run: no workspace yet; create it at %s/setup?token=%s "
                    "(from this machine the token is not needed)",
                    settings.public_url,
                    first_run.token,
                )
            app.state.services = Services(
                settings=settings,
                db=db,
                auth=wired.auth,
                admin=wired.admin,
                conversations=wired.conversations,
                knowledge=wired.knowledge,
                tickets=wired.tickets,
                contacts=wired.contacts,
                csat=wired.csat,
                inbound_mail=wired.inbound_mail,
                inbound_text=wired.inbound_text,
                first_run=first_run,
                secret_box=wired.secret_box,
                health=Health(
                    (
                        Probe("database", db.ping, required=True),
                        Probe("broker", hub.ping, required=False),
                    ),
                    metrics,
                ),
                scrape=partial(_scrape, metrics, db, hub, watch, the_clock),
                accounts=wired.accounts,
                team=wired.team,
                invitations=wired.invitations,
                support_access=wired.support_access,
                gdpr=wired.gdpr,
                attachments=wired.attachments,
                audit_log=wired.audit_log,
                reports=wired.reports,
                replies=wired.replies,
                macros=wired.macros,
                answers=wired.answers,
                summaries=wired.summaries,
                email_capture=wired.email_capture,
                help_center=wired.help_center,
                labels=wired.labels,
                bulk=wired.bulk,
            )
            revocation_watch = RevocationWatch(hub, wired.auth, wired.supervisor)
            revocation_watch.start()
            stack.push_async_callback(revocation_watch.stop)
            session_limits = limits or SessionLimits(
                address_connections=settings.max_connections_per_address
            )
            principals = Principals(session_limits)
            rate_sync = RateSync(principals.holders, wired.rate_ledger, the_clock, wired.supervisor)
            rate_sync.start()
            stack.push_async_callback(rate_sync.stop)
            app.state.realtime = Realtime(
                hub=hub,
                auth=wired.auth,
                visitors=wired.visitors,
                conversations=wired.conversations,
                answers=wired.answers,
                escalation=wired.escalation,
                csat=wired.csat,
                clock=the_clock,
                public_origins=settings.public_origins,
                limits=session_limits,
                metrics=metrics,
                principals=principals,
                addresses=Addresses(session_limits),
            )
            yield

    app = Starlette(
        routes=routes(),
        lifespan=lifespan,
        # The widget runs on customers' sites and reads its own history over HTTP with its
        # visitor token. Credentials travel in the Authorization header, never in cookies,
        # so answering any origin exposes nothing a page does not already hold.
        middleware=[
            Middleware(RequestIds),
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                allow_headers=["authorization", "content-type"],
                max_age=600,
            ),
        ],
        exception_handlers={
            FlowSupportError: errors.on_flowsupport_error,
            HTTPException: errors.on_http_exception,
            Exception: errors.on_unexpected,
        },
    )
    app.state.openapi = openapi_document()
    return RealtimeFirst(app)


class RealtimeFirst:
    """Hands `/v1/ws` straight to the realtime endpoint with the server's own `send`
    (Starlette's middleware wraps it, which hides the transport the fan-out writes to);
    everything else, lifespan included, goes to the Starlette app."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.state = app.state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and scope["path"] == "/v1/ws":
            scope["app"] = self.app
            await realtime_asgi(scope, receive, send)
        else:
            await self.app(scope, receive, send)


async def _scrape(metrics: Metrics, db: Database, hub: Hub, watch: LoopWatch, clock: Clock) -> None:
    """This app's state gauges of /metrics, read now (counters and histograms count
    themselves)."""
    kinds = Counter(c.principal.kind for c in hub.connections)
    for kind in ("visitor", "agent", "bot"):
        metrics.connections.labels(kind).set(kinds.get(kind, 0))
    metrics.outbox_frames.set(sum(c.queued for c in hub.connections))
    watch.scrape()
    size, idle = db.pool_use()
    metrics.db_pool.labels("busy").set(size - idle)
    metrics.db_pool.labels("idle").set(idle)
    metrics.db_waiting.set(db.waiting_units())
    try:
        # A saturated pool is when the scrape matters most: it waits its turn a moment,
        # then answers with the gauges above (these keep their last values).
        async with asyncio.timeout(SCRAPE_DB_WAIT_S), db.unit(SecurityContext.operator()) as conn:
            metrics.jobs_due.set(await job_rows.due_count(conn, clock.now()))
            by_status = await ticket_rows.count_by_status(conn)
    except (FlowSupportError, TimeoutError):
        return  # the database is down or busy: /readyz says which; the rest still report
    for status in ("new", "open", "pending", "solved", "closed"):
        metrics.tickets.labels(status).set(by_status.get(status, 0))
