"""``flowsupport demo``: the product on one machine with something to try: a demo tenant
whose widget runs on /demo, an agent and an admin to sign in to /inbox with, and the
Plausible help center as its knowledge base (bundled under examples/kb/plausible)."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from contextlib import AsyncExitStack
from dataclasses import replace
from pathlib import Path

from kb_ingest.__main__ import ProgressLines, collect, progress_bar
from kb_ingest.samples import PLAUSIBLE_BASE_URL, PLAUSIBLE_DOCS
from server.api.web import DEMO_TENANT
from server.config import Settings
from server.errors import Conflict, NotFound
from server.services.ingestion import IngestSummary
from server.wiring import build_services

CORPUS = PLAUSIBLE_DOCS
AGENT = ("agent@demo.flowsupport.test", "demo-agent-pass", "Ada Agent", "agent")
ADMIN = ("admin@demo.flowsupport.test", "demo-admin-pass", "Ida Admin", "admin")


async def prepare_demo(
    settings: Settings, corpus: Path | None, base_url: str | None = None
) -> list[str]:
    """Create (or bring up to date) the demo tenant, its staff and knowledge base; the
    lines to print. `corpus` is read only when it is a folder (checked by the caller);
    `base_url` is where its pages are published, so citations are links."""
    async with AsyncExitStack() as stack:
        wired = await build_services(settings, stack)
        admin = wired.admin
        try:
            tenant = await admin.find_tenant(DEMO_TENANT)
        except NotFound:
            tenant = await admin.create_tenant(DEMO_TENANT, list(settings.public_origins))
        await admin.set_allowed_origins(tenant, list(settings.public_origins))
        for email, password, name, role in (AGENT, ADMIN):
            with contextlib.suppress(Conflict):  # made by an earlier run
                await admin.create_user(
                    tenant, email=email, password=password, role=role, name=name
                )
        lines = []
        if corpus is not None:
            print(f"loading the knowledge base from {corpus} ...", file=sys.stderr)
            summary = await wired.knowledge.ingest(
                tenant.id,
                collect([corpus]),
                base_url=base_url,
                progress=(
                    progress_bar
                    if sys.stderr.isatty()
                    else ProgressLines(sys.stderr, prefix="knowledge base: ")
                ),
            )
            lines.append(knowledge_line(summary))
        else:
            lines.append("knowledge base: none (pass --kb PATH to load help-center files)")
    base = settings.public_url
    return [
        f"demo site with the widget: {base}/demo",
        f"agent inbox:               {base}/inbox",
        f"  agent: {AGENT[0]} / {AGENT[1]}",
        f"  admin: {ADMIN[0]} / {ADMIN[1]}",
        *lines,
    ]


def knowledge_line(summary: IngestSummary) -> str:
    """What the demo says of its knowledge base after loading it."""
    total = summary.articles + summary.skipped
    if not summary.articles:
        return f"knowledge base: {total} articles, unchanged"
    new = summary.articles - summary.updated
    if not summary.skipped and not summary.updated:
        return (
            f"knowledge base: {total} articles ({summary.chunks} passages) "
            f"loaded in {summary.seconds:.0f} s"
        )
    changes = [f"{n} {word}" for n, word in ((new, "new"), (summary.updated, "updated")) if n]
    return f"knowledge base: {total} articles ({', '.join(changes)})"


def run_demo(settings: Settings, *, host: str | None, port: int | None, kb: Path | None) -> int:

    from server.serve import serve  # imports uvicorn only when serving

    listening = replace(
        settings, host=host or settings.host, port=settings.port if port is None else port
    )
    corpus = kb if kb is not None else CORPUS
    # The bundled help center's pages are on the web: its citations link there.
    base_url = PLAUSIBLE_BASE_URL if corpus.resolve() == CORPUS.resolve() else None
    prepared = prepare_demo(listening, corpus if corpus.is_dir() else None, base_url)
    for line in asyncio.run(prepared):
        print(line)
    return serve(listening, host=None, port=None)
