-- Privileges anon holds on the tables, views, sequences and columns of schemas it can use
-- (extension objects aside): a new one widens what anyone without an account can do. Functions are the
-- SECURITY DEFINER lints' (security_definer_functions_*.sql): PostgreSQL grants EXECUTE to PUBLIC on every
-- new function, and one that runs with its caller's rights gives anon nothing anon does not hold already.
WITH anon AS (
    SELECT oid FROM pg_catalog.pg_roles WHERE rolname = 'anon'
), schemas AS (
    SELECT n.oid, n.nspname FROM pg_catalog.pg_namespace n CROSS JOIN anon
     WHERE pg_catalog.has_schema_privilege(anon.oid, n.oid, 'USAGE')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
)
SELECT privilege || ' on ' || kind || ' ' || name AS object, 'held by anon' AS detail
  FROM (SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                              ELSE 'table' END AS kind, s.nspname || '.' || c.relname AS name, privilege
          FROM pg_catalog.pg_class c
          JOIN schemas s ON s.oid = c.relnamespace
          CROSS JOIN anon
          CROSS JOIN LATERAL unnest(CASE WHEN c.relkind = 'S' THEN ARRAY['USAGE', 'SELECT', 'UPDATE']
                                         ELSE ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE',
                                                    'REFERENCES', 'TRIGGER'] END) privilege
         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e')
           AND CASE WHEN c.relkind = 'S' THEN pg_catalog.has_sequence_privilege(anon.oid, c.oid, privilege)
                    ELSE pg_catalog.has_table_privilege(anon.oid, c.oid, privilege) END
        UNION ALL
        SELECT 'column', s.nspname || '.' || c.relname || '.' || a.attname, acl.privilege_type
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
          JOIN schemas s ON s.oid = c.relnamespace
          CROSS JOIN anon
          CROSS JOIN LATERAL aclexplode(a.attacl) acl
         WHERE a.attnum > 0 AND NOT a.attisdropped AND acl.grantee IN (anon.oid, 0)
) held
 ORDER BY object
