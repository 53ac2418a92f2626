"""Settings: read once from ``FLOWSUPPORT_*`` variables, validated, frozen.

The README's configuration table documents every variable here; errors name the variable.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from server.errors import ConfigError

PREFIX = "FLOWSUPPORT_"
ENVIRONMENTS = ("development", "production", "test")
POOLERS = ("none", "transaction")  # FLOWSUPPORT_DATABASE_POOLER


@dataclass(frozen=True)
class Settings:
    env: str
    data_dir: Path
    database_url: str | None
    migration_database_url: str | None
    # FLOWSUPPORT_DATABASE_POOLER: what sits between the application and PostgreSQL on
    # FLOWSUPPORT_DATABASE_URL (`transaction`: PgBouncer or RDS Proxy pooling per transaction).
    database_pooler: str
    redis_url: str | None
    llm_model: str | None
    llm_api_base: str | None
    embed_model: str | None
    embed_api_base: str | None
    public_url_setting: str | None  # FLOWSUPPORT_PUBLIC_URL as given
    secret_key: str
    host: str
    port: int
    access_token_ttl_s: int
    visitor_token_ttl_s: int
    max_body_bytes: int
    db_pool_size: int
    extractive_pace_ms: int
    inprocess_jobs: str  # auto | on | off
    visitor_leave_grace_s: int
    max_connections_per_address: int  # WebSockets per client address per node
    smtp_listen: tuple[str, int] | None  # FLOWSUPPORT_SMTP_LISTEN host:port
    smtp_url: str | None  # FLOWSUPPORT_SMTP_URL: outbound relay
    mailgun_signing_key: str | None
    max_attachment_bytes: int
    # FLOWSUPPORT_KB_UPLOAD_MAX_BYTES: the largest knowledge-base upload, and the most its
    # files (a .zip's unpacked) may hold together.
    kb_upload_max_bytes: int
    log_format: str  # json | text
    # FLOWSUPPORT_TEST_CLOCK_FILE (FLOWSUPPORT_ENV=test only): the clock runs this file's
    # seconds ahead of the system's (server.clock.OffsetFileClock), so tests move time.
    test_clock_file: Path | None = None
    # Failed sign-ins per account (and per client address) before a lockout, and its length.
    login_max_failures: int = 10
    # FLOWSUPPORT_STORAGE_URL: where attachments live (server/storage/select.py); None: the
    # directory <data dir>/attachments.
    storage_url: str | None = None
    login_lockout_s: int = 900
    metrics_token: str | None = None  # FLOWSUPPORT_METRICS_TOKEN: /metrics off the loopback

    @property
    def runs_jobs_in_process(self) -> bool:
        """`serve` runs the worker's timers and jobs itself: by default on the embedded
        database (one machine, no separate worker), or when asked to."""
        if self.inprocess_jobs == "auto":
            return self.embedded_database
        return self.inprocess_jobs == "on"

    @property
    def embedded_database(self) -> bool:
        """True when FlowSupport runs its own PostgreSQL under the data dir."""
        return self.database_url is None

    @property
    def transaction_pooler(self) -> bool:
        """A pooler hands each transaction any server connection: nothing may outlive one
        (no server-side prepared statements, no session settings or locks)."""
        return self.database_pooler == "transaction"

    @property
    def auto_migrate(self) -> bool:
        """`serve` migrates first in development and with the embedded database."""
        return self.env != "production" or self.embedded_database

    @property
    def public_url(self) -> str:
        """Where browsers reach this server: FLOWSUPPORT_PUBLIC_URL, or else the listening
        address (a wildcard host read as 127.0.0.1)."""
        if self.public_url_setting is not None:
            return self.public_url_setting
        host = "127.0.0.1" if self.host in WILDCARD_HOSTS else self.host
        return f"http://{host}:{self.port}"

    @property
    def public_origins(self) -> tuple[str, ...]:
        """The browser origins agents' inbox may connect from. Without FLOWSUPPORT_PUBLIC_URL
        a loopback server answers to each name of the loopback (127.0.0.1, localhost, ::1)."""
        parts = urlsplit(self.public_url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if self.public_url_setting is not None or parts.hostname not in LOOPBACK:
            return (origin,)
        port = f":{parts.port}" if parts.port else ""
        return tuple(
            f"{parts.scheme}://{name}{port}" for name in ("127.0.0.1", "localhost", "[::1]")
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and validate the environment; raise ConfigError naming the bad variable."""
        env_vars = os.environ if environ is None else environ
        read = _Reader(env_vars)
        env = read.choice("ENV", ENVIRONMENTS, "development")
        data_dir = Path(read.text("DATA_DIR") or "./.flowsupport").expanduser().resolve()
        database_url = read.url("DATABASE_URL", ("postgres", "postgresql"))
        database_pooler = read.choice("DATABASE_POOLER", POOLERS, "none")
        if database_pooler != "none" and database_url is None:
            raise ConfigError(
                f"FLOWSUPPORT_DATABASE_POOLER={database_pooler} describes the way to an external "
                "PostgreSQL, but FLOWSUPPORT_DATABASE_URL is unset (the embedded database has "
                "no pooler in front): set the URL or unset the pooler"
            )
        secret_key = read.text("SECRET_KEY")
        if secret_key is None:
            if env == "production":
                raise ConfigError(
                    "FLOWSUPPORT_SECRET_KEY is required when FLOWSUPPORT_ENV=production (make "
                    "one with: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
                )
            secret_key = _dev_secret_key(data_dir)
        if len(secret_key) < 32:
            raise ConfigError("FLOWSUPPORT_SECRET_KEY must be at least 32 characters")
        test_clock = read.text("TEST_CLOCK_FILE")
        if test_clock is not None and env != "test":
            raise ConfigError(
                "FLOWSUPPORT_TEST_CLOCK_FILE moves the clock for tests and is refused unless "
                f"FLOWSUPPORT_ENV=test (here {env}): unset it"
            )
        return cls(
            env=env,
            data_dir=data_dir,
            database_url=database_url,
            migration_database_url=read.url("MIGRATION_DATABASE_URL", ("postgres", "postgresql")),
            database_pooler=database_pooler,
            secret_key=secret_key,
            redis_url=read.url("REDIS_URL", ("redis", "rediss", "unix")),
            llm_model=read.text("LLM_MODEL"),
            llm_api_base=read.url("LLM_API_BASE", ("http", "https")),
            embed_model=read.text("EMBED_MODEL"),
            embed_api_base=read.url("EMBED_API_BASE", ("http", "https")),
            public_url_setting=_strip_slash(read.url("PUBLIC_URL", ("http", "https"))),
            host=read.text("HOST") or "127.0.0.1",
            port=read.integer("PORT", 8000, low=0, high=65535, prefixed=False),
            access_token_ttl_s=read.integer(
                "ACCESS_TOKEN_TTL_S", 12 * 3600, low=60, high=30 * 86400
            ),
            visitor_token_ttl_s=read.integer(
                "VISITOR_TOKEN_TTL_S", 180 * 86400, low=3600, high=730 * 86400
            ),
            max_body_bytes=read.integer("MAX_BODY_BYTES", 1_048_576, low=1024, high=64 * 1_048_576),
            db_pool_size=read.integer("DB_POOL_SIZE", 10, low=1, high=500),
            extractive_pace_ms=read.integer("EXTRACTIVE_PACE_MS", 40, low=0, high=1000),
            inprocess_jobs=read.choice("INPROCESS_JOBS", ("auto", "on", "off"), "auto"),
            visitor_leave_grace_s=read.integer("VISITOR_LEAVE_GRACE_S", 15, low=0, high=3600),
            max_connections_per_address=read.integer(
                "MAX_CONNECTIONS_PER_ADDRESS", 256, low=1, high=1_000_000
            ),
            smtp_listen=read.host_port("SMTP_LISTEN"),
            smtp_url=read.url("SMTP_URL", ("smtp", "smtps")),
            mailgun_signing_key=read.text("MAILGUN_SIGNING_KEY"),
            log_format=read.choice(
                "LOG_FORMAT", ("json", "text"), "json" if env == "production" else "text"
            ),
            max_attachment_bytes=read.integer(
                "MAX_ATTACHMENT_BYTES", 10_000_000, low=0, high=100_000_000
            ),
            kb_upload_max_bytes=read.integer(
                "KB_UPLOAD_MAX_BYTES", 20_000_000, low=1024, high=1_000_000_000
            ),
            test_clock_file=None if test_clock is None else Path(test_clock).expanduser(),
            login_max_failures=read.integer("LOGIN_MAX_FAILURES", 10, low=1, high=10_000),
            login_lockout_s=read.integer("LOGIN_LOCKOUT_S", 900, low=1, high=30 * 86400),
            metrics_token=_metrics_token(read.text("METRICS_TOKEN")),
            storage_url=read.url("STORAGE_URL", ("file", "s3")),
        )


LOOPBACK = ("127.0.0.1", "localhost", "::1")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")  # noqa: S104 (names, compared against; nothing binds)


def _metrics_token(token: str | None) -> str | None:
    if token is not None and len(token) < 16:
        raise ConfigError(f"{PREFIX}METRICS_TOKEN must be at least 16 characters")
    return token


def _strip_slash(url: str | None) -> str | None:
    return None if url is None else url.rstrip("/")


class _Reader:
    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ

    def text(self, name: str, *, prefixed: bool = True) -> str | None:
        value = self._environ.get(PREFIX + name if prefixed else name, "").strip()
        return value or None

    def choice(self, name: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.text(name) or default
        if value not in allowed:
            raise ConfigError(f"{PREFIX}{name} must be one of {', '.join(allowed)}, not {value!r}")
        return value

    def integer(
        self, name: str, default: int, *, low: int, high: int, prefixed: bool = True
    ) -> int:
        full = PREFIX + name if prefixed else name
        raw = self.text(name, prefixed=prefixed)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(f"{full} must be an integer, not {raw!r}") from None
        if not low <= value <= high:
            raise ConfigError(f"{full} must be between {low} and {high}, not {value}")
        return value

    def host_port(self, name: str) -> tuple[str, int] | None:
        raw = self.text(name)
        if raw is None:
            return None
        host, _, port = raw.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ConfigError(
                f"{PREFIX}{name} must be HOST:PORT (e.g. 127.0.0.1:2525), not {raw!r}"
            )
        return host.strip("[]"), int(port)

    def url(self, name: str, schemes: tuple[str, ...]) -> str | None:
        raw = self.text(name)
        if raw is None:
            return None
        scheme = urlsplit(raw).scheme
        if scheme not in schemes:
            shown = scheme or "none"
            raise ConfigError(
                f"{PREFIX}{name} must be a URL with scheme {' or '.join(schemes)} (got {shown})"
            )
        return raw


def _dev_secret_key(data_dir: Path) -> str:
    """Generate the development signing key once and keep it in the data dir (mode 0600)."""
    path = data_dir / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    # Write aside, then link into place: a reader never sees a half-written key, and when two
    # processes race, both end up using the file that won.
    draft = path.with_name(f"secret_key.{os.getpid()}.tmp")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(48) + "\n")
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()
