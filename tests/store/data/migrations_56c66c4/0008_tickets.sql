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

-- append_message as in 0005, now also keeping awaiting_reply_since.
CREATE OR REPLACE FUNCTION append_message(
    p_conversation_id uuid,
    p_sender_kind text,
    p_sender_id uuid,
    p_sender_name text,
    p_body text,
    p_private boolean,
    p_client_msg_id text,
    p_citations jsonb
) RETURNS TABLE (created boolean, message messages, conversation conversations)
    LANGUAGE plpgsql VOLATILE
    AS $$
DECLARE
    v_conversation conversations;
    v_message messages;
BEGIN
    SELECT * INTO v_conversation FROM conversations c WHERE c.id = p_conversation_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'conversation not found' USING ERRCODE = 'no_data_found';
    END IF;
    IF p_client_msg_id IS NOT NULL THEN
        SELECT * INTO v_message FROM messages m
        WHERE m.tenant_id = v_conversation.tenant_id AND m.sender_kind = p_sender_kind
          AND m.sender_id IS NOT DISTINCT FROM p_sender_id AND m.client_msg_id = p_client_msg_id;
        IF FOUND THEN
            IF v_message.conversation_id <> p_conversation_id THEN
                RAISE EXCEPTION 'client_msg_id already used in another conversation'
                    USING ERRCODE = 'FS409';
            END IF;
            RETURN QUERY SELECT false, v_message, v_conversation;
            RETURN;
        END IF;
    END IF;
    UPDATE conversations c SET last_seq = c.last_seq + 1, updated_at = now(),
        awaiting_reply_since = CASE
            WHEN p_private OR p_sender_kind = 'system' THEN c.awaiting_reply_since
            WHEN p_sender_kind = 'visitor' THEN coalesce(c.awaiting_reply_since, now())
            ELSE NULL
        END
    WHERE c.id = p_conversation_id RETURNING * INTO v_conversation;
    INSERT INTO messages (tenant_id, conversation_id, seq, sender_kind, sender_id, sender_name,
                          body, private, client_msg_id, citations)
    VALUES (v_conversation.tenant_id, p_conversation_id, v_conversation.last_seq, p_sender_kind,
            p_sender_id, p_sender_name, p_body, p_private, p_client_msg_id, p_citations)
    RETURNING * INTO v_message;
    INSERT INTO conversation_events (tenant_id, conversation_id, seq, kind, message_id, private)
    VALUES (v_conversation.tenant_id, p_conversation_id, v_conversation.last_seq,
            'message.created', v_message.id, p_private);
    RETURN QUERY SELECT true, v_message, v_conversation;
END
$$;
