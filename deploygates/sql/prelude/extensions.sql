-- The extensions this server can install (a dump's CREATE EXTENSION of another is skipped)
SELECT name FROM pg_catalog.pg_available_extensions
