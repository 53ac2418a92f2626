-- Canned replies and macros (issue 19, README "Canned replies and macros").
--
-- canned_replies  a short code the composer's `/` menu finds, a title and a body with
--                 {variables} the server fills in (server/domain/replies.py). owner_id NULL:
--                 shared by the tenant, written by its admins; otherwise personal: its
--                 owner's alone, read and written by nobody else (admins included), like
--                 Chatwoot's personal canned responses.
-- macros          a named list of actions (send a reply, add or remove tags, set status,
--                 assignee, priority) applied in order to one conversation through the same
--                 service calls as `conversation.update` and `message.send`; shared or
--                 personal exactly like canned replies. actions is a JSON array checked by
--                 the application before it is stored.
--
-- A code is unique among the shared replies and among each owner's personal ones; a
-- personal reply may reuse a shared code (both are listed, marked). Deleting a user
-- deletes their personal replies and macros.

CREATE TABLE canned_replies (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    owner_id   uuid,
    code       text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX canned_replies_shared_code_idx ON canned_replies (tenant_id, code)
    WHERE owner_id IS NULL;
CREATE UNIQUE INDEX canned_replies_own_code_idx ON canned_replies (tenant_id, owner_id, code)
    WHERE owner_id IS NOT NULL;

CREATE TABLE macros (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    owner_id   uuid,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    actions    jsonb NOT NULL CHECK (jsonb_typeof(actions) = 'array'
                                     AND jsonb_array_length(actions) BETWEEN 1 AND 20),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX macros_shared_name_idx ON macros (tenant_id, name) WHERE owner_id IS NULL;
CREATE UNIQUE INDEX macros_own_name_idx ON macros (tenant_id, owner_id, name)
    WHERE owner_id IS NOT NULL;

-- Staff read the shared rows and their own; admins write the shared ones; everyone writes
-- their own. Another agent's personal row is simply not there.
ALTER TABLE canned_replies ENABLE ROW LEVEL SECURITY;
ALTER TABLE canned_replies FORCE ROW LEVEL SECURITY;
CREATE POLICY canned_replies_read ON canned_replies FOR SELECT
    USING (app_role() = 'super_admin'
           OR (tenant_id = app_tenant_id() AND app_is_staff()
               AND (owner_id IS NULL OR owner_id = app_user_id())));
CREATE POLICY canned_replies_write ON canned_replies FOR ALL
    USING (app_role() = 'super_admin'
           OR (tenant_id = app_tenant_id()
               AND ((owner_id IS NULL AND app_role() = 'admin')
                    OR (owner_id = app_user_id() AND app_is_staff()))))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id()
                    AND ((owner_id IS NULL AND app_role() = 'admin')
                         OR (owner_id = app_user_id() AND app_is_staff()))));
GRANT SELECT, INSERT, UPDATE, DELETE ON canned_replies TO flowsupport_app;

ALTER TABLE macros ENABLE ROW LEVEL SECURITY;
ALTER TABLE macros FORCE ROW LEVEL SECURITY;
CREATE POLICY macros_read ON macros FOR SELECT
    USING (app_role() = 'super_admin'
           OR (tenant_id = app_tenant_id() AND app_is_staff()
               AND (owner_id IS NULL OR owner_id = app_user_id())));
CREATE POLICY macros_write ON macros FOR ALL
    USING (app_role() = 'super_admin'
           OR (tenant_id = app_tenant_id()
               AND ((owner_id IS NULL AND app_role() = 'admin')
                    OR (owner_id = app_user_id() AND app_is_staff()))))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id()
                    AND ((owner_id IS NULL AND app_role() = 'admin')
                         OR (owner_id = app_user_id() AND app_is_staff()))));
GRANT SELECT, INSERT, UPDATE, DELETE ON macros TO flowsupport_app;
