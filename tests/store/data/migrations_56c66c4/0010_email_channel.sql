-- Customer channels beyond web chat, starting with e-mail: the addresses a tenant receives
-- mail at (an address belongs to one tenant, platform-wide: inbound mail names no tenant),
-- the Message-IDs that thread replies into conversations, stored attachments, and the
-- inbound webhook tokens already seen (a replayed delivery is refused).

CREATE TABLE channels (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('email', 'sms', 'whatsapp')),
    address    text NOT NULL CHECK (length(address) BETWEEN 3 AND 320),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, address),
    UNIQUE (tenant_id, id)
);

ALTER TABLE conversations ADD COLUMN channel_id uuid;
ALTER TABLE conversations ADD FOREIGN KEY (tenant_id, channel_id)
    REFERENCES channels (tenant_id, id) ON DELETE SET NULL (channel_id);

CREATE TABLE mail_refs (
    tenant_id       uuid NOT NULL,
    ref             text NOT NULL CHECK (length(ref) BETWEEN 1 AND 998),
    conversation_id uuid NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, ref),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE attachments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    message_id   uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    filename     text NOT NULL,
    content_type text NOT NULL,
    size         bigint NOT NULL CHECK (size >= 0),
    sha256       text NOT NULL,
    data         bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_message_idx ON attachments (message_id);

CREATE TABLE webhook_tokens (
    provider text NOT NULL,
    token    text NOT NULL CHECK (length(token) BETWEEN 1 AND 200),
    seen_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, token)
);

ALTER TABLE channels ENABLE ROW LEVEL SECURITY;
ALTER TABLE channels FORCE ROW LEVEL SECURITY;
ALTER TABLE mail_refs ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_refs FORCE ROW LEVEL SECURITY;
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_tokens FORCE ROW LEVEL SECURITY;

CREATE POLICY channels_read ON channels FOR SELECT
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY channels_write ON channels FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));
CREATE POLICY channels_auth_lookup ON channels FOR SELECT TO flowsupport_auth USING (true);
CREATE POLICY mail_refs_staff ON mail_refs FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY attachments_staff ON attachments FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY webhook_tokens_auth ON webhook_tokens FOR ALL TO flowsupport_auth
    USING (true) WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON channels TO flowsupport_app;
GRANT SELECT, INSERT ON mail_refs, attachments TO flowsupport_app;
GRANT SELECT ON channels TO flowsupport_auth;
GRANT SELECT, INSERT ON webhook_tokens TO flowsupport_auth;

-- Pre-authentication, like the widget key look-up: which tenant an inbound address is.
CREATE FUNCTION auth_channel_by_address(p_kind text, p_address text)
    RETURNS TABLE (id uuid, tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT c.id, c.tenant_id FROM channels c
          WHERE c.kind = p_kind AND c.address = lower(p_address) $$;

-- True the first time a provider's webhook token is seen, false on a replay.
CREATE FUNCTION claim_webhook_token(p_provider text, p_token text)
    RETURNS boolean
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ WITH claimed AS (
              INSERT INTO webhook_tokens (provider, token) VALUES (p_provider, p_token)
              ON CONFLICT DO NOTHING RETURNING 1)
          SELECT EXISTS (SELECT 1 FROM claimed) $$;

ALTER FUNCTION auth_channel_by_address(text, text) OWNER TO flowsupport_auth;
ALTER FUNCTION claim_webhook_token(text, text) OWNER TO flowsupport_auth;
REVOKE ALL ON FUNCTION auth_channel_by_address(text, text), claim_webhook_token(text, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_channel_by_address(text, text), claim_webhook_token(text, text)
    TO flowsupport_app;

-- append_message as in 0009, now also queueing the delivery of replies in e-mail threads.
CREATE OR REPLACE FUNCTION append_message(
    p_conversation_id uuid,
    p_sender_kind text,
    p_sender_id uuid,
    p_sender_name text,
    p_body text,
    p_private boolean,
    p_client_msg_id text,
    p_citations jsonb,
    p_expects_reply boolean DEFAULT true
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
                          body, private, client_msg_id, citations)
    VALUES (v_conversation.tenant_id, p_conversation_id, v_conversation.last_seq, p_sender_kind,
            p_sender_id, p_sender_name, p_body, p_private, p_client_msg_id, p_citations)
    RETURNING * INTO v_message;
    INSERT INTO conversation_events (tenant_id, conversation_id, seq, kind, message_id, private)
    VALUES (v_conversation.tenant_id, p_conversation_id, v_conversation.last_seq,
            'message.created', v_message.id, p_private);
    -- Public words to an e-mail customer leave by mail: a delivery job in this transaction,
    -- so a reply is never stored without being sent (and never sent twice: dedupe key).
    IF v_conversation.channel = 'email' AND NOT p_private AND p_sender_kind <> 'visitor' THEN
        INSERT INTO jobs (tenant_id, kind, payload, dedupe_key)
        VALUES (v_conversation.tenant_id, 'email.deliver',
                jsonb_build_object('message_id', v_message.id), v_message.id::text)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN QUERY SELECT true, v_message, v_conversation;
END
$$;
