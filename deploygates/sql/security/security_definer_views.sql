-- Views that run with their owner's rights (no security_invoker) and anon or authenticated can read
-- (Supabase's lint security_definer_view): they read every table as the owner, past row level security.
WITH api AS (
    SELECT oid, rolname FROM pg_catalog.pg_roles WHERE rolname IN ('anon', 'authenticated')
)
SELECT n.nspname || '.' || v.relname AS object,
       'view without security_invoker readable by ' || string_agg(api.rolname, ', ' ORDER BY api.rolname) AS detail
  FROM pg_catalog.pg_class v
  JOIN pg_catalog.pg_namespace n ON n.oid = v.relnamespace
  JOIN api ON pg_catalog.has_schema_privilege(api.oid, n.oid, 'USAGE')
          AND pg_catalog.has_table_privilege(api.oid, v.oid, 'SELECT')
 WHERE v.relkind = 'v'
   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'auth', 'storage', 'realtime', 'extensions',
                         'graphql', 'vault', 'pgsodium', 'pgsodium_masks', 'supabase_functions', 'net', 'cron')
   AND n.nspname NOT LIKE 'pg\_%'
   AND NOT coalesce(v.reloptions @> ARRAY['security_invoker=true'], false)
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.objid = v.oid AND e.deptype = 'e')
 GROUP BY n.nspname, v.relname
 ORDER BY object
