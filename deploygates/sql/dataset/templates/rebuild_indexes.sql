-- A large table's indexes rebuilt after its load
SELECT pg_temp.rebuild_indexes({table})
