-- A large table's indexes set aside before its load
SELECT pg_temp.defer_indexes({table})
