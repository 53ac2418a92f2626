"""Provisioning: tenants, staff users and API keys. Every change writes an audit entry.

The operator (the CLI, with shell access to the deployment) acts as super_admin; tenant
admins act within their tenant. Authorization is decided by ``domain.access`` and enforced
again by row-level security.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from server.channels.secretbox import SecretBox
from server.domain import validation
from server.domain.access import Principal, SecurityContext, may_grant_role
from server.domain.models import Channel, Role, Tenant, User
from server.domain.tenant_settings import TenantSettings
from server.errors import Conflict, Forbidden, NotFound, ValidationFailed
from server.services import credentials
from server.store import audit, channels, principals, tenants
from server.store.db import Connection, Database

OPERATOR = SecurityContext.operator()
_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")


@dataclass(frozen=True)
class Actor:
    """Who makes a change, as the audit log records it."""

    kind: str  # operator | user
    id: str
    context: SecurityContext


OPERATOR_ACTOR = Actor("operator", "cli", OPERATOR)


def actor_of(principal: Principal) -> Actor:
    """A signed-in user (or bot) acting through the API, as the audit log names it."""
    return Actor(principal.kind, principal.id, principal.context())


class AdminService:
    def __init__(self, db: Database, box: SecretBox | None = None) -> None:
        self._db = db
        self._box = box  # seals channel credentials; needed only to add SMS/WhatsApp

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
        fields = await _user_fields(email, password, admin_name)
        async with self._db.unit(OPERATOR) as conn:
            await tenants.lock_first_run(conn)
            if await tenants.any_exist(conn):
                raise Conflict("this server is already set up: sign in at /inbox")
            tenant = await _insert_tenant(conn, actor, clean_name, clean_origins)
            user = await _insert_user(conn, actor, tenant, Role.ADMIN, fields)
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

    async def add_email_channel(
        self, tenant: Tenant, address: str, actor: Actor = OPERATOR_ACTOR
    ) -> Channel:
        """An address the tenant receives customers' mail at (one tenant per address)."""
        _require_settings_access(tenant, actor)
        clean = validation.email(address)
        async with self._db.unit(self._within(tenant, actor)) as conn:
            channel = await channels.insert(conn, tenant_id=tenant.id, kind="email", address=clean)
            await _audit(
                conn, actor, tenant, "channel.add", "channel", str(channel.id), {"kind": "email"}
            )
        return channel

    async def add_text_channel(
        self,
        tenant: Tenant,
        *,
        kind: str,
        provider: str,
        address: str,
        settings: dict[str, Any],
        secrets: dict[str, str],
        actor: Actor = OPERATOR_ACTOR,
    ) -> Channel:
        """An SMS or WhatsApp number (Twilio) or WhatsApp business number (Meta); its
        credentials are sealed with the server's key, bound to the channel's id."""
        _require_settings_access(tenant, actor)
        if self._box is None:
            raise ValidationFailed("this process cannot seal credentials (no secret key)")
        if (kind, provider) not in (
            ("sms", "twilio"),
            ("whatsapp", "twilio"),
            ("whatsapp", "meta"),
        ):
            raise ValidationFailed(f"a {kind} channel cannot use {provider}")
        if provider == "twilio" and not _E164.match(address):
            raise ValidationFailed("--number must be in E.164 form, e.g. +14155550100")
        if any(not value for value in secrets.values()):
            raise ValidationFailed("every credential must be given")
        if settings.get("api_base") is not None:
            settings["api_base"] = _api_base(str(settings["api_base"]))
        channel_id = uuid.uuid4()
        async with self._db.unit(self._within(tenant, actor)) as conn:
            channel = await channels.insert(
                conn,
                tenant_id=tenant.id,
                kind=kind,
                address=address,
                provider=provider,
                settings=settings,
                channel_id=channel_id,
            )
            await channels.set_credentials(
                conn, channel.id, self._box.seal(secrets, bound_to=str(channel.id))
            )
            await _audit(
                conn,
                actor,
                tenant,
                "channel.add",
                "channel",
                str(channel.id),
                {"kind": kind, "provider": provider},
            )
        return channel

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
        """Apply validated changes (all or none) and audit them with their new values."""
        _require_settings_access(tenant, actor)
        async with self._db.unit(self._within(tenant, actor)) as conn:
            current = await tenants.get(conn, tenant.id)
            if current is None:
                raise NotFound("tenant not found")
            updated = TenantSettings.from_stored(current.settings).changed(changes)
            values = {key: getattr(updated, key) for key in changes}
            await tenants.merge_settings(conn, tenant.id, values)
            await _audit(conn, actor, tenant, "tenant.settings", "tenant", str(tenant.id), values)
        return updated

    async def staff(self, principal: Principal, limit: int = 500) -> list[User]:
        """The tenant's agents and admins, for assignment menus (staff only)."""
        if principal.kind not in ("agent", "bot"):
            raise Forbidden("the staff list is for agents and bots")
        async with self._db.unit(principal.context()) as conn:
            return await principals.active_users(conn, limit)

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
        fields = await _user_fields(email, password, name)
        async with self._db.unit(self._within(tenant, actor)) as conn:
            return await _insert_user(conn, actor, tenant, wanted, fields)

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
        if actor.context.role is Role.SUPER_ADMIN:
            return SecurityContext(tenant.id, Role.SUPER_ADMIN, actor.context.user_id)
        return actor.context


def _tenant_fields(name: str, origins: list[str]) -> tuple[str, list[str]]:
    return validation.name(name, "name"), sorted({validation.origin(o) for o in origins})


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
class _UserFields:
    email: str
    name: str
    password_hash: str


async def _user_fields(email: str, password: str, name: str) -> _UserFields:
    """Validated, with the password hashed off the loop (scrypt takes tens of ms)."""
    address = validation.email(email)
    secret = validation.password(
        password,
        min_chars=credentials.MIN_PASSWORD_CHARS,
        max_chars=credentials.MAX_PASSWORD_CHARS,
    )
    display = validation.name(name, "name") if name.strip() else ""
    password_hash = await asyncio.to_thread(credentials.hash_password, secret)
    return _UserFields(address, display, password_hash)


async def _insert_user(
    conn: Connection, actor: Actor, tenant: Tenant, role: Role, fields: _UserFields
) -> User:
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


def _api_base(value: str) -> str:
    """A provider API's base URL (tests point it at a local stand-in)."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationFailed("--api-base must be an http(s) URL")
    return value.strip().rstrip("/")


def _require_settings_access(tenant: Tenant, actor: Actor) -> None:
    role = actor.context.role
    if role is Role.SUPER_ADMIN:
        return
    if role is not Role.ADMIN or actor.context.tenant_id != tenant.id:
        raise Forbidden("only the tenant's admins read and change its settings")


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
