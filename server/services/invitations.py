"""Inviting staff: an admin invites an address with a role; the invitee opens the link,
chooses a name and a password, and is signed in.

An invitation is single-use and valid 72 hours; only its token's hash is stored, and a
resend replaces the token (the old link stops working). The link is e-mailed when outbound
mail is configured and always returned to the admin, who may pass it on another way.
Accepting runs on the inviting admin's authority (an admin context in the invitation's
tenant): the invitation is that admin's decision, taken earlier.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from server.clock import Clock
from server.domain import validation
from server.domain.access import SecurityContext
from server.domain.accounts import INVITATION_TTL, Invitation, InvitationPreview
from server.domain.models import Role
from server.errors import BadRequest, Conflict, NotFound
from server.ids import TenantId, UserId, parse_uuid
from server.services import credentials
from server.services.account_mail import AccountMail
from server.services.admin import Actor, insert_user, user_fields
from server.services.auth import AuthService, LoginResult, SignInFrom
from server.services.credentials import LinkToken
from server.services.team import admin_context, invitable_role
from server.store import audit, invitations, logins, principals, tenants
from server.store.db import Connection, Database

INVALID = "this invitation link is invalid, used or expired: ask for a new one"


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    url: str  # holds the token: shown to the admin once, e-mailed to the invitee


class InvitationService:
    def __init__(
        self,
        db: Database,
        auth: AuthService,
        clock: Clock,
        mail: AccountMail,
        public_url: str,
    ) -> None:
        self._db = db
        self._auth = auth
        self._clock = clock
        self._mail = mail
        self._public_url = public_url

    async def invite(
        self, actor: Actor, tenant_id: TenantId, email: str, role: str
    ) -> IssuedInvitation:
        """A new invitation; Conflict when the address has an account or an open
        invitation (an expired one gives way)."""
        context = admin_context(actor, tenant_id)
        address = validation.email(email)
        wanted = invitable_role(role)
        link = credentials.new_link_token()
        now = self._clock.now()
        async with self._db.unit(context) as conn:
            if await principals.email_taken(conn, address):
                raise Conflict("a user with this e-mail address already exists")
            await invitations.close_expired(conn, tenant_id, address, now)
            invitation_id = await invitations.insert(
                conn,
                tenant_id=tenant_id,
                email=address,
                role=wanted,
                token_hash=link.digest,
                invited_by=UserId(context.user_id)
                if actor.kind == "agent" and context.user_id
                else None,
                now=now,
                expires_at=now + INVITATION_TTL,
            )
            await _audit(conn, actor, tenant_id, "invitation.create", invitation_id, wanted)
            issued, tenant_name = await self._issued(conn, tenant_id, invitation_id, link)
        self._send(issued, tenant_name)
        return issued

    async def resend(
        self, actor: Actor, tenant_id: TenantId, invitation_id: str
    ) -> IssuedInvitation:
        """A new link and 72 hours more for an open invitation; the old link stops working."""
        context = admin_context(actor, tenant_id)
        wanted = parse_uuid(invitation_id, "invitation")
        link = credentials.new_link_token()
        async with self._db.unit(context) as conn:
            found = await invitations.get_open(conn, tenant_id, wanted, lock=True)
            if found is None:
                raise NotFound("invitation not found")
            expires = self._clock.now() + INVITATION_TTL
            await invitations.renew(conn, tenant_id, wanted, link.digest, expires)
            await _audit(conn, actor, tenant_id, "invitation.resend", wanted, found.role)
            issued, tenant_name = await self._issued(conn, tenant_id, wanted, link)
        self._send(issued, tenant_name)
        return issued

    async def open_ones(self, actor: Actor, tenant_id: TenantId) -> list[Invitation]:
        """Invitations neither accepted nor revoked (expired ones too, until resent)."""
        async with self._db.unit(admin_context(actor, tenant_id)) as conn:
            return await invitations.open_ones(conn, tenant_id)

    async def revoke(self, actor: Actor, tenant_id: TenantId, invitation_id: str) -> None:
        context = admin_context(actor, tenant_id)
        wanted = parse_uuid(invitation_id, "invitation")
        async with self._db.unit(context) as conn:
            if not await invitations.revoke(conn, tenant_id, wanted, self._clock.now()):
                raise NotFound("invitation not found")
            await _audit(conn, actor, tenant_id, "invitation.revoke", wanted, None)

    async def preview(self, token: str) -> InvitationPreview:
        """What the acceptance page shows: the address, the tenant, until when."""
        async with self._db.anonymous() as conn:
            found = await invitations.by_token(
                conn, credentials.link_digest(token), self._clock.now()
            )
        if found is None:
            raise BadRequest(INVALID)
        return found

    async def accept(self, token: str, name: str, password: str, origin: SignInFrom) -> LoginResult:
        """Spend the invitation: the user is created with its role and signed in."""
        display = validation.name(name, "name")
        digest = credentials.link_digest(token)
        found = await self.preview(token)
        fields = await user_fields(found.email, password, display)
        context = SecurityContext(found.tenant_id, Role.ADMIN, found.invited_by)
        now = self._clock.now()
        async with self._db.unit(context) as conn:
            if not await invitations.claim(conn, found.tenant_id, found.id, digest, now):
                raise BadRequest(INVALID)
            tenant = await tenants.get(conn, found.tenant_id)
            if tenant is None:
                raise BadRequest(INVALID)
            actor = Actor("invitation", str(found.id), context)
            user = await insert_user(conn, actor, tenant, found.role, fields)
            await invitations.accepted_by(conn, tenant.id, found.id, user.id)
            await _audit(conn, actor, tenant.id, "invitation.accept", found.id, found.role)
            await logins.succeeded(conn, user.id, self._auth.account_key(user.email), None, now)
            return await self._auth.open_session(conn, user, origin)

    async def _issued(
        self, conn: Connection, tenant_id: TenantId, invitation_id: uuid.UUID, link: LinkToken
    ) -> tuple[IssuedInvitation, str]:
        invitation = await invitations.get_open(conn, tenant_id, invitation_id)
        tenant = await tenants.get(conn, tenant_id)
        assert invitation is not None
        assert tenant is not None
        url = f"{self._public_url}/invite?token={link.plaintext}"
        return IssuedInvitation(invitation, url), tenant.name

    def _send(self, issued: IssuedInvitation, tenant_name: str) -> None:
        """After the commit: a link that was rolled back is never mailed."""
        invitation = issued.invitation
        self._mail.invitation(
            to=invitation.email,
            tenant_name=tenant_name,
            inviter=invitation.invited_by_name,
            role=invitation.role,
            url=issued.url,
            expires_at=invitation.expires_at,
        )


async def _audit(
    conn: Connection,
    actor: Actor,
    tenant_id: TenantId,
    action: str,
    invitation_id: uuid.UUID,
    role: Role | None,
) -> None:
    await audit.record(
        conn,
        tenant_id=tenant_id,
        actor_kind=actor.kind,
        actor_id=actor.id,
        action=action,
        target_kind="invitation",
        target_id=str(invitation_id),
        details={"role": role.value} if role else None,
    )
