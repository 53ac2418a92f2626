"""The repository stands alone (DESIGN.md): nothing in it reads a path outside it.

A clone has no ../shared next to it; code, scripts and docs that reached there worked only on
the machine they were written on. This scans every tracked text file for such paths.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `../shared/...` (any depth) or a walk up past the repository root from a module.
OUTSIDE = re.compile(r"(?:\.\./)+shared/(?:kb_corpus|PROTOCOL|DESIGN|STYLE)|parents\[[3-9]\]")
# Files that may name the outside folder in prose (where the sample came from).
PROSE = {"examples/kb/plausible/SOURCE.txt"}


def tracked_files() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in listing.stdout.splitlines() if line]


def outside_references(files: list[str]) -> list[str]:
    found = []
    for name in files:
        path = ROOT / name
        if name in PROSE or name.startswith("examples/") or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files (fonts, screenshots)
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                found.append(f"{name}:{number}: {line.strip()[:120]}")
    return found


def test_nothing_reads_outside_the_repository() -> None:
    assert outside_references(tracked_files()) == []


def test_the_scan_finds_a_planted_reference(tmp_path: Path) -> None:
    planted = ROOT / "tests" / "_planted_outside_reference.py"
    outside = "../" + "shared/kb_corpus/x"  # spelled in two parts so this file stays clean
    planted.write_text(f'CORPUS = "{outside}"\n')
    try:
        found = outside_references(["tests/_planted_outside_reference.py"])
    finally:
        planted.unlink()
    assert found == [f'tests/_planted_outside_reference.py:1: CORPUS = "{outside}"']


def test_the_sample_help_center_is_bundled_with_its_licence() -> None:
    sample = ROOT / "examples/kb/plausible"
    assert len(list((sample / "docs").rglob("*.md"))) == 132
    assert "Attribution-ShareAlike 4.0" in (sample / "LICENSE.md").read_text()
    assert "CC BY-SA 4.0" in (sample / "SOURCE.txt").read_text()
