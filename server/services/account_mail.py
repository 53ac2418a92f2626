"""Mail about staff accounts: invitations and password-reset links.

Sent through the e-mail channel adapter, the same outbound path as replies to customers
(FLOWSUPPORT_SMTP_URL; without it nothing is sent and `enabled` is False), from
``no-reply@`` the public URL's host. Sending runs in the background under the supervisor:
the request that asked for a mail answers at once (a password-reset request must take the
same time whether or not the address has an account) and a relay that defers is retried
twice; a failure is logged by the supervisor. The link is in the mail only: what is stored
is its token's hash.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from urllib.parse import urlsplit

from server.channels.base import ChannelRegistry, Endpoint, OutboundMessage
from server.domain.models import Role
from server.errors import ProviderError
from server.supervisor import Supervisor

EMAIL = ("email", "smtp")
ATTEMPTS = 3
PRODUCT = "FlowSupport"


class AccountMail:
    def __init__(self, adapters: ChannelRegistry, public_url: str, supervisor: Supervisor) -> None:
        self._adapter = adapters.get(*EMAIL)
        self._supervisor = supervisor
        host = urlsplit(public_url).hostname or "localhost"
        self._sender = Endpoint(channel_id="accounts", address=f"no-reply@{host}")

    @property
    def enabled(self) -> bool:
        """Whether mail can leave at all (an SMTP relay is configured)."""
        return self._adapter.can_send

    def invitation(
        self,
        *,
        to: str,
        tenant_name: str,
        inviter: str | None,
        role: Role,
        url: str,
        expires_at: datetime,
    ) -> None:
        who = inviter or "An administrator"
        body = (
            f"{who} invited you to join {tenant_name} on {PRODUCT} as an {role.value}.\n\n"
            f"Accept the invitation and choose your password here:\n{url}\n\n"
            f"The link works once, until {expires_at:%Y-%m-%d %H:%M} UTC.\n"
        )
        self._send(to, None, f"You are invited to {tenant_name} on {PRODUCT}", body, tenant_name)

    def password_reset(self, *, to: str, name: str, tenant_name: str, url: str) -> None:
        body = (
            f"Hello {name or to},\n\n"
            f"Someone (we hope you) asked to reset your {PRODUCT} password for {tenant_name}.\n"
            f"Choose a new one here within 30 minutes:\n{url}\n\n"
            "The link works once. If you did not ask, ignore this mail: your password stays "
            "as it is.\n"
        )
        self._send(to, name or None, f"Reset your {PRODUCT} password", body, tenant_name)

    def _send(self, to: str, to_name: str | None, subject: str, body: str, from_name: str) -> None:
        if not self.enabled:
            return
        message = OutboundMessage(
            key=uuid.uuid4().hex,
            to=to,
            to_name=to_name,
            from_name=from_name,
            subject=subject,
            body=body,
            automated=True,
        )
        self._supervisor.spawn(self._deliver(message), name="account mail")

    async def _deliver(self, message: OutboundMessage) -> None:
        for attempt in range(ATTEMPTS):
            try:
                await self._adapter.send(message, self._sender)
                return
            except ProviderError as exc:
                if not exc.retryable or attempt == ATTEMPTS - 1:
                    raise
                await asyncio.sleep(2**attempt)
