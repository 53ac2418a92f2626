"""The services one app instance uses, built by the composition root (``server.app``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from server.config import Settings
from server.services.admin import AdminService
from server.services.auth import AuthService
from server.services.contacts import ContactService
from server.services.conversations import ConversationService
from server.services.knowledge import KnowledgeBase
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
    # Readiness checks by name: each raises FlowSupportError when its dependency is down.
    probes: tuple[tuple[str, Callable[[], Awaitable[None]]], ...]
    # Current values for /metrics (the lag gauge resets when read).
    gauges: Callable[[], dict[str, float]]
