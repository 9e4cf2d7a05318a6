-- Identity and serial sequences whose next value is not above their column's maximum: the next insert
-- that takes the default collides with a row that exists
SELECT sn.nspname || '.' || sc.relname AS sequence,
       n.nspname || '.' || c.relname || '.' || a.attname AS column_name,
       nv.next_value, mx.max_value
  FROM pg_catalog.pg_sequence s
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = s.seqrelid
                             AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
                             AND d.refobjsubid > 0
  JOIN pg_catalog.pg_class c ON c.oid = d.refobjid AND c.relkind IN ('r', 'p')
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_class sc ON sc.oid = s.seqrelid
  JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
  CROSS JOIN LATERAL (SELECT coalesce(pg_catalog.pg_sequence_last_value(s.seqrelid) + s.seqincrement, s.seqstart)
                             AS next_value) nv
  -- The column's maximum, read with one dynamic query per column without leaving SQL.
  CROSS JOIN LATERAL (SELECT ((xpath('/row/m/text()',
                                     query_to_xml(format('SELECT max(%I)::numeric AS m FROM %s', a.attname,
                                                         c.oid::regclass), false, true, '')))[1])::text::numeric
                             AS max_value) mx
 WHERE s.seqincrement > 0 AND mx.max_value IS NOT NULL AND nv.next_value <= mx.max_value
 ORDER BY sequence
