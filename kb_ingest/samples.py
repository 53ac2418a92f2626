"""The sample help center that ships with the repository (examples/kb/plausible).

Plausible Analytics' documentation, CC BY-SA 4.0 (examples/kb/plausible/LICENSE.md and
SOURCE.txt): what the demo, the tests and the benchmarks load. One home for its path.
"""

from __future__ import annotations

from pathlib import Path

PLAUSIBLE_ROOT = Path(__file__).resolve().parent.parent / "examples/kb/plausible"
PLAUSIBLE_DOCS = PLAUSIBLE_ROOT / "docs"
PLAUSIBLE_BASE_URL = "https://plausible.io/docs"
