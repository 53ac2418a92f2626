-- Account security (issue 17): revocable sessions, login throttling across nodes, password
-- resets, invitations, and when API keys and users were last used.
--
-- user_sessions    one row per sign-in. The access token carries its id; every request and
--                  every WebSocket hello finds it by primary key, so revoking the row (or
--                  disabling the user) refuses the token at once, on every node.
-- login_throttle   failed sign-ins per account (a keyed hash of the e-mail, known or not)
--                  and per client address (a keyed hash), shared by all nodes. It has no
--                  tenant: it is read before one is known, only through the SECURITY DEFINER
--                  functions below, as flowsupport_auth; the application role has no
--                  privilege on it. Every time in it is the application's clock (p_now).
-- password_resets  single-use reset links valid 30 minutes; only the SHA-256 of the token.
-- invitations      single-use invitations valid 72 hours; only the SHA-256 of the token.
--
-- The functions extend 0003's pre-authentication look-ups: each does the least a sign-in,
-- a reset or an invitation needs before a tenant is known, and the login ones do the same
-- work for an unknown e-mail as for a known one (no timing difference to enumerate by).

ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz;

CREATE TABLE user_sessions (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL,
    user_id      uuid NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    user_agent   text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 500),
    address      text CHECK (length(address) <= 100),
    revoked_at   timestamptz,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX user_sessions_user_idx ON user_sessions (tenant_id, user_id, last_seen_at DESC);

CREATE TABLE login_throttle (
    scope        text NOT NULL CHECK (scope IN ('account', 'address')),
    key          bytea NOT NULL,
    failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    window_start timestamptz NOT NULL,
    locked_until timestamptz,
    PRIMARY KEY (scope, key)
);
CREATE INDEX login_throttle_stale_idx ON login_throttle (window_start);

CREATE TABLE password_resets (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL,
    user_id    uuid NOT NULL,
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at DESC);

CREATE TABLE invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email       text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
    role        text NOT NULL CHECK (role IN ('agent', 'admin')),
    token_hash  bytea NOT NULL UNIQUE,
    invited_by  uuid,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    user_id     uuid,
    revoked_at  timestamptz,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, invited_by) REFERENCES users (tenant_id, id)
        ON DELETE SET NULL (invited_by),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
        ON DELETE SET NULL (user_id)
);
-- One open invitation per address and tenant (a resend renews it).
CREATE UNIQUE INDEX invitations_open_key ON invitations (tenant_id, email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

ALTER TABLE user_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_throttle FORCE ROW LEVEL SECURITY;
ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;

-- A staff user sees and ends its own sessions; admins those of their tenant's users.
CREATE POLICY user_sessions_own ON user_sessions FOR ALL
    USING (tenant_id = app_tenant_id() AND user_id = app_user_id()
           AND app_role() IN ('agent', 'admin', 'super_admin'))
    WITH CHECK (tenant_id = app_tenant_id() AND user_id = app_user_id()
                AND app_role() IN ('agent', 'admin', 'super_admin'));
CREATE POLICY user_sessions_admin ON user_sessions FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));
CREATE POLICY user_sessions_auth_lookup ON user_sessions FOR SELECT TO flowsupport_auth
    USING (true);

-- Only the pre-authentication functions read and write the throttle.
CREATE POLICY login_throttle_auth ON login_throttle FOR ALL TO flowsupport_auth
    USING (true) WITH CHECK (true);

-- A user spends its own reset link; links are made by auth_password_reset_request.
CREATE POLICY password_resets_own ON password_resets FOR ALL
    USING (tenant_id = app_tenant_id() AND user_id = app_user_id()
           AND app_role() IN ('agent', 'admin', 'super_admin'))
    WITH CHECK (tenant_id = app_tenant_id() AND user_id = app_user_id()
                AND app_role() IN ('agent', 'admin', 'super_admin'));
CREATE POLICY password_resets_auth ON password_resets FOR ALL TO flowsupport_auth
    USING (true) WITH CHECK (true);

CREATE POLICY invitations_admin ON invitations FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));
CREATE POLICY invitations_auth_lookup ON invitations FOR SELECT TO flowsupport_auth
    USING (true);

-- The pre-authentication functions write a few columns and their own audit entries.
CREATE POLICY users_auth_sign_in ON users FOR UPDATE TO flowsupport_auth
    USING (true) WITH CHECK (true);
CREATE POLICY api_keys_auth_used ON api_keys FOR UPDATE TO flowsupport_auth
    USING (true) WITH CHECK (true);
CREATE POLICY audit_auth_append ON audit_log FOR INSERT TO flowsupport_auth
    WITH CHECK (action LIKE 'auth.%');

GRANT SELECT, INSERT, UPDATE ON user_sessions, invitations TO flowsupport_app;
GRANT SELECT, UPDATE ON password_resets TO flowsupport_app;
GRANT SELECT ON user_sessions, invitations TO flowsupport_auth;
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO flowsupport_auth;
GRANT SELECT, INSERT, UPDATE ON password_resets TO flowsupport_auth;
GRANT UPDATE (password_hash, last_sign_in_at) ON users TO flowsupport_auth;
GRANT UPDATE (last_used_at) ON api_keys TO flowsupport_auth;
GRANT INSERT ON audit_log TO flowsupport_auth;

-- auth_login_begin: a sign-in attempt starts. The user behind `p_email` (NULLs when there
-- is none) and, when the account or the address is locked, until when (the attempt is then
-- refused and audited here, before any password is checked). Otherwise the attempt is
-- charged to both counters now, before the password is verified, so attempts running at
-- the same time cannot all slip under the limit; a success refunds it.
--
-- Rows are locked account first, then address, so concurrent attempts never deadlock.
-- Failures count within a window of p_lockout_s that starts at the first one; a lock lasts
-- p_lockout_s. Stale rows (two windows old, unlocked) are pruned a hundred at a time.
CREATE FUNCTION auth_login_begin(
    p_email text,
    p_account bytea,
    p_address bytea,
    p_now timestamptz,
    p_max integer,
    p_lockout_s integer,
    p_details jsonb
) RETURNS TABLE (id uuid, tenant_id uuid, password_hash text, role text, name text,
                 disabled boolean, locked_until timestamptz)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    v_window interval := make_interval(secs => p_lockout_s);
    v_locked timestamptz;
    v_key record;
    v_row login_throttle;
    v_id uuid;
    v_tenant uuid;
    v_hash text;
    v_role text;
    v_name text;
    v_disabled boolean;
BEGIN
    DELETE FROM login_throttle t
    WHERE (t.scope, t.key) IN (
        SELECT s.scope, s.key FROM login_throttle s
        WHERE s.window_start < p_now - 2 * v_window
          AND (s.locked_until IS NULL OR s.locked_until <= p_now)
        LIMIT 100);
    SELECT u.id, u.tenant_id, u.password_hash, u.role, u.name, u.disabled_at IS NOT NULL
        INTO v_id, v_tenant, v_hash, v_role, v_name, v_disabled
        FROM users u WHERE u.email = lower(p_email);
    FOR v_key IN
        SELECT k.scope, k.key
        FROM (VALUES (1, 'account'::text, p_account), (2, 'address'::text, p_address))
            AS k(ord, scope, key)
        WHERE k.key IS NOT NULL ORDER BY k.ord
    LOOP
        INSERT INTO login_throttle AS t (scope, key, failures, window_start)
            VALUES (v_key.scope, v_key.key, 0, p_now) ON CONFLICT DO NOTHING;
        SELECT * INTO v_row FROM login_throttle t
            WHERE t.scope = v_key.scope AND t.key = v_key.key FOR UPDATE;
        IF v_row.locked_until IS NOT NULL AND v_row.locked_until > p_now THEN
            v_locked := greatest(v_locked, v_row.locked_until);
        ELSIF v_row.locked_until IS NOT NULL OR v_row.window_start + v_window <= p_now THEN
            UPDATE login_throttle t SET failures = 0, window_start = p_now, locked_until = NULL
                WHERE t.scope = v_key.scope AND t.key = v_key.key;
        ELSIF v_row.failures >= p_max THEN
            -- Attempts still in flight used up the allowance: lock now.
            UPDATE login_throttle t SET locked_until = p_now + v_window
                WHERE t.scope = v_key.scope AND t.key = v_key.key;
            v_locked := greatest(v_locked, p_now + v_window);
        END IF;
    END LOOP;
    IF v_locked IS NULL THEN
        UPDATE login_throttle t SET failures = t.failures + 1
            WHERE (t.scope = 'account' AND t.key = p_account)
               OR (t.scope = 'address' AND t.key = p_address);
    ELSE
        INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, target_kind,
                               target_id, details)
        VALUES (v_tenant, CASE WHEN v_id IS NULL THEN 'anonymous' ELSE 'user' END, v_id::text,
                'auth.login_locked', CASE WHEN v_id IS NULL THEN NULL ELSE 'user' END,
                v_id::text,
                coalesce(p_details, '{}') || jsonb_build_object('locked_until', v_locked));
    END IF;
    RETURN QUERY SELECT v_id, v_tenant, v_hash, v_role, v_name, v_disabled, v_locked;
END
$$;

-- auth_login_failed: the password did not match (or the account is disabled, or unknown:
-- p_user_id NULL). Locks what reached the limit and writes the audit entry; the same work
-- whether or not the e-mail belongs to anyone.
CREATE FUNCTION auth_login_failed(
    p_user_id uuid,
    p_account bytea,
    p_address bytea,
    p_now timestamptz,
    p_max integer,
    p_lockout_s integer,
    p_details jsonb
) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
BEGIN
    UPDATE login_throttle t SET locked_until = p_now + make_interval(secs => p_lockout_s)
    WHERE ((t.scope = 'account' AND t.key = p_account)
           OR (t.scope = 'address' AND t.key = p_address))
      AND t.failures >= p_max AND (t.locked_until IS NULL OR t.locked_until <= p_now);
    INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, target_kind, target_id,
                           details)
    SELECT u.tenant_id, CASE WHEN u.id IS NULL THEN 'anonymous' ELSE 'user' END, u.id::text,
           'auth.login_failed', CASE WHEN u.id IS NULL THEN NULL ELSE 'user' END, u.id::text,
           coalesce(p_details, '{}')
    FROM (SELECT p_user_id AS id) AS claimed LEFT JOIN users u ON u.id = claimed.id;
END
$$;

-- auth_login_succeeded: the account's count starts over, the address gets its charge back,
-- and the user's last sign-in is now.
CREATE FUNCTION auth_login_succeeded(
    p_user_id uuid,
    p_account bytea,
    p_address bytea,
    p_now timestamptz
) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
BEGIN
    UPDATE login_throttle t SET failures = 0, locked_until = NULL
        WHERE t.scope = 'account' AND t.key = p_account;
    UPDATE login_throttle t SET failures = greatest(t.failures - 1, 0)
        WHERE t.scope = 'address' AND t.key = p_address;
    UPDATE users u SET last_sign_in_at = p_now WHERE u.id = p_user_id;
END
$$;

-- auth_revoked_credentials: of the sessions and API keys a node's WebSockets hold, those
-- no longer valid (revoked, the user disabled, or gone). One query per node per sweep.
CREATE FUNCTION auth_revoked_credentials(p_sessions uuid[], p_api_keys uuid[])
    RETURNS TABLE (kind text, id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    SELECT 'session', s.id FROM unnest(p_sessions) AS s(id)
    WHERE NOT EXISTS (
        SELECT 1 FROM user_sessions us JOIN users u ON u.tenant_id = us.tenant_id
                                                  AND u.id = us.user_id
        WHERE us.id = s.id AND us.revoked_at IS NULL AND u.disabled_at IS NULL)
    UNION ALL
    SELECT 'api_key', k.id FROM unnest(p_api_keys) AS k(id)
    WHERE NOT EXISTS (SELECT 1 FROM api_keys a WHERE a.id = k.id AND a.revoked_at IS NULL)
    $$;

-- auth_api_key_used: record a key's use, at most once a minute whatever the nodes do.
CREATE FUNCTION auth_api_key_used(p_id uuid, p_now timestamptz) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    UPDATE api_keys SET last_used_at = p_now
    WHERE id = p_id AND (last_used_at IS NULL OR last_used_at <= p_now - interval '1 minute')
    $$;

-- auth_password_reset_request: a reset link for the active user behind `p_email`, unless
-- one was made in the last p_min_interval_s (a mailbox is not flooded). Returns whom to
-- mail, or no row (unknown, disabled or too soon). Audited either way, without a tenant and
-- by hashed e-mail when nobody has that address.
CREATE FUNCTION auth_password_reset_request(
    p_email text,
    p_token_hash bytea,
    p_now timestamptz,
    p_expires_at timestamptz,
    p_min_interval_s integer,
    p_details jsonb
) RETURNS TABLE (user_id uuid, tenant_id uuid, email text, name text, tenant_name text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    v_id uuid;
    v_tenant uuid;
    v_email text;
    v_name text;
    v_tenant_name text;
    v_made boolean := false;
BEGIN
    SELECT u.id, u.tenant_id, u.email, u.name, t.name
        INTO v_id, v_tenant, v_email, v_name, v_tenant_name
        FROM users u JOIN tenants t ON t.id = u.tenant_id
        WHERE u.email = lower(p_email) AND u.disabled_at IS NULL;
    IF v_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM password_resets r
        WHERE r.user_id = v_id AND r.created_at > p_now - make_interval(secs => p_min_interval_s)
    ) THEN
        INSERT INTO password_resets (tenant_id, user_id, token_hash, created_at, expires_at)
            VALUES (v_tenant, v_id, p_token_hash, p_now, p_expires_at);
        v_made := true;
    END IF;
    INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, target_kind, target_id,
                           details)
    VALUES (v_tenant, 'anonymous', NULL, 'auth.password_reset_requested',
            CASE WHEN v_id IS NULL THEN NULL ELSE 'user' END, v_id::text,
            coalesce(p_details, '{}') || jsonb_build_object('sent', v_made));
    IF v_made THEN
        RETURN QUERY SELECT v_id, v_tenant, v_email, v_name, v_tenant_name;
    END IF;
END
$$;

-- auth_password_reset_by_token: the unused, unexpired reset link with this token hash, and
-- the active user it is for (who then spends it in their own security context).
CREATE FUNCTION auth_password_reset_by_token(p_token_hash bytea, p_now timestamptz)
    RETURNS TABLE (id uuid, user_id uuid, tenant_id uuid, role text, email text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    SELECT r.id, r.user_id, r.tenant_id, u.role, u.email
    FROM password_resets r JOIN users u ON u.tenant_id = r.tenant_id AND u.id = r.user_id
    WHERE r.token_hash = p_token_hash AND r.used_at IS NULL AND r.expires_at > p_now
      AND u.disabled_at IS NULL
    $$;

-- auth_set_own_password: the user of the current security context changes its own password
-- (users are otherwise written by admins only); true when it did.
CREATE FUNCTION auth_set_own_password(p_hash text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
BEGIN
    IF app_role() NOT IN ('agent', 'admin', 'super_admin') THEN
        RETURN false;
    END IF;
    UPDATE users u SET password_hash = p_hash
    WHERE u.id = app_user_id() AND u.tenant_id = app_tenant_id() AND u.disabled_at IS NULL;
    RETURN FOUND;
END
$$;

-- auth_invitation_by_token: the open, unexpired invitation with this token hash and the
-- name of its tenant (what the acceptance page shows before anyone is signed in).
CREATE FUNCTION auth_invitation_by_token(p_token_hash bytea, p_now timestamptz)
    RETURNS TABLE (id uuid, tenant_id uuid, tenant_name text, email text, role text,
                   invited_by uuid, expires_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    SELECT i.id, i.tenant_id, t.name, i.email, i.role, i.invited_by, i.expires_at
    FROM invitations i JOIN tenants t ON t.id = i.tenant_id
    WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL
      AND i.expires_at > p_now
    $$;

ALTER FUNCTION auth_login_begin(text, bytea, bytea, timestamptz, integer, integer, jsonb)
    OWNER TO flowsupport_auth;
ALTER FUNCTION auth_login_failed(uuid, bytea, bytea, timestamptz, integer, integer, jsonb)
    OWNER TO flowsupport_auth;
ALTER FUNCTION auth_login_succeeded(uuid, bytea, bytea, timestamptz) OWNER TO flowsupport_auth;
ALTER FUNCTION auth_revoked_credentials(uuid[], uuid[]) OWNER TO flowsupport_auth;
ALTER FUNCTION auth_api_key_used(uuid, timestamptz) OWNER TO flowsupport_auth;
ALTER FUNCTION auth_password_reset_request(text, bytea, timestamptz, timestamptz, integer, jsonb)
    OWNER TO flowsupport_auth;
ALTER FUNCTION auth_password_reset_by_token(bytea, timestamptz) OWNER TO flowsupport_auth;
ALTER FUNCTION auth_set_own_password(text) OWNER TO flowsupport_auth;
ALTER FUNCTION auth_invitation_by_token(bytea, timestamptz) OWNER TO flowsupport_auth;
REVOKE ALL ON FUNCTION
    auth_login_begin(text, bytea, bytea, timestamptz, integer, integer, jsonb),
    auth_login_failed(uuid, bytea, bytea, timestamptz, integer, integer, jsonb),
    auth_login_succeeded(uuid, bytea, bytea, timestamptz),
    auth_revoked_credentials(uuid[], uuid[]),
    auth_api_key_used(uuid, timestamptz),
    auth_password_reset_request(text, bytea, timestamptz, timestamptz, integer, jsonb),
    auth_password_reset_by_token(bytea, timestamptz),
    auth_set_own_password(text),
    auth_invitation_by_token(bytea, timestamptz)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    auth_login_begin(text, bytea, bytea, timestamptz, integer, integer, jsonb),
    auth_login_failed(uuid, bytea, bytea, timestamptz, integer, integer, jsonb),
    auth_login_succeeded(uuid, bytea, bytea, timestamptz),
    auth_revoked_credentials(uuid[], uuid[]),
    auth_api_key_used(uuid, timestamptz),
    auth_password_reset_request(text, bytea, timestamptz, timestamptz, integer, jsonb),
    auth_password_reset_by_token(bytea, timestamptz),
    auth_set_own_password(text),
    auth_invitation_by_token(bytea, timestamptz)
    TO flowsupport_app;
