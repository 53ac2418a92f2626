"""The audit log as its readers see it: admins page through their tenant's entries and
export them; the access review lists who holds which role; and an id-addressed request for
another tenant's conversation, ticket or contact leaves an `access.cross_tenant` entry.

Row-level security decides again inside PostgreSQL which entries and users a caller sees
(migration 0003: admins read their tenant's audit log; the operator every tenant's), so the
role checks here only turn a refusal into a clear 403 instead of an empty list.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

from server.domain.access import Principal, SecurityContext
from server.domain.audit import EXPORT_MAX_ROWS, AuditEntry, AuditQuery, ReviewRow
from server.domain.models import Role
from server.errors import Forbidden
from server.ids import TenantId
from server.services.paging import decode_serial_cursor, encode_cursor
from server.store import access_review, audit
from server.store.db import Database

EXPORT_BATCH = 1000  # rows per keyset page of an export: one short transaction each
# The id-addressed objects whose not-found path asks whether the id is another tenant's.
GUARDED_KINDS = frozenset({"conversation", "ticket", "contact"})


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    next_cursor: str | None  # None: this was the last page


@dataclass(frozen=True)
class AuditExport:
    """A whole filtered range, newest first, read in keyset batches as it is sent. Capped at
    EXPORT_MAX_ROWS; `truncated` says the range held more."""

    truncated: bool
    batches: AsyncIterator[list[AuditEntry]]


def _reader(who: Principal) -> SecurityContext:
    """The context an audit read runs in: the tenant's admins (or a super_admin under a
    support-access grant, whom row-level security treats as one); anyone else is Forbidden."""
    if who.kind != "agent" or who.role not in (Role.ADMIN, Role.SUPER_ADMIN):
        raise Forbidden("only the tenant's admins read its audit log")
    return who.context()


class AuditLogService:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def page(
        self, who: Principal, wanted: AuditQuery, cursor: str | None, limit: int
    ) -> AuditPage:
        """One page of the caller's tenant's entries matching `wanted`, newest first."""
        context = _reader(who)
        after = decode_serial_cursor(cursor)
        async with self._db.unit(context) as conn:
            found = await audit.page(conn, wanted, after=after, limit=limit + 1)
        entries = found[:limit]
        more = len(found) > limit
        last = entries[-1] if entries else None
        return AuditPage(entries, encode_cursor(last.at, last.id) if more and last else None)

    async def export(self, who: Principal, wanted: AuditQuery) -> AuditExport:
        """Every entry matching `wanted` (at most EXPORT_MAX_ROWS), fixed at the newest one
        there is now: entries written while the export is sent are not in it."""
        context = _reader(who)
        async with self._db.unit(context) as conn:
            first = await audit.page(conn, wanted, after=None, limit=EXPORT_BATCH)
            truncated = False
            if len(first) == EXPORT_BATCH:
                beyond = await audit.page(
                    conn,
                    wanted,
                    after=(first[-1].at, first[-1].id),
                    limit=EXPORT_MAX_ROWS - EXPORT_BATCH + 1,
                )
                truncated = len(beyond) > EXPORT_MAX_ROWS - EXPORT_BATCH
        return AuditExport(truncated, self._batches(context, wanted, first))

    async def _batches(
        self, context: SecurityContext, wanted: AuditQuery, first: list[AuditEntry]
    ) -> AsyncIterator[list[AuditEntry]]:
        sent = 0
        batch = first
        while batch:
            batch = batch[: EXPORT_MAX_ROWS - sent]
            yield batch
            sent += len(batch)
            if sent >= EXPORT_MAX_ROWS or len(batch) < EXPORT_BATCH:
                return
            after: tuple[datetime, int] = (batch[-1].at, batch[-1].id)
            async with self._db.unit(context) as conn:
                batch = await audit.page(conn, wanted, after=after, limit=EXPORT_BATCH)

    async def denied_elsewhere(self, who: Principal, kind: str, object_id: str) -> None:
        """Called on the not-found path of an id-addressed request: when the id is another
        tenant's, audit `access.cross_tenant` in the caller's tenant (the kind and the id,
        nothing of the object). The caller answers 404 either way."""
        if kind not in GUARDED_KINDS:
            raise ValueError(f"not an id-addressed kind: {kind}")
        async with self._db.unit(who.context()) as conn:
            if await audit.exists_in_other_tenant(conn, kind, object_id):
                await audit.record(
                    conn,
                    tenant_id=who.tenant_id,
                    actor_kind=who.kind,
                    actor_id=who.id,
                    action="access.cross_tenant",
                    target_kind=kind,
                    target_id=object_id,
                )

    async def access_review(self, who: Principal) -> list[ReviewRow]:
        """The caller's tenant's staff for an access review (admins only)."""
        context = _reader(who)
        async with self._db.unit(context) as conn:
            return await access_review.rows(conn, who.tenant_id)

    async def access_review_all(self, tenant_id: TenantId | None) -> list[ReviewRow]:
        """`flowsupport access-review`: as the operator, one tenant's staff or every
        tenant's."""
        async with self._db.unit(SecurityContext.operator(tenant_id)) as conn:
            return await access_review.rows(conn, tenant_id)
