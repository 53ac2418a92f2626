-- Roles, extensions and the per-transaction security context.
--
-- flowsupport_app   what the application logs in as (or is a member of): no SUPERUSER, no
--                   BYPASSRLS, owns nothing; row-level security decides every row it sees.
-- flowsupport_auth  owns the few SECURITY DEFINER look-ups that must run before a tenant is
--                   known (login by e-mail, API key, widget key). NOLOGIN; nobody is a member.
--
-- Every unit of work sets app.tenant_id, app.user_id and app.role with set_config(..., true)
-- (SET LOCAL), so the values die with the transaction and a pooled connection never leaks them.

CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'flowsupport_app') THEN
        CREATE ROLE flowsupport_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'flowsupport_auth') THEN
        CREATE ROLE flowsupport_auth NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

-- A migrating role without SUPERUSER must be able to hand functions to flowsupport_auth.
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('GRANT flowsupport_auth TO %I', current_user);
    END IF;
END
$$;

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO flowsupport_app, flowsupport_auth;

CREATE FUNCTION app_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION app_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

CREATE FUNCTION app_role() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(nullif(current_setting('app.role', true), ''), 'none') $$;

-- True for the roles that work a tenant's whole inbox: agents (bots act as agents) and admins.
CREATE FUNCTION app_is_staff() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT app_role() IN ('agent', 'admin') $$;

-- True when the current context may act on rows of tenant t: the tenant in context for every
-- role, every tenant for super_admin (which only the audited operator path sets).
CREATE FUNCTION app_in_tenant(t uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT app_role() = 'super_admin' OR (t = app_tenant_id() AND app_role() <> 'none') $$;
