-- Sandbox dataset, last step: identity and serial sequences continue after the computed ids
DO $sequences$
DECLARE
    c record;
    next_id bigint;
BEGIN
    FOR c IN
        SELECT a.attrelid::regclass AS tbl, a.attname,
               pg_catalog.pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) AS seq
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class t ON t.oid = a.attrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
         WHERE t.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
           AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_temp%'
           AND pg_catalog.pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) IS NOT NULL
    LOOP
        EXECUTE format('SELECT max(%I) FROM %s', c.attname, c.tbl) INTO next_id;
        IF next_id IS NOT NULL THEN
            PERFORM setval(c.seq, next_id + 1, false);
        END IF;
    END LOOP;
END
$sequences$;
