-- The two login roles FlowSupport needs on a fresh PostgreSQL (README, "External PostgreSQL").
--
-- compose.yaml mounts this file into /docker-entrypoint-initdb.d/, where the image runs it once,
-- as the superuser, in the database named by POSTGRES_DB, on an empty data directory. It also
-- runs by hand against any PostgreSQL >= 15 with pgvector, connected as a superuser to the
-- database FlowSupport will use, with the passwords given as psql variables:
--
--     psql "postgresql://postgres@db.example.com/flowsupport" -v ON_ERROR_STOP=1 \
--         -v owner_password="$OWNER_PW" -v app_password="$APP_PW" -f deploy/postgres-init.sql
--
-- Without those variables the passwords are read from the Compose secrets
-- /run/secrets/flowsupport_owner_db_password and /run/secrets/flowsupport_app_db_password.
--
-- flowsupport_owner  the schema owner, FLOWSUPPORT_MIGRATION_DATABASE_URL. Owns this database
--                    (so, on PostgreSQL >= 15, its public schema) and has CREATEROLE: its
--                    `flowsupport migrate` creates the tables and the NOLOGIN roles
--                    flowsupport_app and flowsupport_auth.
-- flowsupport        the application, FLOWSUPPORT_DATABASE_URL: an ordinary login (no
--                    SUPERUSER, no BYPASSRLS, owns nothing). `flowsupport migrate`, run with
--                    both URLs set, makes it a member of flowsupport_app (GRANT flowsupport_app
--                    TO flowsupport); nothing else is granted to it here.
--
-- The extensions are created here, by the superuser, because creating `vector` needs more than
-- a database owner has on a self-managed server (on RDS the master user may create both; there
-- the first migration does it). The first migration's CREATE EXTENSION IF NOT EXISTS then finds
-- them.

\set ON_ERROR_STOP on

\if :{?owner_password}
\else
    \set owner_password `cat /run/secrets/flowsupport_owner_db_password`
\endif
\if :{?app_password}
\else
    \set app_password `cat /run/secrets/flowsupport_app_db_password`
\endif

SELECT length(:'owner_password') >= 16 AND length(:'app_password') >= 16 AS strong_enough \gset
\if :strong_enough
\else
    DO $$ BEGIN RAISE EXCEPTION 'postgres-init.sql: both passwords must be at least 16 characters'; END $$;
\endif

-- Passwords are stored as SCRAM verifiers (password_encryption defaults to scram-sha-256).
CREATE ROLE flowsupport_owner WITH LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS NOCREATEDB
    PASSWORD :'owner_password';

-- The application login is created by the owner, as the README does it: on PostgreSQL >= 16 that
-- gives the owner ADMIN OPTION on it, so the owner (the migrate job's `flowsupport-env
-- --ensure-app-role`) can later set its password when the secret is rotated.
SET ROLE flowsupport_owner;
CREATE ROLE flowsupport WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE
    PASSWORD :'app_password';
RESET ROLE;

SELECT format('ALTER DATABASE %I OWNER TO flowsupport_owner', current_database()) \gexec
-- Only the owner (and through flowsupport_app, the application) reach this database.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO flowsupport', current_database()) \gexec

CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
