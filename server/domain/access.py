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
        """The platform operator (CLI, migrations of data): super_admin, always audited."""
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
