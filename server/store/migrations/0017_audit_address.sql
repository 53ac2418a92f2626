-- The audit log admins read (issue 18): every entry says from which client address the
-- change came, the log pages by (created_at, id), and an id-addressed request for another
-- tenant's conversation, ticket or contact can be told apart from a missing id.
--
-- client_address  the client address of the HTTP request or WebSocket session the entry was
--                 written in (the peer, or what a trusted proxy forwarded; uvicorn's
--                 FORWARDED_ALLOW_IPS), NULL for the CLI, the workers and entries made
--                 before this migration. Every unit of work sets it as app.client_address
--                 beside the rest of its context (server/store/db.py), and the column's
--                 default reads it there: so audit.record() and the SECURITY DEFINER
--                 functions of 0014 and 0016 that insert entries themselves (sign-in
--                 failures, lockouts, reset requests, support access) all record it with no
--                 function redefined and no argument added.
--
-- app_exists_in_other_tenant  whether a conversation, ticket or contact id exists in a
--                 tenant other than the caller's, and nothing else about it. Called only on
--                 the not-found path of id-addressed HTTP requests, which then audit
--                 `access.cross_tenant` in the caller's tenant and still answer 404 exactly
--                 as for a missing id. Owned by flowsupport_auth (like 0014's look-ups),
--                 which may read only the id and tenant_id columns of those tables.

CREATE FUNCTION app_client_address() RETURNS inet
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
BEGIN
    RETURN nullif(current_setting('app.client_address', true), '')::inet;
EXCEPTION WHEN invalid_text_representation THEN
    RETURN NULL;  -- never refuse an audit entry over its address
END
$$;

ALTER TABLE audit_log ADD COLUMN client_address inet;  -- existing entries: NULL, no rewrite
ALTER TABLE audit_log ALTER COLUMN client_address SET DEFAULT app_client_address();

-- Keyset pages newest first: (created_at, id) DESC within a tenant.
CREATE INDEX audit_log_tenant_page_idx ON audit_log (tenant_id, created_at DESC, id DESC);

CREATE POLICY conversations_auth_exists ON conversations FOR SELECT TO flowsupport_auth
    USING (true);
CREATE POLICY tickets_auth_exists ON tickets FOR SELECT TO flowsupport_auth USING (true);
CREATE POLICY contacts_auth_exists ON contacts FOR SELECT TO flowsupport_auth USING (true);
GRANT SELECT (id, tenant_id) ON conversations, tickets, contacts TO flowsupport_auth;

CREATE FUNCTION app_exists_in_other_tenant(p_kind text, p_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    SELECT app_tenant_id() IS NOT NULL AND CASE p_kind
        WHEN 'conversation' THEN EXISTS (
            SELECT 1 FROM conversations c WHERE c.id = p_id AND c.tenant_id <> app_tenant_id())
        WHEN 'ticket' THEN EXISTS (
            SELECT 1 FROM tickets t WHERE t.id = p_id AND t.tenant_id <> app_tenant_id())
        WHEN 'contact' THEN EXISTS (
            SELECT 1 FROM contacts k WHERE k.id = p_id AND k.tenant_id <> app_tenant_id())
        ELSE false
    END
    $$;

ALTER FUNCTION app_exists_in_other_tenant(text, uuid) OWNER TO flowsupport_auth;
REVOKE ALL ON FUNCTION app_exists_in_other_tenant(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_exists_in_other_tenant(text, uuid) TO flowsupport_app;
