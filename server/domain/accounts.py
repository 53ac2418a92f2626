"""Staff accounts beyond the user row: sign-in sessions, invitations, API keys as admins see
them, and revocations (credentials that must stop working everywhere at once). Pure."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from server.domain.access import Principal
from server.domain.models import Role, User
from server.ids import ApiKeyId, TenantId, UserId

INVITATION_TTL = timedelta(hours=72)
PASSWORD_RESET_TTL = timedelta(minutes=30)
# A user asking again within this long gets no second mail (their mailbox is not flooded).
PASSWORD_RESET_INTERVAL = timedelta(minutes=1)
# last_seen_at and last_used_at move at most this often: a read, not a write, per request.
LAST_USE_EVERY = timedelta(minutes=1)
INVITABLE_ROLES = (Role.AGENT, Role.ADMIN)


@dataclass(frozen=True)
class UserSession:
    """One sign-in: its access token carries `id`; revoking it refuses that token."""

    id: uuid.UUID
    tenant_id: TenantId
    user_id: UserId
    created_at: datetime
    last_seen_at: datetime
    user_agent: str
    address: str | None


@dataclass(frozen=True)
class StaffMember:
    """A user as the team list shows it."""

    user: User
    active: bool
    last_sign_in_at: datetime | None


@dataclass(frozen=True)
class Invitation:
    id: uuid.UUID
    tenant_id: TenantId
    email: str
    role: Role
    created_at: datetime
    expires_at: datetime
    invited_by: UserId | None
    invited_by_name: str | None


@dataclass(frozen=True)
class InvitationPreview:
    """What the acceptance page shows before anyone is signed in."""

    id: uuid.UUID
    tenant_id: TenantId
    tenant_name: str
    email: str
    role: Role
    invited_by: UserId | None
    expires_at: datetime


@dataclass(frozen=True)
class ApiKey:
    id: ApiKeyId
    tenant_id: TenantId
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class Revocation:
    """Credentials that stopped being valid: every WebSocket using one closes, on every node.

    ``user_ids``: every session of these users (deactivated, role changed, password reset);
    ``session_ids``: these sessions only; ``api_key_ids``: these bot keys; ``contact_ids``:
    these visitors (erased, GDPR). ``tenant_id`` narrows the match; None (the periodic
    sweep, which names exact credentials) does not.
    """

    tenant_id: TenantId | None = None
    user_ids: frozenset[str] = frozenset()
    session_ids: frozenset[str] = frozenset()
    api_key_ids: frozenset[str] = frozenset()
    contact_ids: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.user_ids or self.session_ids or self.api_key_ids or self.contact_ids)

    def covers(self, principal: Principal) -> bool:
        """Whether a connection authenticated as `principal` must close."""
        if self.tenant_id is not None and principal.tenant_id != self.tenant_id:
            return False
        if principal.kind == "agent":
            return principal.id in self.user_ids or (
                principal.session_id is not None and principal.session_id in self.session_ids
            )
        if principal.kind == "bot":
            return principal.id in self.api_key_ids
        if principal.kind == "visitor":
            return principal.id in self.contact_ids
        return False


class RevocationSink(Protocol):
    """Where services announce a revocation, after it is committed: the hub (closes this
    node's sockets and tells the others through the broker), or in the CLI a publisher."""

    async def revoked(self, revocation: Revocation) -> None: ...


def leaves_no_admin(active_admins: list[UserId], target: UserId) -> bool:
    """Whether taking `target` out of the active admins leaves the tenant without one."""
    return target in active_admins and len(active_admins) == 1
