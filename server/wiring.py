"""The one wiring: every service a FlowSupport process uses, built from ``Settings``.

`build_services` is the composition root's single place that builds services and names
concrete implementations: the broker (in-process or Redis), the chat model and its
summarizer, the embedder, the channel adapters. ``server.app`` (``flowsupport serve``, and
``flowsupport demo``, which serves), ``flowsupport worker``, the demo's set-up and
``python -m kb_ingest`` all call it; the factories in ``broker/select.py``,
``ai/select.py``, ``channels/select.py`` and ``kb.embedders`` are called from here only.
Per call (one process, or one app of several in a process): one node id, one database pool
of FLOWSUPPORT_DB_POOL_SIZE, one `Supervisor` for background work and one `Metrics`
registry, all closed with `stack`.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass

from server.ai.select import chat_model_for, summarizer_for
from server.broker.base import RateLedger
from server.broker.select import broker_for, ledger_for
from server.channels.base import ChannelRegistry
from server.channels.secretbox import SecretBox
from server.channels.select import channels_in
from server.clock import Clock, OffsetFileClock, SystemClock
from server.config import Settings
from server.domain.accounts import RevocationSink
from server.domain.models import Conversation, Message
from server.ids import ConversationId, TenantId
from server.kb.embedders import embedder_for
from server.llm_calls import import_litellm
from server.metrics import Metrics
from server.realtime.envelope import conversation_topic
from server.realtime.hub import Hub
from server.realtime.revocations import RevocationPublisher
from server.services.account_mail import AccountMail
from server.services.accounts import AccountService
from server.services.admin import AdminService
from server.services.answers import AnswerService
from server.services.attachments import AttachmentService
from server.services.audit_log import AuditLogService
from server.services.auth import AuthService
from server.services.bulk import BulkService
from server.services.contacts import ContactService
from server.services.conversations import ConversationService
from server.services.credentials import TokenSigner
from server.services.csat import CsatLinks, CsatService
from server.services.email_capture import EmailCapture, ReplyMailSink
from server.services.escalation import EscalationService
from server.services.gdpr import GdprService
from server.services.help_center import HelpCenter
from server.services.inbound_mail import InboundMail
from server.services.inbound_text import InboundText
from server.services.intake import VisitorWrote
from server.services.invitations import InvitationService
from server.services.knowledge import KnowledgeBase
from server.services.labels import LabelService
from server.services.macros import MacroService
from server.services.outbound_mail import OutboundMail
from server.services.outbound_text import OutboundText
from server.services.replies import CannedReplyService
from server.services.reports import ReportService
from server.services.retention import RetentionService
from server.services.snooze import SnoozeService
from server.services.summaries import SummaryService
from server.services.support_access import SupportAccessService
from server.services.team import TeamService
from server.services.tickets import TicketService
from server.services.visitor_rate import VisitorRate
from server.services.visitors import VisitorService
from server.storage.select import store_for
from server.store.db import Database
from server.store.provision import DatabaseUrls, database_urls, prepare
from server.supervisor import Supervisor


@dataclass(frozen=True)
class Wired:
    """What `build_services` made; each caller takes the parts it runs."""

    settings: Settings
    clock: Clock
    node_id: str
    supervisor: Supervisor
    metrics: Metrics
    db: Database
    hub: Hub
    rate_ledger: RateLedger  # per-principal spending across nodes
    signer: TokenSigner
    auth: AuthService
    admin: AdminService
    visitors: VisitorService
    conversations: ConversationService
    contacts: ContactService
    csat: CsatService
    knowledge: KnowledgeBase
    escalation: EscalationService
    tickets: TicketService
    answers: AnswerService
    visitor_wrote: VisitorWrote
    inbound_mail: InboundMail
    inbound_text: InboundText
    outbound_mail: OutboundMail
    outbound_text: OutboundText
    channels: ChannelRegistry
    secret_box: SecretBox
    accounts: AccountService  # sessions, passwords, reset links
    team: TeamService  # staff and API keys, for admins
    invitations: InvitationService
    support_access: SupportAccessService  # a super_admin's grants into tenants
    audit_log: AuditLogService  # the audit log admins read, the access review
    reports: ReportService  # GET /v1/reports/{name}
    gdpr: GdprService  # contact export and erasure (closes the erased visitor's sockets)
    retention: RetentionService  # the sweep of conversations resolved past retention_days
    attachments: AttachmentService  # uploads, downloads, the objects of deleted rows
    replies: CannedReplyService  # canned replies, rendered for a conversation
    macros: MacroService  # macros, applied through the conversation service
    summaries: SummaryService  # conversation summaries on an agent's request
    labels: LabelService  # the tenant's managed labels
    bulk: BulkService  # the inbox list's bulk actions, through conversations.update
    snooze: SnoozeService  # the worker's sweep that reopens snoozed conversations
    email_capture: EmailCapture  # the widget's e-mail prompt
    help_center: HelpCenter  # the widget's help-center search


def attachments_for(settings: Settings, db: Database) -> AttachmentService:
    """Attachments through the object store FLOWSUPPORT_STORAGE_URL names (the CLI's
    export and erasure use it too)."""
    store = store_for(settings.storage_url, settings.data_dir)
    return AttachmentService(db, store, max_bytes=settings.max_attachment_bytes)


def clock_for(settings: Settings) -> Clock:
    """The process's one clock: the system's, or in FLOWSUPPORT_ENV=test the one a test
    moves through FLOWSUPPORT_TEST_CLOCK_FILE (Settings refuses that file elsewhere)."""
    if settings.test_clock_file is not None:
        return OffsetFileClock(settings.test_clock_file)
    return SystemClock()


async def build_services(
    settings: Settings,
    stack: AsyncExitStack,
    *,
    urls: DatabaseUrls | None = None,
    clock: Clock | None = None,
) -> Wired:
    """Every service, started and registered on `stack` to stop in order: services first
    (answers drain, pending reads are written), then their leftover background work, then
    the broker and the database. Given `urls`, the caller has provisioned and checked the
    database; otherwise it is found or started here and migrated when settings allow."""
    the_clock = clock or clock_for(settings)
    node_id = uuid.uuid4().hex[:12]  # the hub's and the presence entries' one id
    supervisor = Supervisor()
    metrics = Metrics()
    if urls is None:
        urls = await stack.enter_async_context(database_urls(settings))
        await prepare(urls, run_migrations=settings.auto_migrate)
    db = await Database.connect(
        urls.app,
        max_size=settings.db_pool_size,
        transaction_pooler=urls.transaction_pooler,
        clock=the_clock,  # app.now, what the policies judge support-access grants by
    )
    stack.push_async_callback(db.close)
    stack.push_async_callback(supervisor.close)  # after the broker, before the database
    broker, presence = broker_for(settings, node_id, supervisor)
    stack.push_async_callback(broker.close)
    stack.push_async_callback(presence.close)
    hub = Hub(broker, presence, node_id, metrics=metrics, supervisor=supervisor)
    await hub.start()
    rate_ledger = ledger_for(settings)
    stack.push_async_callback(rate_ledger.close)

    signer = TokenSigner(settings.secret_key)
    box = SecretBox(settings.secret_key)
    auth = AuthService(
        db,
        signer,
        the_clock,
        access_ttl_s=settings.access_token_ttl_s,
        visitor_ttl_s=settings.visitor_token_ttl_s,
        login_max_failures=settings.login_max_failures,
        login_lockout_s=settings.login_lockout_s,
    )
    attachments = attachments_for(settings, db)
    # Agents' replies to an absent web visitor with an address also go out by e-mail.
    mailing = ReplyMailSink(hub, db, the_clock, visitor_online(hub))
    conversations = ConversationService(db, mailing, the_clock, supervisor=supervisor)
    stack.push_async_callback(conversations.close)  # pending read positions
    links = CsatLinks(signer, the_clock, settings.public_url)
    csat = CsatService(db, hub, links)
    if settings.llm_model is not None or settings.embed_model is not None:
        # LiteLLM's import takes seconds: pay it now, off the loop, not on the loop at the
        # first visitor's question (it would stall every connection meanwhile).
        await asyncio.to_thread(import_litellm)
    embedder = embedder_for(settings.embed_model, settings.embed_api_base)
    knowledge = KnowledgeBase(db, embedder)
    model = chat_model_for(settings)
    escalation = EscalationService(
        db,
        hub,
        the_clock,
        agents_online=hub.agents_online,
        summarizer=summarizer_for(model),
        leave_grace_s=settings.visitor_leave_grace_s,
        supervisor=supervisor,
        metrics=metrics,
    )
    stack.push_async_callback(escalation.close)
    tickets = TicketService(db, hub, the_clock, metrics=metrics)
    answers = AnswerService(
        db,
        knowledge,
        model,
        conversations,
        escalation,
        hub,
        clock=the_clock,
        supervisor=supervisor,
        metrics=metrics,
    )
    stack.push_async_callback(answers.close)

    def visitor_wrote(conversation: Conversation, message: Message) -> None:
        """A request for a person escalates; anything else the AI takes."""
        if not escalation.visitor_wrote(conversation, message):
            answers.visitor_wrote(conversation, message)

    conversations.on_visitor_message(visitor_wrote)
    channels = channels_in(settings, the_clock, stack)
    inbound_mail = InboundMail(
        db,
        hub,
        visitor_wrote,
        channels,
        max_attachment_bytes=settings.max_attachment_bytes,
        attachments=attachments,
        clock=the_clock,
    )
    admin = AdminService(db, box, clock=the_clock)
    widget_rate = VisitorRate(the_clock)  # the widget's HTTP paths, per visitor
    account_mail = AccountMail(channels, settings.public_url, supervisor)
    return Wired(
        settings=settings,
        clock=the_clock,
        node_id=node_id,
        supervisor=supervisor,
        metrics=metrics,
        db=db,
        hub=hub,
        rate_ledger=rate_ledger,
        signer=signer,
        auth=auth,
        admin=admin,
        visitors=VisitorService(db, auth, the_clock),
        conversations=conversations,
        contacts=ContactService(db),
        csat=csat,
        knowledge=knowledge,
        escalation=escalation,
        tickets=tickets,
        answers=answers,
        summaries=SummaryService(
            db, conversations, summarizer_for(model), answers.may_spend, the_clock
        ),
        visitor_wrote=visitor_wrote,
        inbound_mail=inbound_mail,
        inbound_text=InboundText(db, hub, visitor_wrote, channels, box, the_clock),
        outbound_mail=OutboundMail(db, hub, channels, links, clock=the_clock, files=attachments),
        outbound_text=OutboundText(db, hub, channels, box, the_clock, links),
        channels=channels,
        secret_box=box,
        accounts=AccountService(db, auth, the_clock, account_mail, hub, settings.public_url),
        team=TeamService(db, admin, the_clock, hub),
        invitations=InvitationService(db, auth, the_clock, account_mail, settings.public_url),
        support_access=SupportAccessService(db, the_clock),
        audit_log=AuditLogService(db),
        reports=ReportService(db, the_clock, embedder),
        gdpr=GdprService(db, the_clock, hub, attachments),
        retention=RetentionService(db, the_clock, metrics=metrics, files=attachments),
        attachments=attachments,
        replies=CannedReplyService(db, the_clock),
        macros=MacroService(db, conversations, the_clock),
        labels=LabelService(db, hub),
        bulk=BulkService(conversations),
        snooze=SnoozeService(db, hub, the_clock),
        email_capture=EmailCapture(db, the_clock, widget_rate),
        help_center=HelpCenter(db, knowledge, widget_rate),
    )


def visitor_online(hub: Hub) -> Callable[[TenantId, ConversationId], bool]:
    """Whether a visitor follows the conversation on this node's sockets (the e-mail
    capture mails a reply only when not; on other nodes, the read position decides)."""

    def online(tenant_id: TenantId, conversation_id: ConversationId) -> bool:
        topic = conversation_topic(str(tenant_id), str(conversation_id))
        return any(
            c.principal.kind == "visitor" and topic in c.topics for c in tuple(hub.connections)
        )

    return online


async def revocation_publisher(settings: Settings, stack: AsyncExitStack) -> RevocationSink:
    """For a process that revokes credentials but serves no sockets (the CLI): publishes
    through Redis when FLOWSUPPORT_REDIS_URL is set, so every node closes them at once;
    with the in-process broker nobody else hears it, and the running server's sweep closes
    them within seconds (realtime/revocation_watch.py)."""
    supervisor = Supervisor()
    stack.push_async_callback(supervisor.close)
    node_id = uuid.uuid4().hex[:12]
    broker, presence = broker_for(settings, node_id, supervisor)
    stack.push_async_callback(broker.close)
    stack.push_async_callback(presence.close)
    return RevocationPublisher(broker, node_id)
