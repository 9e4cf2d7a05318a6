-- Permissive policies that let anon reach a table holding user data (a table whose rows lead by foreign keys
-- to auth.users), for a command anon holds the privilege for
WITH RECURSIVE user_data (relid, depth) AS (
    SELECT to_regclass('auth.users')::oid, 0 WHERE to_regclass('auth.users') IS NOT NULL
    UNION
    SELECT k.conrelid, u.depth + 1
      FROM user_data u
      JOIN pg_catalog.pg_constraint k ON k.contype = 'f' AND k.confrelid = u.relid AND k.conrelid <> u.relid
     WHERE u.depth < 3
), anon AS (
    SELECT oid FROM pg_catalog.pg_roles WHERE rolname = 'anon'
)
SELECT DISTINCT n.nspname || '.' || c.relname || ' policy ' || pg_catalog.quote_ident(p.polname) AS object,
       'permissive ' || CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                                      WHEN 'd' THEN 'DELETE' ELSE 'ALL' END
       || ' policy for ' || CASE WHEN 0 = ANY (p.polroles) THEN 'PUBLIC' ELSE 'anon' END
       || ' using ' || coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '(none)') AS detail
  FROM pg_catalog.pg_policy p
  JOIN user_data u ON u.relid = p.polrelid
  JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN anon
 WHERE p.polpermissive
   AND (anon.oid = ANY (p.polroles) OR 0 = ANY (p.polroles))
   AND pg_catalog.has_table_privilege(anon.oid, c.oid,
           CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                         WHEN 'd' THEN 'DELETE' ELSE 'SELECT, INSERT, UPDATE, DELETE' END)
 ORDER BY object
