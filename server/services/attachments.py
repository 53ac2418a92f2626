"""Attachments: uploads (sniffed, size-capped, kept in the object store), downloads
authorised per tenant and conversation, attaching uploads to a message, and deleting the
stored objects of attachment rows that went (erasure, retention).

Bytes go to the store before the row commits (a crash leaves an unreferenced object, never
a row without bytes); deletes go the other way round: rows first, objects after the commit,
and a failed object delete is recorded in storage_orphans for the next retention sweep.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from server.channels.base import OutboundFile
from server.channels.email_parse import safe_filename
from server.domain.access import Principal, SecurityContext
from server.domain.models import Message, Role
from server.errors import BadRequest, FlowSupportError, NotFound, TooLarge, ValidationFailed
from server.ids import TenantId, parse_uuid
from server.protocol.sniff import INLINE_IMAGES, sniff
from server.storage.base import ObjectStore, new_key
from server.store import attachments, audit
from server.store.attachments import AttachmentRow
from server.store.db import Connection, Database

MAX_PER_MESSAGE = 10  # PROTOCOL.md additions: message.send `attachments`, at most 10 ids
UPLOADER_KINDS = ("visitor", "agent", "bot")
ORPHAN_BATCH = 500
OPAQUE = "application/octet-stream"
# What a download may be served as: the sniffed allowlist (anything else, such as the
# declared types of e-mail attachments stored before 0021, goes out as OPAQUE).
SERVABLE = frozenset(
    {
        *INLINE_IMAGES,
        "application/pdf",
        "text/plain",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
    }
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Download:
    """A file to serve: its row and bytes; ``inline`` only for sniffed raster images."""

    attachment: AttachmentRow
    data: bytes

    @property
    def inline(self) -> bool:
        return self.media_type in INLINE_IMAGES

    @property
    def media_type(self) -> str:
        """The Content-Type to serve: the stored one when it is a sniffed type, else
        application/octet-stream (e-mail attachments of 0010 kept their declared type)."""
        declared = self.attachment.content_type
        legacy = self.attachment.storage_key is None  # declared by the mail, never sniffed
        if legacy and sniff(self.data, self.attachment.filename) != declared:
            return OPAQUE
        return declared if declared in SERVABLE else OPAQUE


class AttachmentService:
    """Uploads and downloads through the object store of FLOWSUPPORT_STORAGE_URL."""

    def __init__(self, db: Database, store: ObjectStore, *, max_bytes: int) -> None:
        self._db = db
        self._store = store
        self.max_bytes = max_bytes

    @property
    def store(self) -> ObjectStore:
        return self._store

    async def upload(self, who: Principal, filename: str | None, data: bytes) -> AttachmentRow:
        """Keep one uploaded file as a pending upload of ``who`` (attached by message.send).
        TooLarge over FLOWSUPPORT_MAX_ATTACHMENT_BYTES; ValidationFailed when its bytes are
        not an allowed type (whatever its name or declared type says)."""
        if who.kind not in UPLOADER_KINDS:
            raise BadRequest("uploads are made by visitors, agents and bots")
        if len(data) > self.max_bytes:
            raise TooLarge(f"file exceeds {self.max_bytes} bytes")
        if not data:
            raise ValidationFailed("file: empty")
        name = safe_filename(filename)
        content_type = sniff(data, name)
        if content_type is None:
            raise ValidationFailed(
                "file: this type is not accepted (images: png, jpeg, gif, webp; pdf; office "
                "documents; plain text or csv in UTF-8)"
            )
        key = new_key(str(who.tenant_id))
        await self._store.put(key, data, content_type)
        try:
            async with self._db.unit(who.context()) as conn:
                row = await attachments.insert(
                    conn,
                    tenant_id=who.tenant_id,
                    filename=name,
                    content_type=content_type,
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    storage_key=key,
                    uploader_kind=who.kind,
                    uploader_id=uuid.UUID(who.id),
                )
                await audit.record(
                    conn,
                    tenant_id=who.tenant_id,
                    actor_kind=who.kind,
                    actor_id=who.id,
                    action="attachment.upload",
                    target_kind="attachment",
                    target_id=str(row.id),
                    details={"content_type": content_type, "size": len(data)},
                )
        except BaseException:
            await self.delete_objects(who.tenant_id, [key])
            raise
        return row

    async def keep_for_message(
        self,
        conn: Connection,
        *,
        tenant_id: TenantId,
        message: Message,
        files: list[tuple[str, bytes, str]],
    ) -> Message:
        """Inside the transaction that stored ``message`` (inbound e-mail): each (name,
        bytes, sha256) goes to the object store and gets its row, and the message lists
        them. A type outside the upload allowlist is kept, as application/octet-stream,
        and only ever served as a download."""
        if not files:
            return message
        listed: list[dict[str, Any]] = []
        for name, data, digest in files:
            content_type = sniff(data, name) or OPAQUE
            key = new_key(str(tenant_id))
            await self._store.put(key, data, content_type)
            row = await attachments.insert(
                conn,
                tenant_id=tenant_id,
                message_id=message.id,
                filename=name,
                content_type=content_type,
                size=len(data),
                sha256=digest,
                storage_key=key,
            )
            listed.append(row.listed())
        return await attachments.list_on_message(conn, message.id, listed)

    async def download(self, who: Principal, attachment_id: str) -> Download:
        """The file if ``who`` may read it: staff of its tenant, a visitor its own pending
        uploads and its own conversations' public attachments. NotFound otherwise, the
        same as for an id that does not exist."""
        wanted = parse_uuid(attachment_id, "attachment")
        async with self._db.unit(who.context()) as conn:
            row = await attachments.get(conn, wanted)
            if row is None:
                raise NotFound("attachment not found")
            inline = None if row.storage_key else await attachments.inline_bytes(conn, row.id)
        if row.storage_key is None:
            return Download(row, inline or b"")
        return Download(row, await self._store.get(row.storage_key))

    async def delete_objects(self, tenant_id: TenantId, keys: list[str]) -> None:
        """Delete stored objects whose rows are gone (call after the commit); each that
        fails is logged and recorded for the next retention sweep to retry."""
        failed = []
        for key in keys:
            try:
                await self._store.delete(key)
            except (FlowSupportError, ValueError, OSError):
                log.warning("stored object %s not deleted; retried later", key, exc_info=True)
                failed.append(key)
        if failed:
            async with self._db.unit(SecurityContext.operator(tenant_id)) as conn:
                await attachments.record_orphans(conn, tenant_id, failed)

    async def retry_orphans(self) -> int:
        """Delete the objects earlier deletes left behind (the retention sweep calls this);
        how many are gone now."""
        async with self._db.unit(SecurityContext.operator(None)) as conn:
            pending = await attachments.orphans(conn, ORPHAN_BATCH)
        gone = []
        for _tenant_id, key in pending:
            try:
                await self._store.delete(key)
            except (FlowSupportError, ValueError, OSError):
                log.warning("stored object %s still not deleted", key, exc_info=True)
                continue
            gone.append(key)
        if gone:
            async with self._db.unit(SecurityContext.operator(None)) as conn:
                await attachments.forget_orphans(conn, gone)
        return len(gone)

    async def files_of(self, tenant_id: TenantId, message: Message) -> tuple[OutboundFile, ...]:
        """A reply's files as its channel sends them (e-mail attaches them), each with the
        type it is served with."""
        files = []
        for listed in message.attachments:
            wanted = uuid.UUID(str(listed["id"]))
            async with self._db.unit(SecurityContext(tenant_id, Role.AGENT)) as conn:
                row = await attachments.get(conn, wanted)
                inline = None
                if row is not None and row.storage_key is None:
                    inline = await attachments.inline_bytes(conn, row.id)
            if row is None:
                continue  # erased since: nothing to send
            if row.storage_key is None:
                data = inline or b""
            else:
                data = await self._store.get(row.storage_key)
            served = Download(row, data)
            files.append(OutboundFile(row.filename, served.media_type, data))
        return tuple(files)

    async def read_object(self, key: str) -> bytes:
        """One stored object's bytes (the GDPR export reads files through this)."""
        return await self._store.get(key)


def upload_ids(values: list[str] | None) -> list[uuid.UUID]:
    """message.send `attachments`: at most 10 distinct upload ids (BadRequest otherwise)."""
    if not values:
        return []
    if len(values) > MAX_PER_MESSAGE:
        raise BadRequest(f"attachments: at most {MAX_PER_MESSAGE} per message")
    ids: list[uuid.UUID] = []
    for value in values:
        try:
            parsed = uuid.UUID(value)
        except (ValueError, AttributeError, TypeError):
            raise BadRequest(f"attachments: {value!r} is not an upload id") from None
        if parsed in ids:
            raise BadRequest("attachments: the same upload twice")
        ids.append(parsed)
    return ids


async def attach_uploads(
    conn: Connection, who: Principal, message: Message, ids: list[uuid.UUID]
) -> Message:
    """Inside message.send's transaction: attach ``who``'s pending uploads to the message
    just stored and list them on it. BadRequest (the transaction rolls back, nothing is
    stored) when any id is not a pending upload of ``who`` in this tenant."""
    if not ids:
        return message
    found = await attachments.attach(
        conn,
        ids=ids,
        message_id=message.id,
        uploader_kind=who.kind,
        uploader_id=uuid.UUID(who.id),
    )
    if len(found) != len(ids):
        raise BadRequest("attachments: not an unattached upload of yours")
    listed: list[dict[str, Any]] = [row.listed() for row in found]
    return await attachments.list_on_message(conn, message.id, listed)
