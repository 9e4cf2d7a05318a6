-- Tables of an exposed schema with row level security off that anon or authenticated can reach
-- (Supabase's lint rls_disabled_in_public): every row is theirs to read or write, as far as the grants go.
WITH api AS (
    SELECT oid, rolname FROM pg_catalog.pg_roles WHERE rolname IN ('anon', 'authenticated')
)
SELECT n.nspname || '.' || c.relname AS object,
       'row level security off; reachable by ' || string_agg(DISTINCT api.rolname, ', ') AS detail
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN api ON pg_catalog.has_schema_privilege(api.oid, n.oid, 'USAGE')
          AND pg_catalog.has_table_privilege(api.oid, c.oid, 'SELECT, INSERT, UPDATE, DELETE')
 WHERE c.relkind IN ('r', 'p') AND NOT c.relrowsecurity
   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'auth', 'storage', 'realtime', 'extensions',
                         'graphql', 'vault', 'pgsodium', 'supabase_functions', 'net', 'cron')
   AND n.nspname NOT LIKE 'pg\_%'
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e')
 GROUP BY n.nspname, c.relname
 ORDER BY object
