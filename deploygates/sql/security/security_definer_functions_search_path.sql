-- SECURITY DEFINER functions anon or authenticated can execute without a fixed search_path
-- (Supabase's lint function_search_path_mutable, for the functions where it matters most): a caller's
-- search_path can put its own objects in front of the ones the owner meant.
WITH api AS (
    SELECT oid, rolname FROM pg_catalog.pg_roles WHERE rolname IN ('anon', 'authenticated')
)
SELECT n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS object,
       'SECURITY DEFINER, no SET search_path, executable by ' || string_agg(api.rolname, ', ' ORDER BY api.rolname)
       AS detail
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN api ON pg_catalog.has_schema_privilege(api.oid, n.oid, 'USAGE')
          AND pg_catalog.has_function_privilege(api.oid, p.oid, 'EXECUTE')
 WHERE p.prosecdef
   AND p.prorettype NOT IN ('pg_catalog.trigger'::regtype, 'pg_catalog.event_trigger'::regtype)
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')
   AND NOT EXISTS (SELECT 1 FROM unnest(coalesce(p.proconfig, '{}')) setting WHERE setting LIKE 'search\_path=%')
 GROUP BY n.nspname, p.proname, p.oid
 ORDER BY object
