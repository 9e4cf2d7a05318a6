-- Schemas, their owners and privileges
SELECT n.nspname AS identity,
       'owner=' || pg_get_userbyid(n.nspowner) || ' acl=' || coalesce(array_to_string(array(SELECT unnest(n.nspacl)::text ORDER BY 1), ','), '') AS definition
FROM pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
