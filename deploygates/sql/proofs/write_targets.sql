-- Per table of the given list: its key columns, the columns a copy of a row takes from the row (the others
-- take their default: identity, serial and defaulted key columns, generated columns), each column's type, the
-- columns an UPDATE may set, the columns that point at a user (by foreign key to auth.users, or to a table
-- whose key does, such as profiles), and whether a copy collides with its row on a unique key
WITH tables AS (
    SELECT c.oid, n.nspname || '.' || c.relname AS name
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname || '.' || c.relname = ANY (%(tables)s::text[]) AND c.relkind IN ('r', 'p')
), keys AS (
    SELECT t.oid, (SELECT array_agg(a.attname::text ORDER BY k.ord)
                     FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
      FROM tables t
      JOIN LATERAL (SELECT x.* FROM pg_catalog.pg_index x
                     WHERE x.indrelid = t.oid AND x.indisunique AND x.indisvalid AND x.indexprs IS NULL
                       AND x.indpred IS NULL
                       AND NOT EXISTS (SELECT 1 FROM unnest(x.indkey) k(attnum)
                                        JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                                       WHERE NOT a.attnotnull)
                     ORDER BY x.indisprimary DESC, x.indexrelid LIMIT 1) i ON true
), users AS (
    SELECT to_regclass('auth.users')::oid AS oid
    UNION
    SELECT k.conrelid FROM pg_catalog.pg_constraint k
     WHERE k.contype = 'f' AND k.confrelid = to_regclass('auth.users')
       AND k.conkey <@ (SELECT i.indkey::int2[] FROM pg_catalog.pg_index i WHERE i.indrelid = k.conrelid
                          AND i.indisprimary)
), user_columns AS (
    SELECT k.conrelid AS oid, a.attname::text AS name, a.attnum
      FROM pg_catalog.pg_constraint k
      JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
     WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND k.confrelid IN (SELECT oid FROM users)
)
SELECT t.name, coalesce(keys.columns, '{}') AS key_columns,
       coalesce(array_agg(a.attname::text ORDER BY a.attnum)
                FILTER (WHERE a.attgenerated = '' AND NOT (
                    (a.atthasdef OR a.attidentity <> '') AND EXISTS (
                        SELECT 1 FROM pg_catalog.pg_index x WHERE x.indrelid = t.oid AND x.indisunique
                                                              AND a.attnum = ANY (x.indkey)))), '{}') AS copied,
       coalesce(array_agg(pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
                FILTER (WHERE a.attgenerated = '' AND NOT (
                    (a.atthasdef OR a.attidentity <> '') AND EXISTS (
                        SELECT 1 FROM pg_catalog.pg_index x WHERE x.indrelid = t.oid AND x.indisunique
                                                              AND a.attnum = ANY (x.indkey)))), '{}') AS types,
       coalesce(array_agg(a.attname::text ORDER BY a.attnum)
                FILTER (WHERE a.attgenerated = '' AND a.attidentity <> 'a'
                          AND NOT a.attname::text = ANY (coalesce(keys.columns, '{}'))), '{}') AS updatable,
       coalesce((SELECT array_agg(u.name ORDER BY u.attnum) FROM user_columns u WHERE u.oid = t.oid), '{}')
           AS user_columns,
       EXISTS (SELECT 1 FROM pg_catalog.pg_index x
                WHERE x.indrelid = t.oid AND x.indisunique
                  AND NOT EXISTS (SELECT 1 FROM unnest(x.indkey) k(attnum)
                                   JOIN pg_catalog.pg_attribute d ON d.attrelid = t.oid AND d.attnum = k.attnum
                                  WHERE d.attgenerated <> '' OR d.atthasdef OR d.attidentity <> '')) AS collides
  FROM tables t
  LEFT JOIN keys ON keys.oid = t.oid
  JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
 GROUP BY t.name, t.oid, keys.columns
 ORDER BY t.name
