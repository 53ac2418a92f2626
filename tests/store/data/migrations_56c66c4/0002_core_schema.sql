-- Tenants, people, conversations, messages, events and the audit log, each under forced
-- row-level security. Child tables reference parents by (tenant_id, id) so a row can never
-- point into another tenant, whatever the application does.

CREATE TABLE tenants (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    settings        jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(settings) = 'object'),
    allowed_origins text[] NOT NULL DEFAULT '{}',
    widget_key      text NOT NULL UNIQUE,
    identity_secret text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tenants_name_key ON tenants (lower(name));

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email         text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
    name          text NOT NULL DEFAULT '',
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('agent', 'admin', 'super_admin')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled_at   timestamptz,
    UNIQUE (tenant_id, id)
);
-- One login per address across the platform: POST /v1/auth/login names no tenant.
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE api_keys (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    secret_hash bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    UNIQUE (tenant_id, id)
);

CREATE TABLE contacts (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    external_id text,
    email       text,
    name        text,
    attributes  jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(attributes) = 'object'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, external_id)
);
CREATE INDEX contacts_email_idx ON contacts (tenant_id, lower(email)) WHERE email IS NOT NULL;

CREATE TABLE conversations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    contact_id  uuid NOT NULL,
    status      text NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'pending', 'waiting_human', 'resolved', 'closed')),
    channel     text NOT NULL DEFAULT 'web'
                CHECK (channel IN ('web', 'email', 'sms', 'whatsapp', 'api')),
    subject     text,
    assignee_id uuid,
    priority    text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    tags        text[] NOT NULL DEFAULT '{}',
    ai_enabled  boolean NOT NULL DEFAULT true,
    last_seq    bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX conversations_inbox_idx ON conversations (tenant_id, status, updated_at DESC);
CREATE INDEX conversations_contact_idx ON conversations (tenant_id, contact_id);

CREATE TABLE messages (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid NOT NULL,
    conversation_id uuid NOT NULL,
    seq             bigint NOT NULL CHECK (seq > 0),
    sender_kind     text NOT NULL CHECK (sender_kind IN ('visitor', 'agent', 'bot', 'ai', 'system')),
    sender_id       uuid,
    sender_name     text,
    body            text NOT NULL,
    private         boolean NOT NULL DEFAULT false,
    client_msg_id   text CHECK (length(client_msg_id) BETWEEN 1 AND 128),
    citations       jsonb,
    attachments     jsonb NOT NULL DEFAULT '[]'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (conversation_id, seq),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
    CHECK (NOT private OR sender_kind IN ('agent', 'bot', 'system'))
);
-- PROTOCOL.md: "client_msg_id (unique per sender)"; a resend returns the first message.
CREATE UNIQUE INDEX messages_idempotency_key
    ON messages (tenant_id, sender_kind, sender_id, client_msg_id) NULLS NOT DISTINCT
    WHERE client_msg_id IS NOT NULL;

-- Every persisted event of a conversation, in seq order: what `subscribe` with after_seq replays.
CREATE TABLE conversation_events (
    tenant_id       uuid NOT NULL,
    conversation_id uuid NOT NULL,
    seq             bigint NOT NULL CHECK (seq > 0),
    kind            text NOT NULL
                    CHECK (kind IN ('message.created', 'conversation.updated', 'ticket.created')),
    message_id      uuid REFERENCES messages (id) ON DELETE CASCADE,
    private         boolean NOT NULL DEFAULT false,
    payload         jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, seq),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);

-- SOC 2 audit trail: append-only for everyone, the table owner included (trigger below).
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid REFERENCES tenants (id) ON DELETE SET NULL,
    actor_kind  text NOT NULL,
    actor_id    text,
    action      text NOT NULL,
    target_kind text,
    target_id   text,
    details     jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, created_at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- ON DELETE SET NULL of a removed tenant is the one permitted update.
    IF TG_OP = 'UPDATE' AND OLD.tenant_id IS NOT NULL AND NEW.tenant_id IS NULL
       AND (to_jsonb(OLD) - 'tenant_id') = (to_jsonb(NEW) - 'tenant_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
