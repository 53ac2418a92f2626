"""The team an admin manages: its staff (role, name, deactivation) and its bots' API keys.

Only the tenant's admins (and the operator, through the CLI) change anything; agents and
bots may read the list of active staff, for assignment. A change that ends credentials
(deactivating a user, changing their role, revoking a key) revokes the sessions or the key
in the same transaction and, once committed, tells the `RevocationSink`, which closes the
sockets using them on every node. Every change is audited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from server.clock import Clock
from server.domain import validation
from server.domain.access import Principal, SecurityContext
from server.domain.accounts import (
    INVITABLE_ROLES,
    ApiKey,
    Revocation,
    RevocationSink,
    StaffMember,
    leaves_no_admin,
)
from server.domain.models import Role
from server.errors import Conflict, Forbidden, NotFound, ValidationFailed
from server.ids import ApiKeyId, TenantId, UserId, parse_uuid
from server.services import credentials
from server.services.admin import Actor, AdminService
from server.store import audit, principals, sessions, tenants
from server.store.db import Connection, Database

MAX_STAFF = 500


@dataclass(frozen=True)
class Deactivated:
    user_id: UserId
    sessions_closed: int  # sessions that were live and are revoked now


@dataclass(frozen=True)
class NewApiKey:
    id: ApiKeyId
    name: str
    api_key: str  # the plaintext, shown once


def admin_context(actor: Actor, tenant_id: TenantId) -> SecurityContext:
    """The context a team change runs in: the tenant's admins, or a super_admin narrowed to
    the tenant; anyone else is Forbidden."""
    context = actor.context
    if context.role is Role.SUPER_ADMIN:
        return SecurityContext(tenant_id, Role.SUPER_ADMIN, context.user_id)
    if actor.kind not in ("agent", "operator") or context.role is not Role.ADMIN:
        raise Forbidden("only the tenant's admins manage its team")
    if context.tenant_id != tenant_id:
        raise Forbidden("only the tenant's admins manage its team")
    return context


class TeamService:
    def __init__(
        self, db: Database, admin: AdminService, clock: Clock, revocations: RevocationSink
    ) -> None:
        self._db = db
        self._admin = admin
        self._clock = clock
        self._revocations = revocations

    async def members(
        self, principal: Principal, *, include_inactive: bool = False
    ) -> list[StaffMember]:
        """The tenant's staff by name, for assignment (agents and bots: active ones) and the
        team page (admins may ask for deactivated ones too)."""
        if principal.kind not in ("agent", "bot"):
            raise Forbidden("the staff list is for agents and bots")
        if include_inactive and (
            principal.kind != "agent" or principal.role not in (Role.ADMIN, Role.SUPER_ADMIN)
        ):
            raise Forbidden("only admins list deactivated users")
        async with self._db.unit(principal.context()) as conn:
            return await principals.staff_members(
                conn, principal.tenant_id, MAX_STAFF, include_inactive=include_inactive
            )

    async def change(
        self,
        actor: Actor,
        tenant_id: TenantId,
        user_id: str,
        *,
        role: str | None = None,
        name: str | None = None,
    ) -> StaffMember:
        """A new role and/or name. A new role ends the user's sessions (their token carries
        the old one); the tenant always keeps an active admin (Conflict)."""
        wanted = invitable_role(role) if role is not None else None
        clean_name = validation.name(name, "name") if name is not None else None
        target_id = UserId(parse_uuid(user_id, "user"))
        context = admin_context(actor, tenant_id)
        revoked: list[str] = []
        async with self._db.unit(context) as conn:
            target = await self._target(conn, actor, tenant_id, target_id)
            role_changes = wanted is not None and wanted is not target.user.role
            if role_changes and target.user.role is Role.ADMIN and target.active:
                await self._keep_an_admin(conn, actor, tenant_id, target_id, "demote")
            updated = await principals.update_user(
                conn, tenant_id, target_id, role=wanted if role_changes else None, name=clean_name
            )
            assert updated is not None
            if role_changes:
                revoked = await sessions.revoke_all(conn, tenant_id, target_id, self._clock.now())
            changes: dict[str, object] = {}
            if role_changes and wanted is not None:
                changes["role"] = wanted.value
                changes["sessions_closed"] = len(revoked)
            if clean_name is not None and clean_name != target.user.name:
                changes["name"] = True  # changed; the audit log names no personal data
            if changes:
                await self._audit(conn, actor, tenant_id, "user.update", target_id, changes)
        if role_changes:
            await self._revocations.revoked(
                Revocation(tenant_id, frozenset({str(target_id)}), frozenset(revoked))
            )
        return updated

    async def deactivate(self, actor: Actor, tenant_id: TenantId, user_id: str) -> Deactivated:
        """Disable the user and revoke every session they have; their sockets close on every
        node. Deactivating a deactivated user changes nothing."""
        target_id = UserId(parse_uuid(user_id, "user"))
        context = admin_context(actor, tenant_id)
        now = self._clock.now()
        async with self._db.unit(context) as conn:
            target = await self._target(conn, actor, tenant_id, target_id)
            if target.active and target.user.role is Role.ADMIN:
                await self._keep_an_admin(conn, actor, tenant_id, target_id, "deactivate")
            disabled = await principals.disable_user(conn, tenant_id, target_id, now)
            revoked = await sessions.revoke_all(conn, tenant_id, target_id, now)
            if disabled or revoked:
                details: dict[str, object] = {"sessions_closed": len(revoked)}
                await self._audit(conn, actor, tenant_id, "user.deactivate", target_id, details)
        await self._revocations.revoked(
            Revocation(tenant_id, frozenset({str(target_id)}), frozenset(revoked))
        )
        return Deactivated(target_id, len(revoked))

    async def deactivate_by_email(
        self, actor: Actor, tenant_id: TenantId, email: str
    ) -> Deactivated:
        """`flowsupport user deactivate`: the tenant's user with this address."""
        context = admin_context(actor, tenant_id)
        async with self._db.unit(context) as conn:
            member = await principals.member_by_email(conn, tenant_id, validation.email(email))
        if member is None:
            raise NotFound(f"no user {email!r} in this tenant")
        return await self.deactivate(actor, tenant_id, str(member.user.id))

    async def api_keys(self, actor: Actor, tenant_id: TenantId) -> list[ApiKey]:
        async with self._db.unit(admin_context(actor, tenant_id)) as conn:
            return await principals.api_keys(conn, tenant_id)

    async def create_api_key(self, actor: Actor, tenant_id: TenantId, name: str) -> NewApiKey:
        """A new bot key (audited by the admin service, its one home); shown once."""
        context = admin_context(actor, tenant_id)
        async with self._db.unit(context) as conn:
            tenant = await tenants.get(conn, tenant_id)
        if tenant is None:
            raise NotFound("tenant not found")
        plaintext = await self._admin.create_api_key(tenant, name, actor)
        key_id, _ = credentials.parse_api_key(plaintext)
        return NewApiKey(key_id, validation.name(name, "name"), plaintext)

    async def revoke_api_key(self, actor: Actor, tenant_id: TenantId, key_id: str) -> None:
        """Revoke one key (revoking a revoked key changes nothing); its bots are cut off."""
        wanted = ApiKeyId(parse_uuid(key_id, "API key"))
        async with self._db.unit(admin_context(actor, tenant_id)) as conn:
            if await principals.get_api_key(conn, tenant_id, wanted) is None:
                raise NotFound("API key not found")
            revoked = await principals.revoke_api_keys(
                conn, tenant_id, self._clock.now(), key_id=wanted
            )
            await self._audit_keys(conn, actor, tenant_id, revoked)
        await self._revocations.revoked(Revocation(tenant_id, api_key_ids=frozenset(revoked)))

    async def revoke_api_keys_named(self, actor: Actor, tenant_id: TenantId, name: str) -> int:
        """`flowsupport apikey revoke`: every live key with this name; how many."""
        clean = validation.name(name, "name")
        async with self._db.unit(admin_context(actor, tenant_id)) as conn:
            revoked = await principals.revoke_api_keys(
                conn, tenant_id, self._clock.now(), name=clean
            )
            await self._audit_keys(conn, actor, tenant_id, revoked)
        if not revoked:
            raise NotFound(f"no live API key named {clean!r} in this tenant")
        await self._revocations.revoked(Revocation(tenant_id, api_key_ids=frozenset(revoked)))
        return len(revoked)

    async def _target(
        self, conn: Connection, actor: Actor, tenant_id: TenantId, user_id: UserId
    ) -> StaffMember:
        # Not locked here: `_keep_an_admin` locks the tenant's admins in one order (by id),
        # so two admins demoting each other at once queue up instead of deadlocking.
        target = await principals.get_member(conn, tenant_id, user_id)
        if target is None:
            raise NotFound("user not found")
        if target.user.role is Role.SUPER_ADMIN and actor.context.role is not Role.SUPER_ADMIN:
            raise Forbidden("only a super_admin changes a super_admin")
        return target

    async def _keep_an_admin(
        self, conn: Connection, actor: Actor, tenant_id: TenantId, target: UserId, what: str
    ) -> None:
        """A tenant admin may not leave the tenant without an active admin (the operator
        may: it can make a new one from the command line)."""
        if actor.kind == "operator":
            return
        if leaves_no_admin(await principals.lock_active_admins(conn, tenant_id), target):
            raise Conflict(f"cannot {what} the tenant's last admin: make another admin first")

    async def _audit_keys(
        self, conn: Connection, actor: Actor, tenant_id: TenantId, revoked: list[str]
    ) -> None:
        for key in revoked:
            await audit.record(
                conn,
                tenant_id=tenant_id,
                actor_kind=actor.kind,
                actor_id=actor.id,
                action="apikey.revoke",
                target_kind="api_key",
                target_id=key,
            )

    async def _audit(
        self,
        conn: Connection,
        actor: Actor,
        tenant_id: TenantId,
        action: str,
        user_id: uuid.UUID,
        details: dict[str, object],
    ) -> None:
        await audit.record(
            conn,
            tenant_id=tenant_id,
            actor_kind=actor.kind,
            actor_id=actor.id,
            action=action,
            target_kind="user",
            target_id=str(user_id),
            details=details,
        )


def invitable_role(value: str) -> Role:
    """The roles a team admin hands out (and invites with)."""
    for role in INVITABLE_ROLES:
        if role.value == value:
            return role
    raise ValidationFailed("role must be agent or admin")
