-- SMS and WhatsApp: channels get a provider, its settings and encrypted credentials
-- (server/channels/secretbox.py); contacts a phone number; messages the provider's id and
-- delivery status (status callbacks arrive in any order and never move it backwards).

ALTER TABLE channels ADD COLUMN provider text NOT NULL DEFAULT 'smtp'
    CHECK (provider IN ('smtp', 'twilio', 'meta'));
ALTER TABLE channels ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE channels ADD COLUMN credentials bytea;
ALTER TABLE channels ADD CHECK (
    (kind = 'email' AND provider = 'smtp')
    OR (kind = 'sms' AND provider = 'twilio')
    OR (kind = 'whatsapp' AND provider IN ('twilio', 'meta'))
);

ALTER TABLE contacts ADD COLUMN phone text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$');
CREATE INDEX contacts_phone_idx ON contacts (tenant_id, phone) WHERE phone IS NOT NULL;

ALTER TABLE messages ADD COLUMN external_id text;
ALTER TABLE messages ADD COLUMN delivery_status text;
ALTER TABLE messages ADD COLUMN delivery_error text;
CREATE INDEX messages_external_idx ON messages (external_id) WHERE external_id IS NOT NULL;

-- Pre-authentication: a provider webhook names the channel in its URL; the look-up gives
-- its tenant, provider, settings and sealed credentials (opened by the server, never here).
CREATE FUNCTION auth_channel(p_id uuid)
    RETURNS TABLE (id uuid, tenant_id uuid, kind text, provider text, address text,
                   settings jsonb, credentials bytea)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT c.id, c.tenant_id, c.kind, c.provider, c.address, c.settings, c.credentials
          FROM channels c WHERE c.id = p_id $$;
ALTER FUNCTION auth_channel(uuid) OWNER TO flowsupport_auth;
REVOKE ALL ON FUNCTION auth_channel(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_channel(uuid) TO flowsupport_app;
