-- The authenticated role keeps SELECT, INSERT, UPDATE and DELETE on every pre-existing public table
-- DOMAIN.md 4.7. Pre-existing: every public table but the three the migration creates.
-- Violating rows: each privilege authenticated lacks.
SELECT c.relname AS table_name, p.privilege
  FROM pg_catalog.pg_class c
 CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p(privilege)
 WHERE c.relnamespace = 'public'::regnamespace
   AND c.relkind IN ('r', 'p')
   AND c.relname <> ALL (ARRAY['organizations', 'practitioner_assignments', 'organization_invitations'])
   AND NOT has_table_privilege('authenticated', c.oid, p.privilege)
 ORDER BY c.relname, p.privilege;
