-- SMS and WhatsApp: channels get a provider, its settings and encrypted credentials
-- (server/channels/secretbox.py); contacts a phone number; messages the provider's id and
-- delivery status (status callbacks arrive in any order and never move it backwards).

ALTER TABLE channels ADD COLUMN provider text NOT NULL DEFAULT 'smtp'
    CHECK (provider IN ('smtp', 'twilio', 'meta'));
ALTER TABLE channels ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE channels ADD COLUMN credentials bytea;
ALTER TABLE channels ADD CHECK (
    (kind = 'email' AND provider = 'smtp')
    OR (kind = 'sms' AND provider = 'twilio')
    OR (kind = 'whatsapp' AND provider IN ('twilio', 'meta'))
);

ALTER TABLE contacts ADD COLUMN phone text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$');
CREATE INDEX contacts_phone_idx ON contacts (tenant_id, phone) WHERE phone IS NOT NULL;

ALTER TABLE messages ADD COLUMN external_id text;
ALTER TABLE messages ADD COLUMN delivery_status text;
ALTER TABLE messages ADD COLUMN delivery_error text;
CREATE INDEX messages_external_idx ON messages (external_id) WHERE external_id IS NOT NULL;

-- Pre-authentication: a provider webhook names the channel in its URL; the look-up gives
-- its tenant, provider, settings and sealed credentials (opened by the server, never here).
CREATE FUNCTION auth_channel(p_id uuid)
    RETURNS TABLE (id uuid, tenant_id uuid, kind text, provider text, address text,
                   settings jsonb, credentials bytea)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT c.id, c.tenant_id, c.kind, c.provider, c.address, c.settings, c.credentials
          FROM channels c WHERE c.id = p_id $$;
ALTER FUNCTION auth_channel(uuid) OWNER TO flowsupport_auth;
REVOKE ALL ON FUNCTION auth_channel(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_channel(uuid) TO flowsupport_app;

-- append_message as in 0010, queueing delivery for text channels too.
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
    -- Public words to a mail or text customer leave through their channel: a delivery job in
    -- this transaction,
    -- so a reply is never stored without being sent (and never sent twice: dedupe key).
    IF v_conversation.channel IN ('email', 'sms', 'whatsapp') AND NOT p_private
       AND p_sender_kind <> 'visitor' THEN
        INSERT INTO jobs (tenant_id, kind, payload, dedupe_key)
        VALUES (v_conversation.tenant_id, v_conversation.channel || '.deliver',
                jsonb_build_object('message_id', v_message.id), v_message.id::text)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN QUERY SELECT true, v_message, v_conversation;
END
$$;
