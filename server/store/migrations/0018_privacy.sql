-- Privacy (GDPR, issue 18): a contact's data exported or erased on request, the requests
-- kept in a register, and an audit log that names contacts only by pseudonym.
--
-- subject_ref     audit_subject_ref(tenant, id): the hex SHA-256 of the tenant's random
--                 subject_salt followed by a contact's id. audit.record() stores contact
--                 (visitor) ids in audit_log as this digest, the export computes it to find
--                 the entries that name a contact, and once the contact is erased nothing
--                 links the digest back to anyone. One function, for Python and SQL alike;
--                 SECURITY DEFINER (owned by flowsupport_auth, which reads every tenant
--                 row) so that any context that may write an audit entry can compute it.
-- contacts        erased_at marks the anonymous stand-in an erasure leaves in the contact's
--                 place (server/services/gdpr.py): a fresh id, no personal data, so the
--                 anonymous conversations and tickets keep a requester and reports their
--                 counts, while the erased id itself appears nowhere any more.
-- privacy_requests  every export and erasure, HTTP or CLI: received, then completed or
--                 failed; due a month after it was received (GDPR art. 12(3)). contact_id
--                 is cleared in every request for a contact when it is erased; subject_ref
--                 stays, and is what refuses the erased visitor's old token
--                 (contact_was_erased). summary holds counts only. Admins of the tenant
--                 read and write it, like every other admin table (0003, 0014, 0016).

ALTER TABLE tenants ADD COLUMN subject_salt bytea NOT NULL
    DEFAULT (uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));
ALTER TABLE contacts ADD COLUMN erased_at timestamptz;

CREATE FUNCTION audit_subject_ref(p_tenant_id uuid, p_id text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT encode(sha256(t.subject_salt || convert_to(p_id, 'UTF8')), 'hex')
          FROM tenants t WHERE t.id = p_tenant_id AND p_id IS NOT NULL $$;

CREATE TABLE privacy_requests (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('export', 'erasure')),
    contact_id   uuid,  -- no foreign key: erasure deletes the contact, and clears this
    subject_ref  text NOT NULL CHECK (subject_ref ~ '^[0-9a-f]{64}$'),
    actor        text NOT NULL CHECK (actor IN ('user', 'cli')),
    requested_by uuid,
    requested_at timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,
    status       text NOT NULL DEFAULT 'received'
                 CHECK (status IN ('received', 'completed', 'failed')),
    completed_at timestamptz,
    summary      jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(summary) = 'object'),
    CHECK (actor = 'user' OR requested_by IS NULL),
    CHECK ((status = 'received') = (completed_at IS NULL)),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id)
        ON DELETE SET NULL (requested_by)
);
CREATE INDEX privacy_requests_page_idx ON privacy_requests (tenant_id, requested_at DESC, id DESC);
CREATE INDEX privacy_requests_subject_idx ON privacy_requests (tenant_id, subject_ref);

ALTER TABLE privacy_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY privacy_requests_admin ON privacy_requests FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));
CREATE POLICY privacy_requests_auth_lookup ON privacy_requests FOR SELECT TO flowsupport_auth
    USING (true);
GRANT SELECT, INSERT, UPDATE ON privacy_requests TO flowsupport_app;
GRANT SELECT ON privacy_requests TO flowsupport_auth;
-- Erasure removes a contact's files and e-mail threading references (0010 granted neither),
-- and moves their ratings to the anonymous stand-in without the comment (0012 let staff
-- only read ratings): the tenant's admins may do that, nobody else.
GRANT DELETE ON attachments, mail_refs TO flowsupport_app;
CREATE POLICY csat_ratings_admin_erase ON csat_ratings FOR UPDATE
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));

-- Whether a visitor token's contact was erased (a completed erasure with its subject_ref):
-- the widget's hello refuses such a token instead of starting afresh under it.
CREATE FUNCTION contact_was_erased(p_tenant_id uuid, p_contact_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT EXISTS (
              SELECT 1 FROM privacy_requests r
              WHERE r.tenant_id = p_tenant_id AND r.kind = 'erasure'
                AND r.status = 'completed'
                AND r.subject_ref = audit_subject_ref(p_tenant_id, p_contact_id::text)) $$;

ALTER FUNCTION audit_subject_ref(uuid, text) OWNER TO flowsupport_auth;
ALTER FUNCTION contact_was_erased(uuid, uuid) OWNER TO flowsupport_auth;
REVOKE ALL ON FUNCTION audit_subject_ref(uuid, text), contact_was_erased(uuid, uuid)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_subject_ref(uuid, text), contact_was_erased(uuid, uuid)
    TO flowsupport_app;

-- Entries written before this migration name visitors by their raw contact id (csat.submit,
-- escalations a customer asked for, ...). The log is append-only for everyone, its owner
-- included: 0002's trigger refuses every UPDATE and no policy allows one under forced RLS.
-- This migration, running as the table owner, is the one sanctioned rewrite: the trigger
-- and forced RLS are switched off for this statement alone and back on right after, in the
-- migration's own transaction, so no other session ever sees the log writable.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
ALTER TABLE audit_log NO FORCE ROW LEVEL SECURITY;
UPDATE audit_log
SET actor_id = CASE WHEN actor_kind IN ('visitor', 'contact') AND actor_id !~ '^[0-9a-f]{64}$'
                    THEN audit_subject_ref(tenant_id, actor_id) ELSE actor_id END,
    target_id = CASE WHEN target_kind IN ('visitor', 'contact')
                          AND target_id !~ '^[0-9a-f]{64}$'
                     THEN audit_subject_ref(tenant_id, target_id) ELSE target_id END
WHERE tenant_id IS NOT NULL
  AND ((actor_kind IN ('visitor', 'contact') AND actor_id !~ '^[0-9a-f]{64}$')
       OR (target_kind IN ('visitor', 'contact') AND target_id !~ '^[0-9a-f]{64}$'));
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
