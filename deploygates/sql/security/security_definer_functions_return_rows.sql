-- SECURITY DEFINER functions anon or authenticated can execute that return rows: they read as the owner,
-- past row level security, and hand the rows to the caller
WITH api AS (
    SELECT oid, rolname FROM pg_catalog.pg_roles WHERE rolname IN ('anon', 'authenticated')
)
SELECT n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS object,
       'SECURITY DEFINER returning ' || pg_catalog.pg_get_function_result(p.oid) || ', executable by '
       || string_agg(api.rolname, ', ' ORDER BY api.rolname) AS detail
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_catalog.pg_type t ON t.oid = p.prorettype
  JOIN api ON pg_catalog.has_schema_privilege(api.oid, n.oid, 'USAGE')
          AND pg_catalog.has_function_privilege(api.oid, p.oid, 'EXECUTE')
 WHERE p.prosecdef
   AND (p.proretset OR t.typrelid <> 0 OR t.oid = 'pg_catalog.record'::regtype)
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')
 GROUP BY n.nspname, p.proname, p.oid
 ORDER BY object
