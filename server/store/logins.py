"""The sign-in path before a tenant is known: the user behind an e-mail, and the failed
sign-in counters per account and per client address (migration 0014's functions).

Accounts and addresses are named by keyed hashes the caller makes, never in plain text;
the counters are shared by every node through PostgreSQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.domain.models import LoginRecord, Role
from server.ids import TenantId, UserId
from server.store.db import Connection


@dataclass(frozen=True)
class Throttle:
    """The limits and the hashed keys of one sign-in attempt."""

    account: bytes
    address: bytes | None  # None: not counted per address (the loopback)
    max_failures: int
    lockout_s: int


@dataclass(frozen=True)
class Attempt:
    record: LoginRecord | None  # None: nobody has this e-mail address
    locked_until: datetime | None  # set: refused (and audited) before any password check


async def begin(
    conn: Connection, email: str, throttle: Throttle, now: datetime, details: dict[str, Any]
) -> Attempt:
    """Look the e-mail up and charge the attempt, or find it locked out."""
    row = await conn.fetchrow(
        "SELECT * FROM auth_login_begin($1, $2, $3, $4, $5, $6, $7::jsonb)",
        email,
        throttle.account,
        throttle.address,
        now,
        throttle.max_failures,
        throttle.lockout_s,
        json.dumps(details),
    )
    assert row is not None  # always one row
    record = None
    if row["id"] is not None:
        record = LoginRecord(
            user_id=UserId(row["id"]),
            tenant_id=TenantId(row["tenant_id"]),
            password_hash=row["password_hash"],
            role=Role(row["role"]),
            name=row["name"],
            disabled=row["disabled"],
        )
    return Attempt(record, row["locked_until"])


async def failed(
    conn: Connection,
    user_id: UserId | None,
    throttle: Throttle,
    now: datetime,
    details: dict[str, Any],
) -> None:
    """A refused password: lock what reached the limit, and audit it."""
    await conn.execute(
        "SELECT auth_login_failed($1, $2, $3, $4, $5, $6, $7::jsonb)",
        user_id,
        throttle.account,
        throttle.address,
        now,
        throttle.max_failures,
        throttle.lockout_s,
        json.dumps(details),
    )


async def succeeded(
    conn: Connection, user_id: UserId, account: bytes, address: bytes | None, now: datetime
) -> None:
    """The account's count starts over, the address's charge is refunded, and the user's
    last sign-in is `now`."""
    await conn.execute(
        "SELECT auth_login_succeeded($1, $2, $3, $4)", user_id, account, address, now
    )
