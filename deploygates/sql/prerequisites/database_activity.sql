-- Transactions committed in this database since its statistics were reset (pg_stat_database)
SELECT xact_commit FROM pg_stat_database WHERE datname = current_database();
