"""First run: with no tenant in the database, `/setup` creates the first one and its admin.

Only while no tenant exists, and only from the loopback or with the one-time token that
`serve` logs (DESIGN.md). A request that came through a proxy is never taken for the
loopback, whatever its peer address: the proxy may be forwarding anyone.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from server.domain.models import Tenant
from server.errors import Conflict, Forbidden
from server.services.admin import AdminService
from server.services.auth import AuthService, LoginResult
from server.services.credentials import TokenSigner

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")
SETUP_PURPOSE = "first-run"


@dataclass(frozen=True)
class Workspace:
    """What the setup form asks for: the company, its website, and its first admin."""

    name: str
    website: list[str]
    admin_name: str
    email: str
    password: str


@dataclass(frozen=True)
class Caller:
    """Where a setup request comes from: its peer address, headers and offered token."""

    host: str | None
    headers: Mapping[str, str]
    token: str | None

    @property
    def on_loopback(self) -> bool:
        if self.host not in LOOPBACK_HOSTS:
            return False
        return not any(name in self.headers for name in PROXY_HEADERS)


class FirstRun:
    def __init__(self, admin: AdminService, auth: AuthService, signer: TokenSigner) -> None:
        self._admin = admin
        self._auth = auth
        self.token = signer.constant(SETUP_PURPOSE)

    async def needed(self) -> bool:
        return await self._admin.first_run()

    def admits(self, caller: Caller) -> bool:
        """The loopback, or anyone holding the token from the log line."""
        if caller.on_loopback:
            return True
        offered = caller.token or ""
        return hmac.compare_digest(offered.encode(), self.token.encode())

    async def check(self, caller: Caller) -> None:
        """Conflict once set up, Forbidden without the right to set up."""
        if not await self.needed():
            raise Conflict("this server is already set up: sign in at /inbox")
        if not self.admits(caller):
            raise Forbidden("open the setup link from the server's log: it carries a token")

    async def complete(self, workspace: Workspace, caller: Caller) -> tuple[Tenant, LoginResult]:
        """Create the tenant and its admin, then sign the admin in."""
        await self.check(caller)
        tenant, _ = await self._admin.create_first_workspace(
            name=workspace.name,
            origins=workspace.website,
            email=workspace.email,
            password=workspace.password,
            admin_name=workspace.admin_name,
        )
        return tenant, await self._auth.login(workspace.email, workspace.password)
