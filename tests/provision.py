"""Tenants with an agent, a bot and a widget key, provisioned in the live server's database."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from kb_ingest.samples import PLAUSIBLE_DOCS
from server.config import Settings
from server.services import credentials
from server.services.admin import AdminService
from server.store.db import Database
from server.store.provision import database_urls
from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN
from tests.live import TIMEOUT_SCALE, LiveServer

INGEST_TIMEOUT_S = 75 * TIMEOUT_SCALE  # below pytest's 120 s per test

ORIGIN = "https://shop.example"
AGENT_PASSWORD = "agent-pass-1"


@dataclass(frozen=True)
class Tenant:
    tenant_id: str
    widget_key: str
    identity_secret: str
    agent_id: str
    agent_token: str
    agent2_token: str
    api_key: str
    admin_token: str
    agent_email: str  # signs in with AGENT_PASSWORD

    def identity(self, external_id: str) -> dict[str, str]:
        mac = credentials.identity_hmac(self.identity_secret, external_id)
        return {"external_id": external_id, "hmac": mac}


async def provision(
    live: LiveServer,
    *,
    ai: bool = False,
    origins: tuple[str, ...] = (ORIGIN,),
    name: str | None = None,
) -> Tenant:
    """A tenant with two agents, an admin and a bot; AI answers off unless asked (they add
    events); its widget may run on `origins`; named `name` (unique) or "Shop <random>"."""
    settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(live.data_dir)})
    suffix = uuid.uuid4().hex[:8]
    async with database_urls(settings) as urls:
        db = await Database.connect(urls.app, max_size=1)
        try:
            admin = AdminService(db)
            tenant = await admin.create_tenant(name or f"Shop {suffix}", list(origins))
            await admin.set_ai_enabled(tenant, ai)
            agent = await admin.create_user(
                tenant,
                email=f"agent-{suffix}@shop.example",
                password=AGENT_PASSWORD,
                role="agent",
                name="Ada Agent",
            )
            await admin.create_user(
                tenant,
                email=f"agent2-{suffix}@shop.example",
                password="agent-pass-2",
                role="agent",
                name="Bo Agent",
            )
            await admin.create_user(
                tenant,
                email=f"admin-{suffix}@shop.example",
                password="admin-pass-1",
                role="admin",
                name="Ida Admin",
            )
            api_key = await admin.create_api_key(tenant, "Helper Bot")
        finally:
            await db.close()
    async with httpx.AsyncClient(base_url=live.base_url) as http:
        tokens = []
        for email, password in (
            (f"agent-{suffix}@shop.example", AGENT_PASSWORD),
            (f"agent2-{suffix}@shop.example", "agent-pass-2"),
            (f"admin-{suffix}@shop.example", "admin-pass-1"),
        ):
            response = await http.post(
                "/v1/auth/login", json={"email": email, "password": password}
            )
            tokens.append(response.json()["access_token"])
    return Tenant(
        str(tenant.id),
        tenant.widget_key,
        tenant.identity_secret,
        str(agent.id),
        tokens[0],
        tokens[1],
        api_key,
        tokens[2],
        f"agent-{suffix}@shop.example",
    )


def add_twilio_sms(live: LiveServer, tenant_id: str, number: str, api_base: str) -> dict[str, Any]:
    """An SMS channel on Twilio's local stand-in (tests/fakes/twilio_server.py), added with
    the real `flowsupport channel add`; its JSON answer (channel_id, webhook_url)."""
    return live.cli_json(
        "channel",
        "add",
        "--tenant",
        tenant_id,
        "--kind",
        "sms",
        "--provider",
        "twilio",
        "--number",
        number,
        "--account-sid",
        ACCOUNT_SID,
        "--auth-token",
        AUTH_TOKEN,
        "--api-base",
        api_base,
    )


def ingest(live: LiveServer, tenant_id: str, folder: Path) -> dict[str, Any]:
    """Load a folder into a tenant's knowledge base with the real `python -m kb_ingest`;
    its JSON summary."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kb_ingest", str(folder), "--tenant", tenant_id, "--json"],
        env={**live.env, "PYTHONFAULTHANDLER": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=INGEST_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        # It hung once in a CI run (never reproduced): fail with where it waits, before
        # pytest's own timeout ends the test with nothing to go on.
        process.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack
        _, stderr = process.communicate()
        raise AssertionError(
            f"kb_ingest hung {INGEST_TIMEOUT_S:.0f} s:\n{stderr[-6000:]}"
        ) from None
    assert process.returncode == 0, stderr
    summary: dict[str, Any] = json.loads(stdout)
    return summary


async def help_desk(live: LiveServer, folder: Path, articles: list[str]) -> Tenant:
    """A tenant with AI on whose knowledge base is these articles of the bundled help
    center, copied into `folder` and ingested by the real command."""
    tenant = await provision(live, ai=True)
    for name in articles:
        shutil.copy(PLAUSIBLE_DOCS / name, folder / name)
    ingest(live, tenant.tenant_id, folder)
    return tenant
