"""PROTOCOL.md's stable error codes, close codes and limits, declared once."""

from __future__ import annotations

from typing import Final

SUBPROTOCOL_JSON: Final = "flowsupport.v1.json"
SUBPROTOCOL_MSGPACK: Final = "flowsupport.v1.msgpack"
SUBPROTOCOLS: Final = (SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK)

# Close codes ("Limits and closing").
CLOSE_NORMAL: Final = 1000
CLOSE_GOING_AWAY: Final = 1001
CLOSE_TOO_BIG: Final = 1009
CLOSE_INTERNAL: Final = 1011
CLOSE_RESTARTING: Final = 1012  # reconnect with backoff and jitter, to any node
CLOSE_UNAUTHORIZED: Final = 4001
CLOSE_FORBIDDEN_ORIGIN: Final = 4003
CLOSE_POLICY: Final = 4008

# Limits.
HELLO_DEADLINE_S: Final = 10.0
HEARTBEAT_S: Final = 25
MAX_FRAME_BYTES: Final = 65_536
# Frames up to this size are read and answered `too_large`; beyond it the socket closes 1009.
READABLE_FRAME_BYTES: Final = 1_048_576
MAX_BODY_CHARS: Final = 8000
MAX_CSAT_COMMENT_CHARS: Final = 2000
MAX_ID_CHARS: Final = 64
MAX_REPLAY: Final = 1000
