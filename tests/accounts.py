"""Helpers for the account tests: a server that mails through a local SMTP relay, and the
links and people found in what it sent."""

from __future__ import annotations

import asyncio
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.fakes.smtp_server import Relay, smtp_relay
from tests.live import TIMEOUT_SCALE, LiveServer, owner_connection, running_server
from tests.provision import Tenant, provision

METRICS_TOKEN = "metrics-token-for-tests-0123456789"
_LINK = re.compile(r"(http://\S+/(?:invite|reset)\?token=[A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class MailServer:
    live: LiveServer
    relay: Relay


@contextmanager
def mail_server(prefix: str) -> Iterator[MailServer]:
    """A server of its own (its clock may move) that sends mail to a local relay and
    answers /metrics off the loopback with METRICS_TOKEN."""
    data_dir = Path(tempfile.mkdtemp(prefix=prefix))
    with smtp_relay() as (port, relay):
        env = {
            "FLOWSUPPORT_SMTP_URL": f"smtp://127.0.0.1:{port}",
            "FLOWSUPPORT_METRICS_TOKEN": METRICS_TOKEN,
        }
        with running_server(data_dir, extra_env=env) as live:
            yield MailServer(live, relay)
    shutil.rmtree(data_dir, ignore_errors=True)


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def mail_to(relay: Relay, address: str, count: int = 1) -> list[EmailMessage]:
    """The mails sent to `address` once there are `count` of them (sent in the background)."""
    for _ in range(int(150 * TIMEOUT_SCALE)):
        found = [m for m in relay.received if address in str(m["To"])]
        if len(found) >= count:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"no mail to {address}")


def link_in(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    found = _LINK.search(text)
    assert found, text
    return found.group(1)


def token_of(url: str) -> str:
    return url.rsplit("token=", 1)[1]


async def me(http: httpx.AsyncClient, token: str) -> dict[str, Any]:
    response = await http.get("/v1/me", headers=bearer(token))
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def admin_email(tenant: Tenant) -> str:
    """provision()'s admin: the agent's address with `admin-` for `agent-`."""
    return tenant.agent_email.replace("agent-", "admin-", 1)


# Fixtures for a module whose server mails through a relay: the module defines `mail`
# (a `mail_server(...)`), imports these three, and its tests get `http`, `owner` and `shop`
# on that server instead of the shared one.


@pytest.fixture(name="http")
async def mail_http(mail: MailServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=mail.live.base_url, timeout=30) as client:
        yield client


@pytest.fixture(name="owner")
async def mail_owner(mail: MailServer) -> AsyncIterator[asyncpg.Connection]:
    async with owner_connection(mail.live) as conn:
        yield conn


@pytest.fixture(name="shop")
async def mail_shop(mail: MailServer) -> Tenant:
    return await provision(mail.live)
