-- The authenticated role holds SELECT, INSERT, UPDATE and DELETE on the new tables
-- DOMAIN.md 3 and 4.7: organizations, practitioner_assignments, organization_invitations
-- (RLS decides the rows). Violating rows: each privilege missing, or the table itself.
-- new model: the migration creates these tables and grants; a missing one is never pre-existing
SELECT t.table_name, p.privilege,
       CASE WHEN c.oid IS NULL THEN 'table missing' ELSE 'privilege missing' END AS problem
  FROM unnest(ARRAY['organizations', 'practitioner_assignments', 'organization_invitations']) AS t(table_name)
 CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p(privilege)
  LEFT JOIN pg_catalog.pg_class c
         ON c.relnamespace = 'public'::regnamespace AND c.relname = t.table_name AND c.relkind IN ('r', 'p')
 WHERE c.oid IS NULL
    OR NOT has_table_privilege('authenticated', c.oid, p.privilege)
 ORDER BY t.table_name, p.privilege;
