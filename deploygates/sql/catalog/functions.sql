-- Functions and procedures: signature, result, body hash, security and settings
SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS identity,
       'returns=' || coalesce(pg_get_function_result(p.oid), '') || ' kind=' || p.prokind::text
       || ' volatile=' || p.provolatile::text || ' security_definer=' || p.prosecdef
       || ' config=' || coalesce(array_to_string(p.proconfig, ','), '')
       || ' owner=' || pg_get_userbyid(p.proowner) || ' body=' || md5(p.prosrc) AS definition
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
