-- `conversation.start` is idempotent by `client_conv_id` (PROTOCOL.md additions), as
-- `message.send` is by `client_msg_id`: a client whose ack was lost sends the same key again
-- and gets the conversation it already started, not a second, orphaned one.
--
-- start_key is a digest of the starting principal and its key (the application computes
-- it), so it names no person: an erased contact's id is found nowhere, this column included.
-- A staff member's start also makes a new contact each time, so the key cannot live on the
-- contact; it is unique per tenant.

ALTER TABLE conversations ADD COLUMN start_key text;
CREATE UNIQUE INDEX conversations_start_key_idx ON conversations (tenant_id, start_key)
    WHERE start_key IS NOT NULL;
