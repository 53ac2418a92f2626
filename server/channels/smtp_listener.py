"""Inbound mail over SMTP (FLOWSUPPORT_SMTP_LISTEN), for a deployment's own MX or relay.

aiosmtpd speaks the protocol; this decides: RCPT TO an address that is no tenant's
channel is refused at once (550, nothing accepted for a default tenant), DATA over the
size limit is refused by aiosmtpd (552), and a stored mail is acknowledged only after it
is committed (a database outage answers 451: the sender retries later).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from aiosmtpd.smtp import SMTP, Envelope, Session

from server.errors import FlowSupportError, NotFound, ValidationFailed

log = logging.getLogger("flowsupport.smtp")


class MailDrop(Protocol):
    """Where received mail goes. Both raise FlowSupportError: NotFound or ValidationFailed
    refuse the mail for good (550), anything else defers it (451)."""

    async def accepts(self, address: str) -> bool:
        """Whether ``address`` is a mailbox here (RCPT TO)."""
        ...

    async def receive(self, raw: bytes, recipients: list[str]) -> object:
        """Store one mail for its envelope recipients; returns once it is committed."""
        ...


class MailHandler:
    def __init__(self, inbound: MailDrop) -> None:
        self._inbound = inbound

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        try:
            known = await self._inbound.accepts(address)
        except FlowSupportError:
            return "451 4.3.0 temporarily unavailable, try again later"
        if not known:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content
        raw = content if isinstance(content, bytes) else str(content or "").encode()
        try:
            await self._inbound.receive(raw, list(envelope.rcpt_tos))
        except (NotFound, ValidationFailed) as exc:
            return f"550 5.6.0 {exc.message}"
        except FlowSupportError as exc:
            log.warning("inbound mail deferred: %s", exc)
            return "451 4.3.0 temporarily unavailable, try again later"
        return "250 OK: stored"


async def start_smtp_listener(
    inbound: MailDrop, host: str, port: int, max_bytes: int
) -> asyncio.AbstractServer:
    """An SMTP server on the running loop; close it to stop listening."""
    handler = MailHandler(inbound)
    loop = asyncio.get_running_loop()

    def protocol() -> Any:
        return SMTP(handler, data_size_limit=max_bytes, enable_SMTPUTF8=True, hostname=host)

    return await loop.create_server(protocol, host=host, port=port)
