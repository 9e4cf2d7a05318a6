-- The roles a Supabase project has, and every role the baseline names, created when missing.
-- Roles are cluster-wide while scratch databases come and go in the same cluster, possibly in
-- parallel: each is created only when missing, and losing a creation race to another database's
-- load is not an error. The list arrives as the setting prelude.roles (comma-separated, may be
-- empty); the five Supabase roles are always there.
DO $roles$
DECLARE
    wanted text[] := ARRAY['anon', 'authenticated', 'service_role', 'supabase_admin', 'postgres']
        || coalesce(string_to_array(nullif(current_setting('prelude.roles', true), ''), ','), '{}');
    options text;
    r text;
BEGIN
    FOREACH r IN ARRAY wanted LOOP
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r);
        options := CASE r WHEN 'service_role' THEN 'NOLOGIN NOINHERIT BYPASSRLS'
                          WHEN 'anon' THEN 'NOLOGIN NOINHERIT'
                          WHEN 'authenticated' THEN 'NOLOGIN NOINHERIT'
                          ELSE 'NOLOGIN' END;
        BEGIN
            EXECUTE format('CREATE ROLE %I %s', r, options);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- another database's load created it concurrently
        END;
    END LOOP;
END
$roles$;
