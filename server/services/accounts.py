"""A staff user's own account: its sign-in sessions and its password.

- Sessions: a user lists and ends its own; an admin lists and ends those of the tenant's
  users. An ended session's token is refused on the next request and its sockets close.
- Changing the password (the current one must be given) ends the user's other sessions.
- A reset link (e-mailed, single-use, 30 minutes; only its hash is stored) is asked for by
  address: the answer and its timing are the same whether or not the address has an
  account. Spending it sets the password and ends every session of the user.
Every change is audited; revocations are announced once committed.
"""

from __future__ import annotations

import asyncio
import uuid

from server.clock import Clock
from server.domain import validation
from server.domain.access import Principal, SecurityContext
from server.domain.accounts import (
    PASSWORD_RESET_INTERVAL,
    PASSWORD_RESET_TTL,
    Revocation,
    RevocationSink,
    UserSession,
)
from server.domain.models import Role
from server.errors import BadRequest, Forbidden, NotFound, Unauthorized
from server.ids import TenantId, UserId, parse_uuid
from server.services import credentials
from server.services.account_mail import AccountMail
from server.services.admin import Actor
from server.services.auth import AuthService
from server.services.team import admin_context
from server.store import audit, password_resets, principals, sessions
from server.store.db import Connection, Database

INVALID_RESET = "this password reset link is invalid, used or expired: ask for a new one"


class AccountService:
    def __init__(
        self,
        db: Database,
        auth: AuthService,
        clock: Clock,
        mail: AccountMail,
        revocations: RevocationSink,
        public_url: str,
    ) -> None:
        self._db = db
        self._auth = auth
        self._clock = clock
        self._mail = mail
        self._revocations = revocations
        self._public_url = public_url

    async def sessions(self, principal: Principal) -> list[UserSession]:
        """The caller's own live sessions."""
        user_id = _signed_in(principal)
        async with self._db.unit(principal.context()) as conn:
            return await sessions.live(conn, principal.tenant_id, user_id, self._clock.now())

    async def sessions_of(
        self, actor: Actor, tenant_id: TenantId, user_id: str
    ) -> list[UserSession]:
        """An admin's view of one of the tenant's users' live sessions."""
        target = UserId(parse_uuid(user_id, "user"))
        async with self._db.unit(admin_context(actor, tenant_id)) as conn:
            if await principals.get_member(conn, tenant_id, target) is None:
                raise NotFound("user not found")
            return await sessions.live(conn, tenant_id, target, self._clock.now())

    async def end_session(self, principal: Principal, session_id: str) -> None:
        """End one live session: the caller's own, or (admins) one of the tenant's users'."""
        _signed_in(principal)
        wanted = parse_uuid(session_id, "session")
        now = self._clock.now()
        tenant_id = principal.tenant_id
        async with self._db.unit(principal.context()) as conn:
            found = await sessions.get_live(conn, tenant_id, wanted, now)
            if found is None or (
                str(found.user_id) != principal.id
                and principal.role not in (Role.ADMIN, Role.SUPER_ADMIN)
            ):
                raise NotFound("session not found")
            await sessions.revoke(conn, tenant_id, wanted, now)
            await _audit(
                conn,
                principal,
                "session.revoke",
                "session",
                wanted,
                {"user_id": str(found.user_id)},
            )
        await self._revocations.revoked(Revocation(tenant_id, session_ids=frozenset({str(wanted)})))

    async def change_password(self, principal: Principal, current: str, new: str) -> None:
        """Set a new password, given the current one; every other session of the user ends
        (the caller's stays)."""
        user_id = _signed_in(principal)
        clean = _password(new)
        async with self._db.unit(principal.context()) as conn:
            stored = await principals.password_hash(conn, user_id)
        matches = await asyncio.to_thread(
            credentials.verify_password, current, stored or credentials.DUMMY_PASSWORD_HASH
        )
        if stored is None:
            raise Unauthorized("this account is disabled")
        if not matches:
            raise BadRequest("current_password is not this account's password")
        new_hash = await asyncio.to_thread(credentials.hash_password, clean)
        keep = uuid.UUID(principal.session_id) if principal.session_id else None
        now = self._clock.now()
        async with self._db.unit(principal.context()) as conn:
            if not await principals.set_own_password(conn, new_hash):
                raise Unauthorized("this account is disabled")
            await password_resets.spend_all(conn, user_id, now)
            ended = await sessions.revoke_all(conn, principal.tenant_id, user_id, now, keep=keep)
            await _audit(
                conn,
                principal,
                "user.password_change",
                "user",
                user_id,
                {"sessions_closed": len(ended)},
            )
        if ended:
            await self._revocations.revoked(
                Revocation(principal.tenant_id, session_ids=frozenset(ended))
            )

    async def request_reset(self, email: str) -> None:
        """Mail a reset link to the active user with this address, if there is one; the
        same database work and answer for any address, the mail sent in the background."""
        claimed = email.strip().lower()[:320]
        link = credentials.new_link_token()
        now = self._clock.now()
        async with self._db.anonymous() as conn:
            target = await password_resets.request(
                conn,
                email=claimed,
                token_hash=link.digest,
                now=now,
                expires_at=now + PASSWORD_RESET_TTL,
                min_interval_s=int(PASSWORD_RESET_INTERVAL.total_seconds()),
                details={"account": self._auth.account_key(claimed).hex()},
            )
        if target is not None:
            self._mail.password_reset(
                to=target.email,
                name=target.name,
                tenant_name=target.tenant_name,
                url=f"{self._public_url}/reset?token={link.plaintext}",
            )

    async def confirm_reset(self, token: str, password: str) -> None:
        """Spend a reset link: the new password is set and every session of the user ends."""
        clean = _password(password)
        now = self._clock.now()
        async with self._db.anonymous() as conn:
            link = await password_resets.by_token(conn, credentials.link_digest(token), now)
        if link is None:
            raise BadRequest(INVALID_RESET)
        new_hash = await asyncio.to_thread(credentials.hash_password, clean)
        context = SecurityContext(link.tenant_id, link.role, link.user_id)
        async with self._db.unit(context) as conn:
            if not await password_resets.spend(conn, link.id, now):
                raise BadRequest(INVALID_RESET)
            if not await principals.set_own_password(conn, new_hash):
                raise BadRequest(INVALID_RESET)
            await password_resets.spend_all(conn, link.user_id, now)
            ended = await sessions.revoke_all(conn, link.tenant_id, link.user_id, now)
            await audit.record(
                conn,
                tenant_id=link.tenant_id,
                actor_kind="user",
                actor_id=str(link.user_id),
                action="user.password_reset",
                target_kind="user",
                target_id=str(link.user_id),
                details={"sessions_closed": len(ended)},
            )
        await self._revocations.revoked(
            Revocation(link.tenant_id, frozenset({str(link.user_id)}), frozenset(ended))
        )


def _signed_in(principal: Principal) -> UserId:
    """The staff user behind a signed-in session (bots and visitors have none)."""
    if principal.kind != "agent" or principal.session_id is None:
        raise Forbidden("only signed-in staff have sessions and passwords")
    return UserId(uuid.UUID(principal.id))


def _password(value: str) -> str:
    return validation.password(
        value, min_chars=credentials.MIN_PASSWORD_CHARS, max_chars=credentials.MAX_PASSWORD_CHARS
    )


async def _audit(
    conn: Connection,
    principal: Principal,
    action: str,
    target_kind: str,
    target_id: uuid.UUID,
    details: dict[str, object],
) -> None:
    await audit.record(
        conn,
        tenant_id=principal.tenant_id,
        actor_kind=principal.kind,
        actor_id=principal.id,
        action=action,
        target_kind=target_kind,
        target_id=str(target_id),
        details=details,
    )
