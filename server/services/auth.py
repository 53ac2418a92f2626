"""Authentication: staff sign-in (throttled), revocable sessions, API keys, visitor tokens.

Sign-in is counted per account and per client address in PostgreSQL (so every node sees
the same counts): after `login_max_failures` failures within `login_lockout_s`, attempts are
refused with `rate_limited` until the lock ends, even with the right password. Unknown and
known e-mails take the same path (the same queries, a password hash checked against the
dummy), so neither the answers nor their timing tell whether an address has an account.

Each sign-in is a session row whose id the access token carries; every authenticated
request and WebSocket hello finds that row (one indexed look-up, joined to the user), so a
revoked session, a disabled user or a changed role is refused on the next request.
"""

from __future__ import annotations

import asyncio
import math
import uuid
from dataclasses import dataclass
from datetime import timedelta

from server.clock import Clock
from server.domain.access import Principal, SecurityContext
from server.domain.accounts import LAST_USE_EVERY, Revocation
from server.domain.models import Role, User
from server.errors import RateLimited, Unauthorized
from server.ids import ApiKeyId, ContactId, TenantId, UserId
from server.services import credentials
from server.services.credentials import TokenSigner
from server.store import audit, logins, principals, sessions
from server.store.db import Connection, Database
from server.store.logins import Throttle

ACCESS = "access"
VISITOR = "visitor"
ACCOUNT_KEY = "login-account"  # TokenSigner.pseudonym purposes
ADDRESS_KEY = "login-address"
WRONG = "wrong e-mail or password"
LOCKED = "too many failed sign-ins: try again later"
MAX_USER_AGENT = 500
KEY_MEMO_LIMIT = 10_000


@dataclass(frozen=True)
class LoginResult:
    access_token: str
    expires_in: int
    user: User


@dataclass(frozen=True)
class SignInFrom:
    """Where a sign-in comes from: the client address (the peer, or what a trusted proxy
    forwarded) and its User-Agent, kept with the session. `counted`: failures count per
    address too (False for a local process on the loopback, as for the WebSocket limits)."""

    address: str | None = None
    user_agent: str = ""
    counted: bool = False


class AuthService:
    def __init__(
        self,
        db: Database,
        signer: TokenSigner,
        clock: Clock,
        *,
        access_ttl_s: int,
        visitor_ttl_s: int,
        login_max_failures: int = 10,
        login_lockout_s: int = 900,
    ) -> None:
        self._db = db
        self._signer = signer
        self._clock = clock
        self._access_ttl_s = access_ttl_s
        self._visitor_ttl_s = visitor_ttl_s
        self._max_failures = login_max_failures
        self._lockout_s = login_lockout_s
        self._key_used: dict[ApiKeyId, float] = {}  # monotonic time this node last recorded it

    def account_key(self, email: str) -> bytes:
        """How the throttle and the audit log name an e-mail address (known or not)."""
        return self._signer.pseudonym(ACCOUNT_KEY, email.strip().lower())

    async def login(
        self, email: str, password: str, origin: SignInFrom | None = None
    ) -> LoginResult:
        """Verify a staff password and open a session; the same error and the same work
        for an unknown e-mail as for a wrong password; `rate_limited` while locked out."""
        where = origin or SignInFrom()
        claimed = email.strip().lower()[:320]
        throttle = Throttle(
            account=self.account_key(claimed),
            address=(
                self._signer.pseudonym(ADDRESS_KEY, where.address)
                if where.counted and where.address
                else None
            ),
            max_failures=self._max_failures,
            lockout_s=self._lockout_s,
        )
        details = {
            "account": throttle.account.hex(),
            "address": throttle.address.hex() if throttle.address else None,
        }
        now = self._clock.now()
        async with self._db.anonymous() as conn:
            attempt = await logins.begin(conn, claimed, throttle, now, details)
        if attempt.locked_until is not None:
            left_ms = (attempt.locked_until - now).total_seconds() * 1000
            raise RateLimited(LOCKED, max(1000, math.ceil(left_ms)))
        record = attempt.record
        stored = record.password_hash if record else credentials.DUMMY_PASSWORD_HASH
        matches = await asyncio.to_thread(credentials.verify_password, password, stored)
        if record is None or not matches or record.disabled:
            reason = (
                "unknown_account"
                if record is None
                else ("disabled" if record.disabled else "wrong_password")
            )
            async with self._db.anonymous() as conn:
                await logins.failed(
                    conn,
                    record.user_id if record else None,
                    throttle,
                    now,
                    {**details, "reason": reason},
                )
            raise Unauthorized(WRONG)
        context = SecurityContext(record.tenant_id, record.role, record.user_id)
        async with self._db.unit(context) as conn:
            user = await principals.get_user(conn, record.user_id)
            if user is None:  # disabled since the password was checked
                raise Unauthorized(WRONG)
            await logins.succeeded(conn, user.id, throttle.account, throttle.address, now)
            return await self.open_session(conn, user, where)

    async def open_session(self, conn: Connection, user: User, origin: SignInFrom) -> LoginResult:
        """A new session for `user` in the caller's transaction, audited, and the access
        token that carries it (sign-in, first-run setup, an accepted invitation)."""
        now = self._clock.now()
        expires = now + timedelta(seconds=self._access_ttl_s)
        session_id = await sessions.insert(
            conn,
            tenant_id=user.tenant_id,
            user_id=user.id,
            now=now,
            expires_at=expires,
            user_agent=origin.user_agent[:MAX_USER_AGENT],
            address=origin.address[:100] if origin.address else None,
        )
        await audit.record(
            conn,
            tenant_id=user.tenant_id,
            actor_kind="user",
            actor_id=str(user.id),
            action="auth.login",
            target_kind="session",
            target_id=str(session_id),
        )
        token = self._signer.issue(
            ACCESS,
            subject=str(user.id),
            tenant_id=str(user.tenant_id),
            role=user.role.value,
            expires_at=expires,
            sid=str(session_id),
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
        """A staff token whose session is live and whose user is enabled, in the role the
        token names; its session's last_seen_at moves at most once a minute."""
        now = self._clock.now()
        claims = self._signer.verify(ACCESS, token, now)
        try:
            user_id = UserId(uuid.UUID(claims.subject))
            session_id = uuid.UUID(str(claims.extra.get("sid")))
            context = SecurityContext(
                TenantId(uuid.UUID(claims.tenant_id)), Role(claims.role), user_id
            )
        except ValueError:
            raise Unauthorized("this token carries no session: sign in again") from None
        async with self._db.unit(context) as conn:
            found = await sessions.session_user(conn, session_id, user_id)
            if found is not None and now - found[1] >= LAST_USE_EVERY:
                await sessions.touch(conn, session_id, now)
        if found is None or found[0].role.value != claims.role:
            raise Unauthorized("this session has ended: sign in again")
        user = found[0]
        return Principal(
            "agent",
            str(user.id),
            user.tenant_id,
            user.role,
            user.name or user.email,
            session_id=str(session_id),
        )

    async def authenticate_api_key(self, plaintext: str) -> Principal:
        """A live bot key; its use is recorded at most once a minute (per node, and the
        database keeps it to once a minute whatever the nodes do)."""
        key_id, secret = credentials.parse_api_key(plaintext)
        mono = self._clock.monotonic()
        due = mono - self._key_used.get(key_id, -math.inf) >= LAST_USE_EVERY.total_seconds()
        async with self._db.anonymous() as conn:
            record = await principals.api_key_record(conn, key_id)
            valid = (
                record is not None
                and not record.revoked
                and credentials.api_secret_matches(secret, record.secret_hash)
            )
            if valid and due:
                await principals.api_key_used(conn, key_id, self._clock.now())
        if record is None or not valid:
            raise Unauthorized("invalid API key")
        if due:
            if len(self._key_used) >= KEY_MEMO_LIMIT:
                self._key_used.clear()
            self._key_used[key_id] = mono
        return Principal("bot", str(record.id), record.tenant_id, Role.AGENT, record.name)

    async def revoked_among(self, session_ids: set[str], api_key_ids: set[str]) -> Revocation:
        """Of the sessions and API keys a node's sockets hold, those no longer valid (one
        query, whatever the tenants): what the periodic sweep closes."""
        async with self._db.anonymous() as conn:
            ended, keys = await sessions.revoked_among(
                conn,
                [uuid.UUID(s) for s in session_ids],
                [ApiKeyId(uuid.UUID(k)) for k in api_key_ids],
            )
        return Revocation(session_ids=frozenset(ended), api_key_ids=frozenset(keys))

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
