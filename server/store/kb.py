"""Knowledge-base rows: articles and their chunks with embeddings (the search over them is
store/kb_search.py)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from server.domain.models import Chunk, CitedQuestion, KbArticle, StoredArticle
from server.ids import ConversationId, TenantId
from server.store.db import Connection


def vector_literal(vector: list[float]) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


ARTICLE_COLUMNS = "id, title, body, source_path, url, tags, updated_at"


def _article(row: Any) -> KbArticle:
    return KbArticle(
        row["id"],
        row["title"],
        row["body"],
        row["source_path"],
        row["url"],
        tuple(row["tags"]),
        row["updated_at"],
    )


async def get_article(conn: Connection, article_id: uuid.UUID) -> KbArticle | None:
    row = await conn.fetchrow(
        f"SELECT {ARTICLE_COLUMNS} FROM kb_articles WHERE id = $1", article_id
    )
    return _article(row) if row else None


async def list_articles(
    conn: Connection, tenant_id: TenantId, limit: int, text: str | None = None
) -> list[KbArticle]:
    """By title; with `text`, only articles holding it (any letter case) in their title,
    source path, URL or body."""
    pattern = None if text is None else "%" + _like_escaped(text) + "%"
    rows = await conn.fetch(
        f"SELECT {ARTICLE_COLUMNS} FROM kb_articles WHERE tenant_id = $1 "
        "AND ($3::text IS NULL OR title ILIKE $3 OR source_path ILIKE $3 OR url ILIKE $3 "
        "     OR body ILIKE $3) "
        "ORDER BY lower(title), id LIMIT $2",
        tenant_id,
        limit,
        pattern,
    )
    return [_article(r) for r in rows]


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def chunk_counts(conn: Connection, article_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """How many passages each article is searched by (articles without any: absent)."""
    rows = await conn.fetch(
        "SELECT article_id, count(*) AS n FROM kb_chunks WHERE article_id = ANY($1::uuid[]) "
        "GROUP BY article_id",
        article_ids,
    )
    return {r["article_id"]: int(r["n"]) for r in rows}


async def with_metadata(
    conn: Connection, tenant_id: TenantId
) -> list[tuple[KbArticle, dict[str, Any]]]:
    """Every article of the tenant with its metadata: what re-embedding rewrites."""
    rows = await conn.fetch(
        f"SELECT {ARTICLE_COLUMNS}, metadata FROM kb_articles WHERE tenant_id = $1 ORDER BY id",
        tenant_id,
    )
    return [(_article(r), json.loads(r["metadata"])) for r in rows]


async def cited_questions(
    conn: Connection, tenant_id: TenantId, article_id: uuid.UUID, limit: int
) -> list[CitedQuestion]:
    """The visitor messages that AI answers citing the article answered (each answer's
    latest visitor message before it, as services/answers.py answers), newest first."""
    rows = await conn.fetch(
        """
        SELECT a.conversation_id, q.body, q.created_at
        FROM messages a
        CROSS JOIN LATERAL (
            SELECT v.body, v.created_at FROM messages v
            WHERE v.conversation_id = a.conversation_id AND v.sender_kind = 'visitor'
              AND v.seq < a.seq
            ORDER BY v.seq DESC LIMIT 1) q
        WHERE a.tenant_id = $1 AND a.sender_kind = 'ai'
          AND a.citations @> jsonb_build_array(jsonb_build_object('article_id', $2::text))
        ORDER BY a.created_at DESC, a.id
        LIMIT $3
        """,
        tenant_id,
        str(article_id),
        limit,
    )
    return [
        CitedQuestion(ConversationId(r["conversation_id"]), r["body"], r["created_at"])
        for r in rows
    ]


async def stored_sources(conn: Connection, tenant_id: TenantId) -> dict[str, StoredArticle]:
    """Every article of the tenant that came from a file, by source path (one query: what
    an ingestion compares its files with)."""
    rows = await conn.fetch(
        "SELECT id, title, source_path, url, content_hash FROM kb_articles "
        "WHERE tenant_id = $1 AND source_path IS NOT NULL",
        tenant_id,
    )
    return {r["source_path"]: StoredArticle(**dict(r)) for r in rows}


async def stored_vectors(
    conn: Connection, article_ids: list[uuid.UUID], model_id: str
) -> list[tuple[str, Chunk, list[float]]]:
    """(article title, chunk, vector) of the chunks these articles hold, embedded with
    `model_id`: an ingestion reuses the vector of a chunk whose embedded text is unchanged."""
    rows = await conn.fetch(
        """
        SELECT a.title, c.ordinal, c.heading_path, c.content, c.embedding::text AS embedding
        FROM kb_chunks c JOIN kb_articles a ON a.id = c.article_id
        WHERE c.article_id = ANY($1::uuid[]) AND c.model_id = $2
        """,
        article_ids,
        model_id,
    )
    return [
        (
            r["title"],
            Chunk(r["ordinal"], r["heading_path"], r["content"]),
            [float(x) for x in r["embedding"][1:-1].split(",")],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class ArticleWrite:
    """An article and all its chunks, to insert (no id) or to replace."""

    article_id: uuid.UUID | None
    title: str
    body: str
    source_path: str | None
    url: str | None
    tags: list[str]
    metadata: dict[str, Any]
    content_hash: str
    chunks: list[Chunk]
    vectors: list[list[float]]


async def save_articles(
    conn: Connection, *, tenant_id: TenantId, model_id: str, articles: list[ArticleWrite]
) -> list[uuid.UUID]:
    """Insert or replace articles and all their chunks, in four statements however many
    there are (callers run it in one transaction); their ids, in order."""
    ids = [a.article_id or uuid.uuid4() for a in articles]
    fresh = [(i, a) for i, a in zip(ids, articles, strict=True) if a.article_id is None]
    replaced = [(i, a) for i, a in zip(ids, articles, strict=True) if a.article_id is not None]
    if fresh:
        await conn.executemany(
            """
            INSERT INTO kb_articles (id, tenant_id, title, body, source_path, url, tags,
                                     metadata, content_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
            """,
            [
                (
                    i,
                    tenant_id,
                    a.title,
                    a.body,
                    a.source_path,
                    a.url,
                    a.tags,
                    json.dumps(a.metadata),
                    a.content_hash,
                )
                for i, a in fresh
            ],
        )
    if replaced:
        await conn.executemany(
            """
            UPDATE kb_articles SET title = $2, body = $3, url = $4, tags = $5,
                   metadata = $6::jsonb, content_hash = $7, updated_at = now()
            WHERE id = $1
            """,
            [
                (i, a.title, a.body, a.url, a.tags, json.dumps(a.metadata), a.content_hash)
                for i, a in replaced
            ],
        )
        await conn.execute(
            "DELETE FROM kb_chunks WHERE article_id = ANY($1::uuid[])", [i for i, _ in replaced]
        )
    rows = [
        (tenant_id, i, c.ordinal, c.heading_path, c.text, model_id, vector_literal(v))
        for i, a in zip(ids, articles, strict=True)
        for c, v in zip(a.chunks, a.vectors, strict=True)
    ]
    if rows:
        await conn.executemany(
            """
            INSERT INTO kb_chunks (tenant_id, article_id, ordinal, heading_path, content,
                                   model_id, embedding)
            VALUES ($1, $2, $3, $4, $5, $6, $7::vector)
            """,
            rows,
        )
    return ids


async def save_article(
    conn: Connection,
    *,
    tenant_id: TenantId,
    article_id: uuid.UUID | None,
    title: str,
    body: str,
    source_path: str | None,
    url: str | None,
    tags: list[str],
    metadata: dict[str, Any],
    content_hash: str,
    model_id: str,
    chunks: list[Chunk],
    vectors: list[list[float]],
) -> uuid.UUID:
    """Insert or replace one article and all its chunks (callers run it in one transaction)."""
    write = ArticleWrite(
        article_id, title, body, source_path, url, tags, metadata, content_hash, chunks, vectors
    )
    [saved] = await save_articles(conn, tenant_id=tenant_id, model_id=model_id, articles=[write])
    return saved


async def delete_articles(conn: Connection, article_ids: list[uuid.UUID]) -> int:
    status = await conn.execute("DELETE FROM kb_articles WHERE id = ANY($1::uuid[])", article_ids)
    return int(status.split()[-1])


async def other_model(conn: Connection, tenant_id: TenantId, model_id: str) -> str | None:
    """A model other than `model_id` that this tenant's chunks were embedded with, if any
    (one index probe: it runs before every search)."""
    value = await conn.fetchval(
        "SELECT model_id FROM kb_chunks WHERE tenant_id = $1 AND model_id <> $2 LIMIT 1",
        tenant_id,
        model_id,
    )
    return None if value is None else str(value)
