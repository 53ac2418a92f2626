"""One presentation (protocol/objects.py): every PROTOCOL.md object built once, and the
pydantic models the OpenAPI document shows describe exactly what is built."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from server.domain.models import Contact, Conversation, Csat, Message, Sender
from server.domain.tickets import Ticket
from server.ids import ContactId, ConversationId, MessageId, TenantId, UserId
from server.protocol import objects

NOW = datetime(2026, 11, 25, 19, 33, 18, 123456, tzinfo=UTC)
TENANT = TenantId(uuid.uuid4())
CONTACT = ContactId(uuid.uuid4())

CONVERSATION = Conversation(
    id=ConversationId(uuid.uuid4()),
    tenant_id=TENANT,
    contact_id=CONTACT,
    status="resolved",
    channel="web",
    subject=None,
    assignee_id=UserId(uuid.uuid4()),
    priority="high",
    tags=("billing",),
    ai_enabled=True,
    last_seq=7,
    created_at=NOW,
    updated_at=NOW,
    ticket_id=uuid.uuid4(),
    previous_conversation_id=ConversationId(uuid.uuid4()),
    resolved_at=NOW,
    resolutions=1,
    csat=Csat(4, "Quick and kind", NOW, 1),
)
MESSAGE = Message(
    id=MessageId(uuid.uuid4()),
    tenant_id=TENANT,
    conversation_id=CONVERSATION.id,
    seq=5,
    sender=Sender("system", None, "FlowSupport"),
    body="Ann resolved the conversation",
    private=False,
    client_msg_id=None,
    created_at=NOW,
    event="resolved",
)
TICKET = Ticket(
    id=uuid.uuid4(),
    tenant_id=TENANT,
    number=42,
    conversation_id=CONVERSATION.id,
    subject="Charged twice",
    status="pending",
    priority="high",
    requester_contact_id=CONTACT,
    assignee_id=None,
    tags=(),
    custom_fields={"plan": "pro"},
    escalation_reason="no_answer",
    summary="The AI found no answer in the knowledge base.",
    first_response_due_at=NOW,
    resolution_due_at=NOW,
    first_responded_at=None,
    solved_at=None,
    breaches=(),
    created_at=NOW,
    updated_at=NOW,
    requester_name="Carla",
    requester_email=None,
    sla_paused_at=NOW,
)
CONTACT_ROW = Contact(CONTACT, TENANT, "cust-1", "c@example.com", "Carla", {"plan": "pro"}, NOW)

CASES: list[tuple[str, dict[str, Any], type[BaseModel]]] = [
    ("conversation", objects.conversation(CONVERSATION), objects.ConversationObject),
    (
        "conversation, bare",
        objects.conversation(
            replace(CONVERSATION, csat=None, resolved_at=None, ticket_id=None, unread_count=3)
        ),
        objects.ConversationObject,
    ),
    ("message", objects.message(MESSAGE), objects.MessageObject),
    (
        "message with citations",
        objects.message(
            replace(MESSAGE, event=None, citations=({"article_id": "a", "title": "T"},))
        ),
        objects.MessageObject,
    ),
    ("ticket", objects.ticket(TICKET), objects.TicketObject),
    ("contact", objects.contact(CONTACT_ROW), objects.ContactObject),
]


@pytest.mark.parametrize(("name", "built", "model"), CASES, ids=[c[0] for c in CASES])
def test_the_models_describe_what_is_built(
    name: str, built: dict[str, Any], model: type[BaseModel]
) -> None:
    """Strict models that forbid extra fields: a field built but not described (or the
    other way round, a required one never built) fails here."""
    parsed = model.model_validate(built)
    assert parsed.model_dump(exclude_unset=True) == built


def test_the_conversation_object_carries_the_case() -> None:
    built = objects.conversation(CONVERSATION)
    assert built["csat"] == {
        "rating": 4,
        "comment": "Quick and kind",
        "at": "2026-11-25T19:33:18.123Z",
    }
    assert built["resolved_at"] == "2026-11-25T19:33:18.123Z"
    assert built["previous_conversation_id"] == str(CONVERSATION.previous_conversation_id)
    assert "unread_count" not in built  # only where computed for the viewing agent
    assert objects.conversation(replace(CONVERSATION, unread_count=0))["unread_count"] == 0
    no_comment = objects.conversation(replace(CONVERSATION, csat=Csat(5, None, NOW, 1)))
    assert no_comment["csat"] == {"rating": 5, "at": "2026-11-25T19:33:18.123Z"}


def test_a_paused_ticket_has_no_deadline_running() -> None:
    built = objects.ticket(TICKET)
    assert built["sla_paused_at"] == "2026-11-25T19:33:18.123Z" and built["due_at"] is None
    assert built["requester"] == {"id": str(CONTACT), "name": "Carla", "email": None}
    running = objects.ticket(replace(TICKET, status="open", sla_paused_at=None))
    assert running["due_at"] == "2026-11-25T19:33:18.123Z"


def test_a_field_the_model_does_not_know_is_refused() -> None:
    with pytest.raises(ValidationError):
        objects.MessageObject.model_validate({**objects.message(MESSAGE), "surprise": 1})
