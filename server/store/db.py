"""The connection pool and the unit of work: one transaction with its security context.

Only ``server/store`` talks to asyncpg. Every unit of work runs in a transaction that
first sets ``app.tenant_id``, ``app.user_id`` and ``app.role`` with ``set_config(..., true)``
(``SET LOCAL``): the values end with the transaction, so a pooled connection handed to
another request never carries the previous tenant. SQLSTATEs become our errors here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

import asyncpg
from asyncpg.pool import PoolConnectionProxy

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

T = TypeVar("T")

# What repositories take: a pooled connection inside a unit of work, or a plain one.
Connection = asyncpg.Connection | PoolConnectionProxy

SET_CONTEXT = """
SELECT set_config('app.tenant_id', $1, true),
       set_config('app.user_id', $2, true),
       set_config('app.role', $3, true)
"""


class Database:
    """A pool of connections as the application role."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    @classmethod
    async def connect(cls, dsn: str, *, max_size: int) -> Database:
        try:
            pool = await asyncpg.create_pool(dsn, min_size=1, max_size=max_size, command_timeout=60)
        except (OSError, asyncpg.PostgresError) as exc:
            raise Unavailable(f"cannot connect to PostgreSQL: {exc}") from exc
        return cls(pool)

    async def close(self) -> None:
        await self._pool.close()

    @asynccontextmanager
    async def unit(self, context: SecurityContext) -> AsyncIterator[Connection]:
        """A transaction that runs as `context`; commits when the block ends without error."""
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                await conn.execute(
                    SET_CONTEXT,
                    str(context.tenant_id) if context.tenant_id else "",
                    str(context.user_id) if context.user_id else "",
                    context.role.value,
                )
                yield conn
        except asyncpg.PostgresError as exc:
            raise translate(exc) from exc
        except (OSError, asyncpg.InterfaceError) as exc:
            raise Unavailable(f"database unavailable: {exc}") from exc

    def pool_use(self) -> tuple[int, int]:
        """(connections open, of which idle): the pool gauge of /metrics."""
        return self._pool.get_size(), self._pool.get_idle_size()

    @asynccontextmanager
    async def anonymous(self) -> AsyncIterator[Connection]:
        """A transaction with no security context: sees no tenant rows (pre-auth look-ups)."""
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                yield conn
        except asyncpg.PostgresError as exc:
            raise translate(exc) from exc
        except (OSError, asyncpg.InterfaceError) as exc:
            raise Unavailable(f"database unavailable: {exc}") from exc

    async def ping(self) -> None:
        """Raise Unavailable unless a round trip to PostgreSQL works."""
        try:
            async with self._pool.acquire(timeout=2) as conn:
                await conn.fetchval("SELECT 1", timeout=2)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            raise Unavailable(f"database unavailable: {exc}") from exc


async def retry_on_conflict(attempt: Callable[[], Awaitable[T]], tries: int = 3) -> T:
    """Run `attempt` again when it lost a race on a unique key (it re-reads on the next try)."""
    for _ in range(tries - 1):
        try:
            return await attempt()
        except Conflict:
            continue
    return await attempt()


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
    if isinstance(
        exc,
        asyncpg.CannotConnectNowError
        | asyncpg.TooManyConnectionsError
        | asyncpg.AdminShutdownError
        | asyncpg.QueryCanceledError,
    ):
        return Unavailable("database busy or restarting; retry")
    error = FlowSupportError(f"database error {exc.sqlstate}")
    error.__cause__ = exc
    return error
