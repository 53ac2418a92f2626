"""The services one app instance uses, built by the composition root (``server.app``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from server.channels.secretbox import SecretBox
from server.config import Settings
from server.health import Health
from server.services.accounts import AccountService
from server.services.admin import AdminService
from server.services.answers import AnswerService
from server.services.attachments import AttachmentService
from server.services.audit_log import AuditLogService
from server.services.auth import AuthService
from server.services.bulk import BulkService
from server.services.contacts import ContactService
from server.services.conversations import ConversationService
from server.services.csat import CsatService
from server.services.email_capture import EmailCapture
from server.services.gdpr import GdprService
from server.services.help_center import HelpCenter
from server.services.inbound_mail import InboundMail
from server.services.inbound_text import InboundText
from server.services.invitations import InvitationService
from server.services.knowledge import KnowledgeBase
from server.services.labels import LabelService
from server.services.macros import MacroService
from server.services.replies import CannedReplyService
from server.services.reports import ReportService
from server.services.setup import FirstRun
from server.services.summaries import SummaryService
from server.services.support_access import SupportAccessService
from server.services.team import TeamService
from server.services.tickets import TicketService
from server.store.db import Database


@dataclass(frozen=True)
class Services:
    settings: Settings
    db: Database
    auth: AuthService
    admin: AdminService
    conversations: ConversationService
    knowledge: KnowledgeBase
    tickets: TicketService
    contacts: ContactService
    csat: CsatService
    inbound_mail: InboundMail
    inbound_text: InboundText
    first_run: FirstRun
    secret_box: SecretBox  # opens channel credentials to check providers' webhooks
    health: Health  # readiness: the database and the broker
    # Sets the state gauges of server.metrics just before /metrics is rendered.
    scrape: Callable[[], Awaitable[None]]
    accounts: AccountService
    team: TeamService
    invitations: InvitationService
    support_access: SupportAccessService  # a super_admin's grants into tenants
    audit_log: AuditLogService  # the audit log admins read, the access review
    reports: ReportService  # GET /v1/reports/{name} (README "Reports")
    gdpr: GdprService  # contact export and erasure, the privacy-request register
    attachments: AttachmentService  # uploads and downloads through FLOWSUPPORT_STORAGE_URL
    labels: LabelService  # the tenant's managed labels
    bulk: BulkService  # one change to several conversations (the inbox list's bulk actions)
    replies: CannedReplyService  # canned replies (README "Canned replies and macros")
    macros: MacroService  # macros, applied through the conversation service
    answers: AnswerService  # also drafts agents' suggested replies
    summaries: SummaryService  # conversation summaries on an agent's request
    email_capture: EmailCapture  # the widget's e-mail prompt (README "E-mail capture")
    help_center: HelpCenter  # the widget's help-center search
