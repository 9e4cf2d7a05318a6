-- Primary keys, unique constraints and unique indexes, foreign keys and CHECK constraints of the candidate
-- tables, with their column names in key order (unique indexes on expressions or with a predicate are
-- left out: the generator cannot aim at them, a clash is reported).
SELECT con.conrelid::bigint AS table_oid, con.conname AS name, con.contype AS kind,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
              ORDER BY k.i) AS columns,
       con.confrelid::bigint AS ref_table_oid,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
              ORDER BY k.i) AS ref_columns,
       CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid) END AS definition
  FROM pg_catalog.pg_constraint con
 WHERE con.conrelid = ANY (%(tables)s::oid[]) AND con.contype IN ('p', 'u', 'f', 'c')
UNION ALL
SELECT i.indrelid::bigint, c.relname, 'u',
       ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, o)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              ORDER BY k.o),
       NULL, NULL, NULL
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
 WHERE i.indrelid = ANY (%(tables)s::oid[]) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid)
 ORDER BY 1, 3, 2
