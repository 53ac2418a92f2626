"""The sans-I/O protocol core: codecs, frame validation, the session state machine."""

from __future__ import annotations

import msgpack
import pytest

from server.errors import BadRequest
from server.protocol import frames
from server.protocol.codec import JSON, MSGPACK, FrameError, choose_subprotocol, parse_frame
from server.protocol.session import (
    Addresses,
    Principals,
    Rate,
    Session,
    SessionLimits,
    State,
    TokenBucket,
    Verdict,
)


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
    """Within the burst: accepted; past it: rate_limited with a wait; going on before that
    wait is over (PROTOCOL.md: "keeps going past it"): close."""
    limits = SessionLimits()
    session = authenticated("visitor", 0.0)
    verdicts = [session.admit(0.0) for _ in range(int(limits.visitor.burst))]
    assert {v for v, _ in verdicts} == {Verdict.ACCEPT}
    verdict, wait_ms = session.admit(0.0)
    assert verdict is Verdict.RATE_LIMITED and wait_ms == 100
    for _ in range(limits.strikes):
        assert session.admit(0.0)[0] is Verdict.RATE_LIMITED
    assert session.admit(0.0)[0] is Verdict.CLOSE_POLICY


def test_a_connection_that_waits_as_told_is_never_closed() -> None:
    """A socket sharing a drained bucket (others spend it first) may be refused again and
    again, but it honoured every `retry_after_ms`, so it is not a flood."""
    limits = SessionLimits(visitors_per_address=Rate(1.0, 1.0))
    addresses, principals = Addresses(limits), Principals(limits)
    shared = addresses.visitors_bucket("203.0.113.9", 0.0)
    assert shared is not None
    patient = Session(opened_at=0.0, limits=limits)
    own = principals.open("visitor:patient", "visitor", 0.0)
    assert own is not None
    patient.authenticated(own, shared)
    now, refused = 0.0, 0
    for _ in range(limits.strikes * 3):
        shared.take(now)  # another visitor behind the address spends the token first
        verdict, wait_ms = patient.admit(now)
        assert verdict is not Verdict.CLOSE_POLICY
        refused += verdict is Verdict.RATE_LIMITED
        now += wait_ms / 1000
    assert refused > limits.strikes


def test_a_flood_that_ignores_the_wait_is_closed_within_a_few_dozen_frames() -> None:
    """500 frames a second against ten: past the burst, every frame comes before its wait."""
    limits = SessionLimits()
    session = authenticated("visitor", 0.0)
    now, verdicts = 0.0, []
    while len(verdicts) < 500 and (not verdicts or verdicts[-1] is not Verdict.CLOSE_POLICY):
        verdicts.append(session.admit(now)[0])
        now += 0.002
    assert verdicts[-1] is Verdict.CLOSE_POLICY
    assert len(verdicts) <= limits.visitor.burst + 3 * limits.strikes


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


def test_visitors_behind_one_address_share_its_bucket_and_its_socket_cap() -> None:
    """The widget key is public: new visitors cost nothing, so one address's visitors
    together get one (generous) rate, and the address only so many sockets."""
    limits = SessionLimits(address_connections=3, visitors_per_address=Rate(5.0, 8.0))
    principals, addresses = Principals(limits), Addresses(limits)
    sessions = []
    for n in range(4):
        session = Session(opened_at=0.0, limits=limits)
        bucket = principals.open(f"visitor:{n}", "visitor", 0.0)
        assert bucket is not None
        shared = addresses.visitors_bucket("203.0.113.9", 0.0)
        assert shared is not None
        session.authenticated(bucket, shared)
        sessions.append(session)
    accepted = sum(s.admit(0.0)[0] is Verdict.ACCEPT for _ in range(5) for s in sessions)
    assert accepted == 8  # four visitors, one address burst
    alone = Session(opened_at=0.0, limits=limits)  # another address is unaffected
    bucket = principals.open("visitor:far", "visitor", 0.0)
    assert bucket is not None
    shared = addresses.visitors_bucket("198.51.100.1", 0.0)
    assert shared is not None
    alone.authenticated(bucket, shared)
    assert alone.admit(0.0)[0] is Verdict.ACCEPT
    assert all(addresses.open("203.0.113.9", 0.0) for _ in range(3))
    assert not addresses.open("203.0.113.9", 0.0)
    addresses.close("203.0.113.9", 0.0)
    assert addresses.open("203.0.113.9", 0.0)
    assert all(addresses.open("127.0.0.1", 0.0) for _ in range(10))  # the loopback is exempt
    assert addresses.visitors_bucket("::1", 0.0) is None


def test_an_address_reconnecting_in_a_loop_is_refused_past_its_upgrade_rate() -> None:
    limits = SessionLimits(upgrades_per_address=Rate(2.0, 5.0))
    addresses = Addresses(limits)
    opened = 0
    for _ in range(20):
        if addresses.open("203.0.113.9", 0.0):
            opened += 1
            addresses.close("203.0.113.9", 0.0)
    assert opened == 5  # the burst, though each socket closed at once
    assert addresses.open("203.0.113.9", 1.0)  # refilled at its rate


def test_a_limited_frame_spends_from_no_bucket() -> None:
    """Refused by one bucket, a frame costs the other nothing."""
    limits = SessionLimits(visitors_per_address=Rate(1.0, 1.0))
    principals, addresses = Principals(limits), Addresses(limits)
    session = Session(opened_at=0.0, limits=limits)
    own = principals.open("visitor:v", "visitor", 0.0)
    assert own is not None
    shared = addresses.visitors_bucket("192.0.2.1", 0.0)
    assert shared is not None
    session.authenticated(own, shared)
    assert session.admit(0.0)[0] is Verdict.ACCEPT
    assert session.admit(0.0)[0] is Verdict.RATE_LIMITED
    assert own.spent == 1 and own.tokens == limits.visitor.burst - 1


def test_charges_from_other_nodes_are_bounded_debt() -> None:
    bucket = TokenBucket.full(10.0, 30.0, 0.0)
    bucket.charge(1000, 0.0)
    assert bucket.tokens == -30.0  # at most one burst of debt
    assert bucket.wait(0.0) == pytest.approx(3.1)


def test_an_address_that_keeps_knocking_waits_the_whole_retry_after() -> None:
    """A few refusals are answered after a short pause; a loop reconnecting at once is held
    for the Retry-After it was told, so it knocks a tenth as often; it is forgiven in time."""
    limits = SessionLimits()
    addresses = Addresses(limits)
    pauses = [addresses.refusal_pause("203.0.113.9", 0.0) for _ in range(40)]
    assert pauses[0] == limits.refusal_pause_s
    assert pauses[-1] == limits.retry_after_s
    assert pauses.count(limits.refusal_pause_s) == int(limits.refusals_per_address.burst)
    assert addresses.refusal_pause("198.51.100.1", 0.0) == limits.refusal_pause_s  # others not
    assert addresses.refusal_pause("203.0.113.9", 60.0) == limits.refusal_pause_s


def test_refilled_buckets_are_forgotten_at_most_once_a_second() -> None:
    """A key's bucket goes once it has refilled with nothing open, but the walk over all
    buckets runs once per interval, not on each close (n sockets closing cost n, not n²)."""
    principals = Principals(SessionLimits())

    def visit(key: str, now: float, spend: bool) -> None:
        bucket = principals.open(key, "visitor", now)
        assert bucket is not None
        if spend:
            bucket.take(now)
        principals.close(key, now)

    for n in range(1000):
        visit(f"visitor:{n}", 0.0, spend=True)
    assert len(principals.holders.buckets) == 1000  # each keeps its debt
    visit("visitor:x", 50.0, spend=False)  # refilled since: the walk forgets them all
    assert principals.holders.buckets == {}
    visit("visitor:y", 50.5, spend=False)  # refilled at once, but walked 0.5 s ago
    assert list(principals.holders.buckets) == ["visitor:y"]
    visit("visitor:z", 51.5, spend=False)
    assert principals.holders.buckets == {}
