"""Support access: a super_admin's explicit, time-boxed, audited grant into one tenant.

A super_admin's own requests run in its own (the platform's) tenant and see nothing of any
tenant's conversations. To work in tenant T it opens a grant (a reason, at most 24 hours:
`grant`), then names T on each request (`X-FlowSupport-Tenant`, server/api/handlers.py),
which `enter` turns into a principal acting in T while the grant is active. Row-level
security decides the same thing again inside PostgreSQL on every row (migration 0016), so
a mistake here cannot open a tenant. T's admins list the grants (`grants`) and end them
(`revoke`); every grant, revocation and use is in T's audit log.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from server.clock import Clock
from server.domain import support_access as rules
from server.domain.access import Principal, SecurityContext
from server.domain.models import Role
from server.domain.support_access import SupportGrant
from server.errors import BadRequest, Forbidden, NotFound, ValidationFailed
from server.ids import TenantId, UserId, parse_uuid
from server.store import support_access as store
from server.store.db import Database

NO_GRANT = "no active support-access grant on this tenant: open one with POST /v1/support-access"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _is_super_admin(who: Principal) -> bool:
    return who.kind == "agent" and who.role is Role.SUPER_ADMIN


class SupportAccessService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def now(self) -> datetime:
        """The clock grants are judged by (what `active` is shown against)."""
        return self._clock.now()

    async def grant(
        self, who: Principal, tenant_id: str, reason: str, minutes: int
    ) -> SupportGrant:
        """A super_admin opens `tenant_id` to itself for `minutes` (1..1440)."""
        if not _is_super_admin(who):
            raise Forbidden("only a super_admin opens support access")
        target = self._tenant_id(tenant_id)
        clean = rules.reason(reason)
        now = self._clock.now()
        expires = rules.expiry(now, minutes)
        async with self._db.unit(who.context()) as conn:
            return await store.grant(
                conn,
                user_id=UserId(uuid.UUID(who.id)),
                tenant_id=target,
                reason=clean,
                now=now,
                expires_at=expires,
            )

    async def grant_as_operator(
        self, tenant_id: TenantId, reason: str, minutes: int, user_email: str | None
    ) -> SupportGrant:
        """The CLI's grant, made by the operator for the super_admin with `user_email`, or
        for the platform's only active super_admin when none is named."""
        clean = rules.reason(reason)
        now = self._clock.now()
        expires = rules.expiry(now, minutes)
        operator = SecurityContext.operator()
        async with self._db.unit(operator) as conn:
            found = await store.super_admins(conn, user_email)
            if not found:
                named = f" with e-mail {user_email}" if user_email else ""
                raise NotFound(f"no active super_admin{named}")
            if len(found) > 1:
                raise BadRequest(
                    f"{len(found)} super_admins: name the one with --user EMAIL "
                    f"({', '.join(email for _, email in found)})"
                )
            return await store.grant(
                conn,
                user_id=found[0][0],
                tenant_id=tenant_id,
                reason=clean,
                now=now,
                expires_at=expires,
            )

    async def grants(self, who: Principal) -> list[SupportGrant]:
        """An admin (or a super_admin under a grant): the grants on its tenant. A
        super_admin in its own tenant: the grants it holds, on every tenant."""
        if who.kind != "agent" or who.role not in (Role.ADMIN, Role.SUPER_ADMIN):
            raise Forbidden("only the tenant's admins and super_admins list support access")
        async with self._db.unit(who.context()) as conn:
            if who.role is Role.SUPER_ADMIN and who.support_grant_id is None:
                return await store.of_user(conn, UserId(uuid.UUID(who.id)))
            return await store.of_tenant(conn, who.tenant_id)

    async def revoke(self, who: Principal, grant_id: str) -> SupportGrant:
        """End a grant now: its super_admin or an admin of its tenant; 404 for others."""
        if who.kind != "agent" or who.role not in (Role.ADMIN, Role.SUPER_ADMIN):
            raise Forbidden("only the tenant's admins and super_admins end support access")
        found = parse_uuid(grant_id, "support-access grant")
        async with self._db.unit(who.context()) as conn:
            return await store.revoke(conn, found, self._clock.now())

    async def enter(self, who: Principal, tenant: str, *, method: str, path: str) -> Principal:
        """`who` acting in `tenant` (the request's X-FlowSupport-Tenant): itself when that
        is its own tenant; a super_admin holding an active grant there, its use audited;
        anyone else is refused."""
        target = self._tenant_id(tenant, BadRequest)
        if target == who.tenant_id:
            return who
        if not _is_super_admin(who):
            raise Forbidden("only a super_admin acts in another tenant, under a grant")
        write = method.upper() not in READ_METHODS
        details = {"method": method.upper(), "path": path[:300]}
        async with self._db.unit(who.context()) as conn:
            grant_id = await store.use(
                conn, target, self._clock.now(), write=write, details=details
            )
        if grant_id is None:
            raise Forbidden(NO_GRANT)
        return replace(who, tenant_id=target, support_grant_id=str(grant_id))

    @staticmethod
    def _tenant_id(value: str, error: type[BadRequest] = ValidationFailed) -> TenantId:
        try:
            return TenantId(uuid.UUID(value.strip()))
        except (ValueError, AttributeError):
            raise error("a tenant is named by its id (a UUID)") from None
