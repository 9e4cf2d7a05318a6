-- Privileges on tables, views, sequences, columns and functions, one row per grantee and privilege
SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || coalesce(nullif(pg_get_userbyid(acl.grantee), '-'), 'PUBLIC')
       || ' ' || acl.privilege_type AS identity,
       'grantable=' || acl.is_grantable AS definition
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL aclexplode(c.relacl) acl
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
UNION ALL
SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '
       || coalesce(nullif(pg_get_userbyid(acl.grantee), '-'), 'PUBLIC') || ' ' || acl.privilege_type,
       'grantable=' || acl.is_grantable
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL aclexplode(a.attacl) acl
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%' AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '
       || coalesce(nullif(pg_get_userbyid(acl.grantee), '-'), 'PUBLIC') || ' ' || acl.privilege_type,
       'grantable=' || acl.is_grantable
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
CROSS JOIN LATERAL aclexplode(p.proacl) acl
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
