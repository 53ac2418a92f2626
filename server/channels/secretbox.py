"""Channel credentials encrypted at rest (AES-256-GCM, from `cryptography`).

The key is derived from FLOWSUPPORT_SECRET_KEY with HKDF, so a database dump alone reveals
no provider token. Each value has a fresh 96-bit nonce and is bound to what it belongs to
(associated data: the channel id), so a ciphertext copied onto another row does not open.
Changing FLOWSUPPORT_SECRET_KEY makes stored credentials unreadable: give them again
(`POST /v1/channels/{id}/credentials`, services/channel_admin.py).
"""

from __future__ import annotations

import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from server.errors import ConfigError

VERSION = b"\x01"
NONCE_BYTES = 12


class SecretBox:
    def __init__(self, secret_key: str) -> None:
        key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"flowsupport channel credentials"
        ).derive(secret_key.encode())
        self._aead = AESGCM(key)

    def seal(self, values: dict[str, Any], bound_to: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        plain = json.dumps(values, sort_keys=True).encode()
        return VERSION + nonce + self._aead.encrypt(nonce, plain, bound_to.encode())

    def open(self, sealed: bytes, bound_to: str) -> dict[str, Any]:
        if not sealed.startswith(VERSION) or len(sealed) < 1 + NONCE_BYTES + 16:
            raise ConfigError("stored channel credentials are not in a known format")
        nonce, body = sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :]
        try:
            plain = self._aead.decrypt(nonce, body, bound_to.encode())
        except InvalidTag:
            raise ConfigError(
                "stored channel credentials do not open with this FLOWSUPPORT_SECRET_KEY "
                "(was it changed?): give them again (POST /v1/channels/{id}/credentials)"
            ) from None
        opened: dict[str, Any] = json.loads(plain)
        return opened
