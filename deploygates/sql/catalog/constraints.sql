-- Constraints with their definitions and whether they are validated
SELECT n.nspname || '.' || c.relname || '.' || con.conname AS identity,
       pg_get_constraintdef(con.oid) || ' validated=' || con.convalidated AS definition
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
