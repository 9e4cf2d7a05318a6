-- pg_stat_statements: whether the server offers it, and the schema it is installed in (NULL: not installed)
SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements') AS available,
       (SELECT n.nspname::text
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_stat_statements') AS installed_in;
