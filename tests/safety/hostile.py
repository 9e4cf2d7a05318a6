"""Scripts that try to write to the target through every escape we could think of. Each plants a marker
(a table, a role setting, a changed row, a large object, a file) if it gets through; tests/safety checks
that none did and that the server's log holds no write statement from the gates' role.

`SCREENED` are refused before anything is sent; `HELD` pass the screen (their writes hide in DO blocks,
functions or other sessions) and must be stopped by the read-only transaction or the role."""

from __future__ import annotations

MARK = "planted_by_hostile_script"
FILE_MARK = "/tmp/planted_by_hostile_script"

SCREENED = {
    "read_only_off": f"SET default_transaction_read_only = off;\nCREATE TABLE {MARK}_a (x int);",
    "session_characteristics": "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE;\n"
                               f"CREATE TABLE {MARK}_b (x int);",
    "begin_read_write": f"BEGIN READ WRITE;\nCREATE TABLE {MARK}_c (x int);\nCOMMIT;",
    "commit_then_new_transaction": "SELECT 1;\nCOMMIT;\nSET default_transaction_read_only = off;\n"
                                   f"CREATE TABLE {MARK}_d (x int);",
    "transaction_read_write_first": f"SET transaction_read_only = off;\nCREATE TABLE {MARK}_e (x int);",
    "rollback_then_write": f"ROLLBACK;\nCREATE TABLE {MARK}_f (x int);",
    "savepoint_dance": f"SAVEPOINT s;\nRELEASE SAVEPOINT s;\nEND;\nCREATE TABLE {MARK}_g (x int);",
    "data_modifying_cte": f"WITH w AS (UPDATE public.profiles SET full_name = '{MARK}' RETURNING 1) "
                          "SELECT count(*) FROM w;",
    "select_into": f"SELECT 1 AS x INTO {MARK}_h;",
    "explain_analyze_write": f"EXPLAIN ANALYZE UPDATE public.profiles SET full_name = '{MARK}';",
    "prepared_write": f"PREPARE p AS UPDATE public.profiles SET full_name = '{MARK}';\nEXECUTE p;",
    "copy_from_program": "COPY public.support_tickets FROM PROGRAM 'echo 1';",
    "copy_to_file": f"COPY (SELECT 1) TO '{FILE_MARK}';",
    "lo_import": "SELECT lo_import('/etc/hostname');",
    "large_object": f"SELECT lo_from_bytea(0, '{MARK}');",
    "dblink": f"SELECT dblink_exec('dbname=postgres', 'CREATE TABLE {MARK}_i (x int)');",
    "alter_role": "ALTER ROLE CURRENT_USER SET default_transaction_read_only = off;",
    "reset_all": f"RESET ALL;\nCREATE TABLE {MARK}_j (x int);",
    "set_role": f"SET ROLE authenticated;\nUPDATE public.profiles SET full_name = '{MARK}';",
    "session_authorization": f"SET SESSION AUTHORIZATION postgres;\nCREATE TABLE {MARK}_k (x int);",
    "search_path_shadow": "SET search_path = pg_temp, public;\n"
                          "CREATE FUNCTION pg_temp.lower(text) RETURNS text LANGUAGE sql AS 'SELECT $1';",
    "temporary_table": f"CREATE TEMP TABLE {MARK}_l (x int);",
    "set_config_in_select": "SELECT set_config('default_transaction_read_only', 'off', false);\nCOMMIT;",
    "statement_timeout_off": "SET statement_timeout = 0;\nSELECT pg_sleep(3600);",
    "advisory_lock": "SELECT pg_advisory_lock(42);",
    "terminate_sessions": "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid();",
    "notify": f"NOTIFY {MARK};",
    "analyze": "ANALYZE public.profiles;",
    "string_escapes_off": "SET standard_conforming_strings = off;\nSELECT 'a\\' ; COMMIT; --';",
    "shell_meta_command": f"\\! touch {FILE_MARK}",
    "connect_meta_command": f"\\connect postgres\nCREATE TABLE {MARK}_m (x int);",
    "gexec": f"SELECT 'CREATE TABLE {MARK}_n (x int)' \\gexec",
    "include_file": "\\i /etc/hostname",
    "variable_interpolation": f"\\set cmd 'COMMIT'\n:cmd;\nCREATE TABLE {MARK}_o (x int);",
    "backtick_shell": f"\\set x `touch {FILE_MARK}`",
    "read_the_password": "\\getenv pw PGPASSWORD\n\\echo :pw",
    "copy_meta_command": "\\copy public.support_tickets FROM PROGRAM 'echo 1'",
    "pipe_output": f"SELECT 1 \\g |touch {FILE_MARK}",
    "second_meta_on_a_line": f"\\echo hello \\! touch {FILE_MARK}",
    "binary_file": "\x00\x01PGDMP\xff",
}

HELD = {
    "do_create_table": f"DO $$ BEGIN CREATE TABLE {MARK}_p (x int); END $$;",
    "do_commit_inside": "DO $$ BEGIN PERFORM set_config('default_transaction_read_only', 'off', false); COMMIT; "
                        f"CREATE TABLE {MARK}_q (x int); COMMIT; END $$;",
    "do_dynamic_read_write": "DO $$ BEGIN EXECUTE 'SET TRANSACTION READ WRITE'; "
                             f"EXECUTE 'UPDATE public.profiles SET full_name = ''{MARK}'''; END $$;",
    "do_alter_role": "DO $$ BEGIN EXECUTE format('ALTER ROLE %I SET default_transaction_read_only = off', "
                     "current_user); END $$;",
    "do_set_role_write": "DO $$ BEGIN SET LOCAL ROLE authenticated; "
                         f"UPDATE public.profiles SET full_name = '{MARK}'; END $$;",
    "do_dblink_other_session": "DO $$ BEGIN PERFORM dblink_exec(format('host=127.0.0.1 port=%s dbname=%s', "
                               "current_setting('port'), current_database()), "
                               f"'CREATE TABLE {MARK}_r (x int)'); END $$;",
    "do_large_object": f"DO $$ BEGIN PERFORM lo_from_bytea(0, '{MARK}'); END $$;",
    # A function anyone may call that writes as its owner (tests/safety/production.py installs one).
    "security_definer_writer": "SELECT public.definer_writer();",
    "do_security_definer_writer": "DO $$ BEGIN PERFORM public.definer_writer(); END $$;",
    "do_copy_to_file": f"DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO ''{FILE_MARK}'''; END $$;",
    "do_timeout_off_then_sleep": "DO $$ BEGIN PERFORM set_config('statement_timeout', '0', false); END $$;\n"
                                 "SELECT pg_sleep(3600);",
}
