-- Row-level security: enabled and FORCED on every table, distinct policies per role.
--
--   customer     a contact (website visitor): its own contact row, its own conversations,
--                their non-private messages and events.
--   agent        every conversation of its tenant (bots run as agents).
--   admin        what an agent may, plus users, API keys and tenant settings; reads the audit log.
--   super_admin  every tenant; only the audited operator path sets it.
--   (no role)    nothing: a transaction that set no context sees no rows.

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE contacts FORCE ROW LEVEL SECURITY;
ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
ALTER TABLE conversation_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_events FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;

-- tenants ---------------------------------------------------------------------------------
CREATE POLICY tenants_read ON tenants FOR SELECT USING (app_in_tenant(id));
CREATE POLICY tenants_admin_update ON tenants FOR UPDATE
    USING (app_role() = 'super_admin' OR (id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin' OR (id = app_tenant_id() AND app_role() = 'admin'));
CREATE POLICY tenants_super_insert ON tenants FOR INSERT WITH CHECK (app_role() = 'super_admin');
CREATE POLICY tenants_super_delete ON tenants FOR DELETE USING (app_role() = 'super_admin');
CREATE POLICY tenants_auth_lookup ON tenants FOR SELECT TO flowsupport_auth USING (true);

-- users -----------------------------------------------------------------------------------
CREATE POLICY users_staff_read ON users FOR SELECT
    USING (app_in_tenant(tenant_id) AND app_role() <> 'customer');
CREATE POLICY users_admin_write ON users FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_role() = 'admin' AND role <> 'super_admin'));
CREATE POLICY users_auth_lookup ON users FOR SELECT TO flowsupport_auth USING (true);

-- api_keys --------------------------------------------------------------------------------
CREATE POLICY api_keys_admin ON api_keys FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));
CREATE POLICY api_keys_auth_lookup ON api_keys FOR SELECT TO flowsupport_auth USING (true);

-- contacts --------------------------------------------------------------------------------
CREATE POLICY contacts_staff ON contacts FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY contacts_customer_self ON contacts FOR ALL
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer' AND id = app_user_id())
    WITH CHECK (tenant_id = app_tenant_id() AND app_role() = 'customer' AND id = app_user_id());

-- conversations ---------------------------------------------------------------------------
CREATE POLICY conversations_staff ON conversations FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY conversations_customer_own ON conversations FOR ALL
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer' AND contact_id = app_user_id())
    WITH CHECK (tenant_id = app_tenant_id() AND app_role() = 'customer'
                AND contact_id = app_user_id());

-- messages --------------------------------------------------------------------------------
CREATE POLICY messages_staff ON messages FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY messages_customer_read ON messages FOR SELECT
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer' AND NOT private
           AND EXISTS (SELECT 1 FROM conversations c
                       WHERE c.id = conversation_id AND c.contact_id = app_user_id()));
CREATE POLICY messages_customer_send ON messages FOR INSERT
    WITH CHECK (tenant_id = app_tenant_id() AND app_role() = 'customer' AND NOT private
                AND sender_kind = 'visitor' AND sender_id = app_user_id()
                AND EXISTS (SELECT 1 FROM conversations c
                            WHERE c.id = conversation_id AND c.contact_id = app_user_id()));

-- conversation_events ---------------------------------------------------------------------
CREATE POLICY events_staff ON conversation_events FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY events_customer_own ON conversation_events FOR ALL
    USING (tenant_id = app_tenant_id() AND app_role() = 'customer' AND NOT private
           AND EXISTS (SELECT 1 FROM conversations c
                       WHERE c.id = conversation_id AND c.contact_id = app_user_id()))
    WITH CHECK (tenant_id = app_tenant_id() AND app_role() = 'customer' AND NOT private
                AND EXISTS (SELECT 1 FROM conversations c
                            WHERE c.id = conversation_id AND c.contact_id = app_user_id()));

-- audit_log: anyone acting in a tenant appends to it; admins read their tenant's ---------------
CREATE POLICY audit_append ON audit_log FOR INSERT
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() <> 'none'));
CREATE POLICY audit_read ON audit_log FOR SELECT
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));

-- privileges ------------------------------------------------------------------------------
GRANT SELECT, INSERT, UPDATE, DELETE
    ON tenants, users, api_keys, contacts, conversations, messages, conversation_events
    TO flowsupport_app;
GRANT SELECT, INSERT ON audit_log TO flowsupport_app;
GRANT SELECT ON tenants, users, api_keys TO flowsupport_auth;

-- pre-authentication look-ups -----------------------------------------------------------------
-- The only reads that happen before a tenant is known. Each returns the minimum needed to
-- verify a credential and runs as flowsupport_auth, whose policies are the only ones that
-- cross tenants without super_admin.

CREATE FUNCTION auth_user_by_email(p_email text)
    RETURNS TABLE (id uuid, tenant_id uuid, password_hash text, role text, name text,
                   disabled boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT u.id, u.tenant_id, u.password_hash, u.role, u.name, u.disabled_at IS NOT NULL
          FROM users u WHERE u.email = lower(p_email) $$;

CREATE FUNCTION auth_api_key(p_id uuid)
    RETURNS TABLE (tenant_id uuid, name text, secret_hash bytea, revoked boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT k.tenant_id, k.name, k.secret_hash, k.revoked_at IS NOT NULL
          FROM api_keys k WHERE k.id = p_id $$;

CREATE FUNCTION auth_tenant_by_widget_key(p_widget_key text)
    RETURNS TABLE (id uuid, allowed_origins text[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT t.id, t.allowed_origins FROM tenants t WHERE t.widget_key = p_widget_key $$;

ALTER FUNCTION auth_user_by_email(text) OWNER TO flowsupport_auth;
ALTER FUNCTION auth_api_key(uuid) OWNER TO flowsupport_auth;
ALTER FUNCTION auth_tenant_by_widget_key(text) OWNER TO flowsupport_auth;
REVOKE ALL ON FUNCTION auth_user_by_email(text), auth_api_key(uuid),
    auth_tenant_by_widget_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_user_by_email(text), auth_api_key(uuid),
    auth_tenant_by_widget_key(text) TO flowsupport_app;
