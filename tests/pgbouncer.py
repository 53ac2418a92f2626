"""A real PgBouncer in transaction mode in front of an embedded PostgreSQL, for the tests.

``FLOWSUPPORT_TEST_PGBOUNCER=1`` routes the suite's application connections through one
(tests/conftest.py, tests/live.py); tests/store/test_pooler.py starts its own in any mode.
Debian's pgbouncer 1.18 has no protocol-level prepared statements, which is the point: what
passes here passes behind a pooler that keeps no session state between transactions.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Coroutine, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server.store.embedded import SYSTEM_USER, EmbeddedPostgres
from server.store.provision import (
    EMBEDDED_APP_ROLE,
    EMBEDDED_DATABASE,
    bootstrap_embedded,
    embedded_database_urls,
)

# .ci/run sets it for its second run of the suite: every application connection is pooled.
ENABLED = os.environ.get("FLOWSUPPORT_TEST_PGBOUNCER") == "1"
# The roles the suite logs in as: the embedded application login, and the superuser that
# runs auth_query for roles made during a test (tests/store/test_posture.py's probes).
ROLES = (EMBEDDED_APP_ROLE, "postgres")
# Per database and role. Above what the suite's processes ever hold at once (each pool is at
# most 10), so a transaction never waits behind another that waits on it; server
# connections are still shared between clients, transaction by transaction.
POOL_SIZE = 60
START_TIMEOUT_S = 15


class PgBouncerMissing(RuntimeError):
    """No pgbouncer binary on this machine (`apt-get install pgbouncer`)."""


def binary() -> str | None:
    """The pgbouncer executable: on PATH, or where Debian puts it (/usr/sbin)."""
    found = shutil.which("pgbouncer")
    if found is None and os.access("/usr/sbin/pgbouncer", os.X_OK):
        found = "/usr/sbin/pgbouncer"
    return found


@dataclass(frozen=True)
class PgBouncer:
    """One running pgbouncer: TCP on 127.0.0.1:`port`, every database of one cluster."""

    port: int
    process: subprocess.Popen[bytes]
    workdir: Path

    def url(self, role: str, database: str) -> str:
        """A DSN through the pooler (the password-less roles of the embedded cluster)."""
        return f"postgresql://{role}@127.0.0.1:{self.port}/{database}"

    def log(self) -> str:
        """What pgbouncer logged so far (connections refused, pools full)."""
        return (self.workdir / "pgbouncer.log").read_text(errors="replace")

    def stop(self) -> None:
        """SIGTERM: pgbouncer's immediate shutdown (its users are gone by then)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def config(
    socket_dir: Path, port: int, workdir: Path, *, pool_size: int, roles: Iterable[str]
) -> str:
    """pgbouncer.ini (and its auth_file, naming `roles`): every database of the cluster at
    `socket_dir`, pooled per transaction."""
    (workdir / "users.txt").write_text("".join(f'"{role}" ""\n' for role in roles))
    lines = [
        "[databases]",
        f"* = host={socket_dir} port=5432",
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        f"listen_port = {port}",
        "unix_socket_dir =",
        "pool_mode = transaction",
        # The embedded cluster trusts its Unix socket; the pooler trusts the loopback. A role
        # missing from auth_file is looked up by auth_query as the superuser.
        "auth_type = trust",
        f"auth_file = {workdir / 'users.txt'}",
        "auth_user = postgres",
        "admin_users = postgres",  # psql -h 127.0.0.1 -p PORT -U postgres pgbouncer: SHOW POOLS
        "max_client_conn = 2000",
        f"default_pool_size = {pool_size}",
        "min_pool_size = 0",
        # Idle server connections go soon: the suite makes a database per module, and the
        # cluster's max_connections (300) is shared by all of them.
        "server_idle_timeout = 5",
        "server_login_retry = 1",
        # No ignore_startup_parameters: asyncpg's start-up packet holds user, database and
        # client_encoding only, all of which PgBouncer knows (a URL's query would add more).
        "log_connections = 0",
        "log_disconnections = 0",
    ]
    if os.geteuid() == 0:
        lines.append(f"user = {SYSTEM_USER}")  # it refuses to run as root
    return "\n".join(lines) + "\n"


@contextmanager
def pgbouncer(
    socket_dir: Path, *, pool_size: int = POOL_SIZE, roles: Iterable[str] = ROLES
) -> Iterator[PgBouncer]:
    """A pgbouncer in transaction mode in front of the cluster at `socket_dir`, until the
    block ends. Raises PgBouncerMissing when the binary is absent."""
    executable = binary()
    if executable is None:
        raise PgBouncerMissing("pgbouncer is not installed (apt-get install pgbouncer)")
    workdir = Path(tempfile.mkdtemp(prefix="fs-pgbouncer-"))
    _readable_by_the_pooler(workdir)
    try:
        running = _start(executable, socket_dir, workdir, pool_size, tuple(roles))
        try:
            yield running
        finally:
            running.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _start(
    executable: str, socket_dir: Path, workdir: Path, pool_size: int, roles: tuple[str, ...]
) -> PgBouncer:
    for _attempt in range(3):  # the free port may be taken before pgbouncer binds it
        port = _free_port()
        ini = workdir / "pgbouncer.ini"
        ini.write_text(config(socket_dir, port, workdir, pool_size=pool_size, roles=roles))
        with (workdir / "pgbouncer.log").open("ab") as log:
            process = subprocess.Popen(
                [executable, str(ini)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=workdir,
            )
        running = PgBouncer(port, process, workdir)
        if _wait_listening(running):
            return running
        running.stop()
    raise RuntimeError(f"pgbouncer did not start: {running.log()[-2000:]}")


def _wait_listening(running: PgBouncer) -> bool:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", running.port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _readable_by_the_pooler(workdir: Path) -> None:
    """Run as root, pgbouncer drops to the embedded cluster's account before it reads its
    auth_file again (RELOAD); let that account in."""
    if os.geteuid() != 0:
        return
    entry = pwd.getpwnam(SYSTEM_USER)
    os.chown(workdir, entry.pw_uid, entry.pw_gid)


@dataclass
class _Front:
    """A data dir's cluster and pgbouncer, and how many servers of this process use them."""

    env: dict[str, str]
    stack: ExitStack
    users: int = 0


# One per data dir: several servers on one data dir share its cluster and its pgbouncer.
_FRONTS: dict[Path, _Front] = {}


@contextmanager
def pooled_data_dir(data_dir: Path) -> Iterator[dict[str, str]]:
    """The data dir's embedded PostgreSQL, started and bootstrapped as `serve` would do it,
    behind a pgbouncer; yields the variables pointing a server there (the application role
    through the pooler, migrations direct). Shared by every server on `data_dir` in this
    process and stopped after the last, as the embedded database itself is."""
    key = data_dir.resolve()
    front = _FRONTS.get(key)
    if front is None:
        front = _FRONTS[key] = _Front(env={}, stack=ExitStack())
        try:
            front.env = _open_front(key, front.stack)
        except BaseException:
            del _FRONTS[key]
            front.stack.close()
            raise
    front.users += 1
    try:
        yield dict(front.env)
    finally:
        front.users -= 1
        if front.users == 0:
            del _FRONTS[key]
            front.stack.close()


def _open_front(data_dir: Path, stack: ExitStack) -> dict[str, str]:
    postgres = EmbeddedPostgres(data_dir)
    location = postgres.acquire()  # joins the servers' reference count (a flock)
    stack.callback(postgres.release)
    _run_coroutine(bootstrap_embedded(location.superuser_dsn, EMBEDDED_DATABASE))
    front = stack.enter_context(pgbouncer(location.socket_dir))
    direct = embedded_database_urls(location.socket_dir, EMBEDDED_DATABASE)
    return {
        "FLOWSUPPORT_DATABASE_URL": front.url(EMBEDDED_APP_ROLE, EMBEDDED_DATABASE),
        "FLOWSUPPORT_MIGRATION_DATABASE_URL": direct.owner,  # a session advisory lock
        "FLOWSUPPORT_DATABASE_POOLER": "transaction",
        # With the URL set, `auto` would leave the timers and jobs to a worker.
        "FLOWSUPPORT_INPROCESS_JOBS": "on",
    }


def _run_coroutine(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run it to the end from synchronous code, even inside a running event loop (an async
    test starting a server): on a thread of its own."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pgbouncer-bootstrap") as pool:
        pool.submit(asyncio.run, coroutine).result()
