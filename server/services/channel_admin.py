"""Customer channels as the tenant's admins (or the operator) set them up: add, list,
remove, and re-seal credentials. The CLI's `channel add` and the HTTP API are this one
code path; what a channel takes is checked by ``domain.channel_forms``.

Credentials are sealed with the server's key, bound to the channel's id
(channels/secretbox.py), and never leave this module again: a listing says only whether
they still open with the current key (``sealed_ok``: false after FLOWSUPPORT_SECRET_KEY
changed, until they are given again). Every change writes an audit entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from server.channels.secretbox import SecretBox
from server.domain.channel_forms import ChannelForm, credentials_form
from server.domain.models import Channel, Tenant
from server.errors import ConfigError, NotFound, ValidationFailed
from server.ids import parse_uuid
from server.store import audit, channels
from server.store.db import Connection, Database

if TYPE_CHECKING:
    from server.services.admin import Actor


@dataclass(frozen=True)
class ChannelView:
    """A channel as its admins see it: never a credential, only whether they still open."""

    channel: Channel
    sealed_ok: bool


class ChannelAdmin:
    def __init__(self, db: Database, box: SecretBox | None) -> None:
        self._db = db
        self._box = box  # seals credentials; needed only for SMS and WhatsApp

    async def add(self, tenant: Tenant, form: ChannelForm, actor: Actor) -> Channel:
        """A new address (one tenant per address, platform-wide) or provider number."""
        actor.require_admin_of(tenant)
        box = self._require_box() if form.secrets else None
        channel_id = uuid.uuid4()
        async with self._db.unit(actor.within(tenant)) as conn:
            channel = await channels.insert(
                conn,
                tenant_id=tenant.id,
                kind=form.kind,
                address=form.address,
                provider=form.provider,
                settings=form.settings,
                channel_id=channel_id,
            )
            if box is not None:
                sealed = box.seal(form.secrets, bound_to=str(channel.id))
                await channels.set_credentials(conn, channel.id, sealed)
            details = {"kind": form.kind, "provider": form.provider}
            await _audit(conn, actor, tenant, "channel.add", channel.id, details)
        return channel

    async def listing(self, tenant: Tenant, actor: Actor) -> list[ChannelView]:
        """The tenant's channels, oldest first."""
        actor.require_admin_of(tenant)
        async with self._db.unit(actor.within(tenant)) as conn:
            found = await channels.with_credentials(conn)
        return [ChannelView(c, self._opens(c, sealed)) for c, sealed in found]

    async def remove(self, tenant: Tenant, channel_id: str, actor: Actor) -> None:
        """Delete a channel: its webhook answers 404 from now on; its conversations and
        their messages stay."""
        actor.require_admin_of(tenant)
        target = parse_uuid(channel_id, "channel")
        async with self._db.unit(actor.within(tenant)) as conn:
            if not await channels.delete(conn, target):
                raise NotFound("channel not found")
            await _audit(conn, actor, tenant, "channel.remove", target)

    async def reseal(
        self, tenant: Tenant, channel_id: str, given: Mapping[str, str | None], actor: Actor
    ) -> ChannelView:
        """Seal a provider channel's credentials, given anew (exactly the provider's secret
        fields), with the current key: after FLOWSUPPORT_SECRET_KEY changed, or after the
        provider's token was rotated."""
        actor.require_admin_of(tenant)
        box = self._require_box()
        target = parse_uuid(channel_id, "channel")
        async with self._db.unit(actor.within(tenant)) as conn:
            found = await channels.with_credentials(conn, target)
            if not found:
                raise NotFound("channel not found")
            channel = found[0][0]
            secrets = credentials_form(channel.provider, given)
            sealed = box.seal(secrets, bound_to=str(channel.id))
            await channels.set_credentials(conn, channel.id, sealed)
            details = {"provider": channel.provider}
            await _audit(conn, actor, tenant, "channel.credentials", channel.id, details)
        return ChannelView(channel, sealed_ok=True)

    def _opens(self, channel: Channel, sealed: bytes | None) -> bool:
        if channel.provider == "smtp":
            return True  # e-mail has no credentials
        if sealed is None or self._box is None:
            return False
        try:
            self._box.open(sealed, bound_to=str(channel.id))
        except ConfigError:
            return False
        return True

    def _require_box(self) -> SecretBox:
        if self._box is None:
            raise ValidationFailed("this process cannot seal credentials (no secret key)")
        return self._box


async def _audit(
    conn: Connection,
    actor: Actor,
    tenant: Tenant,
    action: str,
    channel_id: uuid.UUID,
    details: dict[str, Any] | None = None,
) -> None:
    await audit.record(
        conn,
        tenant_id=tenant.id,
        actor_kind=actor.kind,
        actor_id=actor.id,
        action=action,
        target_kind="channel",
        target_id=str(channel_id),
        details=details,
    )
