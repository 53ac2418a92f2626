-- append_message: append a message in one round trip. Lock the conversation, honour
-- idempotency (client_msg_id), allocate the next seq, store the message and its event, keep
-- the unanswered-question clock (awaiting_reply_since), queue the delivery job of a public
-- reply in an e-mail, SMS or WhatsApp conversation, return both rows.
--
-- p_now is the application's clock (server/clock.py), never the database's now(): the
-- message's created_at (the WhatsApp reply window counts from it), awaiting_reply_since
-- (the unanswered sweep compares it with the clock) and the delivery job's run_at (the job
-- runner claims by the clock) are all stamped with it, so one clock decides. Only the
-- conversation's updated_at, bookkeeping that orders the inbox and nothing compares with a
-- clock, stays the database's now() like every other updated_at.
--
-- This file is the one definition: server/store/migrate.py re-applies it after every
-- migration run (CREATE OR REPLACE, as the schema owner, under the migration lock), so a body
-- change goes here and nowhere else. Migrations 0005, 0009 and 0012 created earlier versions
-- and stay as they landed; this file wins over them (0013 dropped the signature without
-- p_now, so this one is the only one). A change of the arguments or of the
-- returned columns cannot be made by CREATE OR REPLACE: add a migration that DROPs the old
-- signature, then change it here.
--
-- SECURITY INVOKER (no SECURITY DEFINER, no SET search_path, no grants, as in 0005-0012):
-- row-level security applies exactly as to the statements it replaces, and the application
-- role executes it through the default EXECUTE for PUBLIC. The function keeps the owner and
-- privileges it was created with; CREATE OR REPLACE changes neither.
--
-- Case announcements (p_event) stay in the conversation: of them only the rating request
-- (and the escalation notice) leaves through an e-mail, SMS or WhatsApp channel; "Ann
-- joined", "resolved" and "reopened" would only be noise in a customer's mailbox.

CREATE OR REPLACE FUNCTION append_message(
    p_conversation_id uuid,
    p_sender_kind text,
    p_sender_id uuid,
    p_sender_name text,
    p_body text,
    p_private boolean,
    p_client_msg_id text,
    p_citations jsonb,
    p_expects_reply boolean,
    p_event text,
    p_now timestamptz
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
                THEN coalesce(c.awaiting_reply_since, p_now)
            WHEN p_sender_kind = 'visitor' THEN c.awaiting_reply_since
            ELSE NULL
        END
    WHERE c.id = p_conversation_id RETURNING * INTO v_conversation;
    INSERT INTO messages (tenant_id, conversation_id, seq, sender_kind, sender_id, sender_name,
                          body, private, client_msg_id, citations, event, created_at)
    VALUES (v_conversation.tenant_id, p_conversation_id, v_conversation.last_seq, p_sender_kind,
            p_sender_id, p_sender_name, p_body, p_private, p_client_msg_id, p_citations, p_event,
            p_now)
    RETURNING * INTO v_message;
    INSERT INTO conversation_events (tenant_id, conversation_id, seq, kind, message_id, private)
    VALUES (v_conversation.tenant_id, p_conversation_id, v_conversation.last_seq,
            'message.created', v_message.id, p_private);
    -- Public words to a mail or text customer leave through their channel: a delivery job in
    -- this transaction, so a reply is never stored without being sent (nor sent twice).
    IF v_conversation.channel IN ('email', 'sms', 'whatsapp') AND NOT p_private
       AND p_sender_kind <> 'visitor'
       AND coalesce(p_event, '') NOT IN ('agent_joined', 'resolved', 'reopened') THEN
        INSERT INTO jobs (tenant_id, kind, payload, dedupe_key, run_at)
        VALUES (v_conversation.tenant_id, v_conversation.channel || '.deliver',
                jsonb_build_object('message_id', v_message.id), v_message.id::text, p_now)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN QUERY SELECT true, v_message, v_conversation;
END
$$;
