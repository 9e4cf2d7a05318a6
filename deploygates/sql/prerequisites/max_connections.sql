-- Connections the server accepts (max_connections)
SELECT current_setting('max_connections')::int AS max_connections;
