"""The retention sweep: each tenant's `retention_days` applied to its resolved conversations.

The worker runs `sweep` every few minutes (server/workers/retention.py; `serve` runs it
itself with FLOWSUPPORT_INPROCESS_JOBS). What a swept conversation loses, and what it keeps,
is server/store/retention.py's. The cut-off is this service's clock (the one that stamped
resolved_at, server/services/cases.py) minus the tenant's days; never the database's now().

Bounded: at most `batch` conversations per transaction, so a large tenant's backlog never
holds one long transaction, each batch committing with its own `retention.sweep` audit entry
(the counts it removed, written only when it removed something). Idempotent and safe to run
on several workers at once: a batch locks its conversations with SKIP LOCKED and marks them
swept in the same transaction, so none is counted twice.
"""

from __future__ import annotations

from datetime import timedelta

from server.clock import Clock
from server.domain.access import SecurityContext
from server.domain.tenant_settings import TenantSettings
from server.ids import TenantId
from server.metrics import Metrics
from server.services.attachments import AttachmentService
from server.store import audit, retention
from server.store.db import Database
from server.store.retention import Removed

BATCH = 500


class RetentionService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        metrics: Metrics | None = None,
        batch: int = BATCH,
        files: AttachmentService | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._metrics = metrics
        self._batch = batch
        # Deletes the stored objects of swept attachments after each batch commits, and
        # retries the ones earlier deletes left (storage_orphans). None: rows only.
        self._files = files

    async def sweep(self) -> Removed:
        """One pass over every tenant with a retention period; the total removed. First
        the stored objects earlier deletes failed to remove are tried again."""
        if self._files is not None:
            await self._files.retry_orphans()
        async with self._db.unit(SecurityContext.operator()) as conn:
            stored = await retention.tenants_with_retention(conn)
        total = Removed()
        for tenant_id, settings in stored.items():
            days = TenantSettings.from_stored(settings).retention_days
            if days is not None:
                total += await self.sweep_tenant(tenant_id, days)
        return total

    async def sweep_tenant(self, tenant_id: TenantId, days: int) -> Removed:
        """Batches until the tenant has nothing older than `days` left to empty."""
        total = Removed()
        while True:
            removed = await self._batch_of(tenant_id, days)
            total += removed
            if removed.conversations < self._batch:
                return total

    async def _batch_of(self, tenant_id: TenantId, days: int) -> Removed:
        now = self._clock.now()
        async with self._db.unit(SecurityContext.operator(tenant_id)) as conn:
            removed = await retention.purge_batch(
                conn,
                tenant_id,
                resolved_before=now - timedelta(days=days),
                now=now,
                limit=self._batch,
            )
            if removed:
                await audit.record(
                    conn,
                    tenant_id=tenant_id,
                    actor_kind="system",
                    actor_id=None,
                    action="retention.sweep",
                    target_kind="tenant",
                    target_id=str(tenant_id),
                    details=removed.as_dict(),
                )
        if removed.objects and self._files is not None:
            await self._files.delete_objects(tenant_id, list(removed.objects))
        if removed and self._metrics is not None:
            for kind, count in removed.as_dict().items():
                self._metrics.retention_removed.labels(kind).inc(count)
        return removed
