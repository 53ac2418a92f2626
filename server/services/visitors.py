"""Who a widget visitor is: by widget key, visitor token and verified identity."""

from __future__ import annotations

from dataclasses import dataclass

from server.clock import Clock, SystemClock
from server.domain import visits
from server.domain.access import Principal, SecurityContext
from server.domain.models import Role
from server.errors import Unauthorized
from server.ids import ContactId, TenantId
from server.services import credentials
from server.services.auth import AuthService
from server.store import contacts, privacy, tenants
from server.store.db import Database


@dataclass(frozen=True)
class VisitorIdentity:
    external_id: str
    hmac: str
    email: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class VisitorSession:
    principal: Principal
    visitor_token: str
    allowed_origins: tuple[str, ...]


class VisitorService:
    def __init__(self, db: Database, auth: AuthService, clock: Clock | None = None) -> None:
        self._db = db
        self._auth = auth
        self._clock = clock or SystemClock()  # a rotated identity secret's grace runs on it

    async def tenant_origins(self, widget_key: str) -> tuple[TenantId, tuple[str, ...]]:
        """The tenant of a public widget key and the origins allowed to embed it."""
        async with self._db.anonymous() as conn:
            found = await tenants.id_by_widget_key(conn, widget_key)
        if found is None:
            raise Unauthorized("unknown widget key")
        return found

    async def identify(
        self,
        widget_key: str,
        visitor_token: str | None,
        identity: VisitorIdentity | None,
        seen: dict[str, str] | None = None,
    ) -> VisitorSession:
        """The visitor's contact: the verified identity's, the token's, or a new anonymous one.

        A verified identity wins over a token, so a signed-in customer finds the same
        conversations on any device. A wrong HMAC is refused, never downgraded to anonymous.
        The connection counts as a visit after `VISIT_GAP` away, and `seen` (what the widget
        reported: domain/visits.py) is kept for agents.
        """
        tenant_id, origins = await self.tenant_origins(widget_key)
        contact_id: ContactId | None = None
        name: str | None = None
        if identity is not None:
            contact_id, name = await self._identified(tenant_id, identity)
        elif visitor_token is not None:
            contact_id = await self._returning(tenant_id, visitor_token)
        new = contact_id is None
        contact_id = contact_id or contacts.new_id()
        context = SecurityContext(tenant_id, Role.CUSTOMER, contact_id)
        async with self._db.unit(context) as conn:
            if new:
                await contacts.insert(conn, contact_id=contact_id, tenant_id=tenant_id)
            await contacts.record_visit(
                conn, contact_id, seen or {}, self._clock.now(), visits.VISIT_GAP
            )
        principal = Principal("visitor", str(contact_id), tenant_id, Role.CUSTOMER, name)
        token = self._auth.issue_visitor_token(tenant_id, contact_id)
        return VisitorSession(principal, token, origins)

    async def _returning(self, tenant_id: TenantId, visitor_token: str) -> ContactId | None:
        """The token's contact if it still exists; an expired or foreign token is refused,
        and so is an erased contact's (GDPR): it stays refused, never reattached to anyone.
        A contact gone otherwise starts afresh."""
        contact_id = self._auth.verify_visitor_token(visitor_token, tenant_id)
        context = SecurityContext(tenant_id, Role.CUSTOMER, contact_id)
        async with self._db.unit(context) as conn:
            found = await contacts.get(conn, contact_id)
            if found is None and await privacy.was_erased(conn, tenant_id, contact_id):
                raise Unauthorized("this visitor's data was erased: the token is void")
        return found.id if found else None

    async def _identified(
        self, tenant_id: TenantId, identity: VisitorIdentity
    ) -> tuple[ContactId, str | None]:
        # Reading the secret and the tenant's contacts is the server acting for the tenant;
        # the visitor gains nothing from it until its HMAC has been verified.
        staff = SecurityContext(tenant_id, Role.AGENT)
        async with self._db.unit(staff) as conn:
            tenant = await tenants.get(conn, tenant_id)
            assert tenant is not None
            if not any(
                credentials.identity_matches(secret, identity.external_id, identity.hmac)
                for secret in tenant.identity_secrets(self._clock.now())
            ):
                raise Unauthorized("identity hmac does not match")
            contact = await contacts.upsert_identified(
                conn,
                tenant_id=tenant_id,
                external_id=identity.external_id,
                email=identity.email,
                name=identity.name,
            )
        return contact.id, contact.name
