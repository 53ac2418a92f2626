"""The sans-I/O protocol core: codecs, frame validation, the session state machine."""

from __future__ import annotations

import msgpack
import pytest

from server.errors import BadRequest
from server.protocol import frames
from server.protocol.codec import JSON, MSGPACK, FrameError, choose_subprotocol, parse_frame
from server.protocol.session import Principals, Session, SessionLimits, State, Verdict


def test_subprotocol_choice_follows_the_client_order() -> None:
    """The first offered one we speak wins; none offered means JSON without a header."""
    assert choose_subprotocol(["x", "flowsupport.v1.msgpack", "flowsupport.v1.json"]) == (
        "flowsupport.v1.msgpack"
    )
    assert choose_subprotocol(["chat"]) is None


def test_codecs_round_trip_the_same_logical_frame() -> None:
    frame = {"type": "message.created", "seq": 3, "message": {"body": "héllo"}}
    assert JSON.decode(JSON.encode(frame)) == frame
    assert MSGPACK.decode(MSGPACK.encode(frame)) == frame
    assert isinstance(JSON.encode(frame), str) and isinstance(MSGPACK.encode(frame), bytes)


@pytest.mark.parametrize(
    ("codec", "data"),
    [
        (JSON, "{oops"),
        (JSON, "[]"),
        (JSON, b"{}"),
        (MSGPACK, b"\xc1"),
        (MSGPACK, "{}"),
        (MSGPACK, msgpack.packb([1, 2])),
    ],
)
def test_undecodable_frames(codec: object, data: str | bytes) -> None:
    with pytest.raises(BadRequest):
        codec.decode(data)  # type: ignore[attr-defined]


def test_parse_names_the_field_and_keeps_the_id() -> None:
    with pytest.raises(FrameError) as caught:
        parse_frame({"type": "message.send", "id": "c9", "conversation_id": "x", "body": "hi"})
    assert caught.value.request_id == "c9"
    assert caught.value.error.message.startswith("client_msg_id")


def test_unknown_and_missing_type() -> None:
    with pytest.raises(FrameError, match="unknown frame type"):
        parse_frame({"type": "nope", "id": "a"})
    with pytest.raises(FrameError):
        parse_frame({"id": "a"})


def test_body_is_trimmed_and_bounded() -> None:
    ok = parse_frame(
        {
            "type": "message.send",
            "id": "1",
            "conversation_id": "c",
            "client_msg_id": "m",
            "body": "  hi  ",
        }
    )
    assert isinstance(ok, frames.MessageSend) and ok.body == "hi"
    for body in ("", "   ", "x" * 8001):
        with pytest.raises(FrameError, match="body"):
            parse_frame(
                {
                    "type": "message.send",
                    "id": "1",
                    "conversation_id": "c",
                    "client_msg_id": "m",
                    "body": body,
                }
            )


def test_strict_types_and_ignored_extras() -> None:
    """No silent coercion ("3" is not 3); unknown fields are ignored for forward compatibility."""
    with pytest.raises(FrameError, match="seq"):
        parse_frame({"type": "read", "conversation_id": "c", "seq": "3"})
    read = parse_frame({"type": "read", "conversation_id": "c", "seq": 3, "future": True})
    assert isinstance(read, frames.Read)


def test_conversation_update_knows_which_fields_were_sent() -> None:
    """assignee_id: null (unassign) differs from no assignee_id at all."""
    unassign = parse_frame(
        {"type": "conversation.update", "id": "u", "conversation_id": "c", "assignee_id": None}
    )
    assert isinstance(unassign, frames.ConversationUpdate)
    assert unassign.model_fields_set == {"type", "id", "conversation_id", "assignee_id"}


def test_hello_deadline() -> None:
    session = Session(opened_at=100.0)
    assert not session.hello_overdue(109.9)
    assert session.hello_overdue(110.0)
    bucket = Principals(SessionLimits()).open("agent:a", "agent", 105.0)
    assert bucket is not None
    session.authenticated(bucket)
    assert session.state is State.READY and not session.hello_overdue(200.0)


def authenticated(kind: str, now: float, principals: Principals | None = None) -> Session:
    """A session past hello for a principal of `kind` (sharing `principals`' buckets)."""
    limits = SessionLimits()
    session = Session(opened_at=now, limits=limits)
    bucket = (principals or Principals(limits)).open(f"{kind}:one", kind, now)
    assert bucket is not None
    session.authenticated(bucket)
    return session


def test_rate_limit_answers_then_closes() -> None:
    """Within the burst: accepted; past it: rate_limited with a wait; persisting: close."""
    limits = SessionLimits()
    session = authenticated("visitor", 0.0)
    verdicts = [session.admit(0.0) for _ in range(int(limits.visitor.burst))]
    assert {v for v, _ in verdicts} == {Verdict.ACCEPT}
    verdict, wait_ms = session.admit(0.0)
    assert verdict is Verdict.RATE_LIMITED and wait_ms == 100
    for _ in range(limits.strikes - 1):
        assert session.admit(0.0)[0] is Verdict.RATE_LIMITED
    assert session.admit(0.0)[0] is Verdict.CLOSE_POLICY


def test_rate_refills_over_time_and_bots_get_more() -> None:
    session = authenticated("visitor", 0.0)
    for _ in range(30):
        session.admit(0.0)
    assert session.admit(0.0)[0] is Verdict.RATE_LIMITED
    assert session.admit(0.5)[0] is Verdict.ACCEPT
    bot = authenticated("bot", 0.0)
    assert all(bot.admit(0.0)[0] is Verdict.ACCEPT for _ in range(300))


def test_a_principals_connections_share_one_rate_and_are_capped() -> None:
    """More sockets never multiply a principal's rate, and only so many may be open."""
    limits = SessionLimits()
    principals = Principals(limits)
    tabs = [authenticated("visitor", 0.0, principals) for _ in range(2)]
    spent = sum(tab.admit(0.0)[0] is Verdict.ACCEPT for _ in range(30) for tab in tabs)
    assert spent == int(limits.visitor.burst)  # one burst for both tabs, not two
    for _ in range(limits.visitor_connections - 2):
        assert principals.open("visitor:one", "visitor", 0.0) is not None
    assert principals.open("visitor:one", "visitor", 0.0) is None  # one too many
    assert principals.open("visitor:other", "visitor", 0.0) is not None  # others unaffected
    principals.close("visitor:one", 0.0)
    assert principals.open("visitor:one", "visitor", 0.0) is not None


def test_reconnecting_does_not_refill_a_flooders_bucket() -> None:
    limits = SessionLimits()
    principals = Principals(limits)
    flood = authenticated("visitor", 0.0, principals)
    while flood.admit(0.0)[0] is Verdict.ACCEPT:
        pass
    principals.close("visitor:one", 0.0)  # drops the socket and comes back at once
    again = authenticated("visitor", 0.0, principals)
    assert again.admit(0.0)[0] is Verdict.RATE_LIMITED
    principals.close("visitor:one", 0.0)
    rested = authenticated("visitor", 10.0, principals)  # refilled meanwhile: a fresh start
    assert rested.admit(10.0)[0] is Verdict.ACCEPT
