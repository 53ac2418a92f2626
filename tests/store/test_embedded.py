"""The embedded PostgreSQL is shared by every process using a data dir, and stops after the last."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import tempfile
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from server.store.embedded import EmbeddedLocation, EmbeddedPostgres
from server.store.provision import bootstrap_embedded

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from server.store.embedded import EmbeddedPostgres
    server = EmbeddedPostgres(Path(sys.argv[1]))
    server.acquire()
    print("holding", flush=True)
    sys.stdin.readline()
    server.release()
    """
)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="fs-embed-"))
    yield path
    subprocess.run(["rm", "-rf", str(path)], check=False)


def holder(data_dir: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "holding"
    return process


async def answers(location: EmbeddedLocation) -> bool:
    try:
        conn = await asyncpg.connect(location.superuser_dsn, timeout=5)
    except (OSError, asyncpg.PostgresError):
        return False
    await conn.close()
    return True


async def test_server_outlives_a_process_while_another_uses_it(data_dir: Path) -> None:
    """Two processes share one server; it stops only when the last one leaves."""
    other = holder(data_dir)
    mine = EmbeddedPostgres(data_dir)
    location = mine.acquire()
    assert await answers(location)
    mine.release()
    assert await answers(location), "stopped while another process still used it"
    assert other.stdin is not None
    other.stdin.write("\n")
    other.stdin.close()
    assert other.wait(timeout=60) == 0
    if other.stdout:
        other.stdout.close()
    assert not await answers(location)


async def test_killed_process_leaves_no_dangling_reference(data_dir: Path) -> None:
    """A holder killed with SIGKILL does not keep the server alive after the others leave."""
    victim = holder(data_dir)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    if victim.stdin:
        victim.stdin.close()
    if victim.stdout:
        victim.stdout.close()
    mine = EmbeddedPostgres(data_dir)
    location = mine.acquire()
    assert await answers(location)
    mine.release()
    assert not await answers(location)


async def test_processes_bootstrapping_at_once_all_succeed(cluster: EmbeddedLocation) -> None:
    """Several processes first using one data dir create its database and login together:
    whichever loses the race (a duplicate name, or pg_database's unique index) carries on."""
    database = f"fs_race_{uuid.uuid4().hex[:8]}"
    for attempt in range(3):  # the race is narrow: try it a few times
        name = f"{database}_{attempt}"
        await asyncio.gather(*(bootstrap_embedded(cluster.superuser_dsn, name) for _ in range(8)))
    conn = await asyncpg.connect(cluster.superuser_dsn)
    try:
        made = await conn.fetchval(
            "SELECT count(*) FROM pg_database WHERE datname LIKE $1", f"{database}_%"
        )
    finally:
        await conn.close()
    assert made == 3
