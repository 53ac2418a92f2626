"""Readiness that tells a load balancer the truth: this node is taken out only when it
cannot serve (its database is unreachable). A lost broker degrades it (messages still
persist and reach this node's own connections; other nodes catch up from PostgreSQL when it
returns), so it shows in /readyz's body, in `flowsupport_dependency_up` and in the log, but
does not fail the probe: with one Redis for the fleet, failing it would take every node out.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from server.errors import FlowSupportError
from server.metrics import Metrics

log = logging.getLogger("flowsupport")


@dataclass(frozen=True)
class Probe:
    name: str
    check: Callable[[], Awaitable[None]]  # raises FlowSupportError when the dependency is down
    required: bool  # without it this node cannot serve


@dataclass(frozen=True)
class Report:
    status: str  # ok | degraded | unavailable
    checks: dict[str, str]

    @property
    def ready(self) -> bool:
        return self.status != "unavailable"


class Health:
    def __init__(self, probes: tuple[Probe, ...], metrics: Metrics) -> None:
        self._probes = probes
        self._metrics = metrics
        self._down: set[str] = set()

    async def check(self) -> Report:
        """Every probe now; a change of a dependency's state is logged once."""
        checks: dict[str, str] = {}
        for probe in self._probes:
            try:
                await probe.check()
                checks[probe.name] = "ok"
            except FlowSupportError as exc:
                checks[probe.name] = exc.message
            self._note(probe, checks[probe.name])
        down = {p for p in self._probes if checks[p.name] != "ok"}
        status = "unavailable" if any(p.required for p in down) else "degraded" if down else "ok"
        return Report(status, checks)

    def _note(self, probe: Probe, outcome: str) -> None:
        up = outcome == "ok"
        self._metrics.dependency_up.labels(probe.name).set(1 if up else 0)
        if not up and probe.name not in self._down:
            self._down.add(probe.name)
            log.warning("dependency %s is down: %s", probe.name, outcome)
        elif up and probe.name in self._down:
            self._down.discard(probe.name)
            log.info("dependency %s is back", probe.name)
