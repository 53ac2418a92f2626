"""What ingestion tells people: the progress line and the demo's knowledge-base line."""

from __future__ import annotations

import io

from kb_ingest.__main__ import ProgressLines, progress_line
from server.demo import knowledge_line
from server.services.ingestion import IngestProgress, IngestSummary


def test_progress_shows_articles_chunks_and_speed() -> None:
    step = IngestProgress(40, 132, 350, 1100, 7.0)
    assert progress_line(step) == "40/132 articles, 350/1100 chunks, 50 chunks/s"
    out = io.StringIO()
    lines = ProgressLines(out, every=3600, prefix="knowledge base: ")
    lines(IngestProgress(0, 132, 0, 1100, 0.0))
    lines(step)  # too soon after the last line
    lines(IngestProgress(132, 132, 1100, 1100, 22.0))  # the last one always shows
    assert out.getvalue() == "knowledge base: 132/132 articles, 1100/1100 chunks, 50 chunks/s\n"


def test_the_demo_says_what_happened_to_its_knowledge_base() -> None:
    fresh = IngestSummary(articles=132, chunks=1112, seconds=23.4)
    assert knowledge_line(fresh) == "knowledge base: 132 articles (1112 passages) loaded in 23 s"
    unchanged = IngestSummary(skipped=132, seconds=0.2)
    assert knowledge_line(unchanged) == "knowledge base: 132 articles, unchanged"
    edited = IngestSummary(articles=3, chunks=20, skipped=129, updated=3)
    assert knowledge_line(edited) == "knowledge base: 132 articles (3 updated)"
    grown = IngestSummary(articles=5, chunks=30, skipped=129, updated=3)
    assert knowledge_line(grown) == "knowledge base: 134 articles (2 new, 3 updated)"
