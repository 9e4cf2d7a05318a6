-- The gates' read-only database role (docs/safety.md): run once, as a superuser or the database owner
--   psql "$ADMIN_DATABASE_URL" -v role=deploy_gates -v password="$GATES_PASSWORD" -f create_gate_role.sql
-- It reads every row (pg_read_all_data, BYPASSRLS: the checks must not be filtered by row security),
-- reads statistics (pg_monitor), and may switch to `authenticated` to read as a user does (the access
-- gates) without inheriting that role's write grants. It owns nothing and holds no write privilege, so
-- the suite's start-up check (gate_role_write_paths.sql) finds no way for it to write.
\set ON_ERROR_STOP on
CREATE ROLE :"role" LOGIN BYPASSRLS INHERIT PASSWORD :'password';
GRANT pg_read_all_data, pg_monitor TO :"role";
SELECT current_setting('server_version_num')::int >= 160000 AS grant_options \gset
\if :grant_options
GRANT authenticated TO :"role" WITH INHERIT FALSE, SET TRUE;
\else
-- Before PostgreSQL 16 a membership is inherited unless the member is NOINHERIT: go through one.
\set impersonation :role _impersonation
CREATE ROLE :"impersonation" NOLOGIN NOINHERIT;
GRANT authenticated TO :"impersonation";
GRANT :"impersonation" TO :"role";
\endif
