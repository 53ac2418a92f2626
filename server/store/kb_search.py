"""Hybrid search over the knowledge base, inside PostgreSQL, and the term statistics the
second-stage ranking weighs words by.

Search fuses three rankings by reciprocal rank: pgvector HNSW cosine distance for meaning,
full-text search for stemmed words, and pg_trgm word similarity for exact tokens (product
names, error codes), in one statement. The tenant filter is inside each ranking, and HNSW
iterative scans keep going until a small tenant has its k best chunks. Each hit carries the
English stems of its passage and title, so the caller can rerank and judge it without
another round trip.
"""

from __future__ import annotations

import re

from server.domain.answerability import TermStats
from server.domain.models import SearchHit
from server.ids import TenantId
from server.store.db import Connection
from server.store.kb import vector_literal

# Reciprocal-rank constants per ranking, calibrated on an earlier question set: with the
# usual k=60 everywhere, a chunk that merely shares words with a question outranked the one
# that answers it (recall@1 0.58 against 0.76 for meaning alone). A small k for the semantic
# ranking keeps its order; the word rankings (k=60) add what meaning missed, such as exact
# product names and error codes, and break near-ties. The second stage reranks after them.
RRF_K = 60
SEMANTIC_K = 2


ARMS = ("semantic", "lexical", "trigram")


def _search_sql(model_id: str, dimensions: int, arms: tuple[str, ...]) -> str:
    # The model and its dimension are literals so the per-model partial HNSW index applies;
    # both come from the embedder, never from a request.
    model = "'" + model_id.replace("'", "''") + "'"
    cast = f"vector({int(dimensions)})"
    selected = "\n        UNION ALL ".join(
        f"SELECT '{arm}' AS arm, id, rank FROM {arm}" for arm in ARMS if arm in arms
    )
    return f"""
    WITH semantic AS (
        SELECT id, 1 - (embedding::{cast} <=> $2::{cast}) AS similarity,
               row_number() OVER (ORDER BY embedding::{cast} <=> $2::{cast}) AS rank
        FROM (
            SELECT id, embedding FROM kb_chunks
            WHERE tenant_id = $1 AND model_id = {model}
            ORDER BY embedding::{cast} <=> $2::{cast}
            LIMIT $4
        ) nearest
    ),
    lexical AS (
        SELECT id, row_number() OVER (ORDER BY ts_rank_cd(search_text, query) DESC) AS rank
        FROM kb_chunks, websearch_to_tsquery('english', $3) query
        WHERE tenant_id = $1 AND model_id = {model} AND search_text @@ query
        ORDER BY ts_rank_cd(search_text, query) DESC
        LIMIT $4
    ),
    trigram AS (
        -- Exact tokens (codes, product names); skipped when the question has none, since
        -- matching whole sentences by trigrams is slow and vague. word_similarity reads the
        -- whole chunk (about 0.08 ms each) and a product's own name is in half its chunks
        -- (bench/search_scale.py: 50 ms), so it scores at most $4 matches: those holding
        -- the token as a whole word first, which are the ones it would score 1.
        SELECT id, row_number() OVER (ORDER BY word_similarity($6, content) DESC) AS rank
        FROM (
            SELECT id, content FROM kb_chunks
            WHERE $6::text IS NOT NULL AND tenant_id = $1 AND model_id = {model}
              AND content ILIKE '%' || $6::text || '%'
            ORDER BY content ~* $7::text DESC
            LIMIT $4
        ) matches
        ORDER BY word_similarity($6, content) DESC
        LIMIT $4
    ),
    -- Only the rankings asked for run (the benchmarks time one alone).
    candidates AS (
        {selected}
    ),
    -- Fusion is per article (the unit an answer cites): each ranking ranks articles by
    -- their best chunk, then reciprocal ranks are summed with the arm's weight.
    article_ranks AS (
        SELECT arm, article_id,
               row_number() OVER (PARTITION BY arm ORDER BY best) AS rank
        FROM (
            SELECT x.arm, c.article_id, min(x.rank) AS best
            FROM candidates x JOIN kb_chunks c ON c.id = x.id
            GROUP BY x.arm, c.article_id
        ) best_per_article
    ),
    fused AS (
        SELECT article_id,
               sum(1.0 / (CASE arm WHEN 'semantic' THEN {SEMANTIC_K} ELSE {RRF_K} END + rank))
                   AS score
        FROM article_ranks GROUP BY article_id
    ),
    -- The passage shown and cited for an article: its chunk closest in meaning.
    passage AS (
        SELECT DISTINCT ON (c.article_id) c.article_id, c.id, c.heading_path, c.content,
               c.search_text, coalesce(s.similarity, 0) AS similarity
        FROM candidates x
        JOIN kb_chunks c ON c.id = x.id
        LEFT JOIN semantic s ON s.id = x.id
        ORDER BY c.article_id, s.similarity DESC NULLS LAST, x.rank
    )
    SELECT f.article_id, a.title, a.source_path, a.url, p.heading_path, p.content,
           f.score, p.similarity, tsvector_to_array(p.search_text) AS lexemes,
           tsvector_to_array(to_tsvector('english', a.title || ' ' || p.heading_path))
               AS title_lexemes
    FROM fused f
    JOIN kb_articles a ON a.id = f.article_id
    JOIN passage p ON p.article_id = f.article_id
    ORDER BY f.score DESC
    LIMIT $5
    """


_TOKEN = re.compile(r"[\w.-]*(?:\d[\w.-]*[A-Za-z]|[A-Za-z][\w.-]*\d|[a-z][A-Z]|[A-Z]{2,})[\w.-]*")


def exact_token(query: str) -> str | None:
    """The longest identifier-like word of a query (an error code, a product name such as
    GA4 or WooCommerce), escaped for ILIKE; None when it has none."""
    tokens: list[str] = [t.strip(".-") for t in _TOKEN.findall(query) if len(t.strip(".-")) >= 3]
    if not tokens:
        return None
    token = max(tokens, key=len)
    return token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def whole_word(token: str) -> str:
    """A regular expression (PostgreSQL's, case-insensitive with ~*) for `token`, as
    exact_token escapes it, standing as a whole word: between characters that are not
    letters or digits, the word boundaries pg_trgm's word_similarity sees."""
    raw = re.sub(r"\\(.)", r"\1", token)
    return "(^|[^[:alnum:]])" + re.sub(r"(\W)", r"\\\1", raw) + "($|[^[:alnum:]])"


async def search(
    conn: Connection,
    *,
    tenant_id: TenantId,
    model_id: str,
    dimensions: int,
    query_vector: list[float],
    query_text: str,
    limit: int,
    candidates: int = 40,
    arms: tuple[str, ...] = ARMS,
) -> list[SearchHit]:
    """The best chunks for a query, fused; call inside a unit of work (RLS applies).

    `arms` picks rankings to fuse (all by default; the benchmark compares them one by one).
    """
    if not arms or not set(arms) <= set(ARMS):
        raise ValueError(f"arms must be a non-empty subset of {ARMS}")
    await conn.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
    await conn.execute("SET LOCAL hnsw.ef_search = 100")
    token = exact_token(query_text)
    rows = await conn.fetch(
        _search_sql(model_id, dimensions, arms),
        tenant_id,
        vector_literal(query_vector),
        query_text,
        candidates,
        limit,
        token,
        None if token is None else whole_word(token),
    )
    return [
        SearchHit(
            article_id=r["article_id"],
            title=r["title"],
            source_path=r["source_path"],
            url=r["url"],
            heading_path=r["heading_path"],
            content=r["content"],
            score=float(r["score"]),
            similarity=float(r["similarity"]),
            lexemes=frozenset(r["lexemes"]),
            title_lexemes=frozenset(r["title_lexemes"]),
        )
        for r in rows
    ]


async def term_stats(conn: Connection, tenant_id: TenantId, text: str) -> TermStats:
    """How many of the tenant's chunks hold each English stem of `text`, out of how many:
    what makes a rare word ("renewal") weigh more than a common one ("account")."""
    rows = await conn.fetch(
        """
        WITH asked AS (
            SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('english', $2))) AS lexeme
        )
        SELECT a.lexeme, count(c.id) AS chunks
        FROM asked a
        LEFT JOIN kb_chunks c
               ON c.tenant_id = $1 AND c.search_text @@ quote_literal(a.lexeme)::tsquery
        GROUP BY a.lexeme
        """,
        tenant_id,
        text,
    )
    total = await conn.fetchval("SELECT count(*) FROM kb_chunks WHERE tenant_id = $1", tenant_id)
    return TermStats(int(total), {r["lexeme"]: int(r["chunks"]) for r in rows})
