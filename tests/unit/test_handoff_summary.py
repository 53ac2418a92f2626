"""What a ticket opens with: the subject is the question that escalated, and the handoff
summary says why, what was asked and what the AI answered, once each."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from server.domain.handoff import escalating_question, subject_for, summary
from server.domain.models import Message, Sender
from server.ids import ConversationId, MessageId, TenantId

CONVERSATION = ConversationId(uuid.uuid4())


def transcript(*lines: tuple[str, str] | tuple[str, str, dict[str, Any]]) -> list[Message]:
    out = []
    for seq, line in enumerate(lines, start=1):
        kind, body = line[0], line[1]
        citations = (line[2],) if len(line) > 2 else None  # type: ignore[misc]
        out.append(
            Message(
                id=MessageId(uuid.uuid4()),
                tenant_id=TenantId(uuid.uuid4()),
                conversation_id=CONVERSATION,
                seq=seq,
                sender=Sender(kind, None),
                body=body,
                private=False,
                client_msg_id=None,
                created_at=datetime(2026, 11, 23, 9, seq, tzinfo=UTC),
                citations=citations,
            )
        )
    return out


ANSWERED_THEN_STUCK = transcript(
    ("visitor", "How do I change my plan?"),
    ("ai", "Open Settings > Billing > Change plan.", {"title": "Change your plan"}),
    ("visitor", "Thanks!"),
    ("visitor", "Why was I charged twice this month?"),
)


def test_the_subject_is_what_escalated_not_the_first_message() -> None:
    assert subject_for(ANSWERED_THEN_STUCK, "web") == "Why was I charged twice this month?"
    asked_for_a_person = transcript(
        ("visitor", "My invoice shows the wrong VAT number"),
        ("ai", "Here is how invoices work."),
        ("visitor", "Can I talk to a human please?"),
    )
    # The request for a person is why it escalated; the question is what they need.
    assert subject_for(asked_for_a_person, "web") == "My invoice shows the wrong VAT number"
    only_the_request = transcript(("visitor", "Can I talk to a human please?"))
    assert subject_for(only_the_request, "web") == "Can I talk to a human please?"
    assert subject_for(transcript(("ai", "Hello")), "sms") == "Conversation on sms"
    assert escalating_question(ANSWERED_THEN_STUCK) == ANSWERED_THEN_STUCK[3]


def test_the_summary_says_why_what_and_the_answer_once_each() -> None:
    written = summary("no_answer", ANSWERED_THEN_STUCK)
    assert written == (
        "The AI found no answer in the knowledge base.\n"
        "Question: Why was I charged twice this month?\n"
        "Earlier: How do I change my plan?\n"
        "AI answered: Open Settings > Billing > Change plan.\n"
        "Cited: Change your plan"
    )
    asked = summary(
        "customer_asked",
        transcript(("visitor", "Where is my refund?"), ("visitor", "Can I talk to a human?")),
    )
    assert asked == (
        "The customer asked for a person.\nQuestion: Where is my refund?\nAI answered: nothing."
    )
    assert asked.count("person") == 1  # the request is the reason, not also the question


def test_a_reason_that_says_the_ai_could_not_answer_is_not_repeated() -> None:
    for reason in ("no_answer", "ai_error", "budget"):
        written = summary(reason, transcript(("visitor", "What is the capital of France?")))
        assert "AI answered" not in written
        assert written.splitlines()[1] == "Question: What is the capital of France?"
