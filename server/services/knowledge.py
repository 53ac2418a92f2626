"""Knowledge-base use cases: ingest sources idempotently, search with the tenant's model."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from server.domain import relevance
from server.domain.access import Principal, SecurityContext, is_staff
from server.domain.models import Chunk, KbArticle, Role, SearchHit
from server.errors import Conflict, Forbidden, NotFound, ValidationFailed
from server.ids import TenantId, parse_uuid
from server.kb import chunking
from server.kb.base import Embedder
from server.store import audit, kb
from server.store.db import Database

MAX_QUERY_CHARS = 500


@dataclass(frozen=True)
class SourceFile:
    source_path: str  # relative to the folder it was found under
    text: str


@dataclass
class IngestSummary:
    articles: int = 0
    chunks: int = 0
    skipped: int = 0
    removed: int = 0
    seconds: float = 0.0


Progress = Callable[[int, int, str], None]  # (chunks embedded, chunks to embed, label)
EMBED_SLICE = 128


@dataclass(frozen=True)
class _Pending:
    source: SourceFile
    document: chunking.Document
    digest: str
    article_id: uuid.UUID | None
    chunks: list[Chunk]


class KnowledgeBase:
    def __init__(self, db: Database, embedder: Embedder) -> None:
        self._db = db
        self._embedder = embedder

    async def ingest(
        self,
        tenant_id: TenantId,
        files: list[SourceFile],
        *,
        prune: bool = False,
        progress: Progress | None = None,
    ) -> IngestSummary:
        """Upsert each file as an article (skipping unchanged ones: no embedding work);
        with `prune`, remove articles whose source file is gone. Runs as the operator."""
        started = time.monotonic()
        context = SecurityContext.operator(tenant_id)
        summary = IngestSummary()
        pending: list[_Pending] = []
        for source in files:
            suffix = (
                "." + source.source_path.rsplit(".", 1)[-1] if "." in source.source_path else ""
            )
            fallback = source.source_path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            document = chunking.parse(source.text, suffix, fallback)
            digest = chunking.content_hash(document, self._embedder.model_id)
            async with self._db.unit(context) as conn:
                existing = await kb.article_by_source(conn, tenant_id, source.source_path)
            if existing is not None and existing.content_hash == digest:
                summary.skipped += 1
                continue
            pending.append(
                _Pending(
                    source,
                    document,
                    digest,
                    existing.id if existing else None,
                    chunking.chunk(document),
                )
            )
        # Changed chunks of all files embed together (the embedder batches them by length),
        # in slices so a progress bar moves.
        texts = [c.embedding_input(p.document.title) for p in pending for c in p.chunks]
        vectors: list[list[float]] = []
        for start in range(0, len(texts), EMBED_SLICE):
            vectors += await self._embedder.embed(texts[start : start + EMBED_SLICE])
            if progress is not None:
                progress(len(vectors), len(texts), "embedding chunks")
        offset = 0
        for item in pending:
            document = item.document
            async with self._db.unit(context) as conn:
                await kb.save_article(
                    conn,
                    tenant_id=tenant_id,
                    article_id=item.article_id,
                    title=document.title[:500],
                    body=document.body,
                    source_path=item.source.source_path,
                    url=_string(document.metadata.get("url")),
                    tags=[str(t) for t in document.metadata.get("tags") or []],
                    metadata={k: str(v) for k, v in document.metadata.items()},
                    content_hash=item.digest,
                    model_id=self._embedder.model_id,
                    chunks=item.chunks,
                    vectors=vectors[offset : offset + len(item.chunks)],
                )
            offset += len(item.chunks)
            summary.articles += 1
            summary.chunks += len(item.chunks)
        if prune:
            seen = {f.source_path for f in files}
            async with self._db.unit(context) as conn:
                known = await kb.sources(conn, tenant_id)
                gone = [article_id for path, article_id in known.items() if path not in seen]
                summary.removed = await kb.delete_articles(conn, gone) if gone else 0
        summary.seconds = round(time.monotonic() - started, 3)
        return summary

    # -- articles over HTTP --------------------------------------------------------------

    async def list_articles(self, principal: Principal, limit: int) -> list[KbArticle]:
        _require_staff(principal)
        async with self._db.unit(principal.context()) as conn:
            return await kb.list_articles(conn, principal.tenant_id, limit)

    async def get_article(self, principal: Principal, article_id: str) -> KbArticle:
        _require_staff(principal)
        async with self._db.unit(principal.context()) as conn:
            found = await kb.get_article(conn, parse_uuid(article_id, "article"))
        if found is None:
            raise NotFound("article not found")
        return found

    async def save_article(
        self,
        principal: Principal,
        article_id: str | None,
        *,
        title: str,
        body: str,
        url: str | None,
        tags: list[str],
    ) -> KbArticle:
        """Create (no id) or replace an article written by hand; it is chunked and embedded
        like an ingested one. Admins only; another tenant's id is not found."""
        _require_admin(principal)
        existing = await self.get_article(principal, article_id) if article_id else None
        document = chunking.Document(title.strip(), chunking.clean_markdown(body))
        pieces = chunking.chunk(document)
        vectors = await self._embedder.embed([p.embedding_input(document.title) for p in pieces])
        async with self._db.unit(principal.context()) as conn:
            saved_id = await kb.save_article(
                conn,
                tenant_id=principal.tenant_id,
                article_id=existing.id if existing else None,
                title=document.title,
                body=document.body,
                source_path=existing.source_path if existing else None,
                url=url,
                tags=sorted(set(tags)),
                metadata={},
                content_hash=chunking.content_hash(document, self._embedder.model_id),
                model_id=self._embedder.model_id,
                chunks=pieces,
                vectors=vectors,
            )
            await audit.record(
                conn,
                tenant_id=principal.tenant_id,
                actor_kind=principal.kind,
                actor_id=principal.id,
                action="kb.article.update" if existing else "kb.article.create",
                target_kind="kb_article",
                target_id=str(saved_id),
            )
            saved = await kb.get_article(conn, saved_id)
        assert saved is not None
        return saved

    async def delete_article(self, principal: Principal, article_id: str) -> None:
        _require_admin(principal)
        target = parse_uuid(article_id, "article")
        async with self._db.unit(principal.context()) as conn:
            if not await kb.delete_articles(conn, [target]):
                raise NotFound("article not found")
            await audit.record(
                conn,
                tenant_id=principal.tenant_id,
                actor_kind=principal.kind,
                actor_id=principal.id,
                action="kb.article.delete",
                target_kind="kb_article",
                target_id=str(target),
            )

    async def search(self, principal: Principal, query: str, limit: int = 5) -> list[SearchHit]:
        """Best chunks first; at most one hit per article."""
        _require_staff(principal)
        return await self.search_as(principal.context(), principal.tenant_id, query, limit)

    async def search_as(
        self,
        context: SecurityContext,
        tenant_id: TenantId,
        query: str,
        limit: int,
        arms: tuple[str, ...] = kb.ARMS,
    ) -> list[SearchHit]:
        text = query.strip()
        if not 1 <= len(text) <= MAX_QUERY_CHARS:
            raise ValidationFailed(f"q must be 1 to {MAX_QUERY_CHARS} characters")
        [vector] = await self._embedder.embed([text])
        async with self._db.unit(context) as conn:
            foreign = await kb.other_model(conn, tenant_id, self._embedder.model_id)
            if foreign is not None:
                raise Conflict(
                    f"the knowledge base was indexed with {foreign} but this server "
                    f"embeds with {self._embedder.model_id}: re-index it with "
                    "`python -m kb_ingest PATH --tenant T` before searching"
                )
            hits = await kb.search(
                conn,
                tenant_id=tenant_id,
                model_id=self._embedder.model_id,
                dimensions=self._embedder.dimensions,
                query_vector=vector,
                query_text=text,
                limit=limit * 4,
                arms=arms,
            )
        best: dict[uuid.UUID, SearchHit] = {}
        for hit in hits:
            best.setdefault(hit.article_id, hit)
        return list(best.values())[:limit]

    async def relevance(
        self,
        context: SecurityContext,
        tenant_id: TenantId,
        question: str,
        hits: list[SearchHit],
        threshold: float = relevance.RELEVANCE_THRESHOLD,
    ) -> relevance.Relevance:
        """Whether these hits can answer the question (domain.relevance has the rule)."""
        best = max((hit.similarity for hit in hits), default=0.0)
        names = relevance.named_terms(question) if best >= threshold else []
        unknown: list[str] = []
        if names:
            async with self._db.unit(context) as conn:
                unknown = await kb.unknown_terms(conn, tenant_id, names)
        return relevance.judge(best, unknown, threshold)


def _string(value: object) -> str | None:
    return str(value) if value else None


def _require_staff(principal: Principal) -> None:
    if not is_staff(principal):
        raise Forbidden("the knowledge base is for agents and bots")


def _require_admin(principal: Principal) -> None:
    if principal.role not in (Role.ADMIN, Role.SUPER_ADMIN):
        raise Forbidden("only admins edit the knowledge base")
