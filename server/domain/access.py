"""Who is acting, and the rules on what they may do. Pure: no I/O."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from server.domain.models import Role, Sender
from server.ids import TenantId


@dataclass(frozen=True)
class SecurityContext:
    """The identity a unit of work runs as; the store sets it with SET LOCAL.

    ``user_id`` is the user for staff roles and the contact for customers.
    """

    tenant_id: TenantId | None
    role: Role
    user_id: uuid.UUID | None = None

    @classmethod
    def operator(cls, tenant_id: TenantId | None = None) -> SecurityContext:
        """The platform operator (CLI, workers, first-run setup): super_admin with no user,
        the one context every tenant's rows are open to, always audited. A super_admin
        *user* (a context with its user id) sees a tenant only through a support-access
        grant (server/domain/support_access.py, migration 0016)."""
        return cls(tenant_id=tenant_id, role=Role.SUPER_ADMIN)


def may_grant_role(actor: Role, requested: Role) -> bool:
    """Admins create agents and admins; only a super_admin creates another super_admin."""
    if actor is Role.SUPER_ADMIN:
        return requested in (Role.AGENT, Role.ADMIN, Role.SUPER_ADMIN)
    if actor is Role.ADMIN:
        return requested in (Role.AGENT, Role.ADMIN)
    return False


@dataclass(frozen=True)
class Principal:
    """An authenticated party: a visitor (contact), a staff user or a bot (API key).

    ``kind`` is PROTOCOL.md's participant kind; ``role`` picks the row-level-security policy.
    """

    kind: str  # visitor | agent | bot
    id: str
    tenant_id: TenantId
    role: Role
    name: str | None = None
    # Staff signed in with an access token: the sign-in session it carries (revocable).
    session_id: str | None = None
    # A super_admin acting in `tenant_id` (not its own) under this support-access grant.
    support_grant_id: str | None = None

    def context(self) -> SecurityContext:
        return SecurityContext(tenant_id=self.tenant_id, role=self.role, user_id=uuid.UUID(self.id))


def sender_of(principal: Principal) -> Sender:
    """How a principal appears on its messages and signals (PROTOCOL.md participant)."""
    return Sender(kind=principal.kind, id=principal.id, name=principal.name)


def is_staff(principal: Principal) -> bool:
    """Agents, admins, super_admins and bots: they work the whole inbox."""
    return principal.kind in ("agent", "bot")


def origin_allowed(origin: str | None, allowed: tuple[str, ...]) -> bool:
    """PROTOCOL.md: requests without Origin are not browsers; browsers must match exactly."""
    if origin is None:
        return True
    return origin.rstrip("/").lower() in {a.rstrip("/").lower() for a in allowed}
