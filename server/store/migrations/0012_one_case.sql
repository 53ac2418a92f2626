-- One case: a conversation and its ticket move together (server/domain/case.py), from the
-- first question to the customer's rating.
--
-- - conversations remember when they were last resolved and how often (a rating belongs to
--   one resolution), and the closed conversation a customer's new message came after;
-- - messages from the system may name the case event they announce (PROTOCOL.md `event`);
-- - a ticket's SLA clock pauses while it is pending or solved: when the pause began, and
--   the business minutes paused so far (deadlines move by them on resume);
-- - read positions per reader and conversation (what `unread_count` is counted from);
-- - customer satisfaction ratings, one per conversation and resolution.

ALTER TABLE conversations ADD COLUMN previous_conversation_id uuid;
ALTER TABLE conversations ADD COLUMN resolved_at timestamptz;
ALTER TABLE conversations ADD COLUMN resolutions integer NOT NULL DEFAULT 0
    CHECK (resolutions >= 0);
ALTER TABLE conversations ADD FOREIGN KEY (tenant_id, previous_conversation_id)
    REFERENCES conversations (tenant_id, id) ON DELETE SET NULL (previous_conversation_id);
CREATE INDEX conversations_previous_idx ON conversations (previous_conversation_id)
    WHERE previous_conversation_id IS NOT NULL;

ALTER TABLE messages ADD COLUMN event text
    CHECK (event IN ('escalated', 'agent_joined', 'resolved', 'reopened', 'csat_requested'));
ALTER TABLE messages ADD CHECK (event IS NULL OR sender_kind = 'system');

ALTER TABLE tickets ADD COLUMN sla_paused_at timestamptz;
ALTER TABLE tickets ADD COLUMN sla_paused_minutes double precision NOT NULL DEFAULT 0
    CHECK (sla_paused_minutes >= 0);

CREATE TABLE read_positions (
    tenant_id       uuid NOT NULL,
    conversation_id uuid NOT NULL,
    reader_kind     text NOT NULL CHECK (reader_kind IN ('agent', 'bot', 'visitor')),
    reader_id       uuid NOT NULL,
    seq             bigint NOT NULL CHECK (seq >= 0),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, reader_kind, reader_id),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX read_positions_reader_idx ON read_positions (tenant_id, reader_id);

CREATE TABLE csat_ratings (
    tenant_id       uuid NOT NULL,
    conversation_id uuid NOT NULL,
    resolution      integer NOT NULL CHECK (resolution > 0),
    contact_id      uuid NOT NULL,
    rating          smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         text CHECK (length(comment) BETWEEN 1 AND 2000),
    via             text NOT NULL CHECK (via IN ('widget', 'link')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, resolution),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE read_positions ENABLE ROW LEVEL SECURITY;
ALTER TABLE read_positions FORCE ROW LEVEL SECURITY;
ALTER TABLE csat_ratings ENABLE ROW LEVEL SECURITY;
ALTER TABLE csat_ratings FORCE ROW LEVEL SECURITY;

-- Staff read their tenant's positions and write their own; a customer only its own.
CREATE POLICY read_positions_staff ON read_positions FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_is_staff()
                    AND reader_kind <> 'visitor' AND reader_id = app_user_id()));
CREATE POLICY read_positions_customer_own ON read_positions FOR ALL
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer'
           AND reader_kind = 'visitor' AND reader_id = app_user_id())
    WITH CHECK (tenant_id = app_tenant_id() AND app_role() = 'customer'
                AND reader_kind = 'visitor' AND reader_id = app_user_id()
                AND EXISTS (SELECT 1 FROM conversations c
                            WHERE c.id = conversation_id AND c.contact_id = app_user_id()));

-- Staff read ratings; only the conversation's own customer gives (or replaces) one.
CREATE POLICY csat_ratings_staff_read ON csat_ratings FOR SELECT
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY csat_ratings_customer_own ON csat_ratings FOR ALL
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer'
           AND contact_id = app_user_id())
    WITH CHECK (tenant_id = app_tenant_id() AND app_role() = 'customer'
                AND contact_id = app_user_id()
                AND EXISTS (SELECT 1 FROM conversations c
                            WHERE c.id = conversation_id AND c.contact_id = app_user_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON read_positions, csat_ratings TO flowsupport_app;

-- append_message (0009) with the system message's case event. Case announcements stay in
-- the conversation: of them only the rating request (and the escalation notice, as before)
-- leaves through an e-mail, SMS or WhatsApp channel; "Ann joined", "resolved" and
-- "reopened" would only be noise in a customer's mailbox.
DROP FUNCTION append_message(uuid, text, uuid, text, text, boolean, text, jsonb, boolean);

CREATE FUNCTION append_message(
    p_conversation_id uuid,
    p_sender_kind text,
    p_sender_id uuid,
    p_sender_name text,
    p_body text,
    p_private boolean,
    p_client_msg_id text,
    p_citations jsonb,
    p_expects_reply boolean DEFAULT true,
    p_event text DEFAULT NULL
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
            WHEN p_sender_kind = 'visitor' AND p_expects_reply
                THEN coalesce(c.awaiting_reply_since, now())
            WHEN p_sender_kind = 'visitor' THEN c.awaiting_reply_since
            ELSE NULL
        END
    WHERE c.id = p_conversation_id RETURNING * INTO v_conversation;
    INSERT INTO messages (tenant_id, conversation_id, seq, sender_kind, sender_id, sender_name,
                          body, private, client_msg_id, citations, event)
    VALUES (v_conversation.tenant_id, p_conversation_id, v_conversation.last_seq, p_sender_kind,
            p_sender_id, p_sender_name, p_body, p_private, p_client_msg_id, p_citations, p_event)
    RETURNING * INTO v_message;
    INSERT INTO conversation_events (tenant_id, conversation_id, seq, kind, message_id, private)
    VALUES (v_conversation.tenant_id, p_conversation_id, v_conversation.last_seq,
            'message.created', v_message.id, p_private);
    -- Public words to a mail or text customer leave through their channel: a delivery job in
    -- this transaction, so a reply is never stored without being sent (nor sent twice).
    IF v_conversation.channel IN ('email', 'sms', 'whatsapp') AND NOT p_private
       AND p_sender_kind <> 'visitor'
       AND coalesce(p_event, '') NOT IN ('agent_joined', 'resolved', 'reopened') THEN
        INSERT INTO jobs (tenant_id, kind, payload, dedupe_key)
        VALUES (v_conversation.tenant_id, v_conversation.channel || '.deliver',
                jsonb_build_object('message_id', v_message.id), v_message.id::text)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN QUERY SELECT true, v_message, v_conversation;
END
$$;
