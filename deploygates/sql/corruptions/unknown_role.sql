-- One user holding a role that does not exist (the CHECK on profiles.roles dropped)
-- flagged by: profile_roles_valid
-- Found through the catalog: every CHECK of public.profiles on the roles column; the table's triggers
-- do not fire for the update.
DO $corrupt$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT con.conname FROM pg_catalog.pg_constraint con
         WHERE con.conrelid = 'public.profiles'::regclass AND con.contype = 'c'
           AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                        WHERE a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey) AND a.attname = 'roles')
    LOOP
        EXECUTE format('ALTER TABLE public.profiles DROP CONSTRAINT %I', c.conname);
    END LOOP;
END
$corrupt$;
SET session_replication_role = replica;
UPDATE public.profiles SET roles = ARRAY['sponsor']
 WHERE id = (SELECT id FROM public.profiles WHERE role = 'user' ORDER BY id LIMIT 1);
