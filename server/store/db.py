"""The connection pool and the unit of work: one transaction with its security context.

Only ``server/store`` talks to asyncpg. Every unit of work runs in a transaction that
first sets ``app.tenant_id``, ``app.user_id``, ``app.role`` and ``app.now`` (the injected
clock's time) with ``set_config(..., true)``
(``SET LOCAL``): the values end with the transaction, so a pooled connection handed to
another request never carries the previous tenant. SQLSTATEs become our errors here.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from typing import TypeVar

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from server.clock import Clock, SystemClock
from server.domain import client_address
from server.domain.access import SecurityContext
from server.errors import (
    BadRequest,
    Conflict,
    FlowSupportError,
    Forbidden,
    NotFound,
    Unavailable,
    ValidationFailed,
)
from server.store.fairness import FairGate

T = TypeVar("T")

# Waiting longer for a connection (all busy, or PostgreSQL not answering a new one) than this
# answers `unavailable`: the client retries, rather than hanging on a dead path.
ACQUIRE_TIMEOUT_S = 10.0

# The connection, or the way to it, broke: `unavailable`, the client retries. asyncpg raises
# InternalClientError ("another operation is in progress") from a pooled connection that
# PostgreSQL ended while it sat idle, when the pool hands it out before noticing.
CONNECTION_FAILURES = (OSError, TimeoutError, asyncpg.InterfaceError, asyncpg.InternalClientError)

# What repositories take: a pooled connection inside a unit of work, or a plain one.
Connection = asyncpg.Connection | PoolConnectionProxy

# A unit of work's settings, which the row-level security policies read: who it runs as, the
# unit's time on the application's clock (DESIGN.md "Clock": the policies judge a
# support-access grant's expiry by app.now, migration 0016, never by now()) and the client
# address (audit_log's default, migration 0017). `unit` sends them with the BEGIN.
CONTEXT_SETTINGS = ("tenant_id", "user_id", "role", "now", "client_address")
# What the inlined settings may hold: UUIDs, role names, ISO 8601 times, IP addresses. None
# of these characters needs escaping in a string literal, whatever the quoting settings.
_INLINE_SAFE = re.compile(r"[0-9A-Za-z:.+_-]*")


class Database:
    """A pool of connections as the application role."""

    def __init__(self, pool: asyncpg.Pool, clock: Clock | None = None) -> None:
        self._pool = pool
        self._clock = clock or SystemClock()  # what each unit sets as app.now
        # Tenants share the pool fairly; one connection stays outside the gate for /readyz.
        self._gate = FairGate(max(1, pool.get_max_size() - 1))

    @classmethod
    async def connect(
        cls,
        dsn: str,
        *,
        max_size: int,
        transaction_pooler: bool = False,
        clock: Clock | None = None,
    ) -> Database:
        """Open the pool; `transaction_pooler`: `dsn` goes through PgBouncer or RDS Proxy in
        transaction mode, where nothing outlives a transaction: then no named prepared
        statements (asyncpg's documented `statement_cache_size=0`).

        No reset query on release, pooler or not: asyncpg's default (advisory unlocks, CLOSE
        ALL, UNLISTEN, RESET ALL) is one more round trip per unit of work, about a fifth of
        a short unit's, for session state no unit keeps: a unit's settings are SET LOCAL or
        set_config(..., true), it holds no session advisory lock, cursor or LISTEN. asyncpg
        still rolls back a transaction left unfinished. Behind a pooler the query would also
        run on whatever server connection the pooler lends for it."""

        async def no_session_to_reset(_conn: asyncpg.Connection) -> None:
            return None

        try:
            pool = await asyncpg.create_pool(
                dsn,
                min_size=1,
                max_size=max_size,
                command_timeout=60,
                statement_cache_size=statement_cache_size(transaction_pooler),
                reset=no_session_to_reset,
            )
        except (OSError, asyncpg.PostgresError) as exc:
            raise Unavailable(f"cannot connect to PostgreSQL: {exc}") from exc
        return cls(pool, clock)

    async def close(self) -> None:
        await self._pool.close()

    @asynccontextmanager
    async def unit(self, context: SecurityContext) -> AsyncIterator[Connection]:
        """A transaction that runs as `context`; commits when the block ends without error.

        BEGIN and the context go in one simple query: one round trip fewer per unit than
        asyncpg's ``transaction()`` followed by a parameterised ``set_config``."""
        tenant = str(context.tenant_id) if context.tenant_id else ""
        settings = context_settings(
            tenant,
            str(context.user_id) if context.user_id else "",
            context.role.value,
            self._clock.now().isoformat(),
            client_address.current() or "",
        )
        async with self._transaction(tenant, f"BEGIN; {settings}") as conn:
            yield conn

    @asynccontextmanager
    async def _lease(self) -> AsyncIterator[PoolConnectionProxy]:
        """A pooled connection for one unit of work. Handing it back can fail when PostgreSQL
        cut the connection just after the COMMIT answered (asyncpg then drops it and the pool
        opens another). The unit's outcome was settled by its COMMIT: a stored write must not
        be reported as an error (`internal`), which would also skip announcing it."""
        conn = await self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S)
        try:
            yield conn
        finally:
            with suppress(asyncpg.PostgresError, *CONNECTION_FAILURES):
                await self._pool.release(conn)

    def pool_use(self) -> tuple[int, int]:
        """(connections open, of which idle): the pool gauge of /metrics."""
        return self._pool.get_size(), self._pool.get_idle_size()

    def waiting_units(self) -> int:
        """Units of work queued at the fair gate for a connection (a gauge of /metrics)."""
        return self._gate.waiting()

    @asynccontextmanager
    async def anonymous(self) -> AsyncIterator[Connection]:
        """A transaction with no security context: sees no tenant rows (pre-auth look-ups)."""
        async with self._transaction("", begin_anonymous(client_address.current() or "")) as conn:
            yield conn

    @asynccontextmanager
    async def _transaction(self, tenant: str, begin: str) -> AsyncIterator[Connection]:
        """Run `begin` (BEGIN and the settings) on a pooled connection, as `tenant` at the
        fair gate; COMMIT when the block ends without error, else ROLLBACK. SQLSTATEs and
        broken connections become our errors here."""
        try:
            async with self._gate.slot(tenant), self._lease() as conn:
                try:
                    await conn.execute(begin)
                    yield conn
                except BaseException:
                    await _roll_back(conn)
                    raise
                await conn.execute("COMMIT")
        except asyncpg.PostgresError as exc:
            raise translate(exc) from exc
        except CONNECTION_FAILURES as exc:
            raise unavailable(exc) from exc

    async def ping(self) -> None:
        """Raise Unavailable unless a round trip to PostgreSQL works."""
        try:
            async with self._pool.acquire(timeout=2) as conn:
                await conn.fetchval("SELECT 1", timeout=2)
        except (asyncpg.PostgresError, *CONNECTION_FAILURES) as exc:
            raise unavailable(exc) from exc


def context_settings(tenant_id: str, user_id: str, role: str, now: str, address: str) -> str:
    """The query setting CONTEXT_SETTINGS (in order) local to the current transaction. The
    values are inlined, so that it can go in one simple query with the BEGIN: each must be
    one `_INLINE_SAFE` admits; anything else is refused rather than escaped."""
    values = (tenant_id, user_id, role, now, address)
    for value in values:
        if not _INLINE_SAFE.fullmatch(value):
            raise ValueError(f"not a security-context value: {value!r}")
    settings = ", ".join(
        f"set_config('app.{name}', '{value}', true)"
        for name, value in zip(CONTEXT_SETTINGS, values, strict=True)
    )
    return f"SELECT {settings}"


def begin_anonymous(address: str) -> str:
    """BEGIN for a unit with no security context: only the client address is set (audit_log's
    default records it, migration 0017), and only when there is one."""
    if not address:
        return "BEGIN"
    if not _INLINE_SAFE.fullmatch(address):
        raise ValueError(f"not a client address: {address!r}")
    return f"BEGIN; SELECT set_config('app.client_address', '{address}', true)"


async def _roll_back(conn: Connection) -> None:
    """End a failed unit's transaction; a connection that cannot is closed, never pooled."""
    if conn.is_closed():
        return
    try:
        await conn.execute("ROLLBACK")
    except Exception:
        conn.terminate()  # the unit's own failure is the one to report
    except BaseException:
        conn.terminate()
        raise


def unavailable(exc: BaseException) -> Unavailable:
    # A timeout carries no text of its own: say which failure it was.
    return Unavailable(f"database unavailable: {str(exc) or type(exc).__name__}")


def statement_cache_size(transaction_pooler: bool) -> int:
    """asyncpg's cache of named prepared statements (100, its default), or none behind a
    transaction pooler: there the next transaction may run on a server connection that
    lacks them (or holds another client's); asyncpg documents ``statement_cache_size=0``."""
    return 0 if transaction_pooler else 100


async def retry_on_conflict(attempt: Callable[[], Awaitable[T]], tries: int = 3) -> T:
    """Run `attempt` again when it lost a race on a unique key (it re-reads on the next try)."""
    for _ in range(tries - 1):
        try:
            return await attempt()
        except Conflict:
            continue
    return await attempt()


# The server or the path to it failed, not the request: the client may send it again (its
# client_msg_id makes the retry safe even when a cut COMMIT did land).
RETRYABLE = (
    asyncpg.PostgresConnectionError  # class 08: the connection broke (also a pooler's refusal)
    | asyncpg.CannotConnectNowError
    | asyncpg.TooManyConnectionsError
    | asyncpg.AdminShutdownError
    | asyncpg.CrashShutdownError
    | asyncpg.QueryCanceledError
    | asyncpg.SerializationError
    | asyncpg.DeadlockDetectedError
)


def translate(exc: asyncpg.PostgresError) -> FlowSupportError:
    """Map a PostgreSQL error to the error tree; unknown ones stay internal."""
    if exc.sqlstate == "P0002":  # no_data_found, raised by our functions
        return NotFound(str(exc.args[0]) if exc.args else "not found")
    if exc.sqlstate == "FS409":  # a conflict our functions explain
        return Conflict(str(exc.args[0]) if exc.args else "conflict")
    if isinstance(exc, asyncpg.UniqueViolationError):
        return Conflict("already exists")
    if isinstance(exc, asyncpg.ForeignKeyViolationError):
        # A reference to another tenant's row fails the composite key: it must look missing.
        return NotFound("referenced object not found")
    if isinstance(exc, asyncpg.CheckViolationError | asyncpg.NotNullViolationError):
        return ValidationFailed("invalid value")
    if isinstance(exc, asyncpg.InsufficientPrivilegeError):
        return Forbidden("not allowed")
    if isinstance(exc, asyncpg.DataError):
        return BadRequest("malformed value")
    if isinstance(exc, RETRYABLE):
        return Unavailable("database busy or restarting; retry")
    error = FlowSupportError(f"database error {exc.sqlstate}")
    error.__cause__ = exc
    return error
