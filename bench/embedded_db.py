"""One embedded PostgreSQL for a benchmark run: migrated, connected, removed afterwards
unless the caller keeps it (a kept one lets a rerun skip the embedding work)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from server.config import Settings
from server.store.db import Database
from server.store.provision import DatabaseUrls, database_urls, prepare


@asynccontextmanager
async def bench_database(
    keep: Path | None, prefix: str
) -> AsyncIterator[tuple[Database, DatabaseUrls]]:
    """(the application's pool, the URLs) of a migrated database under `keep`, or under a
    temporary folder deleted on exit."""
    data_dir = keep or Path(tempfile.mkdtemp(prefix=prefix))
    try:
        settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(data_dir)})
        async with database_urls(settings) as urls:
            await prepare(urls, run_migrations=True)
            db = await Database.connect(urls.app, max_size=4)
            try:
                yield db, urls
            finally:
                await db.close()
    finally:
        if keep is None:
            shutil.rmtree(data_dir, ignore_errors=True)
