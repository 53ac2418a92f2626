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
