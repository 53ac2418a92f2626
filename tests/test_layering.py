"""DESIGN.md's layering, enforced by walking every module's imports."""

from __future__ import annotations

import ast
from collections.abc import Mapping
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
SUPERVISED = {"server.supervisor"}  # whatever starts background work
# What services and transports may know of customer channels: the ChannelAdapter seam
# (adapters come from the registry the composition root builds), the credentials box and
# the pure RFC 5322 parser. Never a provider module (twilio, whatsapp, email, mailgun…).
CHANNEL_SEAM = {
    "server.channels.base",
    "server.channels.secretbox",
    "server.channels.email_parse",
}
# Of the object stores, services know the seam only (server/storage/base.py).
STORAGE_SEAM = {"server.storage.base"}
ROOT_PACKAGE = "server"  # an entry that allows the package itself (__version__), not all of it
LAYERS: dict[str, set[str]] = {
    "server.errors": set(),
    "server.ids": {"server.errors"},
    "server.clock": set(),
    "server.metrics": set(),
    "server.logs": set(),
    "server.supervisor": set(),
    "server.health": {"server.errors", "server.metrics"},
    "server.config": {"server.errors"},
    # The PROTOCOL.md objects are built from the (pure) domain's dataclasses, once for
    # both transports (protocol/objects.py); domain never imports protocol.
    "server.protocol": BASE | {"server.domain"},
    "server.domain": BASE,
    "server.store": MODELLED,
    "server.broker": CONFIGURED | SUPERVISED,
    "server.ai": MODELLED | {"server.llm_calls"},
    "server.kb": MODELLED | {"server.llm_calls"},
    "server.llm_calls": {"server.errors"},
    "server.services": SERVICES | SUPERVISED | CHANNEL_SEAM | STORAGE_SEAM | {"server.health"},
    "server.storage": CONFIGURED,
    # Adapters know providers, never use cases: the SMTP listener gets its MailDrop handed in.
    "server.channels": MODELLED,
    "server.realtime": TRANSPORT | SUPERVISED | {"server.broker", "server"},  # the Broker seam
    "server.api": TRANSPORT | CHANNEL_SEAM | {"server"},  # + the package, for __version__
    # The worker process runs services built by the one wiring, like `serve` does; it
    # chooses no implementation itself (no broker, no model).
    "server.workers": MODELLED
    | SUPERVISED
    | {
        "server.wiring",
        "server.services",
        "server.store",
        "server.channels",
    },
}
# The factories that choose implementations, and the one module that may call them.
FACTORY_MODULES = {
    "server.broker.select",
    "server.ai.select",
    "server.channels.select",
    "server.storage.select",
}
FACTORY_NAMES = {("server.kb.embedders", "embedder_for")}
COMPOSITION_ROOT = "server.wiring"

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


def server_imports(path: Path, root: Path) -> set[str]:
    """The modules ``path`` (under ``root``) imports, absolute: relative imports resolved,
    and ``from package import module`` counted as that module, so neither hides a
    forbidden import."""
    parts = module_name(path, root).split(".")
    package = parts[:-1]  # a module's package; for __init__, the package itself
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                child = root.joinpath(*source.split("."), alias.name)
                is_module = child.with_suffix(".py").is_file() or (child / "__init__.py").is_file()
                found.add(f"{source}.{alias.name}" if is_module else source)
    return found


def layer_of(module: str, layers: Mapping[str, set[str]] = LAYERS) -> str | None:
    for layer in sorted(layers, key=len, reverse=True):
        if module == layer or module.startswith(layer + "."):
            return layer
    return None


def permitted(name: str, allowed: set[str]) -> bool:
    """Whether an entry of ``allowed`` (a layer, a package or one module) covers ``name``."""
    return any(
        name == entry or (entry != ROOT_PACKAGE and name.startswith(entry + "."))
        for entry in allowed
    )


def server_modules(root: Path = ROOT) -> list[Path]:
    return sorted((root / "server").rglob("*.py"))


def layering_problems(root: Path, layers: Mapping[str, set[str]] = LAYERS) -> list[str]:
    """Every import of a server module under ``root`` that its layer does not allow."""
    problems = []
    for path in server_modules(root):
        module = module_name(path, root)
        layer = layer_of(module, layers)
        if layer is None:
            continue  # composition root and entry points: app, wiring, serve, cli, __main__
        allowed = layers[layer] | {layer}
        for name in sorted(server_imports(path, root)):
            if name.split(".")[0] == ROOT_PACKAGE and not permitted(name, allowed):
                problems.append(f"{module} imports {name}")
    return problems


def layer_loops(layers: Mapping[str, set[str]] = LAYERS) -> list[str]:
    """Each loop in which layers allow one another (directly or through others), as
    "a -> b -> a"; a loop lets two layers each depend on the other."""
    edges = {
        layer: sorted({layer_of(entry, layers) for entry in allowed} - {None, layer})
        for layer, allowed in layers.items()
    }
    loops: set[str] = set()

    def walk(layer: str, path: list[str]) -> None:
        for target in edges[layer]:
            assert target is not None
            if target in path:
                loop = path[path.index(target) :]
                first = loop.index(min(loop))  # one spelling per loop, whatever the start
                loop = loop[first:] + loop[:first]
                loops.add(" -> ".join([*loop, loop[0]]))
            else:
                walk(target, [*path, target])

    for layer in sorted(edges):
        walk(layer, [layer])
    return sorted(loops)


def io_problems(root: Path) -> list[str]:
    """Every import of an I/O library by a module of a layer that must not do that I/O."""
    problems = []
    for path in server_modules(root):
        module = module_name(path, root)
        layer = layer_of(module)
        if layer not in THIRD_PARTY_BY_LAYER:
            continue
        for name in sorted(imports_of(path)):
            top = name.split(".")[0]
            if top in PURE and top not in THIRD_PARTY_BY_LAYER[layer]:
                problems.append(f"{module} imports {name}")
    return problems


def test_lower_layers_never_import_higher_ones() -> None:
    """Each layer imports only the layers beneath it (services and transports, of the
    channels, only the seam)."""
    assert layering_problems(ROOT) == []


def test_no_two_layers_may_import_each_other() -> None:
    """The allowed imports between layers form no loop (services use the channel seam;
    channels never use services), so "beneath" means something."""
    assert layer_loops() == []


def test_pure_layers_do_no_io() -> None:
    """protocol and domain import no I/O library; services none of the transports."""
    assert io_problems(ROOT) == []


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


def test_only_the_wiring_chooses_implementations() -> None:
    """broker/select, ai/select, channels/select and kb.embedders.embedder_for are
    imported by server/wiring.py alone (serve, worker, demo and kb_ingest all call it)."""
    offenders = []
    for package in ("server", "kb_ingest"):
        for path in sorted((ROOT / package).rglob("*.py")):
            module = module_name(path)
            if module == COMPOSITION_ROOT or module in FACTORY_MODULES:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Import):
                    found = {alias.name for alias in node.names} & FACTORY_MODULES
                elif isinstance(node, ast.ImportFrom) and node.module:
                    found = {node.module} & FACTORY_MODULES
                    for alias in node.names:
                        full = f"{node.module}.{alias.name}"
                        if full in FACTORY_MODULES or (node.module, alias.name) in FACTORY_NAMES:
                            found.add(full)
                else:
                    continue
                offenders += [f"{module} imports {name}" for name in sorted(found)]
    assert offenders == []


def plant(root: Path, files: Mapping[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


# A small server tree: packages with a few empty modules, then the modules under test.
PLANTED_PACKAGES = {
    f"server/{package}/{name}.py": ""
    for package, names in {
        "api": ("__init__", "handlers"),
        "channels": ("__init__", "base", "twilio"),
        "domain": ("__init__", "models"),
        "protocol": ("__init__",),
        "services": ("__init__", "inbound_mail"),
        "store": ("__init__",),
    }.items()
    for name in names
} | {"server/__init__.py": ""}


def test_the_checker_reports_planted_violations(tmp_path: Path) -> None:
    """The checkers run on a planted tree report each forbidden import, spelled any way
    (absolute, relative, `from package import module`), and nothing that is allowed: so
    the tests above can fail."""
    plant(
        tmp_path,
        PLANTED_PACKAGES
        | {
            # allowed: the seam from a service, the domain from the store and channels
            "server/services/outbound.py": "from server.channels.base import ChannelRegistry\n",
            "server/store/rows.py": "from server.domain import models\n",
            "server/channels/email.py": "from ..domain.models import Channel\n",
            # forbidden
            "server/channels/listener.py": "from server.services.inbound_mail import Inbound\n",
            "server/channels/relative.py": "from ..services import inbound_mail\n",
            "server/services/texts.py": "from server.channels import base, twilio\n",
            "server/api/hooks.py": "import server.channels.twilio\n",
            "server/domain/bad.py": (
                "import asyncpg\nfrom . import models\nfrom ..api import handlers\n"
            ),
            "server/protocol/up.py": "from server import protocol\nfrom server.store import rows\n",
        },
    )
    assert layering_problems(tmp_path) == [
        "server.api.hooks imports server.channels.twilio",
        "server.channels.listener imports server.services.inbound_mail",
        "server.channels.relative imports server.services.inbound_mail",
        "server.domain.bad imports server.api.handlers",
        "server.protocol.up imports server.store.rows",
        "server.services.texts imports server.channels.twilio",
    ]
    assert io_problems(tmp_path) == ["server.domain.bad imports asyncpg"]


def test_the_checker_passes_a_clean_tree(tmp_path: Path) -> None:
    """Only allowed imports: nothing reported (the checker is not merely noisy)."""
    plant(
        tmp_path,
        PLANTED_PACKAGES
        | {
            "server/services/outbound.py": "from server.channels.base import ChannelRegistry\n",
            "server/api/hooks.py": "from server.services import inbound_mail\nimport server\n",
            "server/channels/email.py": "from .base import ChannelRegistry\n",
        },
    )
    assert layering_problems(tmp_path) == []
    assert io_problems(tmp_path) == []


def test_the_loop_check_reports_a_planted_loop() -> None:
    """Layers that allow each other, directly or around a ring, are reported once each;
    the layering before the channel seam (services <-> channels) was such a loop."""
    planted = {
        "server.errors": set(),
        "server.domain": {"server.errors"},
        "server.services": {"server.domain", "server.channels"},
        "server.channels": {"server.domain", "server.services"},
        "server.a": {"server.b"},
        "server.b": {"server.c.module"},
        "server.c": {"server.a", "server.errors"},
    }
    assert layer_loops(planted) == [
        "server.a -> server.b -> server.c -> server.a",
        "server.channels -> server.services -> server.channels",
    ]
    assert layer_loops({k: v - {"server.channels"} for k, v in planted.items()}) == [
        "server.a -> server.b -> server.c -> server.a"
    ]
