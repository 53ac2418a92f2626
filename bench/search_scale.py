"""Hybrid knowledge-base search at scale (100,000 chunks, 100 tenants) against semantic alone.

    .venv/bin/python bench/search_scale.py [--tenants 100] [--chunks 100000] [--queries 600]
                                           [--data-dir DIR]

Data. The Plausible corpus is ingested once through the real path (KnowledgeBase.ingest:
chunking and the local embedding model) into the first tenant; the others are copies made
without the model (it embeds about 28 chunks/s: 100,000 chunks would take an hour). Each copy
keeps a random share of the chunks, swaps "Plausible" for its own product name, drops and
swaps sentences, and adds gaussian noise to the vectors (then re-normalises them). Tenants
are created through AdminService; rows are bulk-copied as the schema owner with the
non-unique kb_chunks indexes dropped and rebuilt from their own definitions, in one
transaction, then ANALYZEd. With --data-dir the database is kept: a rerun with the same
--tenants and --chunks reuses it.

Measured, after a warm-up pass: the 323 questions of bench/data/plausible_eval.json,
each asked in a random tenant (with that tenant's product name). The question is embedded
once, timed on its own; then KnowledgeBase.search_as runs with that vector, as an agent:
the hybrid search (shipped) and, back to back in alternating order, the pgvector semantic
ranking alone (the baseline; the planner reads it through the HNSW index or, for a tenant
of a thousand chunks, ranks them all exactly: the indexes it picks are printed). Search
time excludes the embedding. Every hit must belong to the asking tenant (asserted), and the
semantic top 5 is compared with an exact search over the tenant's own chunks. Last,
recall@1/@5 and MRR of the 50 answerable questions in the Plausible tenant, as
bench/retrieval.py measures them on the corpus alone (0.76 / 0.98 / 0.86).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import numpy as np
from pgvector.asyncpg import register_vector

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.embedded_db import bench_database
from kb_ingest.__main__ import collect
from kb_ingest.samples import PLAUSIBLE_DOCS
from server.domain.access import SecurityContext
from server.domain.models import Role, SearchHit, Tenant
from server.errors import NotFound
from server.ids import TenantId
from server.kb.embedders import DIMENSIONS, MODEL_ID, LocalEmbedder
from server.services.admin import AdminService
from server.services.knowledge import KnowledgeBase
from server.store import kb_search
from server.store.db import Database

ROOT = Path(__file__).resolve().parent.parent
CORPUS = PLAUSIBLE_DOCS
TENANT_PREFIX = "scale-"
PREFIXES = ("Acme", "Orbit", "Nimbus", "Vertex", "Lumen", "Cobalt", "Quill", "Harbor", "Pixel")
SUFFIXES = ("ly", "Stats", "Metrics", "Insight", "Pulse", "Trace", "Lens", "Scope", "Count")
NOISE = 0.01  # per dimension: a copy keeps a cosine of about 0.98 with its source vector
DROP, SWAP = 0.1, 0.1  # chance that a sentence is dropped, or swapped with the next one
LIMIT = 5
MODES = {"hybrid": ("semantic", "lexical", "trigram"), "semantic": ("semantic",)}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_PRODUCT = re.compile("plausible", re.IGNORECASE)


def product_name(index: int) -> str:
    if index == 0:
        return "Plausible"
    n = index - 1
    cycle = len(PREFIXES) * len(SUFFIXES)
    name = PREFIXES[n % len(PREFIXES)] + SUFFIXES[(n // len(PREFIXES)) % len(SUFFIXES)]
    return name + (str(n // cycle) if n >= cycle else "")


def swap_product(text: str, product: str) -> str:
    """`text` about `product` instead of Plausible, in the same case (plausible.io too)."""

    def repl(match: re.Match[str]) -> str:
        word = match.group(0)
        return product.lower() if word.islower() else product.upper() if word.isupper() else product

    return _PRODUCT.sub(repl, text)


def perturb(text: str, product: str, rng: random.Random) -> str:
    sentences = _SENTENCE.split(swap_product(text, product))
    kept = [s for s in sentences if rng.random() >= DROP] or sentences[:1]
    for i in range(len(kept) - 1):
        if rng.random() < SWAP:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    return " ".join(kept)


@dataclass
class Corpus:
    articles: list[asyncpg.Record]
    chunks: list[asyncpg.Record]  # of those articles (embedding: a pgvector Vector)


@dataclass
class Fleet:
    tenants: list[Tenant]
    articles: dict[TenantId, set[uuid.UUID]] = field(default_factory=dict)
    chunks: int = 0
    load: str = ""


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (i < total % parts) for i in range(parts)]


async def load(db: Database, owner: asyncpg.Connection, tenants: int, chunks: int) -> Fleet:
    """The tenants and their chunks: reused when the database already holds this shape."""
    started = time.monotonic()
    admin = AdminService(db)
    fleet = Fleet([])
    for i in range(tenants):
        name = f"{TENANT_PREFIX}{i:03d} {product_name(i)}"
        try:
            fleet.tenants.append(await admin.find_tenant(name))
        except NotFound:
            fleet.tenants.append(await admin.create_tenant(name, []))
    seed = fleet.tenants[0]
    summary = await KnowledgeBase(db, LocalEmbedder()).ingest(seed.id, collect([CORPUS]))
    ingested = time.monotonic() - started
    corpus = Corpus(
        await owner.fetch("SELECT * FROM kb_articles WHERE tenant_id = $1", seed.id),
        await owner.fetch(
            "SELECT * FROM kb_chunks WHERE tenant_id = $1 ORDER BY article_id, ordinal", seed.id
        ),
    )
    if chunks < len(corpus.chunks) + tenants - 1:
        raise SystemExit(f"--chunks must be at least {len(corpus.chunks) + tenants - 1}")
    count = "SELECT count(*) FROM kb_chunks WHERE tenant_id = ANY($1::uuid[])"
    ids = [t.id for t in fleet.tenants]
    if await owner.fetchval(count, ids) == chunks:
        fleet.load = f"reused ({summary.skipped} corpus files unchanged)"
    else:
        sizes = split(chunks - len(corpus.chunks), tenants - 1)
        async with owner.transaction():
            await owner.execute(
                "DELETE FROM kb_articles WHERE tenant_id = ANY($1::uuid[])", ids[1:]
            )
            fleet.load = await replicate(owner, corpus, fleet, sizes)
        fleet.load = (
            f"loaded in {time.monotonic() - started:.1f} s: tenants and Plausible ingestion "
            f"{ingested:.1f} s "
            f"({summary.chunks} chunks embedded), {fleet.load}"
        )
    for row in await owner.fetch("SELECT tenant_id, id FROM kb_articles"):
        fleet.articles.setdefault(row["tenant_id"], set()).add(row["id"])
    fleet.chunks = await owner.fetchval(count, ids)
    return fleet


def tenant_copy(
    corpus: Corpus, tenant: Tenant, index: int, size: int, noise: np.random.Generator
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Rows of kb_articles and kb_chunks: `size` chunks of the corpus, perturbed, for the
    tenant at `index` (as many whole copies as `size` needs, then sampled)."""
    rng = random.Random(index)
    product = product_name(index)
    editions = size // len(corpus.chunks) + 1
    every = [(e, c) for e in range(editions) for c in range(len(corpus.chunks))]
    by_id = {a["id"]: a for a in corpus.articles}
    copies: dict[tuple[int, uuid.UUID], uuid.UUID] = {}
    articles: list[tuple[Any, ...]] = []
    chunks: list[tuple[Any, ...]] = []
    for edition, c in sorted(rng.sample(every, size)):
        chunk = corpus.chunks[c]
        key = (edition, chunk["article_id"])
        if key not in copies:
            copies[key] = uuid.uuid4()
            a = by_id[chunk["article_id"]]
            articles.append(
                (
                    copies[key],
                    tenant.id,
                    swap_product(a["title"], product),
                    swap_product(a["body"], product),
                    (f"copy{edition}/" if edition else "") + a["source_path"],
                    a["url"] and swap_product(a["url"], product),
                    a["tags"],
                    a["metadata"],
                    a["content_hash"],
                )
            )
        vector = chunk["embedding"].to_numpy()
        vector = vector + noise.normal(0, NOISE, len(vector))
        chunks.append(
            (
                uuid.uuid4(),
                tenant.id,
                copies[key],
                chunk["ordinal"],
                swap_product(chunk["heading_path"], product),
                perturb(chunk["content"], product, rng),
                chunk["model_id"],
                (vector / np.linalg.norm(vector)).astype(np.float32),
            )
        )
    return articles, chunks


async def replicate(
    owner: asyncpg.Connection, corpus: Corpus, fleet: Fleet, sizes: list[int]
) -> str:
    """Copy the corpus into every other tenant, perturbed; rebuild the indexes once."""
    started = time.monotonic()
    noise = np.random.default_rng(7)
    articles: list[tuple[Any, ...]] = []
    rows: list[tuple[Any, ...]] = []
    for index, (tenant, size) in enumerate(zip(fleet.tenants[1:], sizes, strict=True), start=1):
        more_articles, more_rows = tenant_copy(corpus, tenant, index, size, noise)
        articles += more_articles
        rows += more_rows
    generated = time.monotonic()
    indexes = await owner.fetch(
        """
        SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = 'kb_chunks'::regclass AND NOT i.indisunique
        """
    )
    for index in indexes:
        await owner.execute(f'DROP INDEX "{index["name"]}"')
    await owner.copy_records_to_table(
        "kb_articles",
        records=articles,
        columns=[
            "id",
            "tenant_id",
            "title",
            "body",
            "source_path",
            "url",
            "tags",
            "metadata",
            "content_hash",
        ],
    )
    await owner.copy_records_to_table(
        "kb_chunks",
        records=rows,
        columns=[
            "id",
            "tenant_id",
            "article_id",
            "ordinal",
            "heading_path",
            "content",
            "model_id",
            "embedding",
        ],
    )
    copied = time.monotonic()
    await owner.execute("SET LOCAL maintenance_work_mem = '1GB'")
    await owner.execute("SET LOCAL max_parallel_maintenance_workers = 2")
    for index in indexes:
        await owner.execute(index["definition"])
    indexed = time.monotonic()
    await owner.execute("ANALYZE tenants, kb_articles, kb_chunks")
    return (
        f"copies generated {generated - started:.1f} s, COPY {copied - generated:.1f} s, "
        f"{len(indexes)} indexes rebuilt {indexed - copied:.1f} s, "
        f"ANALYZE {time.monotonic() - indexed:.1f} s"
    )


class Precomputed:
    """The Embedder seam returning a vector computed beforehand, so that timing
    KnowledgeBase.search_as measures the database work alone."""

    def __init__(self, model_id: str, dimensions: int) -> None:
        self.model_id = model_id
        self.dimensions = dimensions
        self.vector: list[float] = []

    async def embed(self, texts: list[str]) -> list[list[float]]:
        return [self.vector for _ in texts]


@dataclass
class Checks:
    searches: int = 0
    hits: int = 0
    foreign: int = 0  # hits from another tenant: must stay 0
    short: int = 0  # searches that returned fewer than LIMIT articles
    compared: int = 0  # articles of exact top-k lists
    agree: int = 0  # of those, found by the semantic search too
    exact_cache: dict[TenantId, tuple[list[uuid.UUID], np.ndarray]] = field(default_factory=dict)

    def isolation(self, fleet: Fleet, tenant: TenantId, hits: list[SearchHit]) -> None:
        self.searches += 1
        self.hits += len(hits)
        self.short += len(hits) < LIMIT
        self.foreign += sum(h.article_id not in fleet.articles[tenant] for h in hits)

    async def exact(
        self,
        owner: asyncpg.Connection,
        tenant: TenantId,
        vector: list[float],
        hits: list[SearchHit],
    ) -> None:
        """Count the semantic hits that an exact scan of the tenant's chunks also ranks top-k."""
        if tenant not in self.exact_cache:
            rows = await owner.fetch(
                "SELECT article_id, embedding FROM kb_chunks WHERE tenant_id = $1", tenant
            )
            matrix = np.stack([r["embedding"].to_numpy() for r in rows])
            self.exact_cache[tenant] = ([r["article_id"] for r in rows], matrix)
        article_ids, matrix = self.exact_cache[tenant]
        best: dict[uuid.UUID, float] = {}
        for article_id, similarity in zip(article_ids, matrix @ np.asarray(vector), strict=True):
            best[article_id] = max(best.get(article_id, -1.0), float(similarity))
        top = sorted(best, key=best.__getitem__, reverse=True)[:LIMIT]
        self.compared += len(top)
        self.agree += len({h.article_id for h in hits} & set(top))


class Explaining:
    """A connection that EXPLAINs the query it is asked to fetch, and returns no rows."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self.plan = ""

    async def execute(self, query: str, *args: Any) -> str:
        return str(await self._conn.execute(query, *args))

    async def fetch(self, query: str, *args: Any) -> list[Any]:
        self.plan = await self._conn.fetchval(f"EXPLAIN (FORMAT JSON) {query}", *args)
        return []


async def plan_indexes(
    db: Database, tenant: TenantId, text: str, vector: list[float], arms: tuple[str, ...]
) -> str:
    """The indexes the planner picks for the store's search query, as an agent runs it."""
    async with db.unit(SecurityContext(tenant, Role.AGENT)) as conn:
        explaining = Explaining(conn)
        await kb_search.search(
            explaining,  # type: ignore[arg-type]  # the two methods search calls
            tenant_id=tenant,
            model_id=MODEL_ID,
            dimensions=DIMENSIONS,
            query_vector=vector,
            query_text=text,
            limit=LIMIT * 4,
            arms=arms,
        )
    return ", ".join(sorted(set(re.findall(r'"Index Name": "([^"]+)"', explaining.plan))))


def percentiles(seconds: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles([1000 * s for s in seconds], n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


async def measure(
    db: Database, owner: asyncpg.Connection, fleet: Fleet, data: dict[str, Any], queries: int
) -> None:
    embedder = LocalEmbedder()
    precomputed = Precomputed(embedder.model_id, embedder.dimensions)
    knowledge = KnowledgeBase(db, precomputed)
    questions = [item["q"] for item in data["answerable"] + data["unanswerable"]]
    rng = random.Random(1)
    timings: dict[str, list[float]] = {"embedding": [], **{mode: [] for mode in MODES}}
    checks = Checks()

    async def ask(question: str, record: bool) -> None:
        index = rng.randrange(len(fleet.tenants))
        tenant = fleet.tenants[index].id
        text = swap_product(question, product_name(index))
        started = time.perf_counter()
        [precomputed.vector] = await embedder.embed([text])
        if record:
            timings["embedding"].append(time.perf_counter() - started)
        staff = SecurityContext(tenant, Role.AGENT)
        for mode in list(MODES)[:: 1 if rng.random() < 0.5 else -1]:
            started = time.perf_counter()
            hits = await knowledge.search_as(staff, tenant, text, LIMIT, arms=MODES[mode])
            if record:
                timings[mode].append(time.perf_counter() - started)
            checks.isolation(fleet, tenant, hits)
            if mode == "semantic":
                await checks.exact(owner, tenant, precomputed.vector, hits)

    for question in questions:  # warm-up: the model, the pool, the plans, the caches
        await ask(question, record=False)
    sample = swap_product(questions[0], product_name(len(fleet.tenants) - 1))
    [vector] = await embedder.embed([sample])
    plans = {
        mode: await plan_indexes(db, fleet.tenants[-1].id, sample, vector, arms)
        for mode, arms in MODES.items()
    }
    load_before = os.getloadavg()[0]
    for i in range(queries):
        await ask(questions[i % len(questions)], record=True)
    print(
        f"\n{queries} questions measured after {len(questions)} warm-up ones: the "
        f"{len(questions)} of the set in turn, each in a random tenant; machine load "
        f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    print(f"{'(ms)':34} {'p50':>7} {'p95':>7} {'p99':>7} {'mean':>7}")
    labels = {
        "embedding": "query embedding (local model)",
        "semantic": "search, semantic only (baseline)",
        "hybrid": "search, hybrid (shipped)",
    }
    for key in ("embedding", "semantic", "hybrid"):
        p50, p95, p99 = percentiles(timings[key])
        mean = 1000 * statistics.mean(timings[key])
        print(f"{labels[key]:34} {p50:7.1f} {p95:7.1f} {p99:7.1f} {mean:7.1f}")
    hybrid, base = percentiles(timings["hybrid"]), percentiles(timings["semantic"])
    ratio = " ".join(f"{h / b:7.2f}" for h, b in zip(hybrid, base, strict=True))
    print(f"{'hybrid / baseline':34} {ratio}")
    print(
        "search = KnowledgeBase.search_as with the vector precomputed: one unit of work on the "
        "pool (BEGIN, security context, model check, the search query, COMMIT) over the Unix "
        "socket; the embedding is not in it."
    )
    for mode, indexes in plans.items():
        print(f"indexes the planner picks, {mode}: {indexes}")
    verdict = "met" if hybrid[1] < 50 else "NOT met"
    print(f"target hybrid search p95 < 50 ms: {verdict} ({hybrid[1]:.1f} ms)")
    print(
        f"\ntenant isolation: {checks.searches} searches, {checks.hits} hits, "
        f"{checks.foreign} from another tenant; {checks.short} with fewer than {LIMIT} articles"
    )
    print(
        f"semantic top {LIMIT} against an exact scan of the tenant's chunks: "
        f"{checks.agree / checks.compared:.1%} of {checks.compared} articles agree"
    )
    assert checks.foreign == 0, "a search returned another tenant's article"
    await recall(db, fleet, data, embedder)


async def recall(db: Database, fleet: Fleet, data: dict[str, Any], embedder: LocalEmbedder) -> None:
    """recall@1, recall@5 and MRR of the answerable questions in the Plausible tenant."""
    tenant = fleet.tenants[0].id
    knowledge = KnowledgeBase(db, embedder)
    staff = SecurityContext(tenant, Role.AGENT)
    at_1 = at_5 = 0
    reciprocal: list[float] = []
    for item in data["answerable"]:
        hits = await knowledge.search_as(staff, tenant, item["q"], LIMIT)
        assert all(h.article_id in fleet.articles[tenant] for h in hits)
        found = [h.source_path for h in hits]
        rank = next((i for i, path in enumerate(found) if path in item["articles"]), None)
        at_1 += rank == 0
        at_5 += rank is not None
        reciprocal.append(0 if rank is None else 1 / (rank + 1))
    n = len(data["answerable"])
    print(
        f"recall in the Plausible tenant, hybrid, {n} answerable questions: recall@1 "
        f"{at_1 / n:.2f}, recall@5 {at_5 / n:.2f}, MRR {statistics.mean(reciprocal):.2f} "
        "(corpus alone, bench/retrieval.py: 0.76 / 0.98 / 0.86)"
    )


async def run(args: argparse.Namespace) -> None:
    data = json.loads(args.questions.read_text())
    async with bench_database(args.data_dir, "fs-search-scale-") as (db, urls):
        owner = await asyncpg.connect(urls.owner)
        try:
            await register_vector(owner)
            fleet = await load(db, owner, args.tenants, args.chunks)
            print(
                f"{fleet.chunks} chunks, {sum(map(len, fleet.articles.values()))} articles "
                f"over {len(fleet.tenants)} tenants; {fleet.load}"
            )
            await measure(db, owner, fleet, data, args.queries)
        finally:
            await owner.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tenants", type=int, default=100)
    parser.add_argument("--chunks", type=int, default=100_000, help="over all tenants")
    parser.add_argument("--queries", type=int, default=600, help="measured after the warm-up")
    parser.add_argument("--questions", type=Path, default=ROOT / "bench/data/plausible_eval.json")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="keep the database here; a rerun with the same shape skips the loading",
    )
    args = parser.parse_args()
    if args.tenants < 2:
        parser.error("--tenants must be at least 2: the Plausible tenant and a copy")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
