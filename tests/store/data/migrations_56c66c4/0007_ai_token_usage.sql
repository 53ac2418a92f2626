-- LLM token use, counted where the budgets are checked: per conversation (a column) and per
-- tenant and calendar month (one counter row), so checking a budget is a key look-up however
-- many answers a tenant has had.

ALTER TABLE conversations
    ADD COLUMN ai_tokens_used bigint NOT NULL DEFAULT 0 CHECK (ai_tokens_used >= 0);

CREATE TABLE ai_token_usage (
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    month     date NOT NULL CHECK (extract(day FROM month) = 1),
    tokens    bigint NOT NULL DEFAULT 0 CHECK (tokens >= 0),
    answers   bigint NOT NULL DEFAULT 0 CHECK (answers >= 0),
    PRIMARY KEY (tenant_id, month)
);

ALTER TABLE ai_token_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_token_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY ai_token_usage_staff ON ai_token_usage FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()))
    WITH CHECK (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
GRANT SELECT, INSERT, UPDATE ON ai_token_usage TO flowsupport_app;
