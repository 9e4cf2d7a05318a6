-- Whether the server can create an extension, and whether this database has it already
SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = %(name)s) AS available,
       EXISTS (SELECT 1 FROM pg_extension WHERE extname = %(name)s) AS installed,
       current_setting('server_version_num')::int / 10000 AS major
