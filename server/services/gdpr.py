"""GDPR: export everything about a contact, erase it, and keep the register of requests.

Each export or erasure (HTTP or CLI) is recorded as received first (its own transaction),
then done in one transaction under the tenant's admin context, which also completes the
request and writes the audit entry (`contact.export` / `contact.erase`, target the
contact's pseudonym, details counts only); a failure marks the request failed and is
audited as such. An erasure ends with the reconciliation scan (`scan`): if anything that
identifies the contact is still stored anywhere the tenant's admin can read, the whole
erasure rolls back and fails with `internal`. Only after commit are the erased visitor's
WebSockets closed (4001) on every node, through the revocation path.
"""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from server.clock import Clock, rfc3339
from server.domain.access import Principal, SecurityContext
from server.domain.accounts import Revocation, RevocationSink
from server.domain.models import Contact, Role
from server.domain.privacy import Finding, Needles, PrivacyRequest, needles_for
from server.domain.tickets import TicketComment
from server.errors import FlowSupportError, Forbidden, Internal, NotFound
from server.ids import ContactId, TenantId, parse_uuid
from server.protocol import objects
from server.services.attachments import AttachmentService
from server.services.paging import decode_cursor, encode_cursor
from server.store import attachments, audit, contact_data, contacts, messages, privacy, tickets
from server.store.db import Connection, Database

T = TypeVar("T")
FORMAT = "flowsupport.contact-export/1"
MESSAGE_PAGE = 1000
TICKETS_MAX = 10_000


@dataclass(frozen=True)
class Requester:
    """Who asks: a signed-in admin (audited as itself) or the operator's CLI."""

    kind: str  # the audit log's actor_kind
    id: str
    context: SecurityContext
    user_id: uuid.UUID | None  # the register's requested_by (None: the CLI)


@dataclass(frozen=True)
class ExportFile:
    path: str  # inside the zip: files/<attachment id>-<safe name>
    data: bytes


@dataclass(frozen=True)
class Export:
    contact_id: ContactId
    document: dict[str, Any]
    files: list[ExportFile]

    def json_bytes(self) -> bytes:
        return json.dumps(self.document, indent=2, default=str).encode()

    def zip_bytes(self) -> bytes:
        """export.json and every file, as one zip."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("export.json", self.json_bytes())
            for item in self.files:
                archive.writestr(item.path, item.data)
        return buffer.getvalue()


@dataclass(frozen=True)
class Erased:
    contact_id: ContactId
    erased: dict[str, int]  # rows changed or removed, per table
    objects: tuple[str, ...] = ()  # storage keys of the deleted attachments (gone after commit)


@dataclass(frozen=True)
class RequestPage:
    requests: list[PrivacyRequest]
    next_cursor: str | None


def requester_of(principal: Principal) -> Requester:
    """Admins only (a super_admin under a support-access grant too): agents and bots 403."""
    if principal.role not in (Role.ADMIN, Role.SUPER_ADMIN):
        raise Forbidden("only the tenant's admins handle privacy requests")
    # A super_admin is a user of another tenant: the register names no requester for it.
    user = None if principal.support_grant_id else uuid.UUID(principal.id)
    return Requester(principal.kind, principal.id, principal.context(), user)


def operator_requester(tenant_id: TenantId) -> Requester:
    """The CLI: the tenant's admin context with no user, so the scan sees that tenant only."""
    return Requester("operator", "cli", SecurityContext(tenant_id, Role.ADMIN), None)


class GdprService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        revocations: RevocationSink,
        files: AttachmentService,
    ) -> None:
        self._db = db
        self._clock = clock
        self._revocations = revocations
        self._files = files  # attachment bytes in the object store

    async def export(self, who: Requester, contact_id: str) -> Export:
        """Everything stored about the contact: profile and identities, conversations with
        every message (AI answers and internal notes marked by sender kind and `private`),
        tickets with comments (`public` false: internal), ratings, attachments (metadata;
        bytes as `files`) and the audit entries naming them. NotFound for another tenant's."""
        wanted = ContactId(parse_uuid(contact_id, "contact"))
        return await self._tracked(who, "export", wanted, self._export, _export_summary)

    async def erase(self, who: Requester, contact_id: str) -> Erased:
        """Erase the contact everywhere (see the module docstring), then close their sockets."""
        wanted = ContactId(parse_uuid(contact_id, "contact"))
        done = await self._tracked(who, "erasure", wanted, self._erase, lambda e: e.erased)
        tenant = who.context.tenant_id
        assert tenant is not None
        # The rows are gone (committed): now their stored objects (a failed delete is
        # recorded and retried by the retention sweep).
        await self._files.delete_objects(tenant, list(done.objects))
        await self._revocations.revoked(Revocation(tenant, contact_ids=frozenset({str(wanted)})))
        return done

    async def scan(self, who: Requester, needles: Needles) -> list[Finding]:
        """The reconciliation scan on its own (the tests run it, the erasure runs it last)."""
        assert who.context.tenant_id is not None
        async with self._db.unit(who.context) as conn:
            return await privacy.scan(conn, who.context.tenant_id, needles)

    async def requests(self, principal: Principal, cursor: str | None, limit: int) -> RequestPage:
        """The tenant's register, newest first, `limit` per page (keyset cursor)."""
        who = requester_of(principal)
        after = decode_cursor(cursor)
        async with self._db.unit(who.context) as conn:
            found = await privacy.page(conn, after=after, limit=limit + 1)
        page = found[:limit]
        more = len(found) > limit
        last = page[-1] if page and more else None
        return RequestPage(page, encode_cursor(last.requested_at, last.id) if last else None)

    # -- the tracked unit ----------------------------------------------------------------

    async def _tracked(
        self,
        who: Requester,
        kind: str,
        wanted: ContactId,
        work: Callable[[Connection, Contact, PrivacyRequest], Awaitable[T]],
        summary: Callable[[T], dict[str, Any]],
    ) -> T:
        """Record the request, do `work` in one transaction that completes and audits it; on
        failure mark it failed (and audit that) in another, then re-raise."""
        tenant = who.context.tenant_id
        assert tenant is not None
        async with self._db.unit(who.context) as conn:
            contact = await contacts.get(conn, wanted)
            if contact is None or await contact_data.is_stand_in(conn, wanted):
                raise NotFound("contact not found")
            request = await privacy.open_request(
                conn,
                tenant_id=tenant,
                kind=kind,
                contact_id=wanted,
                requested_by=who.user_id,
                now=self._clock.now(),
            )
        action = "contact.export" if kind == "export" else "contact.erase"
        try:
            async with self._db.unit(who.context) as conn:
                result = await work(conn, contact, request)
                counts = summary(result)
                await privacy.finish_request(
                    conn, request.id, status="completed", now=self._clock.now(), summary=counts
                )
                await self._audit(
                    conn, who, action, wanted, {**counts, "request_id": str(request.id)}
                )
        except FlowSupportError as exc:
            failed = {"error": exc.code, **getattr(exc, "summary", {})}
            async with self._db.unit(who.context) as conn:
                await privacy.finish_request(
                    conn, request.id, status="failed", now=self._clock.now(), summary=failed
                )
                await self._audit(
                    conn, who, action, wanted, {**failed, "request_id": str(request.id)}
                )
            raise
        return result

    async def _audit(
        self,
        conn: Connection,
        who: Requester,
        action: str,
        wanted: ContactId,
        details: dict[str, Any],
    ) -> None:
        await audit.record(
            conn,
            tenant_id=who.context.tenant_id,
            actor_kind=who.kind,
            actor_id=who.id,
            action=action,
            target_kind="contact",  # stored as its pseudonym (audit.PSEUDONYMOUS_KINDS)
            target_id=str(wanted),
            details=details,
        )

    # -- export --------------------------------------------------------------------------

    async def _export(self, conn: Connection, contact: Contact, request: PrivacyRequest) -> Export:
        chats = await contact_data.conversations_of(conn, contact.id)
        conversations = []
        for chat in chats:
            said = []
            after = 0
            while True:
                batch = await messages.after_seq(conn, chat.id, after, MESSAGE_PAGE)
                said += [objects.message(m) for m in batch]
                if len(batch) < MESSAGE_PAGE:
                    break
                after = batch[-1].seq
            conversations.append({**objects.conversation(chat), "messages": said})
        asked = await tickets.of_requester(conn, contact.id, TICKETS_MAX)
        ticket_docs = [
            {
                **objects.ticket(t),
                "comments": [_comment(c) for c in await tickets.comments(conn, t.id)],
            }
            for t in asked
        ]
        stored = await contact_data.files_of(conn, [c.id for c in chats])
        files = [
            ExportFile(
                f"files/{f.id}-{safe_name(f.filename)}",
                await self._files.read_object(f.storage_key) if f.storage_key else f.data or b"",
            )
            for f in stored
        ]
        document = {
            "format": FORMAT,
            "exported_at": rfc3339(self._clock.now()),
            "tenant_id": str(contact.tenant_id),
            "request_id": str(request.id),
            "subject_ref": request.subject_ref,
            "contact": {**objects.contact(contact), "identities": _identities(contact, chats)},
            "conversations": conversations,
            "tickets": ticket_docs,
            "csat_ratings": [_rating(r) for r in await contact_data.ratings_of(conn, contact.id)],
            "attachments": [
                {
                    "id": str(f.id),
                    "message_id": str(f.message_id),
                    "filename": f.filename,
                    "content_type": f.content_type,
                    "size": f.size,
                    "sha256": f.sha256,
                    "created_at": rfc3339(f.created_at),
                    "file": item.path,
                }
                for f, item in zip(stored, files, strict=True)
            ],
            "audit_events": [
                {**e, "id": e["id"], "created_at": rfc3339(e["created_at"])}
                for e in await contact_data.audit_naming(conn, request.subject_ref)
            ],
        }
        return Export(contact.id, document, files)

    # -- erasure -------------------------------------------------------------------------

    async def _erase(self, conn: Connection, contact: Contact, request: PrivacyRequest) -> Erased:
        now = self._clock.now()
        stand_in = await contact_data.insert_stand_in(conn, contact.tenant_id, now)
        stored = await attachments.keys_of_contact(conn, contact.id)
        erased = await contact_data.erase(conn, contact.id, stand_in, now)
        erased["privacy_requests"] = await privacy.forget_contact(conn, contact.id)
        found = await privacy.scan(conn, contact.tenant_id, needles_for(contact))
        if found:
            raise ErasureIncomplete(found)
        return Erased(contact.id, erased, tuple(stored))


class ErasureIncomplete(Internal):
    """The reconciliation scan still found the contact after erasing: nothing is kept
    (the transaction rolls back); the message names tables and columns, never values."""

    def __init__(self, findings: list[Finding]) -> None:
        where = ", ".join(f"{f.table}.{f.column} ({f.count})" for f in findings)
        super().__init__(
            f"erasure rolled back: the reconciliation scan still found the contact in {where}"
        )
        self.summary = {"found": {f"{f.table}.{f.column}": f.count for f in findings}}


def safe_name(filename: str) -> str:
    """A file name that is safe as one zip member name on any system."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", filename).strip("._")
    return cleaned[:100] or "file"


def _identities(contact: Contact, chats: list[Any]) -> list[dict[str, str]]:
    out = []
    if contact.email:
        out.append({"kind": "email", "value": contact.email})
    if contact.phone:
        out.append({"kind": "phone", "value": contact.phone})
        if any(c.channel == "whatsapp" for c in chats):
            out.append({"kind": "whatsapp", "value": contact.phone})
    if contact.external_id:
        out.append({"kind": "external_id", "value": contact.external_id})
    return out


def _comment(c: TicketComment) -> dict[str, Any]:
    """A ticket comment as `GET /v1/tickets/{id}` shows it (`public` false: internal)."""
    return {
        "id": str(c.id),
        "author": {"kind": c.author_kind, "id": c.author_id, "name": c.author_name},
        "body": c.body,
        "public": c.public,
        "created_at": rfc3339(c.created_at),
    }


def _rating(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "conversation_id": str(row["conversation_id"]),
        "resolution": row["resolution"],
        "rating": row["rating"],
        "comment": row["comment"],
        "via": row["via"],
        "created_at": rfc3339(row["created_at"]),
        "updated_at": rfc3339(row["updated_at"]),
    }


def _export_summary(export: Export) -> dict[str, Any]:
    doc = export.document
    return {
        "conversations": len(doc["conversations"]),
        "messages": sum(len(c["messages"]) for c in doc["conversations"]),
        "tickets": len(doc["tickets"]),
        "csat_ratings": len(doc["csat_ratings"]),
        "attachments": len(doc["attachments"]),
        "audit_events": len(doc["audit_events"]),
    }
