-- Ways the gates' own database role could write to the target
-- One row per way: what it is, an example, and whether it reaches beyond any transaction (a shell,
-- server files, other sessions, signals, configuration): those no read-only transaction stops.
-- Privileges count as the role holds them itself or through roles it inherits; roles it can only
-- SET ROLE to (authenticated, for impersonation) are held by the read-only transaction.
WITH me AS (
    SELECT oid, rolname, rolsuper, rolcreaterole, rolcreatedb, rolreplication
      FROM pg_catalog.pg_roles WHERE rolname = current_user
), data_schemas AS (
    SELECT oid, nspname FROM pg_catalog.pg_namespace
     WHERE nspname NOT IN ('pg_catalog', 'information_schema')
       AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%'
), relations AS (
    SELECT c.oid, c.relkind, c.relowner, format('%I.%I', n.nspname, c.relname) AS name
      FROM pg_catalog.pg_class c JOIN data_schemas n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
), paths(path, detail, beyond_transactions) AS (
    SELECT 'superuser', 'the role is a superuser', true FROM me WHERE rolsuper
    UNION ALL
    SELECT 'replication', 'the role has REPLICATION (replication slots, base backups)', true
      FROM me WHERE rolreplication AND NOT rolsuper
    UNION ALL
    SELECT 'member of ' || r.rolname, 'the role can act as ' || r.rolname, true
      FROM pg_catalog.pg_roles r, me
     WHERE r.rolname IN ('pg_execute_server_program', 'pg_write_server_files', 'pg_read_server_files',
                         'pg_signal_backend', 'pg_checkpoint')
       AND NOT me.rolsuper AND pg_catalog.pg_has_role(me.oid, r.oid, 'MEMBER')
    UNION ALL
    SELECT 'EXECUTE on ' || f.name, 'the role may call ' || f.name, true
      FROM (VALUES ('pg_reload_conf()'), ('pg_rotate_logfile()'), ('pg_promote(boolean,integer)'),
                   ('pg_read_file(text)'), ('lo_import(text)'), ('lo_export(oid,text)'),
                   ('dblink_connect_u(text)')) AS f(name), me
     WHERE NOT me.rolsuper AND pg_catalog.to_regprocedure(f.name) IS NOT NULL
       AND pg_catalog.has_function_privilege(me.oid, pg_catalog.to_regprocedure(f.name), 'EXECUTE')
    UNION ALL
    SELECT 'CREATEROLE', 'the role can create and alter roles', false FROM me WHERE rolcreaterole AND NOT rolsuper
    UNION ALL
    SELECT 'CREATEDB', 'the role can create databases', false FROM me WHERE rolcreatedb AND NOT rolsuper
    UNION ALL
    SELECT 'member of pg_write_all_data', 'the role can write every table', false
      FROM pg_catalog.pg_roles r, me
     WHERE r.rolname = 'pg_write_all_data' AND NOT me.rolsuper AND pg_catalog.pg_has_role(me.oid, r.oid, 'USAGE')
    UNION ALL
    SELECT 'CREATE on database ' || current_database(), 'the role can create schemas', false
      FROM me WHERE NOT rolsuper AND pg_catalog.has_database_privilege(me.oid, current_database(), 'CREATE')
    UNION ALL
    SELECT 'CREATE on schemas', count(*) || ' schemas, e.g. ' || min(s.nspname), false
      FROM data_schemas s, me
     WHERE NOT me.rolsuper AND pg_catalog.has_schema_privilege(me.oid, s.oid, 'CREATE')
    HAVING count(*) > 0
    UNION ALL
    SELECT privilege || ' on tables', count(*) || ' tables, e.g. ' || min(r.name), false
      FROM relations r, me, unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER']) AS privilege
     WHERE NOT me.rolsuper AND r.relkind <> 'S' AND pg_catalog.has_table_privilege(me.oid, r.oid, privilege)
     GROUP BY privilege
    UNION ALL
    SELECT 'UPDATE or USAGE on sequences', count(*) || ' sequences, e.g. ' || min(r.name), false
      FROM relations r, me
     WHERE NOT me.rolsuper AND r.relkind = 'S'
       AND (pg_catalog.has_sequence_privilege(me.oid, r.oid, 'UPDATE')
            OR pg_catalog.has_sequence_privilege(me.oid, r.oid, 'USAGE'))
    HAVING count(*) > 0
    UNION ALL
    SELECT 'owner of objects', count(*) || ' tables, views or sequences (an owner may alter and drop them), e.g. '
                               || min(r.name), false
      FROM relations r, me
     WHERE NOT me.rolsuper AND pg_catalog.pg_has_role(me.oid, r.relowner, 'USAGE')
    HAVING count(*) > 0
)
SELECT path, detail, beyond_transactions FROM paths ORDER BY beyond_transactions DESC, path LIKE 'owner%' DESC, path;
