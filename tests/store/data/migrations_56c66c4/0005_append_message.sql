-- Appending a message in one round trip: lock the conversation, honour idempotency,
-- allocate the next seq, store the message and its event, return both rows.
--
-- SECURITY INVOKER: row-level security applies exactly as to the statements it replaces
-- (a conversation the caller cannot see is not found; a customer cannot write a note).

CREATE FUNCTION append_message(
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
    UPDATE conversations c SET last_seq = c.last_seq + 1, updated_at = now()
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
