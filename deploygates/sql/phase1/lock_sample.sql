-- Relation locks held or awaited in this database by other sessions, one row per lock
SELECT a.pid,
       a.application_name,
       coalesce(n.nspname || '.' || c.relname, l.relation::text) AS relation,
       coalesce(c.relkind::text, '?') AS relkind,
       l.mode,
       l.granted,
       coalesce(extract(epoch FROM clock_timestamp() - l.waitstart), 0)::float8 AS waiting_seconds
  FROM pg_catalog.pg_locks l
  JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
  LEFT JOIN pg_catalog.pg_class c ON c.oid = l.relation
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE l.locktype = 'relation'
   AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
   AND l.pid <> pg_backend_pid();
