"""Ingesting help-center files into the knowledge base, idempotently and in bulk.

Where the time goes (bench/ingest.py): embedding is nearly all of it, so the database work
is batched out of its way. One query reads every stored article's content hash; unchanged
files are skipped before any embedding. Changed articles are written in groups of about
WRITE_BATCH chunks, each group one transaction of four statements (insert the new
articles, update the changed ones, delete their old chunks, insert all chunks), while the
next group embeds in the embedder's threads. A chunk whose embedded text did not change
(only a link target moved, or the base URL) keeps its stored vector: no embedding work.
"""

from __future__ import annotations

import asyncio
import posixpath
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from server.domain.access import SecurityContext
from server.domain.models import Chunk
from server.ids import TenantId
from server.kb import chunking
from server.kb.base import Embedder
from server.kb.site import Site
from server.store import kb
from server.store.db import Database

WRITE_BATCH = 128  # chunks per transaction: progress moves, writes overlap embedding


@dataclass(frozen=True)
class SourceFile:
    source_path: str  # relative to the folder it was found under
    text: str


@dataclass
class IngestSummary:
    articles: int = 0  # written: new or changed
    chunks: int = 0  # written
    skipped: int = 0  # unchanged since the last run
    removed: int = 0  # pruned
    seconds: float = 0.0
    updated: int = 0  # of `articles`, those that existed before
    embedded: int = 0  # texts embedded (the other chunks kept their stored vectors)


@dataclass(frozen=True)
class IngestProgress:
    articles: int  # written so far
    total_articles: int  # to write in this run
    chunks: int
    total_chunks: int
    seconds: float  # since the ingestion started


Progress = Callable[[IngestProgress], None]


@dataclass(frozen=True)
class _Pending:
    source_path: str | None
    document: chunking.Document
    url: str | None
    digest: str
    article_id: uuid.UUID | None
    chunks: list[Chunk]
    tags: list[str]
    metadata: dict[str, str]


async def ingest(
    db: Database,
    embedder: Embedder,
    tenant_id: TenantId,
    files: list[SourceFile],
    *,
    prune: bool = False,
    base_url: str | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Upsert each file as an article (unchanged ones skipped: no embedding work); with
    `base_url`, each article gets its public URL and links between articles become
    absolute; with `prune`, articles whose file is gone are removed. Runs as the operator."""
    started = time.monotonic()
    context = SecurityContext.operator(tenant_id)
    site = site_of(base_url, files) if base_url is not None else None
    summary = IngestSummary()
    async with db.unit(context) as conn:
        stored = await kb.stored_sources(conn, tenant_id)
    pending: list[_Pending] = []
    for source in files:
        document, url = parse_file(source, site)
        digest = chunking.content_hash(document, embedder.model_id, url)
        existing = stored.get(source.source_path)
        if existing is not None and existing.content_hash == digest:
            summary.skipped += 1
            continue
        article_id = existing.id if existing is not None else None
        chunks = chunking.chunk(document)
        tags = [str(t) for t in document.metadata.get("tags") or []]
        metadata = {k: str(v) for k, v in document.metadata.items()}
        pending.append(
            _Pending(source.source_path, document, url, digest, article_id, chunks, tags, metadata)
        )
    if pending:
        await _write_all(db, embedder, tenant_id, pending, summary, started, progress)
    if prune:
        seen = {f.source_path for f in files}
        gone = [a.id for path, a in stored.items() if path not in seen]
        if gone:
            async with db.unit(context) as conn:
                summary.removed = await kb.delete_articles(conn, gone)
    summary.seconds = round(time.monotonic() - started, 3)
    return summary


async def reembed(
    db: Database, embedder: Embedder, tenant_id: TenantId, progress: Progress | None = None
) -> IngestSummary:
    """Chunk and embed every article of the tenant again from its stored text, with this
    server's embedder (after FLOWSUPPORT_EMBED_MODEL changed: the index is one model again).
    Titles, URLs, tags and metadata stay; a chunk already embedded with this model keeps
    its vector. Runs as the operator, like `ingest`."""
    started = time.monotonic()
    async with db.unit(SecurityContext.operator(tenant_id)) as conn:
        stored = await kb.with_metadata(conn, tenant_id)
    pending = []
    for article, metadata in stored:
        document = chunking.Document(article.title, article.body)
        pending.append(
            _Pending(
                article.source_path,
                document,
                article.url,
                chunking.content_hash(document, embedder.model_id, article.url),
                article.id,
                chunking.chunk(document),
                list(article.tags),
                {str(k): str(v) for k, v in metadata.items()},
            )
        )
    summary = IngestSummary()
    if pending:
        await _write_all(db, embedder, tenant_id, pending, summary, started, progress)
    summary.seconds = round(time.monotonic() - started, 3)
    return summary


def site_of(base_url: str, files: list[SourceFile]) -> Site:
    """The site these files are published as under `base_url` (their slugs read)."""
    slugs: dict[str, str | None] = {}
    for source in files:
        slug = None
        if _suffix(source.source_path) in chunking.MARKDOWN_SUFFIXES:
            slug = chunking.front_matter(source.text)[0].get("slug")
        slugs[source.source_path] = None if slug is None else str(slug)
    return Site(base_url, slugs)


def _suffix(source_path: str) -> str:
    return posixpath.splitext(source_path)[1].lower()


def parse_file(source: SourceFile, site: Site | None) -> tuple[chunking.Document, str | None]:
    """The file's document and its public URL (front-matter `url`, else from the site)."""
    path = source.source_path
    fallback = posixpath.splitext(posixpath.basename(path))[0]
    links = chunking.absolute_only if site is None else site.links_of(path)
    document = chunking.parse(source.text, _suffix(path), fallback, links)
    given = document.metadata.get("url")
    url = str(given) if given else (site.url_of(path) if site is not None else None)
    return document, url


async def _write_all(
    db: Database,
    embedder: Embedder,
    tenant_id: TenantId,
    pending: list[_Pending],
    summary: IngestSummary,
    started: float,
    progress: Progress | None,
) -> None:
    """Embed and write `pending` group by group, each group's write overlapping the next
    group's embedding."""
    context = SecurityContext.operator(tenant_id)
    model_id = embedder.model_id
    known: dict[str, list[float]] = {}  # embedding input -> vector
    replaced = [p.article_id for p in pending if p.article_id is not None]
    if replaced:
        async with db.unit(context) as conn:
            for title, stored_chunk, vector in await kb.stored_vectors(conn, replaced, model_id):
                known[stored_chunk.embedding_input(title)] = vector
    total_chunks = sum(len(p.chunks) for p in pending)
    done = [0, 0]  # articles, chunks written

    async def write(group: list[_Pending], inputs: list[list[str]]) -> None:
        articles = [
            kb.ArticleWrite(
                article_id=item.article_id,
                title=item.document.title[:500],
                body=item.document.body,
                source_path=item.source_path,
                url=item.url,
                tags=item.tags,
                metadata=item.metadata,
                content_hash=item.digest,
                chunks=item.chunks,
                vectors=[known[text] for text in texts],
            )
            for item, texts in zip(group, inputs, strict=True)
        ]
        async with db.unit(context) as conn:
            await kb.save_articles(conn, tenant_id=tenant_id, model_id=model_id, articles=articles)
        done[0] += len(group)
        done[1] += sum(len(item.chunks) for item in group)
        if progress is not None:
            elapsed = time.monotonic() - started
            progress(IngestProgress(done[0], len(pending), done[1], total_chunks, elapsed))

    if progress is not None:
        progress(IngestProgress(0, len(pending), 0, total_chunks, time.monotonic() - started))
    try:
        # The group's scope owns the write in flight: if embedding fails mid-way, that write
        # is cancelled and waited for before the failure goes on up.
        async with asyncio.TaskGroup() as writes:
            writing: asyncio.Task[None] | None = None
            for group in _groups(pending, WRITE_BATCH):
                inputs = [
                    [c.embedding_input(item.document.title) for c in item.chunks] for item in group
                ]
                missing = list(
                    dict.fromkeys(t for texts in inputs for t in texts if t not in known)
                )
                if missing:
                    known.update(zip(missing, await embedder.embed(missing), strict=True))
                    summary.embedded += len(missing)
                if writing is not None:
                    await writing
                writing = writes.create_task(write(group, inputs))
    except ExceptionGroup as failed:
        raise failed.exceptions[0] from None  # callers see the error itself (one at a time)
    summary.articles = len(pending)
    summary.updated = len(replaced)
    summary.chunks = total_chunks


def _groups(pending: list[_Pending], size: int) -> list[list[_Pending]]:
    """Consecutive articles in groups of at least `size` chunks (the last may be smaller)."""
    groups: list[list[_Pending]] = [[]]
    count = 0
    for item in pending:
        if count >= size:
            groups.append([])
            count = 0
        groups[-1].append(item)
        count += len(item.chunks)
    return groups
