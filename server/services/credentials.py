"""Secrets: password hashing, signed tokens, API keys, identity HMACs. Pure and I/O-free.

Every comparison of a secret is constant-time (``hmac.compare_digest``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.errors import Unauthorized
from server.ids import ApiKeyId

# scrypt (RFC 7914) with n=2**15, r=8: 32 MiB and ~0.1 s per hash on one core.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MAXMEM = 64 * 1024 * 1024
MAX_PASSWORD_CHARS = 1024
MIN_PASSWORD_CHARS = 8


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash``: self-describing, so parameters can rise later."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """True when `password` matches; malformed stored hashes never match."""
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        actual = _scrypt(password, _unb64(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, _unb64(digest))


# Verified against when the e-mail is unknown, so both paths cost the same time. Random
# bytes in the stored format: no password produces it.
DUMMY_PASSWORD_HASH = (
    "scrypt$32768$8$1$r-xRiabVUbp29W_U0RZVPw$Lsd1w6jOJWijMmu4aQGJsW100eq1k-4J6aWJfraep30"
)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password[:MAX_PASSWORD_CHARS].encode(),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=SCRYPT_MAXMEM,
        dklen=32,
    )


@dataclass(frozen=True)
class TokenClaims:
    subject: str
    tenant_id: str
    role: str
    expires_at: int  # unix seconds
    extra: dict[str, Any]


class TokenSigner:
    """Compact HMAC-SHA256 tokens: ``fs1.<payload>.<mac>``, base64url.

    Each purpose ("access", "visitor") signs with its own key derived from the secret key,
    so a token minted for one purpose is worthless for another.
    """

    PREFIX = "fs1"

    def __init__(self, secret_key: str) -> None:
        self._root = secret_key.encode()

    def issue(
        self,
        purpose: str,
        *,
        subject: str,
        tenant_id: str,
        role: str,
        expires_at: datetime,
        **extra: Any,
    ) -> str:
        claims = {
            "sub": subject,
            "tid": tenant_id,
            "role": role,
            "exp": int(expires_at.timestamp()),
        }
        claims.update(extra)
        payload = _b64(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode())
        return f"{self.PREFIX}.{payload}.{self._mac(purpose, payload)}"

    def verify(self, purpose: str, token: str, now: datetime) -> TokenClaims:
        """The claims of a genuine, unexpired token for `purpose`; Unauthorized otherwise."""
        parts = token.split(".") if isinstance(token, str) else []
        if len(parts) != 3 or parts[0] != self.PREFIX:
            raise Unauthorized("invalid token")
        _, payload, mac = parts
        if not hmac.compare_digest(mac.encode(), self._mac(purpose, payload).encode()):
            raise Unauthorized("invalid token")
        try:
            claims = json.loads(_unb64(payload))
            subject, tenant_id, role, exp = (
                claims.pop("sub"),
                claims.pop("tid"),
                claims.pop("role"),
                int(claims.pop("exp")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise Unauthorized("invalid token") from None
        if exp <= now.timestamp():
            raise Unauthorized("token expired")
        return TokenClaims(str(subject), str(tenant_id), str(role), exp, claims)

    def pseudonym(self, purpose: str, value: str) -> bytes:
        """A keyed hash of `value` (an e-mail, a client address) for `purpose`: the same on
        every node, useless without the secret key, so counters and audit entries can name
        people who are no users without keeping who they are."""
        return hmac.new(self._key(purpose), value.encode(), hashlib.sha256).digest()

    def constant(self, purpose: str) -> str:
        """A token with no claims, the same on every node that shares the secret key (the
        first-run setup link: worthless once setup is done, because setup then refuses)."""
        return self._mac(purpose, "")

    def _mac(self, purpose: str, payload: str) -> str:
        return _b64(hmac.new(self._key(purpose), payload.encode(), hashlib.sha256).digest())

    def _key(self, purpose: str) -> bytes:
        return hmac.new(self._root, f"flowsupport/{purpose}".encode(), hashlib.sha256).digest()


API_KEY_PREFIX = "fsk_"


@dataclass(frozen=True)
class NewApiKey:
    key_id: ApiKeyId
    secret_hash: bytes
    plaintext: str  # shown once, never stored


def new_api_key() -> NewApiKey:
    """``fsk_<key id hex>_<secret>``: the id finds the row, the secret proves possession."""
    key_id = ApiKeyId(uuid.uuid4())
    secret = secrets.token_urlsafe(32)
    return NewApiKey(key_id, _sha256(secret), f"{API_KEY_PREFIX}{key_id.hex}_{secret}")


def parse_api_key(plaintext: str) -> tuple[ApiKeyId, str]:
    """Split an API key into (id, secret); Unauthorized when it has the wrong shape."""
    if not plaintext.startswith(API_KEY_PREFIX):
        raise Unauthorized("invalid API key")
    key_hex, _, secret = plaintext[len(API_KEY_PREFIX) :].partition("_")
    try:
        key_id = ApiKeyId(uuid.UUID(hex=key_hex))
    except ValueError:
        raise Unauthorized("invalid API key") from None
    if not secret:
        raise Unauthorized("invalid API key")
    return key_id, secret


def api_secret_matches(secret: str, stored_hash: bytes) -> bool:
    return hmac.compare_digest(_sha256(secret), stored_hash)


@dataclass(frozen=True)
class LinkToken:
    plaintext: str  # in the link only, never stored
    digest: bytes  # what is stored


def new_link_token() -> LinkToken:
    """A single-use token for a link in an e-mail (an invitation, a password reset): 256
    random bits, so its plain SHA-256 is safe to keep and look up."""
    plaintext = secrets.token_urlsafe(32)
    return LinkToken(plaintext, link_digest(plaintext))


def link_digest(plaintext: str) -> bytes:
    return _sha256(plaintext)


def new_widget_key() -> str:
    return "wk_" + secrets.token_urlsafe(24)


def new_identity_secret() -> str:
    return secrets.token_hex(32)


def identity_hmac(identity_secret: str, external_id: str) -> str:
    """PROTOCOL.md identity verification: hex HMAC-SHA256 of external_id."""
    return hmac.new(identity_secret.encode(), external_id.encode(), hashlib.sha256).hexdigest()


def identity_matches(identity_secret: str, external_id: str, presented: str) -> bool:
    expected = identity_hmac(identity_secret, external_id)
    return hmac.compare_digest(expected.encode(), presented.lower().encode())


def _sha256(value: str) -> bytes:
    return hashlib.sha256(value.encode()).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
