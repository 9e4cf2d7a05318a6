-- The server's built-in functions (schema pg_catalog), by name: what an unqualified call may mean without a
-- function of the baseline or the scripts
SELECT DISTINCT p.proname::text FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'pg_catalog'::regnamespace
