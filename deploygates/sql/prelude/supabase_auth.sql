-- Supabase's auth layer as a Supabase project has it before any application migration runs: the
-- auth schema, auth.users with the columns, constraints and indexes Supabase's auth server creates,
-- and the JWT helpers auth.uid(), auth.role(), auth.email() and auth.jwt(). Loaded before a baseline
-- that does not bring its own auth.users (a `supabase db dump` or a `pg_dump --schema=public`);
-- a full pg_dump of a Supabase database brings its own and this file is not run.
-- Idempotent: every object is created only when missing.
CREATE SCHEMA IF NOT EXISTS auth;

CREATE TABLE IF NOT EXISTS auth.users (
    instance_id                 uuid,
    id                          uuid NOT NULL,
    aud                         character varying(255),
    role                        character varying(255),
    email                       character varying(255),
    encrypted_password          character varying(255),
    email_confirmed_at          timestamp with time zone,
    invited_at                  timestamp with time zone,
    confirmation_token          character varying(255),
    confirmation_sent_at        timestamp with time zone,
    recovery_token              character varying(255),
    recovery_sent_at            timestamp with time zone,
    email_change_token_new      character varying(255),
    email_change                character varying(255),
    email_change_sent_at        timestamp with time zone,
    last_sign_in_at             timestamp with time zone,
    raw_app_meta_data           jsonb,
    raw_user_meta_data          jsonb,
    is_super_admin              boolean,
    created_at                  timestamp with time zone,
    updated_at                  timestamp with time zone,
    phone                       text DEFAULT NULL::character varying,
    phone_confirmed_at          timestamp with time zone,
    phone_change                text DEFAULT ''::character varying,
    phone_change_token          character varying(255) DEFAULT ''::character varying,
    phone_change_sent_at        timestamp with time zone,
    confirmed_at                timestamp with time zone
                                GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
    email_change_token_current  character varying(255) DEFAULT ''::character varying,
    email_change_confirm_status smallint DEFAULT 0,
    banned_until                timestamp with time zone,
    reauthentication_token      character varying(255) DEFAULT ''::character varying,
    reauthentication_sent_at    timestamp with time zone,
    is_sso_user                 boolean DEFAULT false NOT NULL,
    deleted_at                  timestamp with time zone,
    is_anonymous                boolean DEFAULT false NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_phone_key UNIQUE (phone),
    CONSTRAINT users_email_change_confirm_status_check
        CHECK (((email_change_confirm_status >= 0) AND (email_change_confirm_status <= 2)))
);

COMMENT ON TABLE auth.users IS 'Auth: Stores user login data within a secure schema.';
COMMENT ON COLUMN auth.users.is_sso_user IS
    'Auth: Set this column to true when the account comes from SSO. These accounts can have duplicate emails.';

CREATE UNIQUE INDEX IF NOT EXISTS confirmation_token_idx ON auth.users USING btree (confirmation_token)
    WHERE ((confirmation_token)::text !~ '^[0-9 ]*$'::text);
CREATE UNIQUE INDEX IF NOT EXISTS email_change_token_current_idx ON auth.users USING btree (email_change_token_current)
    WHERE ((email_change_token_current)::text !~ '^[0-9 ]*$'::text);
CREATE UNIQUE INDEX IF NOT EXISTS email_change_token_new_idx ON auth.users USING btree (email_change_token_new)
    WHERE ((email_change_token_new)::text !~ '^[0-9 ]*$'::text);
CREATE UNIQUE INDEX IF NOT EXISTS reauthentication_token_idx ON auth.users USING btree (reauthentication_token)
    WHERE ((reauthentication_token)::text !~ '^[0-9 ]*$'::text);
CREATE UNIQUE INDEX IF NOT EXISTS recovery_token_idx ON auth.users USING btree (recovery_token)
    WHERE ((recovery_token)::text !~ '^[0-9 ]*$'::text);
CREATE UNIQUE INDEX IF NOT EXISTS users_email_partial_key ON auth.users USING btree (email)
    WHERE (is_sso_user = false);
COMMENT ON INDEX auth.users_email_partial_key IS
    'Auth: A partial unique index that applies only when is_sso_user is false';
CREATE INDEX IF NOT EXISTS users_instance_id_email_idx ON auth.users USING btree (instance_id, lower((email)::text));
CREATE INDEX IF NOT EXISTS users_instance_id_idx ON auth.users USING btree (instance_id);
CREATE INDEX IF NOT EXISTS users_is_anonymous_idx ON auth.users USING btree (is_anonymous);

-- The JWT helpers exactly as Supabase defines them: the claims arrive as the setting
-- request.jwt.claims (newer PostgREST) or request.jwt.claim.<name> (older). After a
-- transaction-local set_config ends the setting reads as '' rather than NULL, hence nullif.
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
    LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
    )::uuid
$$;

CREATE OR REPLACE FUNCTION auth.role() RETURNS text
    LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
    )::text
$$;

CREATE OR REPLACE FUNCTION auth.email() RETURNS text
    LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        nullif(current_setting('request.jwt.claim.email', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
    )::text
$$;

CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb
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

-- Supabase's realtime publication: a `supabase db dump` changes its owner without creating it.
DO $publication$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = 'supabase_realtime') THEN
        SET LOCAL client_min_messages = error;  -- "wal_level is insufficient" is true and irrelevant here
        CREATE PUBLICATION supabase_realtime;
    END IF;
END
$publication$;

GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.email(), auth.jwt()
    TO anon, authenticated, service_role;
-- Identities are not readable through the API roles; only the service role manages them.
GRANT ALL ON TABLE auth.users TO service_role;
