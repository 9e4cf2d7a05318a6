-- The gate's database role sees every row (row level security does not filter what the checks read)
-- Every other check trusts that an empty answer means "no violation"; under RLS it could mean
-- "rows hidden". Use a role that owns the tables, is superuser, or has BYPASSRLS.
SELECT c.relname AS table_filtered_by_rls, current_user AS gate_role
  FROM pg_catalog.pg_class c
 WHERE c.relnamespace = 'public'::regnamespace
   AND c.relkind IN ('r', 'p')
   AND row_security_active(c.oid)
 ORDER BY c.relname;
