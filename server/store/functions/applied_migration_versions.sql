-- Lets the application role check that the schema is current without reading
-- schema_migrations (it owns nothing and may reach only tables under row-level security):
-- `serve` in production asks this before it starts (server/store/migrate.py `pending`).
-- Re-applied after every migration run, like every file in this folder.
CREATE OR REPLACE FUNCTION applied_migration_versions() RETURNS SETOF integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT version FROM schema_migrations $$;
REVOKE ALL ON FUNCTION applied_migration_versions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION applied_migration_versions() TO flowsupport_app;
