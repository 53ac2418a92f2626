"""The composition root: the only module that names concrete implementations.

Everything an app instance uses is built in its lifespan from ``Settings`` and torn down
with it; nothing lives at module level, so two apps can run in one process.
"""

from __future__ import annotations

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

import server.metrics as metrics
from server.ai.select import chat_model_for, summarizer_for
from server.api import errors
from server.api.request_ids import RequestIds
from server.api.routes import openapi_document, routes
from server.broker.select import broker_in
from server.channels.secretbox import SecretBox
from server.channels.smtp_listener import start_smtp_listener
from server.clock import Clock, SystemClock
from server.config import Settings
from server.domain.access import SecurityContext
from server.domain.models import Conversation, Message
from server.errors import FlowSupportError
from server.kb.embedders import embedder_for
from server.loopwatch import LoopWatch
from server.protocol.session import SessionLimits
from server.realtime.endpoint import Realtime, realtime_asgi
from server.realtime.hub import Hub
from server.services.admin import AdminService
from server.services.answers import AnswerService
from server.services.auth import AuthService
from server.services.contacts import ContactService
from server.services.container import Services
from server.services.conversations import ConversationService
from server.services.credentials import TokenSigner
from server.services.csat import CsatLinks, CsatService
from server.services.escalation import EscalationService
from server.services.inbound_mail import InboundMail
from server.services.inbound_text import InboundText
from server.services.knowledge import KnowledgeBase
from server.services.outbound_mail import OutboundMail
from server.services.outbound_text import OutboundText
from server.services.setup import FirstRun
from server.services.tickets import TicketService
from server.services.visitors import VisitorService
from server.store import jobs as job_rows
from server.store import tickets as ticket_rows
from server.store.db import Database
from server.store.provision import DatabaseUrls, database_urls, prepare
from server.workers.main import background_worker

log = logging.getLogger("flowsupport")


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
    the_clock = clock or SystemClock()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            ready = urls
            if ready is None:
                ready = await stack.enter_async_context(database_urls(settings))
                await prepare(ready, run_migrations=settings.auto_migrate)
            db = await Database.connect(ready.app, max_size=settings.db_pool_size)
            stack.push_async_callback(db.close)
            hub = Hub(*broker_in(settings, stack))
            await hub.start()
            watch = LoopWatch()
            watch.start()
            stack.push_async_callback(watch.stop)
            signer = TokenSigner(settings.secret_key)
            auth = AuthService(
                db,
                signer,
                the_clock,
                access_ttl_s=settings.access_token_ttl_s,
                visitor_ttl_s=settings.visitor_token_ttl_s,
            )
            conversations = ConversationService(db, hub, the_clock)
            stack.push_async_callback(conversations.close)  # pending read positions
            csat = CsatService(db, hub, CsatLinks(signer, the_clock, settings.public_url))
            knowledge = KnowledgeBase(
                db, embedder_for(settings.embed_model, settings.embed_api_base)
            )
            model = chat_model_for(settings)
            escalation = EscalationService(
                db,
                hub,
                the_clock,
                agents_online=hub.agents_online,
                summarizer=summarizer_for(model),
                leave_grace_s=settings.visitor_leave_grace_s,
            )
            stack.push_async_callback(escalation.close)
            tickets = TicketService(db, hub, the_clock)
            answers = AnswerService(db, knowledge, model, conversations, escalation, hub)
            stack.push_async_callback(answers.close)

            def visitor_wrote(conversation: Conversation, message: Message) -> None:
                """A request for a person escalates; anything else the AI takes."""
                if not escalation.visitor_wrote(conversation, message):
                    answers.visitor_wrote(conversation, message)

            conversations.on_visitor_message(visitor_wrote)
            inbound_mail = InboundMail(
                db,
                hub,
                visitor_wrote,
                max_attachment_bytes=settings.max_attachment_bytes,
                clock=the_clock,
            )
            if settings.smtp_listen is not None:
                listener = await start_smtp_listener(
                    inbound_mail,
                    *settings.smtp_listen,
                    max_bytes=settings.max_body_bytes + 2 * settings.max_attachment_bytes,
                )
                stack.callback(listener.close)
            box = SecretBox(settings.secret_key)
            inbound_text = InboundText(db, hub, visitor_wrote, the_clock)
            if settings.runs_jobs_in_process:
                texts = OutboundText(db, hub, box, the_clock, settings.public_url, csat.links)
                stack.push_async_callback(texts.close)
                await stack.enter_async_context(
                    background_worker(
                        db,
                        the_clock,
                        escalation,
                        tickets,
                        OutboundMail(db, hub, settings.smtp_url, csat.links),
                        texts,
                    )
                )
            admin = AdminService(db)
            first_run = FirstRun(admin, auth, signer)
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
                auth=auth,
                admin=admin,
                conversations=conversations,
                knowledge=knowledge,
                tickets=tickets,
                contacts=ContactService(db),
                csat=csat,
                inbound_mail=inbound_mail,
                inbound_text=inbound_text,
                first_run=first_run,
                secret_box=box,
                probes=(("database", db.ping), ("broker", hub.ping)),
                scrape=partial(_scrape, db, hub, watch, the_clock),
            )
            app.state.realtime = Realtime(
                hub=hub,
                auth=auth,
                visitors=VisitorService(db, auth),
                conversations=conversations,
                answers=answers,
                escalation=escalation,
                csat=csat,
                clock=the_clock,
                public_origins=settings.public_origins,
                limits=limits or SessionLimits(),
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


async def _scrape(db: Database, hub: Hub, watch: LoopWatch, clock: Clock) -> None:
    """The state gauges of /metrics, read now (counters and histograms count themselves)."""
    kinds = Counter(c.principal.kind for c in hub.connections)
    for kind in ("visitor", "agent", "bot"):
        metrics.CONNECTIONS.labels(kind).set(kinds.get(kind, 0))
    metrics.OUTBOX_FRAMES.set(sum(c.queued for c in hub.connections))
    metrics.LOOP_LAG_MAX.set(watch.take_max())
    size, idle = db.pool_use()
    metrics.DB_POOL.labels("busy").set(size - idle)
    metrics.DB_POOL.labels("idle").set(idle)
    try:
        async with db.unit(SecurityContext.operator()) as conn:
            metrics.JOBS_DUE.set(await job_rows.due_count(conn, clock.now()))
            by_status = await ticket_rows.count_by_status(conn)
    except FlowSupportError:
        return  # the database is down: /readyz says so; the other gauges still report
    for status in ("new", "open", "pending", "solved", "closed"):
        metrics.TICKETS.labels(status).set(by_status.get(status, 0))
