-- Client connections open on the server now, every database and user included
SELECT count(*) AS connections_in_use
FROM pg_stat_activity
WHERE backend_type = 'client backend';
