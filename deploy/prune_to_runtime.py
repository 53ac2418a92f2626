"""Uninstall, from the image's virtualenv, what `flowsupport` does not need at run time.

`requirements.lock` pins the whole development tree (the `dev` extra: pytest, mypy, ruff,
Playwright, twilio, ...) so every machine installs one reviewed set of hashes. The image installs
exactly that set with `--require-hashes`, then this script walks the installed `flowsupport`
distribution's requirements (no extras, markers evaluated for this interpreter) and removes
every distribution outside that closure, so the runtime image carries no test tooling.

    python deploy/prune_to_runtime.py            # uninstall what is not needed
    python deploy/prune_to_runtime.py --dry-run  # only print it

Run with the virtualenv's own interpreter. pip itself is kept (it is how an operator inspects
the image: `python -m pip list`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = "flowsupport"
KEEP = {"pip"}


def runtime_closure(root: str) -> set[str]:
    """Canonical names of `root` and everything it requires at run time, transitively."""
    names: set[str] = set()
    visited: set[tuple[str, frozenset[str]]] = set()
    todo: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    while todo:
        name, extras = todo.pop()
        key = canonicalize_name(name)
        if (key, extras) in visited:
            continue
        visited.add((key, extras))
        names.add(key)
        for line in metadata.distribution(name).requires or []:
            req = Requirement(line)
            wanted = req.marker is None or any(
                req.marker.evaluate({"extra": extra}) for extra in (extras or {""})
            )
            if wanted:
                todo.append((req.name, frozenset(req.extras)))
    return names


def installed() -> set[str]:
    return {canonicalize_name(d.metadata["Name"]) for d in metadata.distributions()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print, uninstall nothing")
    args = parser.parse_args()
    needed = runtime_closure(ROOT) | KEEP
    extra = sorted(installed() - needed)
    print(f"runtime closure: {len(needed)} distributions; removing {len(extra)}:")
    for name in extra:
        print(f"  {name}")
    if extra and not args.dry_run:
        subprocess.run(
            [sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet", *extra], check=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
