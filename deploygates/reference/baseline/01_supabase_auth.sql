-- Baseline 01: a minimal Supabase platform layer (roles, auth schema, auth.users, auth helpers).
-- Mirrors what Supabase provisions before any application migration runs; only the parts the
-- application schema and its RLS policies depend on. Plain SQL (also run through psycopg).
BEGIN;

-- Roles are cluster-wide while scratch databases come and go in the same cluster, possibly in
-- parallel: create each role only when missing and tolerate losing a creation race.
DO $roles$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT * FROM (VALUES
            ('anon',          'NOLOGIN NOINHERIT'),
            ('authenticated', 'NOLOGIN NOINHERIT'),
            ('service_role',  'NOLOGIN NOINHERIT BYPASSRLS')
        ) AS v(name, options)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r.name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I %s', r.name, r.options);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- another database's baseline created it concurrently
            END;
        END IF;
    END LOOP;
END
$roles$;

CREATE SCHEMA IF NOT EXISTS auth;

CREATE TABLE auth.users (
    id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    instance_id          uuid,
    aud                  varchar(255) DEFAULT 'authenticated',
    role                 varchar(255) DEFAULT 'authenticated',
    email                text        UNIQUE,
    encrypted_password   text,
    email_confirmed_at   timestamptz,
    invited_at           timestamptz,
    confirmation_token   varchar(255),
    recovery_token       varchar(255),
    last_sign_in_at      timestamptz,
    raw_app_meta_data    jsonb       DEFAULT '{"provider": "email", "providers": ["email"]}'::jsonb,
    raw_user_meta_data   jsonb       DEFAULT '{}'::jsonb,
    is_super_admin       boolean,
    phone                text        UNIQUE,
    phone_confirmed_at   timestamptz,
    banned_until         timestamptz,
    deleted_at           timestamptz,
    is_anonymous         boolean     NOT NULL DEFAULT false,
    created_at           timestamptz DEFAULT now(),
    updated_at           timestamptz DEFAULT now()
);

COMMENT ON TABLE auth.users IS 'Auth: stores user login data within a secure schema (minimal Supabase stand-in).';

CREATE INDEX users_instance_id_idx ON auth.users (instance_id);
CREATE INDEX users_created_at_idx ON auth.users (created_at);

-- The JWT helpers exactly as Supabase defines them: the claims arrive as the setting
-- request.jwt.claims (newer PostgREST) or request.jwt.claim.<name> (older). After a
-- transaction-local set_config ends the setting reads as '' rather than NULL, hence nullif.
CREATE FUNCTION auth.uid() RETURNS uuid
    LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
    )::uuid
$$;

CREATE FUNCTION auth.role() RETURNS text
    LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
    )::text
$$;

CREATE FUNCTION auth.email() RETURNS text
    LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        nullif(current_setting('request.jwt.claim.email', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
    )::text
$$;

CREATE FUNCTION auth.jwt() RETURNS jsonb
    LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$$;

COMMENT ON FUNCTION auth.uid() IS 'Deprecated. Use auth.jwt() -> ''sub'' instead.';
COMMENT ON FUNCTION auth.role() IS 'Deprecated. Use auth.jwt() -> ''role'' instead.';
COMMENT ON FUNCTION auth.email() IS 'Deprecated. Use auth.jwt() -> ''email'' instead.';

GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.email(), auth.jwt()
    TO anon, authenticated, service_role;
-- Identities are not readable through the API roles; only the service role manages them.
GRANT ALL ON TABLE auth.users TO service_role;

COMMIT;
