"""Process logging: one JSON object per line in production (what log pipelines parse),
plain text in development; every record carries the ids of the request, session and tenant
it happened in (contextvars), never personal data (ids only, no names, e-mails or bodies)."""

from __future__ import annotations

import json
import logging
import re
import time
from contextvars import ContextVar

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
SESSION_ID: ContextVar[str | None] = ContextVar("session_id", default=None)
TENANT_ID: ContextVar[str | None] = ContextVar("tenant_id", default=None)
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, var in (
            ("request_id", REQUEST_ID),
            ("session_id", SESSION_ID),
            ("tenant_id", TENANT_ID),
        ):
            value = var.get()
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


# Paths that carry a credential themselves: the signed link of a CSAT rating page.
_SECRET_PATHS = re.compile(r"^(/v1/csat/)[^/?\s]+")


def scrub_target(target: str) -> str:
    """A request target fit for the log: no query string (tokens and keys put in a URL,
    which PROTOCOL.md forbids and the server ignores, must not land in log files either) and
    no credential that is part of the path."""
    return _SECRET_PATHS.sub(r"\1…", target.split("?", 1)[0])


class ScrubTargets(logging.Filter):
    """Rewrites the request targets in uvicorn's access and WebSocket log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                scrub_target(arg) if isinstance(arg, str) and arg.startswith("/") else arg
                for arg in record.args
            )
        return True


class DropBareSocketLines(logging.Filter):
    """Drops the `websockets` protocol's "connection open" and "connection closed" lines
    (uvicorn hands it its logger, uvicorn.error): they carry no address or id, and every
    session already logs its own open and close lines with both. Half the log lines of a
    socket, and of a reconnect storm's logging time, gone."""

    BARE = frozenset({"connection open", "connection closed"})

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "uvicorn.error" and record.msg in self.BARE and not record.args)


# Libraries whose INFO lines carry personal data: aiosmtpd ("mail.log", the SMTP listener)
# logs each session's commands and envelope, the senders' and recipients' addresses among
# them. Their warnings and errors still show; the listener logs what it decided by id.
_QUIET_LIBRARIES = ("mail.log",)


def configure(json_lines: bool) -> None:
    """Root logging for a `flowsupport` process (serve, worker)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(ScrubTargets())
    handler.addFilter(DropBareSocketLines())  # on the handler: configure() may run twice
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    for name in _QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
