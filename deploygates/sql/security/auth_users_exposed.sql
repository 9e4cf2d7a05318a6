-- auth.users exposed to anon or authenticated through a view or materialized view
-- (Supabase's lint auth_users_exposed.) Views are followed through other views; a security_invoker view
-- exposes nothing unless the role may read auth.users itself.
WITH RECURSIVE api AS (
    SELECT oid, rolname FROM pg_catalog.pg_roles WHERE rolname IN ('anon', 'authenticated')
), over_users (view_oid) AS (
    SELECT r.ev_class
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
     WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
       AND d.refobjid = to_regclass('auth.users') AND r.ev_class <> d.refobjid
    UNION
    SELECT r.ev_class
      FROM over_users o
      JOIN pg_catalog.pg_depend d ON d.refobjid = o.view_oid AND d.refclassid = 'pg_catalog.pg_class'::regclass
                                 AND d.classid = 'pg_catalog.pg_rewrite'::regclass
      JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid AND r.ev_class <> o.view_oid
)
SELECT n.nspname || '.' || v.relname AS object,
       CASE v.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END || ' over auth.users readable by '
       || string_agg(api.rolname, ', ' ORDER BY api.rolname) AS detail
  FROM (SELECT DISTINCT view_oid FROM over_users) o
  JOIN pg_catalog.pg_class v ON v.oid = o.view_oid AND v.relkind IN ('v', 'm')
  JOIN pg_catalog.pg_namespace n ON n.oid = v.relnamespace
  JOIN api ON pg_catalog.has_schema_privilege(api.oid, n.oid, 'USAGE')
          AND pg_catalog.has_table_privilege(api.oid, v.oid, 'SELECT')
 WHERE n.nspname <> 'auth'
   AND (NOT coalesce(v.reloptions @> ARRAY['security_invoker=true'], false)
        OR pg_catalog.has_table_privilege(api.oid, 'auth.users'::regclass, 'SELECT'))
 GROUP BY n.nspname, v.relname, v.relkind
 ORDER BY object
