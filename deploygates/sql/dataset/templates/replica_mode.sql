-- Whether the load runs in replica mode (no triggers; foreign keys verified after each table)
SELECT current_setting('session_replication_role') = 'replica'
