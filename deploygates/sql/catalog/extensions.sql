-- Installed extensions and their versions
SELECT e.extname AS identity, 'version=' || e.extversion AS definition
FROM pg_extension e
