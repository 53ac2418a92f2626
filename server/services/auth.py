"""Authentication: staff log-in, access tokens, API keys and visitor tokens."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import timedelta

from server.clock import Clock
from server.domain import validation
from server.domain.access import Principal, SecurityContext
from server.domain.models import Role, User
from server.errors import Unauthorized, ValidationFailed
from server.ids import ContactId, TenantId, UserId
from server.services import credentials
from server.services.credentials import TokenSigner
from server.store import audit, principals
from server.store.db import Database

ACCESS = "access"
VISITOR = "visitor"


@dataclass(frozen=True)
class LoginResult:
    access_token: str
    expires_in: int
    user: User


class AuthService:
    def __init__(
        self,
        db: Database,
        signer: TokenSigner,
        clock: Clock,
        *,
        access_ttl_s: int,
        visitor_ttl_s: int,
    ) -> None:
        self._db = db
        self._signer = signer
        self._clock = clock
        self._access_ttl_s = access_ttl_s
        self._visitor_ttl_s = visitor_ttl_s

    async def login(self, email: str, password: str) -> LoginResult:
        """Verify a staff password; the same error (and time) for unknown user or wrong password."""
        try:
            address = validation.email(email)
        except ValidationFailed:
            raise Unauthorized("wrong e-mail or password") from None
        async with self._db.anonymous() as conn:
            record = await principals.login_record(conn, address)
        stored = record.password_hash if record else credentials.DUMMY_PASSWORD_HASH
        matches = await asyncio.to_thread(credentials.verify_password, password, stored)
        if record is None:
            raise Unauthorized("wrong e-mail or password")
        context = SecurityContext(record.tenant_id, record.role, record.user_id)
        async with self._db.unit(context) as conn:
            ok = matches and not record.disabled
            await audit.record(
                conn,
                tenant_id=record.tenant_id,
                actor_kind="user",
                actor_id=str(record.user_id),
                action="auth.login" if ok else "auth.login_failed",
            )
            user = await principals.get_user(conn, record.user_id) if ok else None
        if user is None:
            raise Unauthorized("wrong e-mail or password")
        expires = self._clock.now() + timedelta(seconds=self._access_ttl_s)
        token = self._signer.issue(
            ACCESS,
            subject=str(user.id),
            tenant_id=str(user.tenant_id),
            role=user.role.value,
            expires_at=expires,
        )
        return LoginResult(token, self._access_ttl_s, user)

    async def authenticate(self, credential: str) -> Principal:
        """A bearer credential: an API key (``fsk_…``), an access token, or a visitor token
        (a customer reading its own conversations and tickets)."""
        if credential.startswith(credentials.API_KEY_PREFIX):
            return await self.authenticate_api_key(credential)
        try:
            claims = self._signer.verify(VISITOR, credential, self._clock.now())
        except Unauthorized:
            return await self.authenticate_access_token(credential)
        try:
            tenant_id, contact_id = uuid.UUID(claims.tenant_id), uuid.UUID(claims.subject)
        except ValueError:
            raise Unauthorized("invalid token") from None
        return Principal("visitor", str(contact_id), TenantId(tenant_id), Role.CUSTOMER)

    async def authenticate_access_token(self, token: str) -> Principal:
        claims = self._signer.verify(ACCESS, token, self._clock.now())
        try:
            user_id = UserId(uuid.UUID(claims.subject))
            context = SecurityContext(
                TenantId(uuid.UUID(claims.tenant_id)), Role(claims.role), user_id
            )
        except ValueError:
            raise Unauthorized("invalid token") from None
        async with self._db.unit(context) as conn:
            user = await principals.get_user(conn, user_id)
        if user is None or user.role.value != claims.role:
            raise Unauthorized("this account is disabled or its role changed; sign in again")
        return Principal("agent", str(user.id), user.tenant_id, user.role, user.name or user.email)

    async def authenticate_api_key(self, plaintext: str) -> Principal:
        key_id, secret = credentials.parse_api_key(plaintext)
        async with self._db.anonymous() as conn:
            record = await principals.api_key_record(conn, key_id)
        if (
            record is None
            or record.revoked
            or not credentials.api_secret_matches(secret, record.secret_hash)
        ):
            raise Unauthorized("invalid API key")
        return Principal("bot", str(record.id), record.tenant_id, Role.AGENT, record.name)

    def issue_visitor_token(self, tenant_id: TenantId, contact_id: ContactId) -> str:
        """What `welcome` hands a visitor so it can come back as the same contact."""
        return self._signer.issue(
            VISITOR,
            subject=str(contact_id),
            tenant_id=str(tenant_id),
            role=Role.CUSTOMER.value,
            expires_at=self._clock.now() + timedelta(seconds=self._visitor_ttl_s),
        )

    def verify_visitor_token(self, token: str, tenant_id: TenantId) -> ContactId:
        """The contact a visitor token names, if it is genuine and for this tenant."""
        claims = self._signer.verify(VISITOR, token, self._clock.now())
        if claims.tenant_id != str(tenant_id):
            raise Unauthorized("invalid visitor token")
        try:
            return ContactId(uuid.UUID(claims.subject))
        except ValueError:
            raise Unauthorized("invalid visitor token") from None
