-- Attachments end to end (issue 19): files that agents and visitors upload before they send
-- the message that carries them, kept in the object store of FLOWSUPPORT_STORAGE_URL
-- (server/storage) rather than in the row. Fixes forward the e-mail attachments of 0010.
--
-- An upload is a row with message_id NULL (pending) that names its uploader; message.send
-- attaches it (message_id set) in the transaction that stores the message. New files live
-- in storage under storage_key; rows of 0010 keep their bytes in `data` and still download:
-- exactly one of the two holds the bytes.

ALTER TABLE attachments ALTER COLUMN message_id DROP NOT NULL;
ALTER TABLE attachments ALTER COLUMN data DROP NOT NULL;
ALTER TABLE attachments ADD COLUMN storage_key text
    CHECK (storage_key IS NULL OR length(storage_key) BETWEEN 1 AND 300);
ALTER TABLE attachments ADD CONSTRAINT attachments_bytes_one_home
    CHECK ((data IS NULL) <> (storage_key IS NULL));
-- Who uploaded it (PROTOCOL.md participant kind and id): only they may attach a pending one.
-- E-mail attachments arrive with their message and name no uploader.
ALTER TABLE attachments ADD COLUMN uploader_kind text
    CHECK (uploader_kind IS NULL OR uploader_kind IN ('visitor', 'agent', 'bot'));
ALTER TABLE attachments ADD COLUMN uploader_id uuid;
ALTER TABLE attachments ADD CONSTRAINT attachments_pending_has_uploader
    CHECK (message_id IS NOT NULL OR (uploader_kind IS NOT NULL AND uploader_id IS NOT NULL));
CREATE INDEX attachments_pending_idx ON attachments (tenant_id, uploader_kind, uploader_id)
    WHERE message_id IS NULL;

-- Customers (visitors): insert their own pending uploads, attach them to their own messages,
-- read their own pending uploads and the attachments of the public messages of their own
-- conversations (as messages_customer_read lets them read those messages).
CREATE POLICY attachments_customer_read ON attachments FOR SELECT
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer'
           AND ((message_id IS NULL AND uploader_kind = 'visitor' AND uploader_id = app_user_id())
                OR EXISTS (SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id
                           WHERE m.id = message_id AND NOT m.private
                             AND c.contact_id = app_user_id())));
CREATE POLICY attachments_customer_upload ON attachments FOR INSERT
    WITH CHECK (tenant_id = app_tenant_id() AND app_role() = 'customer' AND message_id IS NULL
                AND uploader_kind = 'visitor' AND uploader_id = app_user_id()
                AND data IS NULL);
CREATE POLICY attachments_customer_attach ON attachments FOR UPDATE
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer' AND message_id IS NULL
           AND uploader_kind = 'visitor' AND uploader_id = app_user_id())
    WITH CHECK (tenant_id = app_tenant_id() AND app_role() = 'customer'
                AND uploader_kind = 'visitor' AND uploader_id = app_user_id()
                AND EXISTS (SELECT 1 FROM messages m
                            WHERE m.id = message_id AND m.sender_kind = 'visitor'
                              AND m.sender_id = app_user_id()));
-- The message row lists its attachments (messages.attachments jsonb, what the wire shows):
-- a customer sets that list on its own message, in the transaction that stores it.
CREATE POLICY messages_customer_attach ON messages FOR UPDATE
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer' AND NOT private
           AND sender_kind = 'visitor' AND sender_id = app_user_id())
    WITH CHECK (tenant_id = app_tenant_id() AND app_role() = 'customer' AND NOT private
                AND sender_kind = 'visitor' AND sender_id = app_user_id());

GRANT UPDATE ON attachments TO flowsupport_app;

-- Stored objects whose delete failed after the rows went (erasure, retention): the next
-- retention sweep tries again. No tenant may read them but the operator's sweep.
CREATE TABLE storage_orphans (
    storage_key text PRIMARY KEY CHECK (length(storage_key) BETWEEN 1 AND 300),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    failed_at   timestamptz NOT NULL DEFAULT now(),
    attempts    integer NOT NULL DEFAULT 1
);
ALTER TABLE storage_orphans ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage_orphans FORCE ROW LEVEL SECURITY;
CREATE POLICY storage_orphans_tenant ON storage_orphans FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
GRANT SELECT, INSERT, UPDATE, DELETE ON storage_orphans TO flowsupport_app;

-- Back-fill: the e-mail attachments already stored are listed on their messages, as new
-- ones are (server/services/inbound_mail.py); the wire adds each one's url.
SELECT set_config('app.role', 'super_admin', true);
UPDATE messages m SET attachments = listed.items
FROM (
    SELECT a.message_id,
           jsonb_agg(jsonb_build_object('id', a.id, 'name', a.filename,
                                        'content_type', a.content_type, 'size', a.size)
                     ORDER BY a.created_at, a.id) AS items
    FROM attachments a WHERE a.message_id IS NOT NULL
    GROUP BY a.message_id
) listed
WHERE m.id = listed.message_id AND m.attachments = '[]'::jsonb;
SELECT set_config('app.role', '', true);
