-- Sandbox dataset, step 1: the session, the parameters and the seeded functions every step uses.
--
-- Parameters (session settings, read with current_setting):
--   dataset.users  number of users (auth.users / profiles) to create   (default 10000, minimum 10)
--   dataset.seed   integer seed; same users + seed => identical data     (default 42)
-- Determinism: no random(), no now(); every value is a function of (seed, row number) through md5,
-- timestamps are offsets from 2025-01-01 00:00 UTC, ids are computed, not drawn from sequences
-- (which are set past the loaded ids at the end).
-- Speed: run as a superuser, the load uses session_replication_role = replica (no per-row
-- foreign-key triggers, no user triggers such as a sign-up hook on auth.users) and every foreign key is
-- verified set-based after its table's load (pg_temp.foreign_key_violations); otherwise the triggers
-- check as usual (about 4x slower). The load runs in one transaction: a failure leaves the database empty.
SET LOCAL synchronous_commit = off;
SET LOCAL work_mem = '64MB';
-- Temp tables have no statistics, so cost estimates are huge and JIT compilation would dominate.
SET LOCAL jit = off;

DO $replica$
BEGIN
    IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
        PERFORM set_config('session_replication_role', 'replica', true);
    END IF;
END
$replica$;

CREATE TEMP TABLE g_param ON COMMIT DROP AS
SELECT users,
       seed,
       greatest(2, round(users * 0.001))::int                                  AS n_admin,
       greatest(3, round(users * 0.15))::int                                   AS n_sponsor,
       greatest(3, round(users * 0.15))::int
           - greatest(1, round(users * 0.15 / 50))::int                        AS n_assignable,
       timestamptz '2025-01-01 00:00:00+00'                                    AS epoch
  FROM (SELECT coalesce(nullif(current_setting('dataset.users', true), ''), '10000')::int AS users,
               coalesce(nullif(current_setting('dataset.seed', true), ''), '42')::int    AS seed) s;

DO $guard$
BEGIN
    IF (SELECT users FROM g_param) < 10 THEN
        RAISE EXCEPTION 'dataset.users must be at least 10';
    END IF;
END
$guard$;

-- h(kind, a, b): a seeded 32-bit hash in [0, 2^32); uid(kind, a): a seeded uuid. The seed is baked
-- into the function body so that the planner can inline the calls.
DO $functions$
DECLARE
    s text := (SELECT seed::text FROM g_param);
BEGIN
    -- Explicit ::text casts keep the bodies immutable (text || bigint is only stable), which is
    -- what lets the planner inline them.
    EXECUTE format(
        'CREATE FUNCTION pg_temp.h(kind text, a bigint, b bigint DEFAULT 0) RETURNS bigint '
        'LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
        format($body$SELECT ('x' || substr(md5(%L || kind || ':' || a::text || ':' || b::text), 1, 8))::bit(32)::bigint$body$,
               s || ':'));
    EXECUTE format(
        'CREATE FUNCTION pg_temp.uid(kind text, a bigint, b bigint DEFAULT 0) RETURNS uuid '
        'LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
        format($body$SELECT md5(%L || kind || ':' || a::text || ':' || b::text)::uuid$body$, s || ':'));
    -- hx(kind, a): a whole seeded digest; w(hex, n): its n-th 32-bit word (n = 0..3), so that one
    -- md5 yields four independent values.
    EXECUTE format(
        'CREATE FUNCTION pg_temp.hx(kind text, a bigint) RETURNS text '
        'LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
        format($body$SELECT md5(%L || kind || ':' || a::text)$body$, s || ':'));
    CREATE FUNCTION pg_temp.w(hex text, n int) RETURNS bigint
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $body$SELECT ('x' || substr(hex, 8 * n + 1, 8))::bit(32)::bigint$body$;
END
$functions$;

-- Indexes set aside while a large table loads, and rebuilt from their own definitions after it.
CREATE TEMP TABLE g_deferred (tbl regclass, conname name, idx regclass, ddl text) ON COMMIT DROP;

-- A table's indexes (and the primary-key / unique constraints no foreign key depends on) dropped before
-- its load, as pg_restore creates them after the data: several times cheaper than growing them row by row.
CREATE FUNCTION pg_temp.defer_indexes(t regclass) RETURNS void LANGUAGE plpgsql AS $defer$
DECLARE
    d record;
BEGIN
    INSERT INTO g_deferred
    SELECT x.indrelid::regclass, c.conname, x.indexrelid::regclass,
           CASE WHEN c.oid IS NULL THEN pg_catalog.pg_get_indexdef(x.indexrelid)
                ELSE format('ALTER TABLE %s ADD CONSTRAINT %I %s', x.indrelid::regclass, c.conname,
                            pg_catalog.pg_get_constraintdef(c.oid)) END
      FROM pg_catalog.pg_index x
      LEFT JOIN pg_catalog.pg_constraint c ON c.conindid = x.indexrelid AND c.contype IN ('p', 'u')
     WHERE x.indrelid = t
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint f WHERE f.contype = 'f' AND f.conindid = x.indexrelid)
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint e WHERE e.contype = 'x' AND e.conindid = x.indexrelid);
    FOR d IN SELECT * FROM g_deferred WHERE tbl = t LOOP
        IF d.conname IS NULL THEN
            EXECUTE format('DROP INDEX %s', d.idx);
        ELSE
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', d.tbl, d.conname);
        END IF;
    END LOOP;
END
$defer$;

CREATE FUNCTION pg_temp.rebuild_indexes(t regclass) RETURNS void LANGUAGE plpgsql AS $rebuild$
DECLARE
    d record;
BEGIN
    FOR d IN SELECT * FROM g_deferred WHERE tbl = t ORDER BY conname NULLS LAST, ddl LOOP
        EXECUTE d.ddl;
    END LOOP;
    DELETE FROM g_deferred WHERE tbl = t;
END
$rebuild$;

-- Rows of table t whose foreign keys point at nothing (replica mode skipped the per-row checks).
CREATE FUNCTION pg_temp.foreign_key_violations(t regclass)
    RETURNS TABLE (constraint_name name, violating_rows bigint) LANGUAGE plpgsql AS $verify$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT con.conname, con.confrelid::regclass AS parent,
               (SELECT string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ')
                  FROM unnest(con.conkey, con.confkey) AS k(ck, pk)
                  JOIN pg_catalog.pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.ck
                  JOIN pg_catalog.pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.pk) AS matches,
               (SELECT string_agg(format('c.%I IS NOT NULL', ca.attname), ' AND ')
                  FROM unnest(con.conkey) AS k(ck)
                  JOIN pg_catalog.pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.ck) AS present
          FROM pg_catalog.pg_constraint con
         WHERE con.contype = 'f' AND con.conrelid = t
         ORDER BY 1
    LOOP
        constraint_name := c.conname;
        EXECUTE format('SELECT count(*) FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s)',
                       t, c.present, c.parent, c.matches)
            INTO violating_rows;
        IF violating_rows > 0 THEN
            RETURN NEXT;
        END IF;
    END LOOP;
END
$verify$;
