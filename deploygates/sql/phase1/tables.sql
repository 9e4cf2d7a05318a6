-- Base tables of the data schemas, with the planner's row estimate (statistics only, nothing scanned)
SELECT n.nspname || '.' || c.relname AS table_name,
       greatest(c.reltuples, coalesce(s.n_live_tup, 0), 0)::bigint AS estimated_rows
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_stat_user_tables s ON s.relid = c.oid
 WHERE c.relkind IN ('r', 'p')
   AND n.nspname IN ('public', 'auth')
 ORDER BY 1;
