-- The default organization over its user limit (the limit's constraints and triggers set aside)
-- flagged by: active_users_within_limit
-- Found through the catalog: every CHECK of public.organizations that compares active_user_count with
-- max_users is dropped; the table's triggers do not fire for the update.
DO $corrupt$
DECLARE
    c record;
BEGIN
    IF to_regclass('public.organizations') IS NULL THEN
        RAISE EXCEPTION 'not applicable: there is no public.organizations';
    END IF;
    FOR c IN
        SELECT con.conname FROM pg_catalog.pg_constraint con
         WHERE con.conrelid = 'public.organizations'::regclass AND con.contype = 'c'
           AND pg_catalog.pg_get_constraintdef(con.oid) ~ 'active_user_count'
           AND pg_catalog.pg_get_constraintdef(con.oid) ~ 'max_users'
    LOOP
        EXECUTE format('ALTER TABLE public.organizations DROP CONSTRAINT %I', c.conname);
    END LOOP;
END
$corrupt$;
SET session_replication_role = replica;
UPDATE public.organizations SET max_users = 1 WHERE slug = 'individual-users';
