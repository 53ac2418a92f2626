-- Durable background jobs: a PostgreSQL queue claimed with FOR UPDATE SKIP LOCKED.
--
-- A claim leases a job until leased_until and bumps attempts; the attempt number fences
-- completion, so a worker that lost its lease (killed, stalled) cannot finish a job another
-- worker has taken over. Services enqueue in their tenant's context; workers claim as the
-- operator (super_admin), across tenants.

CREATE TABLE jobs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
    dedupe_key   text,
    run_at       timestamptz NOT NULL DEFAULT now(),
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 8 CHECK (max_attempts > 0),
    leased_until timestamptz,
    last_error   text,
    outcome      text CHECK (outcome IN ('done', 'failed')),
    finished_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((outcome IS NULL) = (finished_at IS NULL))
);
CREATE UNIQUE INDEX jobs_dedupe_key ON jobs (tenant_id, kind, dedupe_key)
    WHERE dedupe_key IS NOT NULL;
CREATE INDEX jobs_due_idx ON jobs (run_at, id) WHERE finished_at IS NULL;

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY jobs_staff ON jobs FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
GRANT SELECT, INSERT, UPDATE ON jobs TO flowsupport_app;
