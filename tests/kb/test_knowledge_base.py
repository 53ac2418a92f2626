"""Ingestion and hybrid search against the real database and the bundled embedding model."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest

from kb_ingest.__main__ import collect
from kb_ingest.__main__ import main as kb_ingest_main
from kb_ingest.samples import PLAUSIBLE_DOCS
from server.domain.access import SecurityContext
from server.domain.models import KbArticle, Role
from server.errors import Conflict
from server.kb import chunking
from server.kb.embedders import LocalEmbedder
from server.services import ingestion
from server.services.admin import AdminService
from server.services.ingestion import IngestProgress
from server.services.knowledge import KnowledgeBase
from server.store import kb as kb_store
from server.store.db import Database
from tests.live import LiveServer
from tests.provision import Tenant

CORPUS = PLAUSIBLE_DOCS
HELP = "https://help.example.com/docs"
SAMPLE = [
    "change-plan.md",
    "cancel-subscription.md",
    "excluding.md",
    "wordpress-integration.md",
    "2fa.md",
    "billing.md",
]


class CountingEmbedder(LocalEmbedder):
    """The real model, counting how many texts it was asked to embed."""

    def __init__(self, model_id: str | None = None) -> None:
        super().__init__()
        self.texts = 0
        self._id = model_id

    @property
    def model_id(self) -> str:
        return self._id or super().model_id

    async def embed(self, texts: list[str]) -> list[list[float]]:
        self.texts += len(texts)
        return await super().embed(texts)


@pytest.fixture(scope="module")
def embedder() -> CountingEmbedder:
    return CountingEmbedder()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "guides").mkdir(parents=True)
    for name in SAMPLE:
        target = folder / ("guides" if name == "wordpress-integration.md" else "") / name
        shutil.copy(CORPUS / name, target)
    return folder


async def new_tenant(db: Database) -> uuid.UUID:
    tenant = await AdminService(db).create_tenant(f"KB {uuid.uuid4().hex[:8]}", [])
    return tenant.id


async def test_ingest_is_idempotent_and_prunes(
    db: Database, embedder: CountingEmbedder, sample: Path
) -> None:
    """First run embeds all; a rerun embeds nothing; an edit re-embeds one; --prune removes."""
    kb = KnowledgeBase(db, embedder)
    tenant = await new_tenant(db)
    first = await kb.ingest(tenant, collect([sample]))
    assert (first.articles, first.skipped) == (6, 0) and first.chunks > 6
    assert {f.source_path for f in collect([sample])} >= {
        "guides/wordpress-integration.md",
        "change-plan.md",
    }
    before = embedder.texts
    again = await kb.ingest(tenant, collect([sample]))
    assert (again.articles, again.chunks, again.skipped) == (0, 0, 6)
    assert embedder.texts == before
    (sample / "2fa.md").write_text((sample / "2fa.md").read_text() + "\n\nOne more line.\n")
    (sample / "billing.md").unlink()
    third = await kb.ingest(tenant, collect([sample]), prune=True)
    assert (third.articles, third.skipped, third.removed) == (1, 4, 1)


async def articles_of(db: Database, tenant: uuid.UUID) -> dict[str, KbArticle]:
    async with db.unit(SecurityContext(tenant, Role.AGENT)) as conn:
        found = await kb_store.list_articles(conn, tenant, 100)
    return {a.source_path or "": a for a in found}


async def test_base_url_gives_articles_their_urls_and_absolute_links(
    db: Database, embedder: CountingEmbedder, sample: Path
) -> None:
    """Each article's URL is the base URL joined with its path (or its front-matter slug);
    links to other articles in its passages become absolute."""
    (sample / "faq.md").write_text(
        "---\ntitle: Billing questions\nslug: /questions/billing\n---\n\n"
        "See [cancelling](cancel-subscription.md) and [2FA](2fa.md#set-up).\n"
    )
    kb = KnowledgeBase(db, embedder)
    tenant = await new_tenant(db)
    await kb.ingest(tenant, collect([sample]), base_url=HELP)
    articles = await articles_of(db, tenant)
    assert articles["change-plan.md"].url == f"{HELP}/change-plan"
    assert articles["guides/wordpress-integration.md"].url == f"{HELP}/guides/wordpress-integration"
    assert articles["faq.md"].url == f"{HELP}/questions/billing"
    assert (
        f"See [cancelling]({HELP}/cancel-subscription) and [2FA]({HELP}/2fa#set-up)."
        in articles["faq.md"].body
    )
    assert f"]({HELP}/change-plan)" in articles["cancel-subscription.md"].body
    hits = await kb.search_as(
        SecurityContext(tenant, Role.AGENT), tenant, "How do I cancel my subscription?", 3
    )
    assert f"{HELP}/cancel-subscription" in [h.url for h in hits]


async def test_a_new_base_url_resaves_the_articles_without_embedding_again(
    db: Database, embedder: CountingEmbedder, sample: Path
) -> None:
    """The text did not change, the URLs did: every article is saved again (same ids, new
    URLs and links) and no chunk is embedded again, since what is embedded holds no URL."""
    kb = KnowledgeBase(db, embedder)
    tenant = await new_tenant(db)
    first = await kb.ingest(tenant, collect([sample]), base_url=HELP)
    before = await articles_of(db, tenant)
    embedded = embedder.texts
    moved = await kb.ingest(tenant, collect([sample]), base_url="https://docs.example.org/")
    assert (moved.articles, moved.updated, moved.skipped, moved.embedded) == (6, 6, 0, 0)
    assert moved.chunks == first.chunks
    assert embedder.texts == embedded
    after = await articles_of(db, tenant)
    assert {p: a.id for p, a in after.items()} == {p: a.id for p, a in before.items()}
    assert after["billing.md"].url == "https://docs.example.org/billing"
    assert "https://docs.example.org/subscription-plans" in after["billing.md"].body
    again = await kb.ingest(tenant, collect([sample]), base_url="https://docs.example.org")
    assert (again.articles, again.skipped) == (0, 6)  # the same base, spelled otherwise
    bare = await kb.ingest(tenant, collect([sample]))  # no base URL: no URLs, links as text
    assert (bare.articles, bare.embedded) == (6, 0)
    assert all(a.url is None for a in (await articles_of(db, tenant)).values())


async def test_batched_writes_store_every_chunk_and_embed_only_what_changed(
    db: Database, embedder: CountingEmbedder, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written in many small groups (each overlapping the next one's embedding), every
    article keeps all its chunks in order; an edit re-embeds only the chunks it touched."""
    monkeypatch.setattr(ingestion, "WRITE_BATCH", 3)
    kb = KnowledgeBase(db, embedder)
    tenant = await new_tenant(db)
    steps: list[IngestProgress] = []
    files = collect([sample])
    first = await kb.ingest(tenant, files, progress=steps.append)
    assert (first.articles, first.updated, first.embedded) == (6, 0, first.chunks)
    assert len(steps) > 3 and steps[0].chunks == 0
    assert [s.chunks for s in steps] == sorted(s.chunks for s in steps)
    last = steps[-1]
    assert (last.articles, last.total_articles, last.chunks) == (6, 6, first.chunks)
    owner = SecurityContext.operator(tenant)
    async with db.unit(owner) as conn:
        rows = await conn.fetch(
            "SELECT a.source_path, c.ordinal, c.content FROM kb_chunks c "
            "JOIN kb_articles a ON a.id = c.article_id WHERE c.tenant_id = $1 "
            "ORDER BY a.source_path, c.ordinal",
            tenant,
        )
    for source in files:
        suffix = "." + source.source_path.rsplit(".", 1)[-1]
        expected = chunking.chunk(chunking.parse(source.text, suffix, "x"))
        stored = [
            (r["ordinal"], r["content"]) for r in rows if r["source_path"] == source.source_path
        ]
        assert stored == [(c.ordinal, c.text) for c in expected], source.source_path
    ids = {p: a.id for p, a in (await articles_of(db, tenant)).items()}
    texts = embedder.texts
    target = sample / "2fa.md"
    target.write_text(target.read_text() + "\n\n## Lost your phone?\n\nUse a recovery code.\n")
    edited = await kb.ingest(tenant, collect([sample]))
    assert (edited.articles, edited.skipped, edited.embedded) == (1, 5, 1)
    assert embedder.texts == texts + 1
    assert {p: a.id for p, a in (await articles_of(db, tenant)).items()} == ids


def test_kb_ingest_refuses_a_base_url_that_is_not_http(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Checked before anything else runs: one JSON error naming what is wrong."""
    argv = [str(sample), "--tenant", "nobody", "--base-url", "ftp://help.example.com", "--json"]
    assert kb_ingest_main(argv) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert '"code": "bad_request"' in out and "http" in out


async def test_search_finds_the_answering_article(
    db: Database, embedder: CountingEmbedder, sample: Path
) -> None:
    kb = KnowledgeBase(db, embedder)
    tenant = await new_tenant(db)
    await kb.ingest(tenant, collect([sample]))
    staff = SecurityContext(tenant, Role.AGENT)
    for question, expected in [
        ("How can I upgrade to a bigger plan?", "change-plan.md"),
        ("Stop counting my own visits to my site", "excluding.md"),
        ("Is there a WordPress plugin?", "guides/wordpress-integration.md"),
        ("turn on two-factor authentication", "2fa.md"),
    ]:
        hits = await kb.search_as(staff, tenant, question, 3)
        assert expected in [h.source_path for h in hits], (question, hits)


async def test_other_tenants_knowledge_is_invisible(
    db: Database, embedder: CountingEmbedder, sample: Path, tmp_path: Path
) -> None:
    """A question only tenant B's KB answers, asked in tenant A, finds nothing of B's."""
    kb = KnowledgeBase(db, embedder)
    tenant_a, tenant_b = await new_tenant(db), await new_tenant(db)
    await kb.ingest(tenant_a, collect([sample]))
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "zyx.md").write_text(
        "# Error ZX-7731\n\nZX-7731 means the flux capacitor overheated."
    )
    await kb.ingest(tenant_b, collect([secret]))
    hits_a = await kb.search_as(
        SecurityContext(tenant_a, Role.AGENT), tenant_a, "What does error ZX-7731 mean?", 5
    )
    assert all(h.source_path != "zyx.md" for h in hits_a)
    hits_b = await kb.search_as(
        SecurityContext(tenant_b, Role.AGENT), tenant_b, "What does error ZX-7731 mean?", 5
    )
    assert hits_b[0].source_path == "zyx.md"


async def test_search_refuses_a_mixed_model_index(
    db: Database, embedder: CountingEmbedder, sample: Path
) -> None:
    """Vectors of another model are never compared: the error says how to re-index."""
    tenant = await new_tenant(db)
    await KnowledgeBase(db, CountingEmbedder("some-other-model")).ingest(tenant, collect([sample]))
    with pytest.raises(Conflict, match="re-index"):
        await KnowledgeBase(db, embedder).search_as(
            SecurityContext(tenant, Role.AGENT), tenant, "billing", 3
        )


async def test_kb_ingest_command_and_search_endpoint(
    live_server: LiveServer, shop: Tenant, sample: Path, http: httpx.AsyncClient
) -> None:
    """`python -m kb_ingest --json` prints one summary; GET /v1/kb/search serves the results."""
    command = [sys.executable, "-m", "kb_ingest", str(sample), "--tenant", shop.tenant_id]
    run = subprocess.run(
        [*command, "--base-url", HELP, "--json"],
        env=live_server.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") == 1
    assert '"articles": 6' in run.stdout and '"skipped": 0' in run.stdout
    headers = {"authorization": f"Bearer {shop.agent_token}"}
    found = await http.get(
        "/v1/kb/search", params={"q": "How do I cancel my subscription?"}, headers=headers
    )
    assert found.status_code == 200, found.text
    results = found.json()["results"]
    assert "cancel-subscription.md" in [r["source_path"] for r in results[:3]]
    assert f"{HELP}/cancel-subscription" in [r.get("url") for r in results[:3]]
    assert {"article_id", "title", "snippet"} <= set(results[0])
    empty = await http.get("/v1/kb/search", params={"q": "  "}, headers=headers)
    assert empty.status_code == 422
    assert (await http.get("/v1/kb/search", params={"q": "x"})).status_code == 401
