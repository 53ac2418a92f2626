-- The knowledge base: articles and their embedded chunks, per tenant, under forced RLS.
--
-- Vectors carry the model that made them (model_id). The column has no fixed dimension so
-- any embedding model fits; the HNSW index is a partial expression index per model, and a
-- search names its model so the index applies and models never mix.

CREATE TABLE kb_articles (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    body         text NOT NULL,
    source_path  text CHECK (length(source_path) BETWEEN 1 AND 1000),
    url          text,
    tags         text[] NOT NULL DEFAULT '{}',
    metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
    content_hash text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX kb_articles_source_key ON kb_articles (tenant_id, source_path)
    WHERE source_path IS NOT NULL;

CREATE TABLE kb_chunks (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL,
    article_id   uuid NOT NULL,
    ordinal      integer NOT NULL CHECK (ordinal >= 0),
    heading_path text NOT NULL DEFAULT '',
    content      text NOT NULL,
    model_id     text NOT NULL,
    embedding    vector NOT NULL,
    search_text  tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', heading_path), 'A') ||
        setweight(to_tsvector('english', content), 'B')) STORED,
    FOREIGN KEY (tenant_id, article_id) REFERENCES kb_articles (tenant_id, id) ON DELETE CASCADE,
    UNIQUE (article_id, ordinal)
);
CREATE INDEX kb_chunks_tenant_idx ON kb_chunks (tenant_id, model_id);
CREATE INDEX kb_chunks_search_idx ON kb_chunks USING gin (search_text);
CREATE INDEX kb_chunks_trgm_idx ON kb_chunks USING gin (content gin_trgm_ops);
CREATE INDEX kb_chunks_minilm_hnsw ON kb_chunks
    USING hnsw ((embedding::vector(384)) vector_cosine_ops)
    WHERE model_id = 'all-MiniLM-L6-v2-int8';

ALTER TABLE kb_articles ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb_articles FORCE ROW LEVEL SECURITY;
ALTER TABLE kb_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb_chunks FORCE ROW LEVEL SECURITY;

-- Agents (and bots, and the answerer acting for the tenant) read; admins write.
CREATE POLICY kb_articles_read ON kb_articles FOR SELECT
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY kb_articles_write ON kb_articles FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));
CREATE POLICY kb_chunks_read ON kb_chunks FOR SELECT
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_is_staff()));
CREATE POLICY kb_chunks_write ON kb_chunks FOR ALL
    USING (app_role() = 'super_admin' OR (tenant_id = app_tenant_id() AND app_role() = 'admin'))
    WITH CHECK (app_role() = 'super_admin'
                OR (tenant_id = app_tenant_id() AND app_role() = 'admin'));

GRANT SELECT, INSERT, UPDATE, DELETE ON kb_articles, kb_chunks TO flowsupport_app;
