-- Customer channels beyond web chat, starting with e-mail: the addresses a tenant receives
-- mail at (an address belongs to one tenant, platform-wide: inbound mail names no tenant),
-- the Message-IDs that thread replies into conversations, stored attachments, and the
-- inbound webhook tokens already seen (a replayed delivery is refused).

CREATE TABLE channels (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('email', 'sms', 'whatsapp')),
    address    text NOT NULL CHECK (length(address) BETWEEN 3 AND 320),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, address),
    UNIQUE (tenant_id, id)
);

ALTER TABLE conversations ADD COLUMN channel_id uuid;
ALTER TABLE conversations ADD FOREIGN KEY (tenant_id, channel_id)
    REFERENCES channels (tenant_id, id) ON DELETE SET NULL (channel_id);

CREATE TABLE mail_refs (
    tenant_id       uuid NOT NULL,
    ref             text NOT NULL CHECK (length(ref) BETWEEN 1 AND 998),
    conversation_id uuid NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, ref),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE attachments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    message_id   uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    filename     text NOT NULL,
    content_type text NOT NULL,
    size         bigint NOT NULL CHECK (size >= 0),
    sha256       text NOT NULL,
    data         bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_message_idx ON attachments (message_id);

CREATE TABLE webhook_tokens (
    provider text NOT NULL,
    token    text NOT NULL CHECK (length(token) BETWEEN 1 AND 200),
    seen_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, token)
);

ALTER TABLE channels ENABLE ROW LEVEL SECURITY;
ALTER TABLE channels FORCE ROW LEVEL SECURITY;
ALTER TABLE mail_refs ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_refs FORCE ROW LEVEL SECURITY;
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_tokens FORCE ROW LEVEL SECURITY;

CREATE POLICY channels_read ON channels FOR SELECT
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY channels_write ON channels FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));
CREATE POLICY channels_auth_lookup ON channels FOR SELECT TO flowsupport_auth USING (true);
CREATE POLICY mail_refs_staff ON mail_refs FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY attachments_staff ON attachments FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY webhook_tokens_auth ON webhook_tokens FOR ALL TO flowsupport_auth
    USING (true) WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON channels TO flowsupport_app;
GRANT SELECT, INSERT ON mail_refs, attachments TO flowsupport_app;
GRANT SELECT ON channels TO flowsupport_auth;
GRANT SELECT, INSERT ON webhook_tokens TO flowsupport_auth;

-- Pre-authentication, like the widget key look-up: which tenant an inbound address is.
CREATE FUNCTION auth_channel_by_address(p_kind text, p_address text)
    RETURNS TABLE (id uuid, tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT c.id, c.tenant_id FROM channels c
          WHERE c.kind = p_kind AND c.address = lower(p_address) $$;

-- True the first time a provider's webhook token is seen, false on a replay.
CREATE FUNCTION claim_webhook_token(p_provider text, p_token text)
    RETURNS boolean
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ WITH claimed AS (
              INSERT INTO webhook_tokens (provider, token) VALUES (p_provider, p_token)
              ON CONFLICT DO NOTHING RETURNING 1)
          SELECT EXISTS (SELECT 1 FROM claimed) $$;

ALTER FUNCTION auth_channel_by_address(text, text) OWNER TO flowsupport_auth;
ALTER FUNCTION claim_webhook_token(text, text) OWNER TO flowsupport_auth;
REVOKE ALL ON FUNCTION auth_channel_by_address(text, text), claim_webhook_token(text, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_channel_by_address(text, text), claim_webhook_token(text, text)
    TO flowsupport_app;
