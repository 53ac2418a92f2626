-- Support access (issue 17): a super_admin crosses into a tenant only through an explicit
-- grant (a justification, at most 24 hours, audited in that tenant's log, listed to its
-- admins, revocable by them); outside one it sees nothing of any tenant's conversations.
--
-- Two kinds of context carry app.role = 'super_admin' (server/domain/access.py):
--   the operator      no app.user_id: the CLI, the workers, first-run setup. Every tenant,
--                     as before: nothing here changes what it sees.
--   a super_admin     a signed-in person (app.user_id set). app_role() no longer answers
--   user              'super_admin' for it, so no policy's `app_role() = 'super_admin'`
--                     opens anything to a person. It answers, per statement:
--                       'admin'     while the user (still an active super_admin) holds an
--                                   active grant on app.tenant_id: that tenant's rows as its
--                                   admins have them (like them, it cannot mint a
--                                   super_admin);
--                       'platform'  in its own tenant outside a grant: its own account (its
--                                   sessions, password, the tenant's staff list, its audit
--                                   entries) and no conversation, message, contact, ticket,
--                                   article or job of anyone;
--                       'none'      anywhere else: no rows at all, every write refused.
--                     "Active" is decided here, against app.now: the application's clock
--                     (server/clock.py), which every unit of work sets beside the other
--                     settings (server/store/db.py), never the database's now() (0013).
--                     Without app.now no grant is active.
--
-- support_grants is written only by support_access_grant, _revoke and _use (SECURITY
-- DEFINER, owned by flowsupport_auth like the pre-authentication functions): each checks
-- the caller and writes the grant and the target tenant's audit entry in one statement.
-- The table's own read policy names flowsupport_app, so the look-up app_role() makes (as
-- flowsupport_auth, through support_grants_auth) never calls app_role() again.

CREATE TABLE support_grants (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,  -- the one opened
    user_tenant_id uuid NOT NULL,  -- the super_admin's own (the platform's) tenant
    user_id        uuid NOT NULL,
    -- The super_admin as it was named when the grant was made: what the tenant's admins,
    -- who cannot read the platform tenant's users, are shown.
    user_email     text NOT NULL,
    user_name      text NOT NULL DEFAULT '',
    reason         text NOT NULL CHECK (length(reason) BETWEEN 10 AND 500),
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    last_used_at   timestamptz,  -- when its use was last audited (at most hourly for reads)
    CHECK (expires_at > created_at AND expires_at <= created_at + interval '24 hours'),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (user_tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX support_grants_holder_idx ON support_grants (user_id, tenant_id, expires_at DESC)
    WHERE revoked_at IS NULL;
CREATE INDEX support_grants_tenant_idx ON support_grants (tenant_id, created_at DESC);

ALTER TABLE support_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_grants FORCE ROW LEVEL SECURITY;

-- The application's clock for this transaction (NULL when the unit set none).
CREATE FUNCTION app_now() RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.now', true), '')::timestamptz $$;

-- The super_admin person of this context; NULL for every other role and for the operator.
CREATE FUNCTION app_support_user() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN current_setting('app.role', true) = 'super_admin'
                      THEN app_user_id() END $$;

-- What a super_admin person is in app.tenant_id at app.now (the header's three cases).
CREATE FUNCTION app_support_role() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    SELECT CASE
        WHEN EXISTS (
            SELECT 1 FROM support_grants g
            JOIN users u ON u.tenant_id = g.user_tenant_id AND u.id = g.user_id
            WHERE g.user_id = app_support_user() AND g.tenant_id = app_tenant_id()
              AND g.revoked_at IS NULL AND app_now() < g.expires_at
              AND u.role = 'super_admin' AND u.disabled_at IS NULL)
            THEN 'admin'
        WHEN EXISTS (
            SELECT 1 FROM users u
            WHERE u.id = app_support_user() AND u.tenant_id = app_tenant_id()
              AND u.role = 'super_admin' AND u.disabled_at IS NULL)
            THEN 'platform'
        ELSE 'none'
    END
    $$;

-- 0001's app_role(), with the super_admin person mapped as above. Still inlined into every
-- policy: for every other role the CASE never reaches the look-up.
CREATE OR REPLACE FUNCTION app_role() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE
              WHEN current_setting('app.role', true) = 'super_admin' AND app_user_id() IS NOT NULL
                  THEN app_support_role()
              ELSE coalesce(nullif(current_setting('app.role', true), ''), 'none')
          END $$;

-- 0014 let 'super_admin' reach its own sessions and reset links; a person is now 'platform'
-- (or 'admin' under a grant) there, the operator never had a user of its own.
DROP POLICY user_sessions_own ON user_sessions;
CREATE POLICY user_sessions_own ON user_sessions FOR ALL
    USING (tenant_id = app_tenant_id() AND user_id = app_user_id()
           AND app_role() IN ('agent', 'admin', 'platform'))
    WITH CHECK (tenant_id = app_tenant_id() AND user_id = app_user_id()
                AND app_role() IN ('agent', 'admin', 'platform'));
DROP POLICY password_resets_own ON password_resets;
CREATE POLICY password_resets_own ON password_resets FOR ALL
    USING (tenant_id = app_tenant_id() AND user_id = app_user_id()
           AND app_role() IN ('agent', 'admin', 'platform'))
    WITH CHECK (tenant_id = app_tenant_id() AND user_id = app_user_id()
                AND app_role() IN ('agent', 'admin', 'platform'));

CREATE OR REPLACE FUNCTION auth_set_own_password(p_hash text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
BEGIN
    IF app_role() NOT IN ('agent', 'admin', 'platform') THEN
        RETURN false;
    END IF;
    UPDATE users u SET password_hash = p_hash
    WHERE u.id = app_user_id() AND u.tenant_id = app_tenant_id() AND u.disabled_at IS NULL;
    RETURN FOUND;
END
$$;

-- Who reads grants: the operator, the opened tenant's admins, the super_admin its own.
CREATE POLICY support_grants_read ON support_grants FOR SELECT TO flowsupport_app
    USING (app_role() = 'super_admin'
           OR (tenant_id = app_tenant_id() AND app_role() = 'admin')
           OR user_id = app_support_user());
CREATE POLICY support_grants_auth ON support_grants FOR ALL TO flowsupport_auth
    USING (true) WITH CHECK (true);
-- The functions below write the opened tenant's audit log, whoever calls them.
CREATE POLICY audit_support_access_append ON audit_log FOR INSERT TO flowsupport_auth
    WITH CHECK (action LIKE 'support_access.%');

GRANT SELECT ON support_grants TO flowsupport_app;
GRANT SELECT, INSERT, UPDATE ON support_grants TO flowsupport_auth;

-- support_access_grant: open `p_tenant_id` to the super_admin `p_user_id` until
-- p_expires_at. A super_admin opens it for itself; the operator (the CLI) for any active
-- super_admin. The reason's length and the 24 hours are the table's checks. Audited in the
-- opened tenant's log (support_access.granted), so its admins see it.
CREATE FUNCTION support_access_grant(
    p_user_id uuid,
    p_tenant_id uuid,
    p_reason text,
    p_now timestamptz,
    p_expires_at timestamptz
) RETURNS SETOF support_grants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    v_operator boolean := app_role() = 'super_admin';  -- only the operator, now
    v_user users;
    v_grant support_grants;
BEGIN
    IF NOT v_operator
       AND (app_support_user() IS NULL OR p_user_id IS DISTINCT FROM app_support_user()) THEN
        RAISE EXCEPTION 'only a super_admin opens support access, for itself'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO v_user FROM users u
        WHERE u.id = p_user_id AND u.role = 'super_admin' AND u.disabled_at IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no active super_admin with this id' USING ERRCODE = 'no_data_found';
    END IF;
    PERFORM 1 FROM tenants t WHERE t.id = p_tenant_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tenant not found' USING ERRCODE = 'no_data_found';
    END IF;
    INSERT INTO support_grants (tenant_id, user_tenant_id, user_id, user_email, user_name,
                                reason, created_at, expires_at)
    VALUES (p_tenant_id, v_user.tenant_id, v_user.id, v_user.email, v_user.name, p_reason,
            p_now, p_expires_at)
    RETURNING * INTO v_grant;
    INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, target_kind, target_id,
                           details)
    VALUES (p_tenant_id, CASE WHEN v_operator THEN 'operator' ELSE 'user' END,
            CASE WHEN v_operator THEN 'cli' ELSE v_user.id::text END,
            'support_access.granted', 'support_grant', v_grant.id::text,
            jsonb_build_object('user_id', v_user.id, 'reason', p_reason,
                               'expires_at', p_expires_at));
    RETURN NEXT v_grant;
END
$$;

-- support_access_revoke: end a grant early. The operator, the grant's super_admin or an
-- admin of the opened tenant may; to anyone else it does not exist. Ending one already
-- over changes nothing; otherwise audited (support_access.revoked) in the tenant's log.
CREATE FUNCTION support_access_revoke(p_grant_id uuid, p_now timestamptz)
    RETURNS SETOF support_grants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    v_operator boolean := app_role() = 'super_admin';  -- only the operator, now
    v_grant support_grants;
BEGIN
    SELECT * INTO v_grant FROM support_grants g WHERE g.id = p_grant_id FOR UPDATE;
    IF NOT FOUND OR NOT coalesce(
        v_operator OR v_grant.user_id = app_support_user()
        OR (v_grant.tenant_id = app_tenant_id() AND app_role() = 'admin'), false) THEN
        RAISE EXCEPTION 'support-access grant not found' USING ERRCODE = 'no_data_found';
    END IF;
    IF v_grant.revoked_at IS NULL AND p_now < v_grant.expires_at THEN
        UPDATE support_grants g SET revoked_at = p_now WHERE g.id = p_grant_id
            RETURNING * INTO v_grant;
        INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, target_kind,
                               target_id, details)
        VALUES (v_grant.tenant_id, CASE WHEN v_operator THEN 'operator' ELSE 'user' END,
                CASE WHEN v_operator THEN 'cli' ELSE app_user_id()::text END,
                'support_access.revoked', 'support_grant', v_grant.id::text,
                jsonb_build_object('user_id', v_grant.user_id));
    END IF;
    RETURN NEXT v_grant;
END
$$;

-- support_access_use: a request of the context's super_admin in `p_tenant_id`: its active
-- grant there (id, expires_at), or no row. Audited in the tenant's log
-- (support_access.used, with p_details) for every write and for the first read of each
-- hour; the row lock of that update lets one of several concurrent reads write the entry.
CREATE FUNCTION support_access_use(
    p_tenant_id uuid,
    p_now timestamptz,
    p_write boolean,
    p_details jsonb
) RETURNS TABLE (id uuid, expires_at timestamptz)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    v_user uuid := app_support_user();
    v_grant support_grants;
BEGIN
    IF v_user IS NULL THEN
        RETURN;
    END IF;
    SELECT g.* INTO v_grant FROM support_grants g
        JOIN users u ON u.tenant_id = g.user_tenant_id AND u.id = g.user_id
        WHERE g.user_id = v_user AND g.tenant_id = p_tenant_id AND g.revoked_at IS NULL
          AND p_now < g.expires_at AND u.role = 'super_admin' AND u.disabled_at IS NULL
        ORDER BY g.expires_at DESC LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    UPDATE support_grants g SET last_used_at = p_now
        WHERE g.id = v_grant.id
          AND (p_write OR g.last_used_at IS NULL OR g.last_used_at <= p_now - interval '1 hour');
    IF FOUND THEN
        INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, target_kind,
                               target_id, details)
        VALUES (p_tenant_id, 'user', v_user::text, 'support_access.used', 'support_grant',
                v_grant.id::text, coalesce(p_details, '{}'::jsonb)
                                  || jsonb_build_object('write', p_write));
    END IF;
    RETURN QUERY SELECT v_grant.id, v_grant.expires_at;
END
$$;

ALTER FUNCTION app_support_role() OWNER TO flowsupport_auth;
ALTER FUNCTION support_access_grant(uuid, uuid, text, timestamptz, timestamptz)
    OWNER TO flowsupport_auth;
ALTER FUNCTION support_access_revoke(uuid, timestamptz) OWNER TO flowsupport_auth;
ALTER FUNCTION support_access_use(uuid, timestamptz, boolean, jsonb) OWNER TO flowsupport_auth;
REVOKE ALL ON FUNCTION
    support_access_grant(uuid, uuid, text, timestamptz, timestamptz),
    support_access_revoke(uuid, timestamptz),
    support_access_use(uuid, timestamptz, boolean, jsonb)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    support_access_grant(uuid, uuid, text, timestamptz, timestamptz),
    support_access_revoke(uuid, timestamptz),
    support_access_use(uuid, timestamptz, boolean, jsonb)
    TO flowsupport_app;
