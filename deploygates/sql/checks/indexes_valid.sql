-- Every index in public is valid and ready
-- DOMAIN.md 4.8: a failed CREATE INDEX CONCURRENTLY leaves an invalid index the planner ignores.
SELECT i.indexrelid::regclass::text AS index_name, i.indrelid::regclass::text AS table_name,
       i.indisvalid AS valid, i.indisready AS ready, i.indislive AS live
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
 WHERE c.relnamespace = 'public'::regnamespace
   AND NOT (i.indisvalid AND i.indisready AND i.indislive)
 ORDER BY 1;
