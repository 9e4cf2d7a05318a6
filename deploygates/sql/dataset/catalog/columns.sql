-- Every column of the candidate tables: type (and its category, base type for domains, element type
-- for arrays, labels for enums), length limit, NOT NULL, default, identity and generated kinds, and the
-- CHECKs of its domain (VALUE standing for the column).
SELECT a.attrelid::bigint AS table_oid, a.attname AS name, a.attnum AS position,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       coalesce(base.typname, t.typname) AS base_type,
       coalesce(base.typcategory, t.typcategory) AS category,
       t.typtype = 'd' AS is_domain,
       CASE WHEN coalesce(base.typcategory, t.typcategory) = 'A'
            THEN pg_catalog.format_type(coalesce(base.typelem, t.typelem), NULL) END AS element_type,
       CASE WHEN coalesce(base.typcategory, t.typcategory) = 'A'
            THEN (SELECT e.typcategory FROM pg_catalog.pg_type e WHERE e.oid = coalesce(base.typelem, t.typelem))
       END AS element_category,
       (SELECT array_agg(l.enumlabel::text ORDER BY l.enumsortorder) FROM pg_catalog.pg_enum l
         WHERE l.enumtypid = CASE WHEN coalesce(base.typcategory, t.typcategory) = 'A'
                                  THEN coalesce(base.typelem, t.typelem) ELSE coalesce(base.oid, t.oid) END)
           AS labels,
       CASE WHEN m.typmod > 4 AND coalesce(base.typname, t.typname) IN ('varchar', 'bpchar')
            THEN m.typmod - 4 END AS max_length,
       CASE WHEN coalesce(base.typname, t.typname) = 'numeric' AND m.typmod > 4
            THEN ((m.typmod - 4) >> 16) & 65535 END AS numeric_precision,
       CASE WHEN coalesce(base.typname, t.typname) = 'numeric' AND m.typmod > 4
            THEN (m.typmod - 4) & 65535 END AS numeric_scale,
       ARRAY(SELECT pg_catalog.pg_get_constraintdef(dc.oid) FROM pg_catalog.pg_constraint dc
              WHERE dc.contypid = t.oid AND dc.contype = 'c' ORDER BY dc.conname) AS domain_checks,
       a.attnotnull OR coalesce(t.typnotnull, false) AS not_null,
       a.atthasdef AS has_default,
       CASE WHEN a.atthasdef THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS default_expression,
       a.attidentity AS identity,
       a.attgenerated AS generated
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_type base ON t.typtype = 'd' AND base.oid = t.typbasetype
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 CROSS JOIN LATERAL (SELECT CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod) m
 WHERE a.attrelid = ANY (%(tables)s::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attrelid, a.attnum
