-- The names of the server's settings (a dump's SET of a newer server's setting is skipped)
SELECT name FROM pg_catalog.pg_settings
