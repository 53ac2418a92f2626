"""Password hashing, signed tokens, API keys and identity HMACs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from server.errors import Unauthorized
from server.services import credentials
from server.services.credentials import TokenSigner

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_password_round_trip() -> None:
    """The right password verifies, a wrong one or a corrupt hash does not; salts differ."""
    stored = credentials.hash_password("correct horse")
    assert stored.startswith("scrypt$")
    assert credentials.verify_password("correct horse", stored)
    assert not credentials.verify_password("correct horsE", stored)
    assert not credentials.verify_password("correct horse", stored[:-4] + "AAAA")
    assert not credentials.verify_password("x", "md5$whatever")
    assert credentials.hash_password("correct horse") != stored


def test_dummy_hash_never_matches() -> None:
    """The hash used for unknown e-mails has the real format and matches nothing."""
    assert not credentials.verify_password("", credentials.DUMMY_PASSWORD_HASH)


def test_token_round_trip_and_expiry() -> None:
    """A token verifies until it expires, then says so."""
    signer = TokenSigner("k" * 40)
    token = signer.issue(
        "access", subject="u", tenant_id="t", role="agent", expires_at=NOW + timedelta(minutes=5)
    )
    claims = signer.verify("access", token, NOW)
    assert (claims.subject, claims.tenant_id, claims.role) == ("u", "t", "agent")
    with pytest.raises(Unauthorized, match="expired"):
        signer.verify("access", token, NOW + timedelta(minutes=5))


def test_token_bound_to_purpose_and_key() -> None:
    """A visitor token is no access token; another key's token is invalid."""
    signer = TokenSigner("k" * 40)
    token = signer.issue(
        "visitor", subject="c", tenant_id="t", role="customer", expires_at=NOW + timedelta(days=1)
    )
    with pytest.raises(Unauthorized):
        signer.verify("access", token, NOW)
    with pytest.raises(Unauthorized):
        TokenSigner("j" * 40).verify("visitor", token, NOW)


@pytest.mark.parametrize("token", ["", "fs1", "fs1.a.b.c", "fs2.x.y", "fs1.!!!.abc"])
def test_malformed_tokens(token: str) -> None:
    with pytest.raises(Unauthorized):
        TokenSigner("k" * 40).verify("access", token, NOW)


def test_api_key_parse_and_match() -> None:
    """The key names its row and proves possession; only its hash is kept."""
    key = credentials.new_api_key()
    key_id, secret = credentials.parse_api_key(key.plaintext)
    assert key_id == key.key_id
    assert credentials.api_secret_matches(secret, key.secret_hash)
    assert not credentials.api_secret_matches(secret + "x", key.secret_hash)
    assert secret.encode() not in key.secret_hash
    for bad in ("nope", "fsk_", "fsk_zz_secret", f"fsk_{key.key_id.hex}_"):
        with pytest.raises(Unauthorized):
            credentials.parse_api_key(bad)


def test_identity_hmac_matches_protocol() -> None:
    """PROTOCOL.md: hex HMAC-SHA256 of external_id with the identity secret."""
    import hashlib
    import hmac

    expected = hmac.new(b"sekrit", b"user-42", hashlib.sha256).hexdigest()
    assert credentials.identity_hmac("sekrit", "user-42") == expected
    assert credentials.identity_matches("sekrit", "user-42", expected.upper())
    assert not credentials.identity_matches("sekrit", "user-43", expected)
