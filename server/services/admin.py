"""Provisioning: tenants, staff users and API keys. Every change writes an audit entry.

The operator (the CLI, with shell access to the deployment) acts as super_admin; tenant
admins act within their tenant. Authorization is decided by ``domain.access`` and enforced
again by row-level security.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from server.channels.secretbox import SecretBox
from server.clock import Clock, SystemClock
from server.domain import validation
from server.domain.access import Principal, SecurityContext, may_grant_role
from server.domain.models import Role, Tenant, User
from server.domain.tenant_settings import TenantSettings
from server.errors import Conflict, Forbidden, NotFound, ValidationFailed
from server.services import credentials
from server.services.channel_admin import ChannelAdmin
from server.store import audit, principals, tenants
from server.store.db import Connection, Database

OPERATOR = SecurityContext.operator()
MAX_ORIGINS = 50
IDENTITY_GRACE = timedelta(hours=24)  # a replaced identity secret still verifies this long


@dataclass(frozen=True)
class Actor:
    """Who makes a change, as the audit log records it."""

    kind: str  # operator | user
    id: str
    context: SecurityContext

    def within(self, tenant: Tenant) -> SecurityContext:
        """This actor's context narrowed to `tenant` (an admin of another tenant sees
        nothing there)."""
        if self.context.role is Role.SUPER_ADMIN:
            return SecurityContext(tenant.id, Role.SUPER_ADMIN, self.context.user_id)
        return self.context

    def require_admin_of(self, tenant: Tenant) -> None:
        """Only the tenant's admins (and a super_admin) read and change its settings."""
        if self.context.role is Role.SUPER_ADMIN:
            return
        if self.context.role is not Role.ADMIN or self.context.tenant_id != tenant.id:
            raise Forbidden("only the tenant's admins read and change its settings")


OPERATOR_ACTOR = Actor("operator", "cli", OPERATOR)


def actor_of(principal: Principal) -> Actor:
    """A signed-in user (or bot) acting through the API, as the audit log names it."""
    return Actor(principal.kind, principal.id, principal.context())


class AdminService:
    def __init__(
        self, db: Database, box: SecretBox | None = None, *, clock: Clock | None = None
    ) -> None:
        self._db = db
        self._clock = clock or SystemClock()
        # Customer channels; `box` seals their credentials (needed for SMS and WhatsApp).
        self.channels = ChannelAdmin(db, box)

    async def create_tenant(
        self, name: str, origins: list[str], actor: Actor = OPERATOR_ACTOR
    ) -> Tenant:
        """A new tenant with fresh widget key and identity secret; names are unique."""
        if actor.context.role is not Role.SUPER_ADMIN:
            raise Forbidden("only a super_admin creates tenants")
        clean_name, clean_origins = _tenant_fields(name, origins)
        async with self._db.unit(actor.context) as conn:
            return await _insert_tenant(conn, actor, clean_name, clean_origins)

    async def create_first_workspace(
        self, *, name: str, origins: list[str], email: str, password: str, admin_name: str
    ) -> tuple[Tenant, User]:
        """First run (`/setup`): the first tenant and its admin in one transaction, only
        while no tenant exists; a second attempt, even a concurrent one, is a Conflict."""
        actor = Actor("operator", "setup", OPERATOR)
        clean_name, clean_origins = _tenant_fields(name, origins)
        fields = await user_fields(email, password, admin_name)
        async with self._db.unit(OPERATOR) as conn:
            await tenants.lock_first_run(conn)
            if await tenants.any_exist(conn):
                raise Conflict("this server is already set up: sign in at /inbox")
            tenant = await _insert_tenant(conn, actor, clean_name, clean_origins)
            user = await insert_user(conn, actor, tenant, Role.ADMIN, fields)
        return tenant, user

    async def first_run(self) -> bool:
        """True while no tenant exists: what `/setup` and the start-up log line wait for."""
        async with self._db.unit(OPERATOR) as conn:
            return not await tenants.any_exist(conn)

    async def set_ai_enabled(
        self, tenant: Tenant, enabled: bool, actor: Actor = OPERATOR_ACTOR
    ) -> None:
        """The per-tenant AI switch; conversations started afterwards follow it."""
        await self.change_settings(tenant, {"ai_enabled": enabled}, actor)

    async def set_allowed_origins(
        self, tenant: Tenant, origins: list[str], actor: Actor = OPERATOR_ACTOR
    ) -> None:
        """The browser origins the tenant's widget may be embedded on."""
        _require_settings_access(tenant, actor)
        clean = sorted({validation.origin(o) for o in origins})
        async with self._db.unit(self._within(tenant, actor)) as conn:
            await tenants.set_allowed_origins(conn, tenant.id, clean)
            await _audit(
                conn, actor, tenant, "tenant.origins", "tenant", str(tenant.id), {"origins": clean}
            )

    async def settings(self, tenant: Tenant, actor: Actor) -> TenantSettings:
        """The tenant's settings with defaults filled in; its admins (and the operator)."""
        _require_settings_access(tenant, actor)
        async with self._db.unit(self._within(tenant, actor)) as conn:
            current = await tenants.get(conn, tenant.id)
        if current is None:
            raise NotFound("tenant not found")
        return TenantSettings.from_stored(current.settings)

    async def change_settings(
        self, tenant: Tenant, changes: dict[str, Any], actor: Actor = OPERATOR_ACTOR
    ) -> TenantSettings:
        """Apply validated changes (all or none) and audit them with their new values;
        `allowed_origins` (a column beside the settings) changes in the same transaction."""
        _require_settings_access(tenant, actor)
        rest = {key: value for key, value in changes.items() if key != "allowed_origins"}
        origins = _origins(changes["allowed_origins"]) if "allowed_origins" in changes else None
        async with self._db.unit(self._within(tenant, actor)) as conn:
            current = await tenants.get(conn, tenant.id)
            if current is None:
                raise NotFound("tenant not found")
            updated = TenantSettings.from_stored(current.settings).changed(rest)
            if rest:
                values = {key: getattr(updated, key) for key in rest}
                await tenants.merge_settings(conn, tenant.id, values)
                await _audit(
                    conn, actor, tenant, "tenant.settings", "tenant", str(tenant.id), values
                )
            if origins is not None:
                await tenants.set_allowed_origins(conn, tenant.id, origins)
                await _audit(
                    conn,
                    actor,
                    tenant,
                    "tenant.origins",
                    "tenant",
                    str(tenant.id),
                    {"origins": origins},
                )
        return updated

    async def rotate_identity_secret(
        self, tenant: Tenant, actor: Actor = OPERATOR_ACTOR
    ) -> tuple[str, datetime]:
        """A new identity secret, returned once; the one it replaces keeps verifying
        identity HMACs for IDENTITY_GRACE (on the server's clock), so sites can switch
        without signing anyone out. The new secret and the deadline."""
        _require_settings_access(tenant, actor)
        secret = credentials.new_identity_secret()
        until = self._clock.now() + IDENTITY_GRACE
        async with self._db.unit(self._within(tenant, actor)) as conn:
            if not await tenants.rotate_identity_secret(conn, tenant.id, secret, until):
                raise NotFound("tenant not found")
            await _audit(
                conn,
                actor,
                tenant,
                "tenant.identity_secret",
                "tenant",
                str(tenant.id),
                {"previous_valid_until": until.isoformat()},
            )
        return secret, until

    async def widget_look(self, widget_key: str) -> tuple[str, dict[str, str]]:
        """Public (no sign-in): the name and look of the tenant a widget key belongs to,
        what the widget draws before it connects. NotFound for an unknown key."""
        async with self._db.anonymous() as conn:
            found = await tenants.id_by_widget_key(conn, widget_key)
        if found is None:
            raise NotFound("unknown widget key")
        # The server reading for the tenant (as visitors.py does); only the name and the
        # look leave here.
        async with self._db.unit(SecurityContext(found[0], Role.AGENT)) as conn:
            tenant = await tenants.get(conn, found[0])
        if tenant is None:
            raise NotFound("unknown widget key")
        return tenant.name, TenantSettings.from_stored(tenant.settings).widget

    async def tenant_of(self, principal: Principal) -> Tenant:
        """The principal's own tenant."""
        async with self._db.unit(principal.context()) as conn:
            tenant = await tenants.get(conn, principal.tenant_id)
        if tenant is None:
            raise NotFound("tenant not found")
        return tenant

    async def find_tenant(self, id_or_name: str, actor: Actor = OPERATOR_ACTOR) -> Tenant:
        async with self._db.unit(actor.context) as conn:
            tenant = await tenants.find(conn, id_or_name)
        if tenant is None:
            raise NotFound(f"tenant {id_or_name!r} not found")
        return tenant

    async def create_user(
        self,
        tenant: Tenant,
        *,
        email: str,
        password: str,
        role: str,
        name: str = "",
        actor: Actor = OPERATOR_ACTOR,
    ) -> User:
        try:
            wanted = Role(role)
        except ValueError:
            raise ValidationFailed("role must be agent, admin or super_admin") from None
        if wanted is Role.CUSTOMER:
            raise ValidationFailed("role must be agent, admin or super_admin")
        if not may_grant_role(actor.context.role, wanted):
            raise Forbidden(f"a {actor.context.role.value} cannot create a {wanted.value}")
        fields = await user_fields(email, password, name)
        async with self._db.unit(self._within(tenant, actor)) as conn:
            return await insert_user(conn, actor, tenant, wanted, fields)

    async def create_api_key(self, tenant: Tenant, name: str, actor: Actor = OPERATOR_ACTOR) -> str:
        """A new bot key; the plaintext is returned once and only its hash is kept."""
        clean_name = validation.name(name, "name")
        key = credentials.new_api_key()
        async with self._db.unit(self._within(tenant, actor)) as conn:
            await principals.insert_api_key(
                conn,
                key_id=key.key_id,
                tenant_id=tenant.id,
                name=clean_name,
                secret_hash=key.secret_hash,
            )
            await _audit(conn, actor, tenant, "apikey.create", "api_key", str(key.key_id))
        return key.plaintext

    @staticmethod
    def _within(tenant: Tenant, actor: Actor) -> SecurityContext:
        """The actor's context narrowed to `tenant` (an admin of another tenant sees nothing)."""
        return actor.within(tenant)


def _tenant_fields(name: str, origins: list[str]) -> tuple[str, list[str]]:
    return validation.name(name, "name"), sorted({validation.origin(o) for o in origins})


def _origins(value: Any) -> list[str]:
    """The websites the widget may run on, as admins change them: at most MAX_ORIGINS."""
    if not isinstance(value, list) or not all(isinstance(o, str) for o in value):
        raise ValidationFailed("allowed_origins must be a list of origins")
    clean = sorted({validation.origin(o) for o in value})
    if len(clean) > MAX_ORIGINS:
        raise ValidationFailed(f"allowed_origins may hold at most {MAX_ORIGINS} origins")
    return clean


async def _insert_tenant(conn: Connection, actor: Actor, name: str, origins: list[str]) -> Tenant:
    """A new tenant with a fresh widget key and identity secret; names are unique."""
    tenant = await tenants.insert(
        conn,
        name=name,
        allowed_origins=origins,
        widget_key=credentials.new_widget_key(),
        identity_secret=credentials.new_identity_secret(),
    )
    await _audit(conn, actor, tenant, "tenant.create", "tenant", str(tenant.id))
    return tenant


@dataclass(frozen=True)
class UserFields:
    """A new user's validated fields, its password already hashed."""

    email: str
    name: str
    password_hash: str


async def user_fields(email: str, password: str, name: str) -> UserFields:
    """Validated, with the password hashed off the loop (scrypt takes tens of ms)."""
    address = validation.email(email)
    secret = validation.password(
        password,
        min_chars=credentials.MIN_PASSWORD_CHARS,
        max_chars=credentials.MAX_PASSWORD_CHARS,
    )
    display = validation.name(name, "name") if name.strip() else ""
    password_hash = await asyncio.to_thread(credentials.hash_password, secret)
    return UserFields(address, display, password_hash)


async def insert_user(
    conn: Connection, actor: Actor, tenant: Tenant, role: Role, fields: UserFields
) -> User:
    """Create the user in the caller's transaction, audited (admins, setup, invitations)."""
    user = await principals.insert_user(
        conn,
        tenant_id=tenant.id,
        email=fields.email,
        name=fields.name,
        password_hash=fields.password_hash,
        role=role,
    )
    await _audit(conn, actor, tenant, "user.create", "user", str(user.id), {"role": role.value})
    return user


def _require_settings_access(tenant: Tenant, actor: Actor) -> None:
    actor.require_admin_of(tenant)


async def _audit(
    conn: Connection,
    actor: Actor,
    tenant: Tenant,
    action: str,
    target_kind: str,
    target_id: str,
    details: dict[str, Any] | None = None,
) -> None:
    await audit.record(
        conn,
        tenant_id=tenant.id,
        actor_kind=actor.kind,
        actor_id=actor.id,
        action=action,
        target_kind=target_kind,
        target_id=target_id,
        details=details,
    )
