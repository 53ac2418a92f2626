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
from kb_ingest.samples import PLAUSIBLE_DOCS
from server.domain.access import SecurityContext
from server.domain.models import Role
from server.errors import Conflict
from server.kb.embedders import LocalEmbedder
from server.services.admin import AdminService
from server.services.knowledge import KnowledgeBase
from server.store.db import Database
from tests.live import LiveServer
from tests.provision import Tenant

CORPUS = PLAUSIBLE_DOCS
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
    run = subprocess.run(
        [sys.executable, "-m", "kb_ingest", str(sample), "--tenant", shop.tenant_id, "--json"],
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
    assert {"article_id", "title", "snippet"} <= set(results[0])
    empty = await http.get("/v1/kb/search", params={"q": "  "}, headers=headers)
    assert empty.status_code == 422
    assert (await http.get("/v1/kb/search", params={"q": "x"})).status_code == 401
