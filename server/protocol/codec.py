"""The two wire encodings of PROTOCOL.md and frame parsing. Pure: bytes in, objects out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import msgpack
from pydantic import ValidationError

from server.errors import BadRequest
from server.protocol.codes import SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK, SUBPROTOCOLS
from server.protocol.frames import CLIENT_FRAME, CLIENT_TYPES, ClientFrame


@dataclass(frozen=True)
class FrameError(Exception):
    """A frame that decoded but cannot be served; answered with an `error` frame."""

    error: BadRequest
    request_id: str | None


class Codec:
    """One encoding: JSON text frames or MessagePack binary frames."""

    def __init__(self, name: str) -> None:
        if name not in SUBPROTOCOLS:
            raise ValueError(f"unknown subprotocol {name!r}")
        self.name = name
        self.binary = name == SUBPROTOCOL_MSGPACK

    def encode(self, frame: dict[str, Any]) -> str | bytes:
        if self.binary:
            packed: bytes = msgpack.packb(frame, use_bin_type=True)
            return packed
        return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)

    def decode(self, data: str | bytes) -> dict[str, Any]:
        """The frame as a mapping; BadRequest when it is not one object of this encoding."""
        try:
            if self.binary:
                if not isinstance(data, bytes):
                    raise BadRequest("this connection speaks MessagePack: send binary frames")
                value = msgpack.unpackb(data, raw=False, strict_map_key=True)
            else:
                if not isinstance(data, str):
                    raise BadRequest("this connection speaks JSON: send text frames")
                value = json.loads(data)
        except (ValueError, msgpack.ExtraData, msgpack.FormatError, msgpack.StackError) as exc:
            raise BadRequest(f"malformed frame: {exc}"[:200]) from None
        if not isinstance(value, dict):
            raise BadRequest("a frame must be an object")
        return value


def choose_subprotocol(offered: list[str]) -> str | None:
    """The first offered subprotocol we speak; None (JSON behaviour, no header) otherwise."""
    for name in offered:
        if name in SUBPROTOCOLS:
            return name
    return None


JSON = Codec(SUBPROTOCOL_JSON)
MSGPACK = Codec(SUBPROTOCOL_MSGPACK)


def codec_for(subprotocol: str | None) -> Codec:
    return MSGPACK if subprotocol == SUBPROTOCOL_MSGPACK else JSON


def parse_frame(data: dict[str, Any]) -> ClientFrame:
    """Validate a decoded frame; FrameError names the field and carries the request id."""
    raw_id = data.get("id")
    request_id = raw_id if isinstance(raw_id, str) and len(raw_id) <= 64 else None
    kind = data.get("type")
    if not isinstance(kind, str):
        raise FrameError(BadRequest("type: required string"), request_id)
    if kind not in CLIENT_TYPES:
        raise FrameError(BadRequest(f"type: unknown frame type {kind[:64]!r}"), request_id)
    try:
        return CLIENT_FRAME.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = [str(p) for p in first["loc"] if str(p) != kind]
        field = ".".join(location) or "frame"
        raise FrameError(BadRequest(f"{field}: {first['msg']}"), request_id) from None
