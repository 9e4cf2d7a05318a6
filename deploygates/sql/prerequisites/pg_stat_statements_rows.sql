-- Statements pg_stat_statements has recorded (fails unless the library is preloaded)
SELECT count(*) AS statements FROM pg_stat_statements;
