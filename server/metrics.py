"""Prometheus metrics for `GET /metrics`: what an operator watches on each node.

Counters and histograms are process-wide (prometheus_client, the official library), fed
where things happen; gauges that describe state (connections, queues, the database pool,
tickets by status) are read when scraped. Label values are bounded sets, never ids.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)
FAST_BUCKETS = (0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)
AI_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)

FRAMES_RECEIVED = Counter(
    "flowsupport_frames_received", "Client frames read, by type", ["type"], registry=REGISTRY
)
FRAMES_FANNED_OUT = Counter(
    "flowsupport_frames_fanned_out", "Event frames handed to local subscribers", registry=REGISTRY
)
FANOUT_SECONDS = Histogram(
    "flowsupport_fanout_seconds",
    "Time to hand one event to every subscriber on this node",
    buckets=FAST_BUCKETS,
    registry=REGISTRY,
)
SLOW_CLIENT_DISCONNECTS = Counter(
    "flowsupport_slow_client_disconnects",
    "Connections closed (1012) because their outbox filled up",
    registry=REGISTRY,
)
AI_FIRST_TOKEN_SECONDS = Histogram(
    "flowsupport_ai_first_token_seconds",
    "From a visitor's question to the first piece of the AI answer",
    buckets=AI_BUCKETS,
    registry=REGISTRY,
)
AI_ANSWERS = Counter(
    "flowsupport_ai_answers", "AI answers, by how they ended", ["reason"], registry=REGISTRY
)
AI_TOKENS = Counter(
    "flowsupport_ai_tokens", "LLM tokens spent (prompt + completion)", registry=REGISTRY
)
ESCALATIONS = Counter(
    "flowsupport_escalations",
    "Conversations handed to a person, by trigger",
    ["reason"],
    registry=REGISTRY,
)
TICKETS_CREATED = Counter("flowsupport_tickets_created", "Tickets opened", registry=REGISTRY)

CONNECTIONS = Gauge(
    "flowsupport_connections",
    "Open WebSocket sessions, by principal kind",
    ["kind"],
    registry=REGISTRY,
)
OUTBOX_FRAMES = Gauge(
    "flowsupport_outbox_frames", "Frames queued to slow connections on this node", registry=REGISTRY
)
LOOP_LAG_MAX = Gauge(
    "flowsupport_event_loop_lag_seconds_max",
    "Worst event-loop lag since the last scrape",
    registry=REGISTRY,
)
DB_POOL = Gauge(
    "flowsupport_db_pool_connections",
    "Database pool connections, by state",
    ["state"],
    registry=REGISTRY,
)
JOBS_DUE = Gauge("flowsupport_jobs_due", "Background jobs due and not yet done", registry=REGISTRY)
TICKETS = Gauge(
    "flowsupport_tickets", "Tickets on the platform, by status", ["status"], registry=REGISTRY
)
