-- Statements of this database that touch organizations (runbook step 8): calls and total execution time so far
-- pg_stat_statements (PostgreSQL 13+ names: total_exec_time, not the runbook's total_time). The gate takes two
-- readings and divides the differences, so the mean is over the window only.
SELECT coalesce(sum(s.calls), 0)::bigint AS calls,
       coalesce(sum(s.total_exec_time), 0)::float8 AS total_exec_ms
  FROM pg_stat_statements s
 WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND s.query ILIKE %(pattern)s
   AND s.query NOT ILIKE '%%pg_stat_statements%%'
