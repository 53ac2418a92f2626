"""Prometheus metrics for `GET /metrics`: what an operator watches on each node.

One `Metrics` per app (created in its lifespan by the composition root) holds its own
registry and every metric family, and is handed to whatever records: two apps in one
process share no counter and no gauge. Counters and histograms are fed where things happen;
gauges that describe state (connections, queues, the database pool, tickets by status) are
read when scraped. Label values are bounded sets, never ids.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.metrics_core import CounterMetricFamily, Metric

FAST_BUCKETS = (0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)
AI_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
WRITERS = ("direct", "asgi")


class Tally:
    """A counter for the hot path: a plain int, exported when /metrics is scraped (a
    prometheus_client Counter takes a lock per increment, about 0.5 µs per recipient)."""

    def __init__(self, name: str, documentation: str) -> None:
        self.name = name
        self.documentation = documentation
        self.value = 0

    def collect(self) -> Iterator[Metric]:
        yield CounterMetricFamily(self.name, self.documentation, value=self.value)


class Metrics:
    """One app's metric families, on a registry of its own."""

    def __init__(self) -> None:
        self.registry = registry = CollectorRegistry(auto_describe=True)
        self.frames_received = Counter(
            "flowsupport_frames_received",
            "Client frames read, by type",
            ["type"],
            registry=registry,
        )
        self.frames_fanned_out = Counter(
            "flowsupport_frames_fanned_out",
            "Event frames handed to local subscribers",
            registry=registry,
        )
        self.fanout_seconds = Histogram(
            "flowsupport_fanout_seconds",
            "Time to hand one event to every subscriber on this node",
            buckets=FAST_BUCKETS,
            registry=registry,
        )
        self.slow_client_disconnects = Counter(
            "flowsupport_slow_client_disconnects",
            "Connections closed (1012) because their outbox filled up",
            registry=registry,
        )
        self.connections_refused = Counter(
            "flowsupport_connections_refused",
            "WebSockets refused for a cap: per client address (HTTP 429 at the upgrade) or "
            "per principal (close 4008 after hello)",
            ["cap"],
            registry=registry,
        )
        for cap in ("address", "principal"):
            self.connections_refused.labels(cap)
        self.ws_sessions = Counter(
            "flowsupport_ws_sessions",
            "WebSocket sessions opened, by how fan-out writes to them: direct (pre-framed to "
            "the transport) or asgi (the portable send)",
            ["writer"],
            registry=registry,
        )
        for writer in WRITERS:
            self.ws_sessions.labels(writer)  # both series exist from the start (0)
        self.direct_frames = Tally(
            "flowsupport_direct_frames",
            "Frames written pre-framed to the transport, past the ASGI send",
        )
        registry.register(self.direct_frames)
        self.ai_first_token_seconds = Histogram(
            "flowsupport_ai_first_token_seconds",
            "From a visitor's question to the first piece of the AI answer",
            buckets=AI_BUCKETS,
            registry=registry,
        )
        self.ai_answers = Counter(
            "flowsupport_ai_answers",
            "AI answers, by how they ended",
            ["reason"],
            registry=registry,
        )
        self.ai_tokens = Counter(
            "flowsupport_ai_tokens", "LLM tokens spent (prompt + completion)", registry=registry
        )
        self.escalations = Counter(
            "flowsupport_escalations",
            "Conversations handed to a person, by trigger",
            ["reason"],
            registry=registry,
        )
        self.tickets_created = Counter(
            "flowsupport_tickets_created", "Tickets opened", registry=registry
        )
        self.retention_removed = Counter(
            "flowsupport_retention_removed",
            "What the retention sweep removed: conversations emptied, messages blanked, "
            "attachments deleted",
            ["kind"],
            registry=registry,
        )
        for kind in ("conversations", "messages", "attachments"):
            self.retention_removed.labels(kind)

        self.connections = Gauge(
            "flowsupport_connections",
            "Open WebSocket sessions, by principal kind",
            ["kind"],
            registry=registry,
        )
        self.outbox_frames = Gauge(
            "flowsupport_outbox_frames",
            "Frames queued to slow connections on this node",
            registry=registry,
        )
        self.loop_lag_max = Gauge(
            "flowsupport_event_loop_lag_seconds_max",
            "Worst event-loop lag since the last scrape",
            registry=registry,
        )
        self.gc_pause_max = Gauge(
            "flowsupport_gc_pause_seconds_max",
            "Longest garbage-collection pause since the last scrape",
            registry=registry,
        )
        self.db_pool = Gauge(
            "flowsupport_db_pool_connections",
            "Database pool connections, by state",
            ["state"],
            registry=registry,
        )
        self.db_waiting = Gauge(
            "flowsupport_db_waiting_units",
            "Units of work waiting for a database connection (the pool's fair gate)",
            registry=registry,
        )
        self.jobs_due = Gauge(
            "flowsupport_jobs_due", "Background jobs due and not yet done", registry=registry
        )
        self.dependency_up = Gauge(
            "flowsupport_dependency_up",
            "1 while a dependency answers this node (database, broker), else 0",
            ["name"],
            registry=registry,
        )
        self.tickets = Gauge(
            "flowsupport_tickets",
            "Tickets on the platform, by status",
            ["status"],
            registry=registry,
        )

    def render(self) -> bytes:
        """The registry in Prometheus's text exposition format."""
        return generate_latest(self.registry)
