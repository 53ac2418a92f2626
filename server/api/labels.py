"""Managed labels and bulk actions over HTTP: thin handlers over services/labels.py and
services/bulk.py, with their bodies (the OpenAPI schemas of server/api/routes.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.api.body import read_json
from server.api.handlers import principal, services
from server.api.schemas import Strict
from server.clock import rfc3339
from server.domain import labels as rules
from server.domain.labels import Label

Tag = Annotated[str, Field(min_length=1, max_length=50)]


class LabelOut(Strict):
    id: str
    name: str = Field(description="the tag string conversations carry")
    colour: str = Field(description=f"one of {', '.join(rules.PALETTE)}")
    description: str
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, label: Label) -> LabelOut:
        return cls(
            id=str(label.id),
            name=label.name,
            colour=label.colour,
            description=label.description,
            created_at=rfc3339(label.created_at),
            updated_at=rfc3339(label.updated_at),
        )


class LabelList(Strict):
    labels: list[LabelOut] = Field(description="by name")
    palette: list[str] = Field(description="the colours a label may take")


class LabelIn(Strict):
    name: str = Field(max_length=200)
    colour: str = Field(max_length=20)
    description: str = Field(default="", max_length=1000)


class LabelPatch(Strict):
    name: str | None = Field(default=None, max_length=200)
    colour: str | None = Field(default=None, max_length=20)
    description: str | None = Field(default=None, max_length=1000)


class LabelDeleted(Strict):
    conversations: int = Field(description="how many conversations lost the tag")


class BulkChanges(Strict):
    status: Literal["open", "pending", "waiting_human", "resolved", "closed"] | None = None
    assignee_id: str | None = Field(default=None, max_length=100, description="null unassigns")
    add_tags: list[Tag] | None = Field(default=None, max_length=50)
    remove_tags: list[Tag] | None = Field(default=None, max_length=50)


class BulkIn(Strict):
    ids: list[Annotated[str, Field(max_length=100)]] = Field(max_length=1000)
    changes: BulkChanges


class BulkError(Strict):
    code: str
    message: str


class BulkItem(Strict):
    id: str
    ok: bool
    error: BulkError | None = None


class BulkOut(Strict):
    results: list[BulkItem] = Field(description="one per id, in the order asked")


async def list_labels(request: Request) -> JSONResponse:
    who = await principal(request)
    found = await services(request).labels.listing(who)
    out = LabelList(labels=[LabelOut.of(x) for x in found], palette=list(rules.PALETTE))
    return JSONResponse(out.model_dump())


async def create_label(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, LabelIn, svc.settings.max_body_bytes)
    label = await svc.labels.create(
        who, name=body.name, colour=body.colour, description=body.description
    )
    return JSONResponse(LabelOut.of(label).model_dump(), status_code=201)


async def patch_label(request: Request) -> JSONResponse:
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, LabelPatch, svc.settings.max_body_bytes)
    values = {key: getattr(body, key) for key in body.model_fields_set}
    label = await svc.labels.change(who, request.path_params["id"], values)
    return JSONResponse(LabelOut.of(label).model_dump())


async def delete_label(request: Request) -> Response:
    who = await principal(request)
    count = await services(request).labels.delete(who, request.path_params["id"])
    return JSONResponse(LabelDeleted(conversations=count).model_dump())


async def bulk_update(request: Request) -> JSONResponse:
    """Several conversations' PATCH at once; per id, whether it applied."""
    who = await principal(request)
    svc = services(request)
    body = await read_json(request, BulkIn, svc.settings.max_body_bytes)
    changes = {key: getattr(body.changes, key) for key in body.changes.model_fields_set}
    results = await svc.bulk.apply(who, list(body.ids), changes)
    out = BulkOut(
        results=[
            BulkItem(
                id=r.id,
                ok=r.ok,
                error=None
                if r.error is None
                else BulkError(code=r.error.code, message=str(r.error)),
            )
            for r in results
        ]
    )
    return JSONResponse(out.model_dump(exclude_none=True))
