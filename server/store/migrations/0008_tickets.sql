-- Tickets: what an escalated conversation becomes, owned by agents until solved.
--
-- Numbers are per tenant, from 1, without gaps or repeats: a counter row per tenant is bumped
-- in the same transaction as the insert (its row lock orders concurrent creations, and a
-- rolled-back creation rolls its number back too). A conversation has at most one ticket.

CREATE TABLE ticket_counters (
    tenant_id   uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    last_number bigint NOT NULL CHECK (last_number >= 0)
);

CREATE TABLE tickets (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id             uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number                bigint NOT NULL CHECK (number > 0),
    conversation_id       uuid,
    subject               text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    status                text NOT NULL DEFAULT 'new'
                          CHECK (status IN ('new', 'open', 'pending', 'solved', 'closed')),
    priority              text NOT NULL DEFAULT 'normal'
                          CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    requester_contact_id  uuid NOT NULL,
    assignee_id           uuid,
    tags                  text[] NOT NULL DEFAULT '{}',
    custom_fields         jsonb NOT NULL DEFAULT '{}'::jsonb,
    escalation_reason     text,
    summary               text,
    first_response_due_at timestamptz,
    resolution_due_at     timestamptz,
    first_responded_at    timestamptz,
    solved_at             timestamptz,
    breaches              text[] NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, number),
    UNIQUE (tenant_id, id),
    UNIQUE (conversation_id),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, requester_contact_id)
        REFERENCES contacts (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX tickets_list_idx ON tickets (tenant_id, status, updated_at DESC);
CREATE INDEX tickets_subject_trgm ON tickets USING gin (subject gin_trgm_ops);
-- What the SLA timer looks at: open tickets by deadline.
CREATE INDEX tickets_first_response_due_idx ON tickets (first_response_due_at)
    WHERE first_responded_at IS NULL AND status NOT IN ('solved', 'closed');
CREATE INDEX tickets_resolution_due_idx ON tickets (resolution_due_at)
    WHERE status NOT IN ('solved', 'closed');

CREATE TABLE ticket_comments (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL,
    ticket_id   uuid NOT NULL,
    author_kind text NOT NULL CHECK (author_kind IN ('agent', 'bot', 'visitor', 'system')),
    author_id   text,
    author_name text,
    body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    public      boolean NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_comments_ticket_idx ON ticket_comments (ticket_id, created_at);
CREATE INDEX ticket_comments_body_trgm ON ticket_comments USING gin (body gin_trgm_ops);

ALTER TABLE conversations ADD COLUMN ticket_id uuid;
-- Set by a visitor's message, cleared by any public reply (agent, bot, AI): what the
-- unanswered-question timer looks at (the worker's sweep), durable across restarts.
ALTER TABLE conversations ADD COLUMN awaiting_reply_since timestamptz;
CREATE INDEX conversations_awaiting_idx ON conversations (awaiting_reply_since)
    WHERE awaiting_reply_since IS NOT NULL;
ALTER TABLE conversations ADD FOREIGN KEY (tenant_id, ticket_id)
    REFERENCES tickets (tenant_id, id) ON DELETE SET NULL (ticket_id);

ALTER TABLE ticket_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_counters FORCE ROW LEVEL SECURITY;
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
ALTER TABLE ticket_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_comments FORCE ROW LEVEL SECURITY;

CREATE POLICY ticket_counters_staff ON ticket_counters FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY tickets_staff ON tickets FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
-- A customer reads its own tickets, and of their comments only the public ones.
CREATE POLICY tickets_customer_read ON tickets FOR SELECT
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer'
           AND requester_contact_id = app_user_id());
CREATE POLICY ticket_comments_staff ON ticket_comments FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY ticket_comments_customer_read ON ticket_comments FOR SELECT
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer' AND public
           AND EXISTS (SELECT 1 FROM tickets t
                       WHERE t.id = ticket_id AND t.requester_contact_id = app_user_id()));

GRANT SELECT, INSERT, UPDATE ON ticket_counters, tickets, ticket_comments TO flowsupport_app;
