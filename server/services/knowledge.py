"""Knowledge-base use cases: ingest sources idempotently, search with the tenant's model."""

from __future__ import annotations

import uuid
from typing import Any

from server.domain import answerability
from server.domain.access import Principal, SecurityContext, is_staff
from server.domain.models import CitedQuestion, KbArticle, Role, SearchHit
from server.errors import Conflict, Forbidden, NotFound, ValidationFailed
from server.ids import TenantId, parse_uuid
from server.kb import chunking, site, uploads
from server.kb.base import Embedder
from server.services import ingestion
from server.services.ingestion import IngestSummary, Progress, SourceFile
from server.store import audit, kb, kb_search
from server.store.db import Database

MAX_QUERY_CHARS = 500
CANDIDATES = 20  # articles the second stage ranks and judges


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
        base_url: str | None = None,
        progress: Progress | None = None,
    ) -> IngestSummary:
        """Upsert each file as an article (skipping unchanged ones: no embedding work);
        `base_url` gives articles their public URLs; with `prune`, remove articles whose
        source file is gone. Runs as the operator (services/ingestion.py)."""
        return await ingestion.ingest(
            self._db,
            self._embedder,
            tenant_id,
            files,
            prune=prune,
            base_url=base_url,
            progress=progress,
        )

    # -- articles over HTTP --------------------------------------------------------------

    async def list_articles(
        self, principal: Principal, limit: int, text: str | None = None
    ) -> list[tuple[KbArticle, int]]:
        """By title, each with how many passages it is searched by; `text` narrows them to
        articles holding it in their title, source path, URL or body (staff)."""
        _require_staff(principal)
        wanted = text.strip() if text else None
        if wanted is not None and len(wanted) > MAX_QUERY_CHARS:
            raise ValidationFailed(f"q must be at most {MAX_QUERY_CHARS} characters")
        async with self._db.unit(principal.context()) as conn:
            found = await kb.list_articles(conn, principal.tenant_id, limit, wanted or None)
            counts = await kb.chunk_counts(conn, [a.id for a in found])
        return [(a, counts.get(a.id, 0)) for a in found]

    async def upload(
        self,
        principal: Principal,
        files: list[tuple[str, bytes]],
        *,
        max_bytes: int,
        base_url: str | None = None,
    ) -> IngestSummary:
        """Help-center files sent over HTTP, (name, bytes) each: articles, or .zip archives
        of them (kb/uploads.py), ingested exactly as `python -m kb_ingest` ingests a folder:
        same source paths, unchanged files skipped (admins; audited)."""
        _require_admin(principal)
        if not files:
            raise ValidationFailed("the upload holds no files")
        unpacked = uploads.unpack([uploads.Upload(name, data) for name, data in files], max_bytes)
        sources = [SourceFile(path, text) for path, text in unpacked.files]
        if not sources:
            raise ValidationFailed("the upload holds no articles (.md, .html, .txt)")
        site_url = site.base_url(base_url) if base_url else None
        summary = await self.ingest(principal.tenant_id, sources, base_url=site_url)
        await self._audit(
            principal,
            "kb.upload",
            None,
            {"articles": summary.articles, "skipped": summary.skipped, "files": len(sources)},
        )
        return summary

    async def reingest(self, principal: Principal) -> IngestSummary:
        """Re-chunk and re-embed every article of the tenant with this server's embedding
        model (after FLOWSUPPORT_EMBED_MODEL changed) (admins; audited)."""
        _require_admin(principal)
        summary = await ingestion.reembed(self._db, self._embedder, principal.tenant_id)
        details = {"articles": summary.articles, "model": self._embedder.model_id}
        await self._audit(principal, "kb.reingest", None, details)
        return summary

    async def questions(
        self, principal: Principal, article_id: str, limit: int
    ) -> list[CitedQuestion]:
        """Recent visitor questions that AI answers citing the article answered, newest
        first: what the article is really asked (admins)."""
        _require_admin(principal)
        article = await self.get_article(principal, article_id)
        async with self._db.unit(principal.context()) as conn:
            return await kb.cited_questions(conn, principal.tenant_id, article.id, limit)

    async def _audit(
        self,
        principal: Principal,
        action: str,
        article_id: uuid.UUID | None,
        details: dict[str, Any] | None = None,
    ) -> None:
        async with self._db.unit(principal.context()) as conn:
            await audit.record(
                conn,
                tenant_id=principal.tenant_id,
                actor_kind=principal.kind,
                actor_id=principal.id,
                action=action,
                target_kind="kb_article" if article_id else "kb",
                target_id=str(article_id) if article_id else None,
                details=details,
            )

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
                content_hash=chunking.content_hash(document, self._embedder.model_id, url),
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
        arms: tuple[str, ...] = kb_search.ARMS,
    ) -> list[SearchHit]:
        """The best passages for a query in their final order, one per article."""
        verdict = await self.judge(context, tenant_id, query, arms=arms)
        return [ranked.hit for ranked in verdict.ranked[:limit]]

    async def judge(
        self,
        context: SecurityContext,
        tenant_id: TenantId,
        question: str,
        *,
        arms: tuple[str, ...] = kb_search.ARMS,
        weights: answerability.Weights = answerability.CALIBRATED,
    ) -> answerability.Verdict:
        """Retrieve candidates, rank them and decide whether the best answers the question
        (domain/answerability.py has the rule)."""
        hits, stats = await self.retrieve(context, tenant_id, question, arms=arms)
        return answerability.judge(question, hits, stats, weights)

    async def retrieve(
        self,
        context: SecurityContext,
        tenant_id: TenantId,
        question: str,
        *,
        arms: tuple[str, ...] = kb_search.ARMS,
    ) -> tuple[list[SearchHit], answerability.TermStats]:
        """The first stage: candidate passages (one per article, in the fused order) and the
        statistics of the question's words, from one unit of work."""
        text = question.strip()
        if not 1 <= len(text) <= MAX_QUERY_CHARS:
            raise ValidationFailed(f"q must be 1 to {MAX_QUERY_CHARS} characters")
        query = answerability.normalise(text)
        [vector] = await self._embedder.embed([query])
        async with self._db.unit(context) as conn:
            foreign = await kb.other_model(conn, tenant_id, self._embedder.model_id)
            if foreign is not None:
                raise Conflict(
                    f"the knowledge base was indexed with {foreign} but this server "
                    f"embeds with {self._embedder.model_id}: re-index it with "
                    "`python -m kb_ingest PATH --tenant T` (or POST /v1/kb/reingest) "
                    "before searching"
                )
            hits = await kb_search.search(
                conn,
                tenant_id=tenant_id,
                model_id=self._embedder.model_id,
                dimensions=self._embedder.dimensions,
                query_vector=vector,
                query_text=query,
                limit=CANDIDATES,
                arms=arms,
            )
            stats = await kb_search.term_stats(
                conn, tenant_id, answerability.with_joined_compounds(query)
            )
        return hits, stats


def _require_staff(principal: Principal) -> None:
    if not is_staff(principal):
        raise Forbidden("the knowledge base is for agents and bots")


def _require_admin(principal: Principal) -> None:
    if principal.role not in (Role.ADMIN, Role.SUPER_ADMIN):
        raise Forbidden("only admins edit the knowledge base")
