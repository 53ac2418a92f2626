-- Managed labels and snooze (issue 19, item 1).
--
-- labels          a tenant's managed set of conversation labels: the name is the tag string
--                 conversations carry in `tags` (PROTOCOL.md, unchanged on the wire), with a
--                 colour from a fixed palette (server/domain/labels.py) and a description.
--                 Free tags not in the set stay allowed. Staff read the set, admins write
--                 it; renaming or deleting a label rewrites its tag on the tenant's
--                 conversations (server/services/labels.py).
-- conversations   snoozed_until: a pending conversation an agent put aside until then; the
--                 worker's timers reopen it at that time, a customer's message at once.
--                 NULL whenever the conversation is not pending (the lifecycle clears it).

CREATE TABLE labels (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
    colour      text NOT NULL CHECK (colour ~ '^[a-z]{3,12}$'),
    description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name),
    UNIQUE (tenant_id, id)
);

ALTER TABLE labels ENABLE ROW LEVEL SECURITY;
ALTER TABLE labels FORCE ROW LEVEL SECURITY;
CREATE POLICY labels_read ON labels FOR SELECT
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY labels_write ON labels FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));
GRANT SELECT, INSERT, UPDATE, DELETE ON labels TO flowsupport_app;

ALTER TABLE conversations ADD COLUMN snoozed_until timestamptz;
ALTER TABLE conversations ADD CHECK (snoozed_until IS NULL OR status = 'pending');
CREATE INDEX conversations_snoozed_idx ON conversations (snoozed_until)
    WHERE snoozed_until IS NOT NULL;
