"""Attachments over HTTP: `POST /v1/uploads` (multipart, one `file` field) and
`GET /v1/attachments/{id}` (PROTOCOL.md additions, DESIGN.md HTTP table).

The bearer is the one the client uses over HTTP: a staff access token, an API key or a
visitor token. Downloads are always `Content-Disposition: attachment` with `nosniff`,
except raster images sniffed as such at upload, which are `inline`.
"""

from __future__ import annotations

from urllib.parse import quote

from pydantic import Field
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.api.body import read_limited, replay
from server.api.handlers import principal, services
from server.api.schemas import Strict
from server.errors import BadRequest, TooLarge

# Room for the multipart framing (boundaries, part headers) around one file at the limit.
MULTIPART_OVERHEAD = 16_384


class UploadForm(Strict):
    """multipart/form-data with one field, `file`."""

    file: bytes = Field(
        description="the file; its type is sniffed from its bytes (png, jpeg, gif, webp, pdf, "
        "office documents, UTF-8 text or csv), never taken from the client",
        json_schema_extra={"type": "string", "format": "binary"},
    )


class UploadOut(Strict):
    upload_id: str = Field(description="what message.send `attachments` lists")
    name: str = Field(description="the file name, sanitised")
    content_type: str = Field(description="as sniffed from the bytes")
    size: int


async def upload(request: Request) -> JSONResponse:
    """One file (field `file`) -> 201 {"upload_id","name","content_type","size"}; 413
    over FLOWSUPPORT_MAX_ATTACHMENT_BYTES (refused while reading, before anything is
    stored), 422 for a type that is not accepted."""
    who = await principal(request)
    svc = services(request)
    if request.headers.get("content-type", "").split(";")[0].strip() != "multipart/form-data":
        raise BadRequest("Content-Type must be multipart/form-data with one `file` field")
    limit = svc.attachments.max_bytes
    try:
        body = await read_limited(request, limit + MULTIPART_OVERHEAD)
    except TooLarge:
        raise TooLarge(f"file exceeds {limit} bytes") from None
    replayed = Request(request.scope, receive=replay(body))
    form = await replayed.form(max_files=1, max_fields=1, max_part_size=limit + 1)
    try:
        names = list(form.keys())
        part = form.get("file")
        if names != ["file"] or not isinstance(part, UploadFile):
            raise BadRequest("multipart body: one field `file` holding the file")
        data = await part.read()
        filename = part.filename
    finally:
        await form.close()
    row = await svc.attachments.upload(who, filename, data)
    out = UploadOut(
        upload_id=str(row.id), name=row.filename, content_type=row.content_type, size=row.size
    )
    return JSONResponse(out.model_dump(), status_code=201)


async def download(request: Request) -> Response:
    """The file, if the caller may read it; 404 (never 403) for anything else."""
    who = await principal(request)
    found = await services(request).attachments.download(who, request.path_params["id"])
    row = found.attachment
    disposition = "inline" if found.inline else "attachment"
    ascii_name = row.filename.encode("ascii", "replace").decode().replace('"', "_")
    ascii_name = ascii_name.replace("\\", "_")
    headers = {
        "content-disposition": (
            f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(row.filename)}"
        ),
        "x-content-type-options": "nosniff",
        "cache-control": "private, max-age=0, must-revalidate",
        "content-security-policy": "default-src 'none'; sandbox",
    }
    return Response(found.data, media_type=found.media_type, headers=headers)
