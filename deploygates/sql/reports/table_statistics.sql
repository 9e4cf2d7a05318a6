-- Table statistics of the public schema (the runbook's "Verify performance" query)
-- SUCCESS-3, verbatim but for the alias: pg_stat_user_tables names the table relname, not
-- tablename, so the runbook's own query fails with "column tablename does not exist".
SELECT
  schemaname,
  relname AS tablename,
  n_tup_ins + n_tup_upd + n_tup_del as total_operations,
  seq_scan,
  idx_scan
FROM pg_stat_user_tables
WHERE schemaname = 'public'
ORDER BY total_operations DESC;
