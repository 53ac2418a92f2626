"""Bulk actions from the inbox list: one change applied to several conversations.

Each conversation goes through ConversationService.update, the very path of PATCH
/v1/conversations/{id} and `conversation.update` (its rules, audit and events), in a
transaction of its own: one refused (another tenant's id, a move the lifecycle forbids)
does not undo or stop the others. The answer says, per id, whether it changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server.domain.access import Principal, is_staff
from server.errors import FlowSupportError, Forbidden, ValidationFailed
from server.services.conversations import ConversationService

MAX_IDS = 100
CHANGES = ("status", "assignee_id", "add_tags", "remove_tags")


@dataclass(frozen=True)
class BulkResult:
    id: str
    error: FlowSupportError | None = None  # None: applied

    @property
    def ok(self) -> bool:
        return self.error is None


class BulkService:
    def __init__(self, conversations: ConversationService) -> None:
        self._conversations = conversations

    async def apply(
        self, principal: Principal, ids: list[str], changes: dict[str, Any]
    ) -> list[BulkResult]:
        """Apply `changes` (keys of CHANGES) to each of `ids` (1..100, distinct), in order."""
        if not is_staff(principal):
            raise Forbidden("only agents and bots update conversations")
        check(ids, changes)
        results: list[BulkResult] = []
        for conversation_id in ids:
            try:
                await self._conversations.update(principal, conversation_id, dict(changes))
            except FlowSupportError as exc:
                results.append(BulkResult(conversation_id, exc))
            else:
                results.append(BulkResult(conversation_id))
        return results


def check(ids: list[str], changes: dict[str, Any]) -> None:
    """ValidationFailed for a request that cannot apply to any conversation."""
    if not 1 <= len(ids) <= MAX_IDS:
        raise ValidationFailed(f"ids: 1..{MAX_IDS} conversation ids")
    if len(set(ids)) != len(ids):
        raise ValidationFailed("ids: each conversation once")
    unknown = set(changes) - set(CHANGES)
    if unknown:
        raise ValidationFailed(f"changes: unknown {', '.join(sorted(unknown))}")
    if not changes:
        raise ValidationFailed(f"changes: at least one of {', '.join(CHANGES)}")
    if "status" in changes and changes["status"] is None:
        raise ValidationFailed("changes.status cannot be null")
    both = set(changes.get("add_tags") or ()) & set(changes.get("remove_tags") or ())
    if both:
        raise ValidationFailed(f"changes: {', '.join(sorted(both))} both added and removed")
