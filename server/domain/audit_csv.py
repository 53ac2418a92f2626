"""The audit log's and the access review's columns, once, for the HTTP downloads and the
CLI: CSV lines (RFC 4180, CRLF) and the JSON-able records they are made of."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from server.clock import rfc3339
from server.domain.audit import AuditEntry, ReviewRow

ENTRY_COLUMNS = (
    "id",
    "at",
    "tenant_id",
    "actor_kind",
    "actor_id",
    "action",
    "target_kind",
    "target_id",
    "client_address",
    "details",
)
REVIEW_COLUMNS = (
    "user_id",
    "email",
    "name",
    "role",
    "status",
    "created_at",
    "last_sign_in_at",
    "last_activity_at",
)
TENANT_COLUMNS = ("tenant_id", "tenant_name")  # the operator's review covers every tenant

Cell = str | None


def lines(rows: Iterable[Sequence[Cell]]) -> str:
    """CSV text for `rows` (None as an empty cell). Cells starting with = + - @ are
    prefixed with ' so a spreadsheet never runs them as formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return out.getvalue()


def entry_row(entry: AuditEntry) -> tuple[Cell, ...]:
    return (
        str(entry.id),
        rfc3339(entry.at),
        str(entry.tenant_id) if entry.tenant_id else None,
        entry.actor_kind,
        entry.actor_id,
        entry.action,
        entry.target_kind,
        entry.target_id,
        entry.client_address,
        json.dumps(entry.details, separators=(",", ":"), sort_keys=True),
    )


def review_record(row: ReviewRow, with_tenant: bool = False) -> dict[str, Cell]:
    """One account of the review by column name (REVIEW_COLUMNS, TENANT_COLUMNS first when
    `with_tenant`)."""
    record: dict[str, Cell] = (
        {"tenant_id": str(row.tenant_id), "tenant_name": row.tenant_name} if with_tenant else {}
    )
    record.update(
        user_id=str(row.user_id),
        email=row.email,
        name=row.name,
        role=row.role,
        status="active" if row.active else "deactivated",
        created_at=rfc3339(row.created_at),
        last_sign_in_at=rfc3339(row.last_sign_in_at) if row.last_sign_in_at else None,
        last_activity_at=rfc3339(row.last_activity_at) if row.last_activity_at else None,
    )
    return record


def review_csv(rows: Iterable[ReviewRow], with_tenant: bool = False) -> str:
    """The whole review as CSV, header first."""
    header = (*TENANT_COLUMNS, *REVIEW_COLUMNS) if with_tenant else REVIEW_COLUMNS
    return lines([header, *(tuple(review_record(r, with_tenant).values()) for r in rows)])


def _safe(cell: Cell) -> str:
    if cell is None:
        return ""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell
