"""JSON log lines carry the ids of their request, session and tenant."""

from __future__ import annotations

import json
import logging

import server.logs as logs


def test_json_lines_carry_context_ids() -> None:
    record = logging.LogRecord(
        "flowsupport.x", logging.WARNING, __file__, 1, "slow %s", ("x",), None
    )
    token = logs.SESSION_ID.set("s_123")
    tenant = logs.TENANT_ID.set("t-9")
    try:
        line = json.loads(logs.JsonFormatter().format(record))
    finally:
        logs.SESSION_ID.reset(token)
        logs.TENANT_ID.reset(tenant)
    assert line["message"] == "slow x" and line["level"] == "warning"
    assert line["session_id"] == "s_123" and line["tenant_id"] == "t-9"
    assert "request_id" not in line
    assert line["time"].endswith("Z")


def test_the_socket_protocols_bare_open_and_close_lines_are_dropped() -> None:
    """Only those two lines without arguments: the accepted line, with its address, and
    everything else stays."""
    keep = logs.DropBareSocketLines()

    def line(msg: str, *args: object) -> logging.LogRecord:
        return logging.LogRecord("uvicorn.error", logging.INFO, __file__, 1, msg, args, None)

    assert not keep.filter(line("connection open"))
    assert not keep.filter(line("connection closed"))
    assert keep.filter(line('%s - "WebSocket %s" [accepted]', "127.0.0.1:5", "/v1/ws"))
    assert keep.filter(line("connection rejected (%d %s)", 429, "Too Many Requests"))
    assert keep.filter(line("Application startup complete."))
