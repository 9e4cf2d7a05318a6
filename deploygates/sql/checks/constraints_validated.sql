-- Every constraint in public is validated
-- DOMAIN.md 4.8: a NOT VALID constraint does not vouch for the rows that existed before it.
SELECT con.conrelid::regclass::text AS table_name, con.conname AS constraint_name,
       con.contype AS kind
  FROM pg_catalog.pg_constraint con
 WHERE con.connamespace = 'public'::regnamespace
   AND NOT con.convalidated
 ORDER BY 1, 2;
