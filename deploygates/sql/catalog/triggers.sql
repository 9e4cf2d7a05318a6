-- Triggers (not the internal ones behind foreign keys)
SELECT n.nspname || '.' || c.relname || '.' || t.tgname AS identity,
       pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text AS definition
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
