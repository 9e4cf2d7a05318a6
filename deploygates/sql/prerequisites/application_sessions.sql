-- Application sessions still connected after the application was scaled to 0
SELECT pid, usename, application_name, client_addr, state, backend_start,
       date_trunc('second', now() - state_change) AS in_state_for
FROM pg_stat_activity
WHERE datname = current_database()
  AND backend_type = 'client backend'
  AND pid <> pg_backend_pid()
  AND application_name <> %(suite)s
  AND (application_name = ANY (%(application_names)s::text[]) OR usename = ANY (%(usenames)s::text[]))
ORDER BY backend_start;
