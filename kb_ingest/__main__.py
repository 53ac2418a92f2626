"""Read Markdown/MDX, HTML and text files, chunk them, embed them, upsert them.

    python -m kb_ingest PATH... --tenant T [--base-url URL] [--prune] [--json]

Each file becomes one article whose `source_path` is its path relative to the PATH it was
found under, so running again updates the same articles: unchanged files are skipped
without embedding work, changed ones are re-chunked, and with --prune articles whose file
is gone are removed. --base-url gives each article its public URL (the URL joined with its
front-matter `slug`, else with its path without the extension) and turns links between
articles into absolute links, so citations are links. A progress bar is drawn on a
terminal; --json prints one summary object {"articles", "chunks", "skipped", "removed",
"seconds"}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import TextIO

from server.config import Settings
from server.errors import FlowSupportError, StartupError
from server.kb.chunking import SUFFIXES
from server.kb.site import base_url
from server.services.ingestion import IngestProgress, IngestSummary, SourceFile
from server.wiring import build_services


def collect(paths: list[Path]) -> list[SourceFile]:
    """Every supported file under the given paths, with its path relative to its PATH."""
    found: list[SourceFile] = []
    for root in paths:
        if root.is_file():
            candidates = [(root, root.name)]
        elif root.is_dir():
            candidates = [(p, p.relative_to(root).as_posix()) for p in sorted(root.rglob("*"))]
        else:
            raise FileNotFoundError(f"{root}: no such file or directory")
        for path, relative in candidates:
            if path.is_file() and path.suffix.lower() in SUFFIXES:
                found.append(
                    SourceFile(relative, path.read_text(encoding="utf-8", errors="replace"))
                )
    return found


def progress_line(step: IngestProgress) -> str:
    rate = step.chunks / step.seconds if step.seconds > 0 else 0.0
    return (
        f"{step.articles}/{step.total_articles} articles, "
        f"{step.chunks}/{step.total_chunks} chunks, {rate:.0f} chunks/s"
    )


def progress_bar(step: IngestProgress) -> None:
    """Redraws one line on a terminal: a bar, articles written and chunks per second."""
    width = 30
    filled = width * step.chunks // max(1, step.total_chunks)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {progress_line(step)}  ")
    if step.chunks >= step.total_chunks:
        sys.stderr.write("\n")
    sys.stderr.flush()


class ProgressLines:
    """Progress for a log rather than a terminal: a line every `every` seconds, and the
    last one."""

    def __init__(self, out: TextIO, every: float = 5.0, prefix: str = "") -> None:
        self._out = out
        self._every = every
        self._prefix = prefix
        self._last = time.monotonic()

    def __call__(self, step: IngestProgress) -> None:
        now = time.monotonic()
        final = step.chunks >= step.total_chunks
        if step.chunks and (final or now - self._last >= self._every):
            self._last = now
            print(f"{self._prefix}{progress_line(step)}", file=self._out, flush=True)


async def ingest(args: argparse.Namespace) -> IngestSummary:
    settings = Settings.from_env()
    files = collect([Path(p) for p in args.paths])
    async with AsyncExitStack() as stack:
        wired = await build_services(settings, stack)
        tenant = await wired.admin.find_tenant(args.tenant)
        show = progress_bar if sys.stderr.isatty() and not args.json else None
        return await wired.knowledge.ingest(
            tenant.id, files, prune=args.prune, base_url=args.base_url, progress=show
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb_ingest", description=__doc__)
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--tenant", required=True, help="tenant id or name")
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="where the help center is published (http or https): each article's URL is "
        "URL joined with its front-matter slug or its path without the extension",
    )
    parser.add_argument("--prune", action="store_true", help="remove articles whose file is gone")
    parser.add_argument("--json", action="store_true", help="print one JSON summary")
    args = parser.parse_args(argv)
    try:
        if args.base_url is not None:
            args.base_url = base_url(args.base_url)
        summary = asyncio.run(ingest(args))
    except (StartupError, FileNotFoundError) as exc:
        return _fail(
            args.json, "unavailable" if isinstance(exc, StartupError) else "not_found", str(exc)
        )
    except FlowSupportError as exc:
        return _fail(args.json, exc.code, exc.message)
    result = {
        "articles": summary.articles,
        "chunks": summary.chunks,
        "skipped": summary.skipped,
        "removed": summary.removed,
        "seconds": summary.seconds,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(", ".join(f"{k}: {v}" for k, v in result.items()))
    return 0


def _fail(as_json: bool, code: str, message: str) -> int:
    if as_json:
        print(json.dumps({"error": {"code": code, "message": message}}))
    else:
        print(f"kb_ingest: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
