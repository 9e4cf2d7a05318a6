-- Row level security is enabled on every public table
-- DOMAIN.md 4.7: the baseline has it on every table; the new tables need it too.
SELECT c.relname AS table_name, c.relkind AS kind
  FROM pg_catalog.pg_class c
 WHERE c.relnamespace = 'public'::regnamespace
   AND c.relkind IN ('r', 'p')
   AND NOT c.relrowsecurity
 ORDER BY c.relname;
