"""How well the AI answers, on questions held out from tuning: rank, answer or hand over.

    .venv/bin/python bench/answer_eval.py                 # the held-out half, quoting default
    .venv/bin/python bench/answer_eval.py --llm           # ... and with an LLM's self-check
    .venv/bin/python bench/answer_eval.py --calibrate     # search the weights on the first half

The question set (bench/data/plausible_eval.json) is split in two by a fixed seed before any
tuning: the weights and thresholds in server/domain/answerability.py were chosen on the first
half only (--calibrate prints the search), and the figures reported are the second half's.
It ingests the bundled Plausible help center into a fresh embedded PostgreSQL, then runs each
question through the same code the server answers with (KnowledgeBase.judge, small talk and
hand-over detection), and prints every miss.

With --llm the self-check (server/ai/litellm_model.py: "do these sources answer it, and
which passages?") goes through LiteLLM over HTTP to the local OpenAI-compatible test server,
scripted to agree with the retrieval's choice: no real model is reachable here, so this
measures the pipeline around a model, not a model's judgement.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.embedded_db import bench_database
from kb_ingest.__main__ import collect
from kb_ingest.samples import PLAUSIBLE_BASE_URL, PLAUSIBLE_DOCS
from server.domain import answerability, handoff, small_talk
from server.domain.access import SecurityContext
from server.domain.answerability import TermStats, Verdict, Weights
from server.domain.models import Role, SearchHit
from server.errors import NotFound
from server.kb.embedders import LocalEmbedder
from server.services.admin import AdminService
from server.services.knowledge import KnowledgeBase
from server.store.db import Database

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "bench/data/plausible_eval.json"
SEED = 20261201  # fixed before any tuning; never change it to improve the figures


def split(items: list[Any], seed: int = SEED) -> tuple[list[Any], list[Any]]:
    """(calibration half, held-out half) of one section of the question set."""
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    middle = len(shuffled) // 2
    return shuffled[:middle], shuffled[middle:]


@dataclass
class Case:
    """One question's retrieval, kept so calibration re-judges without re-querying."""

    question: str
    want: list[str]  # articles that answer it; empty: nobody should answer from the KB
    label: str  # "answerable", or the unanswerable class
    hits: list[SearchHit] = field(default_factory=list)
    stats: TermStats = field(default_factory=lambda: TermStats(0, {}))


@dataclass
class Scores:
    answerable: int = 0
    at_1: int = 0
    at_5: int = 0
    answered_right: int = 0
    handed_over: int = 0
    answered_wrong: int = 0
    unanswerable: int = 0
    refused: int = 0
    misses: list[str] = field(default_factory=list)
    by_class: Counter[str] = field(default_factory=Counter)
    class_total: Counter[str] = field(default_factory=Counter)

    def objective(self) -> float:
        """What calibration maximises: right answers, with a wrong citation or an answered
        unanswerable question costing far more than a needless hand-over."""
        answered = self.answered_right / max(1, self.answerable)
        wrong = self.answered_wrong / max(1, self.answerable)
        leaked = (self.unanswerable - self.refused) / max(1, self.unanswerable)
        ranked = self.at_1 / max(1, self.answerable)
        return answered + 0.5 * ranked - 6 * wrong - 20 * leaked


def path_of(hit: SearchHit) -> str:
    return hit.source_path or str(hit.article_id)


def score(
    cases: list[Case], weights: Weights, ranked: list[list[answerability.Ranked]] | None = None
) -> Scores:
    """The figures for these weights (`ranked`: the cases' candidates already ranked)."""
    out = Scores()
    for index, case in enumerate(cases):
        order = ranked[index] if ranked else answerability.rerank(case.hits, case.stats, weights)
        verdict = answerability.decide(case.question, order, case.stats, weights)
        tally(out, case, verdict)
    return out


def tally(out: Scores, case: Case, verdict: Verdict) -> None:
    found = [path_of(r.hit) for r in verdict.ranked]
    best = verdict.best
    covered = best.coverage if best else 0.0
    if not case.want:
        out.unanswerable += 1
        out.class_total[case.label] += 1
        if not verdict.answerable:
            out.refused += 1
            out.by_class[case.label] += 1
        else:
            out.misses.append(
                f"ANSWERED unanswerable [{case.label}] {case.question!r} from {found[0]} "
                f"(sim {verdict.confidence:.2f}, cov {covered:.2f})"
            )
        return
    out.answerable += 1
    rank = next((i for i, p in enumerate(found) if p in case.want), None)
    out.at_1 += rank == 0
    out.at_5 += rank is not None and rank < 5
    if not verdict.answerable:
        out.handed_over += 1
        out.misses.append(
            f"handed over ({verdict.why}, sim {verdict.confidence:.2f}, cov {covered:.2f}): "
            f"{case.question!r} -> want {case.want[0]}, top {found[:2]}"
        )
    elif found[0] in case.want:
        out.answered_right += 1
    else:
        out.answered_wrong += 1
        out.misses.append(
            f"WRONG citation: {case.question!r} -> {found[0]} (want {case.want[0]}, rank {rank})"
        )


async def retrieve(
    knowledge: KnowledgeBase, staff: SecurityContext, tenant: Any, cases: list[Case]
) -> list[float]:
    """Fill each case's candidates and term statistics; the latency of each judge call."""
    latencies = []
    for case in cases:
        started = time.perf_counter()
        case.hits, case.stats = await knowledge.retrieve(staff, tenant, case.question)
        answerability.judge(case.question, case.hits, case.stats)
        latencies.append(time.perf_counter() - started)
    return latencies


def cases_of(data: dict[str, Any], half: int) -> list[Case]:
    answerable = split(data["answerable"])[half]
    unanswerable = split(data["unanswerable"])[half]
    return [Case(q["q"], list(q["articles"]), "answerable") for q in answerable] + [
        Case(q["q"], [], q["class"]) for q in unanswerable
    ]


def report(
    title: str,
    scores: Scores,
    latencies: list[float] | None = None,
    timed: str = "retrieve + judge p50/p95",
) -> None:
    n = max(1, scores.answerable)
    u = max(1, scores.unanswerable)
    print(f"\n== {title}")
    print(f"answerable questions          {scores.answerable}")
    print(f"  recall@1                    {scores.at_1 / n:.3f}")
    print(f"  recall@5                    {scores.at_5 / n:.3f}")
    print(
        f"  answered, right citation    {scores.answered_right / n:.3f} ({scores.answered_right})"
    )
    print(f"  handed over (answerable)    {scores.handed_over / n:.3f} ({scores.handed_over})")
    print(
        f"  answered, WRONG citation    {scores.answered_wrong / n:.3f} ({scores.answered_wrong})"
    )
    print(f"unanswerable questions        {scores.unanswerable}")
    print(f"  handed over                 {scores.refused / u:.3f} ({scores.refused})")
    for label in sorted(scores.class_total):
        print(f"    {label:26}{scores.by_class[label]}/{scores.class_total[label]}")
    if latencies:
        ordered = sorted(latencies)
        print(
            f"{timed:30}{1000 * ordered[len(ordered) // 2]:.1f} / "
            f"{1000 * ordered[int(len(ordered) * 0.95)]:.1f} ms"
        )
    print("misses:" if scores.misses else "misses: none")
    for miss in scores.misses:
        print(f"  - {miss}")


def conversational(data: dict[str, Any], half: int) -> None:
    small = split(data["small_talk"])[half]
    person = split(data["wants_person"])[half]
    replied = [q["q"] for q in small if small_talk.kind(q["q"])]
    asked = [q["q"] for q in small if handoff.wants_person(q["q"])]
    print(f"\nsmall talk                    {len(small)}")
    print(f"  short reply, no ticket      {len(replied)}/{len(small)}")
    for q in small:
        if q["q"] not in replied:
            print(f"  - MISSED small talk: {q['q']!r}")
        if q["q"] in asked:
            print(f"  - small talk taken as asking for a person: {q['q']!r}")
    brought = [q["q"] for q in person if handoff.wants_person(q["q"])]
    print(f"asks for a person             {len(person)}")
    print(f"  brings a person             {len(brought)}/{len(person)}")
    for q in person:
        if q["q"] not in brought:
            print(f"  - MISSED request for a person: {q['q']!r}")


def calibrate(cases: list[Case]) -> Weights:
    """A grid search over the second stage's weights and thresholds, on the first half:
    each ranking is computed once, then every line is tried on it."""
    best: tuple[float, Weights] | None = None
    for cov, topic, fused in itertools.product((0.1, 0.2, 0.35), (0.25, 0.4, 0.6), (0.0, 0.05)):
        ranking = replace(answerability.CALIBRATED, coverage=cov, topic=topic, fused=fused)
        ranked = [answerability.rerank(c.hits, c.stats, ranking) for c in cases]
        lines = itertools.product(
            (0.3, 0.35, 0.4, 0.45),  # min similarity
            (0.0, 0.15, 0.3, 0.45),  # min coverage
            (0.2, 0.4, 0.7),  # gate coverage weight
            (0.5, 0.55, 0.6, 0.65, 0.7),  # gate
            (0.3, 0.45, 0.6, 1.01),  # max unknown share
            (0.75, 0.9),  # strict coverage
        )
        for min_sim, min_cov, gate_cov, gate, unknown, strict in lines:
            weights = replace(
                ranking,
                min_similarity=min_sim,
                min_coverage=min_cov,
                gate_coverage=gate_cov,
                gate=gate,
                max_unknown_share=unknown,
                strict_coverage=strict,
            )
            value = score(cases, weights, ranked).objective()
            if best is None or value > best[0]:
                best = (value, weights)
    assert best is not None
    print(f"\ncalibration: best objective {best[0]:.3f} with {best[1]}")
    return best[1]


async def run(args: argparse.Namespace) -> None:
    data = json.loads(args.questions.read_text())
    async with bench_database(args.data_dir, "fs-answer-eval-") as (db, _):
        await measure(db, data, args)


async def measure(db: Database, data: dict[str, Any], args: argparse.Namespace) -> None:
    admin = AdminService(db)
    try:
        tenant = await admin.find_tenant("Plausible")
    except NotFound:
        tenant = await admin.create_tenant("Plausible", [])
    knowledge = KnowledgeBase(db, LocalEmbedder())
    summary = await knowledge.ingest(
        tenant.id, collect([PLAUSIBLE_DOCS]), base_url=PLAUSIBLE_BASE_URL
    )
    print(
        f"knowledge base: {summary.articles + summary.skipped} articles ({summary.seconds:.1f} s)"
    )
    staff = SecurityContext(tenant.id, Role.AGENT)
    half = 0 if args.calibrate else 1
    cases = cases_of(data, half)
    latencies = await retrieve(knowledge, staff, tenant.id, cases)
    label = "calibration half" if args.calibrate else "held-out half"
    if args.calibrate:
        weights = calibrate(cases)
        report(f"{label}, calibrated weights", score(cases, weights), latencies)
        report(f"{label}, weights in the code", score(cases, answerability.CALIBRATED))
    else:
        quoting = score(cases, answerability.CALIBRATED)
        report(f"{label}, quoting default (no LLM)", quoting, latencies)
        if args.llm:
            await with_llm(cases)
    conversational(data, half)


async def with_llm(cases: list[Case]) -> None:
    """The same cases through the LLM path: every question retrieval would answer is sent to
    the model's self-check (LiteLLM over HTTP to the local test server) before any text;
    the answer is cited from the passages the check names."""
    from server.ai.base import AnswerRequest, Passage, TokenUsage
    from server.ai.litellm_model import LiteLLMModel
    from tests.fakes.openai_server import openai_server

    with openai_server() as (base_url, behaviour):
        model = LiteLLMModel("openai/fake-model", api_base=base_url, api_key="sk-test")
        out = Scores()
        checks: list[float] = []
        for case in cases:
            verdict = answerability.judge(case.question, case.hits, case.stats)
            if verdict.answerable:
                passages = tuple(
                    Passage(str(r.hit.article_id), r.hit.title, r.hit.url, r.hit.heading_path,
                            r.hit.content, r.hit.similarity)
                    for r in verdict.ranked[:3]
                )  # fmt: skip
                started = time.perf_counter()
                grounded = await model.ground(AnswerRequest(case.question, passages), TokenUsage())
                checks.append(time.perf_counter() - started)
                if not grounded.answerable:
                    verdict = replace(verdict, answerable=False, why="not_grounded")
                else:
                    chosen = [verdict.ranked[i - 1] for i in grounded.passages]
                    rest = [r for r in verdict.ranked if r not in chosen]
                    verdict = replace(verdict, ranked=tuple(chosen + rest))
            tally(out, case, verdict)
    title = "held-out half, LLM self-check (local model scripted to agree)"
    report(title, out, checks, "self-check round trip p50/p95")
    print(f"self-check requests sent over HTTP: {len(behaviour.requests)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--calibrate", action="store_true", help="search weights on half one")
    parser.add_argument("--llm", action="store_true", help="also run the LLM self-check path")
    parser.add_argument("--data-dir", type=Path, default=None, help="keep the database here")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
