-- What a pre-migration template holds, as its builder described it (COMMENT ON DATABASE)
SELECT pg_catalog.shobj_description(d.oid, 'pg_database') FROM pg_catalog.pg_database d WHERE d.datname = %(name)s
