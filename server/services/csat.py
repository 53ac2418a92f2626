"""Customer satisfaction: the customer rates a resolved conversation, 1 to 5.

On every resolution the case asks for a rating (a `csat_requested` system message). Web
customers answer with `csat.submit`; e-mail, SMS and WhatsApp customers get a signed link
with the request (added when it is sent, so no usable link sits in the transcript staff
read): HMAC-SHA256 with a key derived from the server's secret for this purpose only,
naming the tenant, the customer, the conversation and the resolution, expiring.

One rating per resolution: a second one replaces the first. Only the conversation's own
customer rates it (row-level security: anyone else finds no such conversation). Each
rating is stored (csat_ratings), audited, and announced as `conversation.updated` with
`changes: ["csat"]`, so the inbox shows it live and it replays by seq.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

from server.clock import Clock
from server.domain.access import Principal
from server.domain.events import EventSink
from server.domain.models import Conversation, Role
from server.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed
from server.ids import ConversationId, TenantId, parse_uuid
from server.protocol.codes import MAX_CSAT_COMMENT_CHARS
from server.services.credentials import TokenClaims, TokenSigner
from server.store import audit, conversations, events
from server.store.db import Database

PURPOSE = "csat"
LINK_TTL_S = 30 * 24 * 3600  # a rating link works for 30 days


@dataclass(frozen=True)
class RatingLink:
    """What a verified link names."""

    principal: Principal  # the customer
    conversation_id: str
    resolution: int


class CsatLinks:
    """Signed one-click rating links for customers outside the widget."""

    def __init__(
        self, signer: TokenSigner, clock: Clock, public_url: str, ttl_s: int = LINK_TTL_S
    ) -> None:
        self._signer = signer
        self._clock = clock
        self._base = public_url.rstrip("/")
        self._ttl_s = ttl_s

    def url(self, conversation: Conversation, rating: int | None = None) -> str:
        """The page rating this conversation's latest resolution (`rating`: one click)."""
        token = self._signer.issue(
            PURPOSE,
            subject=str(conversation.contact_id),
            tenant_id=str(conversation.tenant_id),
            role=Role.CUSTOMER.value,
            expires_at=self._clock.now() + timedelta(seconds=self._ttl_s),
            cid=str(conversation.id),
            res=conversation.resolutions,
        )
        link = f"{self._base}/v1/csat/{quote(token)}"
        return link if rating is None else f"{link}?rating={rating}"

    def verify(self, token: str) -> RatingLink:
        """The customer and resolution a genuine, unexpired link names; Unauthorized
        ("invalid token" / "token expired") otherwise."""
        claims: TokenClaims = self._signer.verify(PURPOSE, token, self._clock.now())
        try:
            tenant = TenantId(uuid.UUID(claims.tenant_id))
            contact = uuid.UUID(claims.subject)
            conversation_id = str(uuid.UUID(str(claims.extra["cid"])))
            resolution = int(claims.extra["res"])
        except (KeyError, ValueError, TypeError):
            raise Unauthorized("invalid token") from None
        if claims.role != Role.CUSTOMER.value or resolution < 1:
            raise Unauthorized("invalid token")
        who = Principal("visitor", str(contact), tenant, Role.CUSTOMER)
        return RatingLink(who, conversation_id, resolution)


class CsatService:
    def __init__(self, db: Database, sink: EventSink, links: CsatLinks) -> None:
        self._db = db
        self._sink = sink
        self.links = links

    async def submit(
        self,
        principal: Principal,
        conversation_id: str,
        rating: int,
        comment: str | None,
        *,
        via: str = "widget",
        resolution: int | None = None,
    ) -> Conversation:
        """Rate the latest resolution (or `resolution`, named by a link); a second rating
        of the same resolution replaces the first. Returns the conversation with it."""
        if principal.kind != "visitor":
            raise Forbidden("only the conversation's customer rates it")
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            raise ValidationFailed("rating: must be a whole number from 1 to 5")
        text = (comment or "").strip() or None
        if text is not None and len(text) > MAX_CSAT_COMMENT_CHARS:
            raise ValidationFailed(f"comment: at most {MAX_CSAT_COMMENT_CHARS} characters")
        target = ConversationId(parse_uuid(conversation_id, "conversation"))
        async with self._db.unit(principal.context()) as conn:
            conversation = await conversations.get(conn, target, lock=True)
            if conversation is None or str(conversation.contact_id) != principal.id:
                raise NotFound("conversation not found")
            which = conversation.resolutions if resolution is None else resolution
            if resolution is None and conversation.status not in ("resolved", "closed"):
                raise Conflict("this conversation is not resolved: there is nothing to rate yet")
            if not 1 <= which <= conversation.resolutions:
                raise Conflict("this conversation was never resolved: there is nothing to rate")
            await conversations.rate(
                conn,
                conversation=conversation,
                resolution=which,
                rating=rating,
                comment=text,
                via=via,
            )
            event = await events.append_update(
                conn,
                tenant_id=conversation.tenant_id,
                conversation_id=conversation.id,
                changes=("csat",),
            )
            await audit.record(
                conn,
                tenant_id=conversation.tenant_id,
                actor_kind="visitor",
                actor_id=principal.id,
                action="csat.submit",
                target_kind="conversation",
                target_id=str(conversation.id),
                details={"rating": rating, "resolution": which, "via": via},
            )
        await self._sink.persisted(event)
        return event.conversation

    async def redeem(self, token: str, rating: int, comment: str | None) -> Conversation:
        """A rating given through a signed link (HTTP)."""
        link = self.links.verify(token)
        return await self.submit(
            link.principal,
            link.conversation_id,
            rating,
            comment,
            via="link",
            resolution=link.resolution,
        )
