"""Knowledge-base ingestion speed against the bundled embedder's own batch throughput.

    .venv/bin/python bench/ingest.py            # the whole Plausible help center
    .venv/bin/python bench/ingest.py --smoke    # about 10 articles, run by .ci/run

In one process, on the corpus's own chunk texts: the bundled embedder alone (chunks/s,
embedding only: the ceiling); a full `KnowledgeBase.ingest` into a fresh embedded
PostgreSQL (parse, chunk, embed, write, with --base-url); the ratio of the two; a re-ingest
of the unchanged corpus (no embedding work); and the database's share on its own: the
same ingest into another tenant with every vector already computed. Figures only, no
assertions: the ratio is the comparable figure, since other work on the machine moves both.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.embedded_db import bench_database
from kb_ingest.__main__ import collect
from kb_ingest.samples import PLAUSIBLE_BASE_URL, PLAUSIBLE_DOCS
from server.kb import chunking
from server.kb.embedders import LocalEmbedder
from server.services.admin import AdminService
from server.services.ingestion import IngestSummary, SourceFile, parse_file, site_of
from server.services.knowledge import KnowledgeBase

SMOKE_ARTICLES = 10


class TimedEmbedder(LocalEmbedder):
    """The bundled embedder, counting the wall time spent inside embed()."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds = 0.0

    async def embed(self, texts: list[str]) -> list[list[float]]:
        started = time.perf_counter()
        try:
            return await super().embed(texts)
        finally:
            self.seconds += time.perf_counter() - started


class ReplayEmbedder:
    """Vectors computed beforehand, handed back at once: ingestion without the model."""

    def __init__(self, model_id: str, dimensions: int, vectors: dict[str, list[float]]) -> None:
        self._model_id = model_id
        self._dimensions = dimensions
        self._vectors = vectors

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dimensions(self) -> int:
        return self._dimensions

    async def embed(self, texts: list[str]) -> list[list[float]]:
        return [self._vectors[t] for t in texts]


def chunk_texts(files: list[SourceFile]) -> list[str]:
    """What ingestion embeds for these files (with the demo's base URL, as ingested)."""
    site = site_of(PLAUSIBLE_BASE_URL, files)
    texts: list[str] = []
    for source in files:
        document, _ = parse_file(source, site)
        texts += [c.embedding_input(document.title) for c in chunking.chunk(document)]
    return texts


def rate(chunks: int, seconds: float) -> str:
    return f"{chunks / seconds:7.1f} chunks/s" if seconds > 0 else "      - chunks/s"


def line(label: str, summary: IngestSummary) -> None:
    print(
        f"{label:34} {summary.articles:4} articles {summary.chunks:5} chunks "
        f"{summary.seconds:7.2f} s  {rate(summary.chunks, summary.seconds)}"
    )


async def run(smoke: bool) -> None:
    files = collect([PLAUSIBLE_DOCS])
    if smoke:
        files = files[:SMOKE_ARTICLES]
    texts = chunk_texts(files)
    embedder = TimedEmbedder()
    embedder.embed_now(texts[:8])  # load the model and warm it up, outside every figure
    print(f"corpus: {len(files)} articles, {len(texts)} chunks ({PLAUSIBLE_DOCS})")

    started = time.perf_counter()
    vectors = embedder.embed_now(texts)
    raw_seconds = time.perf_counter() - started
    print(
        f"{'embedder alone (batch throughput)':34} {len(texts):20} chunks "
        f"{raw_seconds:7.2f} s  {rate(len(texts), raw_seconds)}"
    )

    async with bench_database(None, "fs-bench-ingest-") as (db, _):
        admin = AdminService(db)
        tenant = await admin.create_tenant("Bench ingest", [])
        knowledge = KnowledgeBase(db, embedder)
        embedder.seconds = 0.0
        full = await knowledge.ingest(tenant.id, files, base_url=PLAUSIBLE_BASE_URL)
        embedding = embedder.seconds
        line("full ingest, fresh database", full)
        again = await knowledge.ingest(tenant.id, files, base_url=PLAUSIBLE_BASE_URL)
        print(
            f"{'re-ingest, nothing changed':34} {again.skipped:4} articles unchanged, "
            f"{again.embedded} embedded {again.seconds:7.2f} s"
        )
        replay = ReplayEmbedder(
            embedder.model_id, embedder.dimensions, dict(zip(texts, vectors, strict=True))
        )
        other = await admin.create_tenant("Bench ingest, vectors known", [])
        database = await KnowledgeBase(db, replay).ingest(
            other.id, files, base_url=PLAUSIBLE_BASE_URL
        )
        line("ingest with vectors known (DB)", database)

    raw_rate = len(texts) / raw_seconds
    ingest_rate = full.chunks / full.seconds
    print(f"\ningest / embedder alone: {ingest_rate / raw_rate:.2f}")
    print(
        f"where the full ingest's {full.seconds:.2f} s went: {embedding:.2f} s in embed() "
        f"calls, {full.seconds - embedding:.2f} s outside them (parsing, the hash look-up, "
        f"the last group's write); the writes alone take {database.seconds:.2f} s, the "
        "others overlapped with embedding"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--smoke", action="store_true", help=f"only {SMOKE_ARTICLES} articles, for CI"
    )
    args = parser.parse_args()
    asyncio.run(run(args.smoke))


if __name__ == "__main__":
    main()
