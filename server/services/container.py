"""The services one app instance uses, built by the composition root (``server.app``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from server.channels.secretbox import SecretBox
from server.config import Settings
from server.health import Health
from server.services.accounts import AccountService
from server.services.admin import AdminService
from server.services.audit_log import AuditLogService
from server.services.auth import AuthService
from server.services.contacts import ContactService
from server.services.conversations import ConversationService
from server.services.csat import CsatService
from server.services.gdpr import GdprService
from server.services.inbound_mail import InboundMail
from server.services.inbound_text import InboundText
from server.services.invitations import InvitationService
from server.services.knowledge import KnowledgeBase
from server.services.setup import FirstRun
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
    gdpr: GdprService  # contact export and erasure, the privacy-request register
