"""Retrieval quality and speed on the Plausible corpus, hybrid against each ranking alone.

    .venv/bin/python bench/retrieval.py [--questions bench/data/plausible_questions.json]

Ingests the corpus into a fresh embedded PostgreSQL (reporting chunks/s), then asks every
question of the set: recall@1, recall@5 and MRR for the hybrid search and, in the same run,
for the semantic, full-text and trigram rankings alone; search latency p50/p95; and the
share of questions the answer-or-escalate rule (server/domain/relevance.py) gets right:
answerable ones kept, unanswerable ones escalated to a person, by similarity alone and with
the unknown-names check; the held-out unanswerable questions were written after calibrating.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb_ingest.__main__ import collect
from kb_ingest.samples import PLAUSIBLE_DOCS
from server.config import Settings
from server.domain.access import SecurityContext
from server.domain.models import Role
from server.domain.relevance import RELEVANCE_THRESHOLD
from server.errors import NotFound
from server.kb.embedders import LocalEmbedder
from server.services.admin import AdminService
from server.services.knowledge import KnowledgeBase
from server.store.db import Database
from server.store.provision import database_urls, prepare

ROOT = Path(__file__).resolve().parent.parent
CORPUS = PLAUSIBLE_DOCS
MODES = {
    "hybrid": ("semantic", "lexical", "trigram"),
    "semantic only": ("semantic",),
    "full-text only": ("lexical",),
    "trigram only": ("trigram",),
}


async def run(questions_path: Path, keep: Path | None) -> None:
    data = json.loads(questions_path.read_text())
    data_dir = keep or Path(tempfile.mkdtemp(prefix="fs-retrieval-"))
    try:
        settings = Settings.from_env({"FLOWSUPPORT_DATA_DIR": str(data_dir)})
        async with database_urls(settings) as urls:
            await prepare(urls, run_migrations=True)
            db = await Database.connect(urls.app, max_size=4)
            try:
                await measure(db, data)
            finally:
                await db.close()
    finally:
        if keep is None:
            shutil.rmtree(data_dir, ignore_errors=True)


async def measure(db: Database, data: dict[str, object]) -> None:
    admin = AdminService(db)
    try:
        tenant = await admin.find_tenant("Plausible")
    except NotFound:
        tenant = await admin.create_tenant("Plausible", [])
    knowledge = KnowledgeBase(db, LocalEmbedder())
    summary = await knowledge.ingest(tenant.id, collect([CORPUS]))
    print(
        f"ingestion: {summary.articles} articles, {summary.chunks} chunks in "
        f"{summary.seconds:.1f} s = {summary.chunks / summary.seconds:.1f} chunks/s"
    )
    staff = SecurityContext(tenant.id, Role.AGENT)
    answerable = data["answerable"]
    assert isinstance(answerable, list)
    print(f"\n{len(answerable)} answerable questions")
    print(f"{'ranking':16} {'recall@1':>9} {'recall@5':>9} {'MRR':>6} {'p50 ms':>7} {'p95 ms':>7}")
    for mode, arms in MODES.items():
        hits_at_1 = hits_at_5 = 0
        reciprocal: list[float] = []
        latencies: list[float] = []
        for item in answerable:
            started = time.perf_counter()
            hits = await knowledge.search_as(staff, tenant.id, item["q"], 5, arms=arms)
            latencies.append(time.perf_counter() - started)
            found = [h.source_path for h in hits]
            rank = next((i for i, path in enumerate(found) if path in item["articles"]), None)
            hits_at_1 += rank == 0
            hits_at_5 += rank is not None
            reciprocal.append(0 if rank is None else 1 / (rank + 1))
        latencies.sort()
        n = len(answerable)
        print(
            f"{mode:16} {hits_at_1 / n:9.2f} {hits_at_5 / n:9.2f} "
            f"{statistics.mean(reciprocal):6.2f} {1000 * latencies[n // 2]:7.1f} "
            f"{1000 * latencies[int(n * 0.95)]:7.1f}"
        )
    print(f"\nanswer or escalate (relevance threshold {RELEVANCE_THRESHOLD:.2f}):")
    print(f"{'questions':24} {'similarity alone':>17} {'with unknown names':>19}")
    for label, questions, want in (
        ("answerable kept", [item["q"] for item in answerable], True),
        ("unanswerable escalated", data["unanswerable"], False),
        ("held-out escalated", data.get("unanswerable_held_out", []), False),
    ):
        assert isinstance(questions, list)
        alone = both = 0
        for question in questions:
            hits = await knowledge.search_as(staff, tenant.id, question, 5)
            verdict = await knowledge.relevance(staff, tenant.id, question, hits)
            alone += (verdict.confidence >= RELEVANCE_THRESHOLD) == want
            both += verdict.answerable == want
        n = len(questions)
        print(f"{label:24} {f'{alone}/{n}':>17} {f'{both}/{n}':>19}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--questions", type=Path, default=ROOT / "bench/data/plausible_questions.json"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="keep the database here; a rerun then skips the embedding work",
    )
    args = parser.parse_args()
    asyncio.run(run(args.questions, args.data_dir))


if __name__ == "__main__":
    main()
