"""Test data builders that go through the real store (no fixtures faked in SQL)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

import httpx
from prometheus_client.parser import text_string_to_metric_families

from server.domain.access import SecurityContext
from server.domain.events import AiEvent, PersistedEvent, Signal, TicketChanged
from server.domain.models import Contact, Conversation, Message, Role, Sender, Tenant, User
from server.services.admin import AdminService
from server.store import contacts, conversations, messages
from server.store.db import Database


@dataclass(frozen=True)
class Seeded:
    """A tenant with one of everything: admin, agent, contact, conversation, two messages."""

    tenant: Tenant
    admin: User
    agent: User
    contact: Contact
    conversation: Conversation
    public_message: Message
    private_note: Message

    def context(self, role: Role, user_id: uuid.UUID | None = None) -> SecurityContext:
        return SecurityContext(self.tenant.id, role, user_id)

    @property
    def as_agent(self) -> SecurityContext:
        return self.context(Role.AGENT, self.agent.id)

    @property
    def as_admin(self) -> SecurityContext:
        return self.context(Role.ADMIN, self.admin.id)

    @property
    def as_customer(self) -> SecurityContext:
        return self.context(Role.CUSTOMER, self.contact.id)


async def seed_tenant(db: Database, label: str) -> Seeded:
    admin_service = AdminService(db)
    suffix = uuid.uuid4().hex[:8]
    tenant = await admin_service.create_tenant(f"{label} {suffix}", [f"https://{suffix}.example"])
    admin = await admin_service.create_user(
        tenant, email=f"admin-{suffix}@example.com", password="admin-pass-1", role="admin"
    )
    agent = await admin_service.create_user(
        tenant, email=f"agent-{suffix}@example.com", password="agent-pass-1", role="agent"
    )
    await admin_service.create_api_key(tenant, "bot")
    staff = SecurityContext(tenant.id, Role.AGENT, agent.id)
    async with db.unit(staff) as conn:
        contact = await contacts.insert(
            conn, contact_id=contacts.new_id(), tenant_id=tenant.id, email=f"c-{suffix}@ex.com"
        )
        conversation = await conversations.insert(conn, tenant_id=tenant.id, contact_id=contact.id)
        public, _ = await messages.append(
            conn,
            conversation_id=conversation.id,
            sender=Sender("visitor", str(contact.id)),
            body=f"hello from {label}",
            client_msg_id="m-1",
            now=datetime.now(UTC),
        )
        note, _ = await messages.append(
            conn,
            conversation_id=conversation.id,
            sender=Sender("agent", str(agent.id)),
            body=f"internal note of {label}",
            private=True,
            now=datetime.now(UTC),
        )
        conversation = await conversations.get(conn, conversation.id) or conversation
    return Seeded(tenant, admin, agent, contact, conversation, public.message, note.message)


T = TypeVar("T")


class RecordingSink:
    """An EventSink that keeps what services announce, in order, for assertions."""

    def __init__(self) -> None:
        self.events: list[object] = []
        self.created: list[Conversation] = []  # conversation.created, kept apart

    async def persisted(self, event: PersistedEvent) -> None:
        self.events.append(event)

    async def signal(self, event: Signal) -> None:
        self.events.append(event)

    async def ai(self, event: AiEvent) -> None:
        self.events.append(event)

    async def ticket(self, event: TicketChanged) -> None:
        self.events.append(event)

    async def created(self, conversation: Conversation) -> None:
        self.created.append(conversation)

    async def message_updated(self, message: Message, changes: tuple[str, ...]) -> None:
        self.events.append(("message.updated", message, changes))

    def of(self, kind: type[T]) -> list[T]:
        return [e for e in self.events if isinstance(e, kind)]


async def scrape_metrics(http: httpx.AsyncClient) -> dict[str, float]:
    """/metrics as {name,label=value...: value}."""
    response = await http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    values: dict[str, float] = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            key = sample.name + "".join(f",{k}={v}" for k, v in sorted(sample.labels.items()))
            values[key] = sample.value
    return values
