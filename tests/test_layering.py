"""DESIGN.md's layering, enforced by walking every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A module of a layer may import only from the layers listed for it (and the standard
# library and the third-party packages allowed below). Built up from the bottom so each
# rung names only what it adds.
BASE = {"server.errors", "server.ids", "server.clock", "server.metrics", "server.logs"}
CONFIGURED = BASE | {"server.config"}
MODELLED = CONFIGURED | {"server.domain"}
SERVICES = MODELLED | {"server.store", "server.protocol", "server.kb", "server.ai"}  # + seams
TRANSPORT = MODELLED | {"server.protocol", "server.services"}
LAYERS: dict[str, set[str]] = {
    "server.errors": set(),
    "server.ids": {"server.errors"},
    "server.clock": set(),
    "server.metrics": set(),
    "server.logs": set(),
    "server.config": {"server.errors"},
    # The PROTOCOL.md objects are built from the (pure) domain's dataclasses, once for
    # both transports (protocol/objects.py); domain never imports protocol.
    "server.protocol": BASE | {"server.domain"},
    "server.domain": BASE,
    "server.store": MODELLED,
    "server.broker": CONFIGURED,
    "server.ai": MODELLED | {"server.llm_calls"},
    "server.kb": MODELLED | {"server.llm_calls"},
    "server.llm_calls": {"server.errors"},
    "server.services": SERVICES | {"server.channels"},  # the pure mail parser
    "server.channels": TRANSPORT,
    "server.realtime": TRANSPORT | {"server.broker", "server"},  # the Broker seam
    "server.api": TRANSPORT | {"server", "server.channels"},  # + the package, for __version__
    # The worker process composes services, the hub and a broker, like `serve` does.
    "server.workers": MODELLED
    | {
        "server.services",
        "server.store",
        "server.realtime",
        "server.broker",
        "server.ai",
        "server.channels",
    },
}

PURE = {"asyncpg", "redis", "starlette", "litellm", "websockets", "uvicorn", "uvloop", "httpx"}
THIRD_PARTY_BY_LAYER: dict[str, set[str]] = {
    "server.protocol": {"pydantic", "msgpack"},
    "server.domain": set(),
    "server.services": {"pydantic"},
    "server.api": {"starlette", "pydantic"},
}
ONLY_STORE = {"asyncpg"}
SERVER_STACK = {"asyncpg", "litellm", "starlette", "uvicorn", "redis", "server", "kb_ingest"}
# The bot SDK: a distribution of its own (client/python), import package flowsupport_bot.
SDK_ROOT = ROOT / "client" / "python"
SDK = "flowsupport_bot"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def module_name(path: Path, root: Path = ROOT) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts)


def layer_of(module: str) -> str | None:
    for layer in sorted(LAYERS, key=len, reverse=True):
        if module == layer or module.startswith(layer + "."):
            return layer
    return None


def server_modules() -> list[Path]:
    return sorted((ROOT / "server").rglob("*.py"))


def test_lower_layers_never_import_higher_ones() -> None:
    """Each layer imports only the layers beneath it."""
    problems = []
    for path in server_modules():
        module = module_name(path)
        layer = layer_of(module)
        if layer is None:
            continue  # composition root and entry points: app, serve, cli, __main__
        allowed = LAYERS[layer] | {layer}
        for name in imports_of(path):
            if not name.startswith("server"):
                continue
            target = layer_of(name) or name
            if target not in allowed and not (target == "server" and "server" in allowed):
                problems.append(f"{module} imports {name}")
    assert problems == []


def test_pure_layers_do_no_io() -> None:
    """protocol and domain import no I/O library; services none of the transports."""
    problems = []
    for path in server_modules():
        module = module_name(path)
        layer = layer_of(module)
        if layer not in THIRD_PARTY_BY_LAYER:
            continue
        for name in imports_of(path):
            top = name.split(".")[0]
            if top in PURE and top not in THIRD_PARTY_BY_LAYER[layer]:
                problems.append(f"{module} imports {name}")
    assert problems == []


def test_only_store_speaks_sql() -> None:
    """asyncpg appears only under server/store."""
    offenders = [
        module_name(path)
        for path in server_modules()
        if not module_name(path).startswith("server.store")
        and any(name.split(".")[0] in ONLY_STORE for name in imports_of(path))
    ]
    assert offenders == []


def test_client_sdk_stays_free_of_the_server_stack() -> None:
    """The bot SDK installs without asyncpg, litellm, starlette… and never imports server."""
    sdk = sorted((SDK_ROOT / SDK).rglob("*.py"))
    assert sdk, f"no bot SDK under {SDK_ROOT / SDK}"
    offenders = [
        f"{module_name(path, SDK_ROOT)} imports {name}"
        for path in sdk
        for name in imports_of(path)
        if name.split(".")[0] in SERVER_STACK
    ]
    assert offenders == []


def test_server_never_imports_the_client_sdk() -> None:
    """The SDK is its own distribution: the server and kb_ingest ship and run without it."""
    offenders = [
        f"{module_name(path)} imports {name}"
        for package in ("server", "kb_ingest")
        for path in sorted((ROOT / package).rglob("*.py"))
        for name in imports_of(path)
        if name.split(".")[0] in {SDK, "client"}
    ]
    assert offenders == []


def test_the_walker_sees_violations(tmp_path: Path) -> None:
    """The checker itself catches a forbidden import (so the tests above can fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text("import asyncpg\nfrom server.api import handlers\n")
    assert imports_of(bad) == {"asyncpg", "server.api"}
    assert "server.api" not in LAYERS["server.domain"]
    assert "server.protocol" not in LAYERS["server.domain"]  # objects.py reads domain, not back
