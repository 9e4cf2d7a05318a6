-- Sandbox dataset generator: a deterministic, production-shaped population for the baseline schema.
--
-- Parameters (session settings, read with current_setting):
--   dataset.users  number of auth.users / profiles to create      (default 10000, minimum 100)
--   dataset.seed   integer seed; same users + seed => identical data (default 42)
-- Run into a freshly baselined, empty database:
--   psql -X -v ON_ERROR_STOP=1 -c "SET dataset.users = 10000" -c "SET dataset.seed = 42" \
--        -f sql/dataset/generate.sql "$DSN"
--
-- Every user signs in as userNNNNNN@sandbox.test (at least six digits, e.g. user000123@sandbox.test)
-- with the password `sandbox-password` (one shared bcrypt hash, cost 10, in auth.users below).
--
-- Ratios (fractions of dataset.users unless stated):
--   admins      max(2, 0.1 %)  -- the first admin is also a practitioner with an active sponsor
--   sponsors    15 %           -- role 'sponsor'; about 2.5 % of them have no relationship at all
--   users       the rest       -- role 'user' (practitioners)
--   practitioners' sponsorship: 12 % no relationship at all, 5 % only an open invitation
--     (sponsor_id NULL, pending or email_sent), 2 % pending with an accepted sponsor, 9 % inactive,
--     72 % active; 2 % of those with a sponsor have a second sponsor; 3 % carry an extra stale
--     email_sent invitation. Each relationship with a sponsor has exactly one sponsor_connections
--     row for the same pair (active exactly when the relationship is active, else pending /
--     inactive), journal_shared true for 85 %. A sponsor ends up with about 5 practitioners.
--   active users (70 % of users, 30 % of sponsors, all admins): 36 progress rows (12 virtues x 3
--     stages: completed before a per-user frontier, in_progress at it, not_started after), an
--     active virtue, 0-40 journal entries (mean 20; sponsors 0-10), stage memos, freeform
--     entries, a completed initial assessment (+ 10 % a periodic one) with 12 results per
--     completed assessment. 30 % of the inactive users left a pending initial assessment.
--   3 tickets and 6 error logs per 100 users; chat on 40 % of active/inactive connections; sponsor
--   feedback on active connections with shared journals.
-- Determinism: no random(), no now(); every value is a function of (seed, row number) through md5,
-- timestamps are offsets from 2025-01-01 00:00 UTC, ids are computed, not drawn from sequences
-- (which are set past the loaded ids at the end).
-- Speed: run as a superuser, the load uses session_replication_role = replica (no per-row
-- foreign-key triggers) and then verifies every foreign key set-based; otherwise the triggers check
-- as usual (about 4x slower). Indexes of the three largest tables are rebuilt after their load.
-- Everything runs in one transaction: a failure leaves the database empty.
BEGIN;

SET LOCAL synchronous_commit = off;
SET LOCAL work_mem = '64MB';
-- Temp tables have no statistics, so cost estimates are huge and JIT compilation would dominate.
SET LOCAL jit = off;

-- Foreign keys are enforced by per-row triggers, which cost more than the rows themselves. A
-- superuser loads in replica mode (no triggers) and the keys are verified set-based at the end;
-- anyone else loads with the triggers firing.
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
    IF (SELECT users FROM g_param) < 100 THEN
        RAISE EXCEPTION 'dataset.users must be at least 100';
    END IF;
    IF EXISTS (SELECT 1 FROM auth.users) OR EXISTS (SELECT 1 FROM public.virtues) THEN
        RAISE EXCEPTION 'generate.sql expects a freshly baselined, empty database';
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

-- ---------------------------------------------------------------------------------------------
-- Reference catalogue: 12 virtues x 3 stages x 3 prompts
-- ---------------------------------------------------------------------------------------------

INSERT INTO public.virtues (id, name, description, short_description, author_description, created_at)
SELECT v.id, v.name,
       v.name || ' is practised by noticing where its opposite, ' || v.defect
           || ', shapes daily choices and deliberately choosing otherwise.',
       'Growing in ' || lower(v.name) || ' instead of ' || v.defect || '.',
       'Reflections on ' || lower(v.name) || ' drawn from the programme''s workbook.',
       p.epoch - interval '900 days'
  FROM g_param p,
       (VALUES (1, 'Humility', 'pride'), (2, 'Honesty', 'deceit'), (3, 'Gratitude', 'entitlement'),
               (4, 'Patience', 'impatience'), (5, 'Generosity', 'greed'), (6, 'Courage', 'fear'),
               (7, 'Temperance', 'excess'), (8, 'Justice', 'partiality'), (9, 'Prudence', 'rashness'),
               (10, 'Forgiveness', 'resentment'), (11, 'Diligence', 'sloth'), (12, 'Kindness', 'contempt'))
           AS v(id, name, defect)
 ORDER BY v.id;

INSERT INTO public.virtue_stages (id, virtue_id, stage_number, title, description, created_at)
SELECT (v.id - 1) * 3 + s.n, v.id, s.n,
       s.title || ' ' || lower(v.name),
       'Stage ' || s.n || ' of ' || lower(v.name) || ': ' || s.what,
       v.created_at
  FROM public.virtues v,
       (VALUES (1, 'Recognising', 'see where the defect shows up.'),
               (2, 'Practising', 'act against the defect in small, daily ways.'),
               (3, 'Living', 'make the virtue a settled habit and help others with it.'))
           AS s(n, title, what)
 ORDER BY 1;

INSERT INTO public.stage_prompts (id, stage_id, prompt_text, prompt_type, sort_order, created_at)
SELECT (st.id - 1) * 3 + k.n, st.id,
       k.template || ' (' || st.title || ')',
       k.kind, k.n, st.created_at
  FROM public.virtue_stages st,
       (VALUES (1, 'reflection', 'Describe a recent moment when this stage felt hard.'),
               (2, 'action', 'Choose one concrete act for tomorrow and write it down.'),
               (3, 'meditation', 'Sit quietly for five minutes and note what comes up.'))
           AS k(n, kind, template)
 ORDER BY 1;

-- ---------------------------------------------------------------------------------------------
-- The population plan: one row per user with every per-user decision
-- ---------------------------------------------------------------------------------------------

CREATE TEMP TABLE g_user ON COMMIT DROP AS
WITH hashed AS MATERIALIZED (
    SELECT i,
           pg_temp.hx('user', i) AS hu,     -- the user's uuid
           pg_temp.hx('plan', i) AS hp,     -- rank, sign-up time, activity, counts
           pg_temp.hx('memo', i) AS hm,     -- memo masks
           pg_temp.hx('memo2', i) AS hn
      FROM g_param p, generate_series(1, p.users) AS i
), words AS (
    SELECT i, hu::uuid AS id,
           pg_temp.w(hp, 0) AS w_rank,
           pg_temp.w(hp, 1) AS w_created,
           pg_temp.w(hp, 2) AS d,           -- digits: bucket 100, active 100, voff 12, je 41, seen 2, ax 20
           pg_temp.w(hp, 3) AS e,           -- digits: seen-at 1209600, f1 37, f2 37
           pg_temp.w(hm, 0) & pg_temp.w(hm, 1)                    AS m_uvm,
           pg_temp.w(hm, 2) & pg_temp.w(hm, 3) & pg_temp.w(hn, 0) AS m_psm,
           pg_temp.w(hn, 1) & pg_temp.w(hn, 2)                    AS m_svm,
           pg_temp.w(hn, 3)                                       AS w_memo
      FROM hashed
), ranked AS (
    SELECT wd.*, row_number() OVER (ORDER BY w_rank, i) AS r
      FROM words wd
), typed AS (
    SELECT t.*,
           CASE WHEN r <= p.n_admin THEN 'admin'
                WHEN r <= p.n_admin + p.n_sponsor THEN 'sponsor'
                ELSE 'user' END                                                 AS role,
           CASE WHEN r > p.n_admin AND r <= p.n_admin + p.n_sponsor
                THEN (r - p.n_admin)::int END                                   AS sidx,
           p.epoch - interval '60 days'
               - make_interval(secs => w_created % (670 * 86400))               AS created_at,
           d % 100                                                              AS bucket,
           d / 100 % 100                                                        AS pct_active,
           (d / 10000 % 12)::int                                                AS voff,
           d / 120000 % 41                                                      AS je_draw,
           d / 4920000 % 2                                                      AS seen_draw,
           d / 9840000 % 20                                                     AS ax
      FROM ranked t, g_param p
), planned AS (
    SELECT t.*,
           CASE role WHEN 'admin' THEN true
                     WHEN 'sponsor' THEN pct_active < 30
                     ELSE pct_active < 70 END                                   AS active,
           floor(extract(epoch FROM (p.epoch - t.created_at)))::bigint          AS span_s,
           'user' || lpad(i::text, greatest(6, length(i::text)), '0') || '@sandbox.test' AS email
      FROM typed t, g_param p
), decided AS (
    SELECT pl.*,
           CASE WHEN active THEN 1 + (e / 1209600 % 37) * (e / 44755200 % 37) / 36 END AS frontier,
           CASE WHEN NOT active THEN 0
                WHEN role = 'sponsor' THEN je_draw / 4     -- 0..10
                ELSE je_draw END                                                AS je_cnt,
           CASE WHEN active THEN 1 + (ax < 2)::int         -- 10 % also took a periodic assessment
                WHEN ax < 6 THEN 1                         -- 30 % of the inactive left one pending
                ELSE 0 END                                                      AS a_cnt,
           active OR seen_draw = 0                                              AS seen,
           -- one bit per stage position (1..36, wrapping at 32): which stages carry a memo
           CASE WHEN active THEN m_uvm END                                      AS mask_uvm,
           CASE WHEN active THEN m_psm END                                      AS mask_psm,
           CASE WHEN active THEN m_svm END                                      AS mask_svm,
           CASE WHEN active THEN w_memo END                                     AS hmemo
      FROM planned pl
)
-- Per-user id ranges are laid out in user-id (uuid) order, and rows are inserted in that order, so
-- both the primary keys and the (user_id, ...) indexes grow at their right edge.
SELECT dc.i, dc.id, dc.r, dc.role, dc.sidx, dc.email, dc.created_at, dc.span_s, dc.bucket, dc.active,
       dc.seen, dc.frontier, dc.voff, dc.je_cnt, dc.a_cnt, dc.mask_uvm, dc.mask_psm, dc.mask_svm,
       dc.hmemo,
       row_number() OVER (ORDER BY dc.id)                                       AS ord,
       count(*) FILTER (WHERE dc.active) OVER (ORDER BY dc.id)                  AS act_rank,
       (sum(dc.je_cnt) OVER (ORDER BY dc.id) - dc.je_cnt)::bigint               AS je_off,
       (sum(dc.a_cnt) OVER (ORDER BY dc.id) - dc.a_cnt)::bigint                 AS a_off,
       CASE WHEN dc.active THEN p.epoch - make_interval(secs => dc.e % 1209600)
            WHEN dc.seen THEN dc.created_at + make_interval(secs => dc.e % 604800)
       END                                                                      AS last_seen
  FROM decided dc, g_param p;

CREATE UNIQUE INDEX ON g_user (i);
CREATE UNIQUE INDEX ON g_user (sidx);
CREATE UNIQUE INDEX ON g_user (ord);
ANALYZE g_user;

-- Sponsorship plan: slot 1 = the practitioner's main relationship, 2 = a second sponsor,
-- 3 = an extra stale invitation that was never accepted.
CREATE TEMP TABLE g_rel ON COMMIT DROP AS
WITH c AS (
    SELECT u.i, u.r, u.id, u.created_at, u.bucket,
           1 + pg_temp.h('sp', u.i) % p.n_assignable AS s1,
           p.n_assignable
      FROM g_user u, g_param p
     WHERE u.role = 'user' OR u.r = 1
), slots AS MATERIALIZED (
    SELECT i, id AS practitioner_id, created_at AS p_created, 1 AS slot,
           CASE WHEN r = 1 THEN 'active'
                WHEN bucket < 12 THEN NULL
                WHEN bucket < 17 THEN CASE WHEN pg_temp.h('inv', i) % 2 = 0 THEN 'pending' ELSE 'email_sent' END
                WHEN bucket < 19 THEN 'pending'
                WHEN bucket < 28 THEN 'inactive'
                ELSE 'active' END AS status,
           CASE WHEN r = 1 OR bucket >= 17 THEN s1 END AS sidx
      FROM c
    UNION ALL
    SELECT i, id, created_at, 2,
           CASE WHEN pg_temp.h('st2', i) % 2 = 0 THEN 'active' ELSE 'inactive' END,
           1 + (s1 + pg_temp.h('sp2', i) % (n_assignable - 1)) % n_assignable
      FROM c
     WHERE (bucket >= 19 OR r = 1) AND pg_temp.h('two', i) % 100 < 2
    UNION ALL
    SELECT i, id, created_at, 3, 'email_sent', NULL
      FROM c
     WHERE bucket >= 17 AND pg_temp.h('stale', i) % 100 < 3
), dated AS MATERIALIZED (
    SELECT sl.*, s.id AS sponsor_id,
           CASE WHEN s.id IS NOT NULL THEN s.email
                WHEN pg_temp.h('invmail', sl.i, sl.slot) % 2 = 0 THEN o.email
                ELSE 'invitee' || lpad(sl.i::text, greatest(6, length(sl.i::text)), '0')
                     || '-' || sl.slot || '@example.org' END AS sponsor_email,
           greatest(sl.p_created, s.created_at)
               + make_interval(secs => pg_temp.h('relc', sl.i, sl.slot) % (45 * 86400)) AS created_at
      FROM slots sl
      LEFT JOIN g_user s ON s.sidx = sl.sidx
      LEFT JOIN g_user o ON o.sidx = 1 + pg_temp.h('invwho', sl.i, sl.slot) % (SELECT n_assignable FROM g_param)
     WHERE sl.status IS NOT NULL
)
SELECT d.*,
       pg_temp.uid('rel', i, slot) AS rel_id,
       pg_temp.uid('token', i, slot) AS token,
       CASE WHEN status IN ('active', 'inactive')
            THEN created_at + make_interval(secs => pg_temp.h('relu', i, slot) % (14 * 86400))
            ELSE created_at END AS updated_at,
       CASE WHEN sponsor_id IS NOT NULL
            THEN row_number() OVER (PARTITION BY sponsor_id IS NOT NULL ORDER BY i, slot) END AS conn_id
  FROM dated d;

-- Connections mirror the relationships that have a sponsor, with their chat / feedback plan.
CREATE TEMP TABLE g_conn ON COMMIT DROP AS
-- MATERIALIZED: an inlined CTE would repeat its hash expressions at every reference.
WITH base AS MATERIALIZED (
    SELECT r.conn_id, r.i, r.slot, r.practitioner_id, r.sponsor_id,
           r.status,
           pg_temp.h('shared', r.conn_id) % 100 < 85 AS journal_shared,
           r.created_at + make_interval(secs => pg_temp.h('connc', r.conn_id) % (2 * 86400)) AS created_at,
           r.updated_at,
           u.je_off, u.je_cnt, u.i AS p_i, u.created_at AS p_created, u.span_s AS p_span_s,
           CASE WHEN r.status IN ('active', 'inactive') AND pg_temp.h('chat', r.conn_id) % 100 < 40
                THEN 1 + pg_temp.h('chatn', r.conn_id) % 14 ELSE 0 END AS chat_cnt
      FROM g_rel r JOIN g_user u ON u.i = r.i
     WHERE r.conn_id IS NOT NULL
), planned AS MATERIALIZED (
    SELECT b.*,
           CASE WHEN status = 'active' AND journal_shared AND je_cnt > 0
                THEN pg_temp.h('fb', conn_id) % 4 ELSE 0 END AS fb_cnt
      FROM base b
)
SELECT pl.*,
       (sum(chat_cnt) OVER (ORDER BY conn_id) - chat_cnt)::bigint AS chat_off,
       (sum(fb_cnt) OVER (ORDER BY conn_id) - fb_cnt)::bigint AS fb_off
  FROM planned pl;

-- The three largest tables are loaded like pg_restore does: their indexes (and the primary-key /
-- unique constraints no foreign key depends on) are dropped here and rebuilt from their own
-- definitions after the load, which is several times cheaper than growing them row by row.
CREATE TEMP TABLE g_deferred ON COMMIT DROP AS
SELECT t.oid::regclass AS tbl, c.conname, x.indexrelid::regclass AS idx,
       CASE WHEN c.oid IS NULL THEN pg_catalog.pg_get_indexdef(x.indexrelid)
            ELSE format('ALTER TABLE %s ADD CONSTRAINT %I %s', t.oid::regclass, c.conname,
                        pg_catalog.pg_get_constraintdef(c.oid)) END AS ddl
  FROM pg_catalog.pg_class t
  JOIN pg_catalog.pg_index x ON x.indrelid = t.oid
  LEFT JOIN pg_catalog.pg_constraint c ON c.conindid = x.indexrelid AND c.contype IN ('p', 'u')
 WHERE t.oid IN ('public.user_virtue_stage_progress'::regclass, 'public.journal_entries'::regclass,
                 'public.user_assessment_results'::regclass)
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint f
                    WHERE f.contype = 'f' AND f.conindid = x.indexrelid);

DO $defer$
DECLARE
    d record;
BEGIN
    FOR d IN SELECT * FROM g_deferred LOOP
        IF d.conname IS NULL THEN
            EXECUTE format('DROP INDEX %s', d.idx);
        ELSE
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', d.tbl, d.conname);
        END IF;
    END LOOP;
END
$defer$;

-- ---------------------------------------------------------------------------------------------
-- Identities and profiles
-- ---------------------------------------------------------------------------------------------

-- The sign-up trigger would create bare profiles row by row; profiles are loaded directly below.
ALTER TABLE auth.users DISABLE TRIGGER on_auth_user_created;

INSERT INTO auth.users (id, instance_id, email, encrypted_password, email_confirmed_at,
                        last_sign_in_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
SELECT u.id,
       '00000000-0000-0000-0000-000000000000'::uuid,
       u.email,
       -- bcrypt (cost 10) of 'sandbox-password'
       '$2a$10$HQYGzcica7QYG0V./yAG7OzhHwfL47i7Qj1UsZhkKqB4geLJYtbim',
       CASE WHEN u.role = 'user' AND NOT u.seen AND u.bucket < 12 AND pg_temp.h('unconf', u.i) % 3 = 0
            THEN NULL
            ELSE u.created_at + make_interval(secs => pg_temp.h('conf', u.i) % 3600) END,
       u.last_seen,
       '{"provider": "email", "providers": ["email"]}'::jsonb,
       jsonb_build_object('full_name', n.full_name),
       u.created_at,
       coalesce(u.last_seen, u.created_at)
  FROM g_user u
 CROSS JOIN LATERAL (
       SELECT (ARRAY['Alex', 'Maria', 'James', 'Aisha', 'Chen', 'Sofia', 'Daniel', 'Fatima', 'Lucas',
                     'Emma', 'Noah', 'Olivia', 'Mateo', 'Priya', 'Liam', 'Yuki', 'Omar', 'Grace',
                     'Ivan', 'Zoe', 'Samuel', 'Leila', 'Henry', 'Nina'])[1 + pg_temp.h('first', u.i) % 24]
              || ' ' ||
              (ARRAY['Smith', 'Garcia', 'Johnson', 'Khan', 'Wang', 'Rossi', 'Miller', 'Haddad', 'Silva',
                     'Brown', 'Nguyen', 'Murphy', 'Lopez', 'Patel', 'Walker', 'Tanaka', 'Ali', 'Kim',
                     'Petrov', 'Evans', 'Okafor', 'Novak', 'Clarke', 'Berg'])[1 + pg_temp.h('last', u.i) % 24]
              AS full_name
       ) n
 ORDER BY u.ord;

ALTER TABLE auth.users ENABLE TRIGGER on_auth_user_created;

INSERT INTO public.profiles (id, role, full_name, phone_number, created_at, has_completed_first_assessment)
SELECT u.id, u.role, au.raw_user_meta_data ->> 'full_name',
       CASE WHEN pg_temp.h('phone', u.i) % 100 < 60
            THEN '+1555' || lpad((pg_temp.h('phonen', u.i) % 10000000)::text, 7, '0') END,
       u.created_at,
       u.active
  FROM g_user u JOIN auth.users au ON au.id = u.id
 ORDER BY u.ord;

-- ---------------------------------------------------------------------------------------------
-- Sponsorship
-- ---------------------------------------------------------------------------------------------

INSERT INTO public.sponsor_relationships (id, sponsor_id, practitioner_id, sponsor_email, invitation_token,
                                          status, created_at, updated_at)
SELECT rel_id, sponsor_id, practitioner_id, sponsor_email, token, status, created_at, updated_at
  FROM g_rel
 ORDER BY i, slot;

INSERT INTO public.sponsor_connections (id, practitioner_user_id, sponsor_user_id, status, journal_shared,
                                        created_at, updated_at)
SELECT conn_id, practitioner_id, sponsor_id, status, journal_shared, created_at,
       greatest(created_at, updated_at)
  FROM g_conn
 ORDER BY conn_id;

-- ---------------------------------------------------------------------------------------------
-- Practitioner content (positions 1..36 walk the user's 12 virtues x 3 stages in order, starting
-- from a per-user virtue offset; the frontier position is in progress, earlier ones completed)
-- ---------------------------------------------------------------------------------------------

INSERT INTO public.user_virtue_stage_progress (id, user_id, virtue_id, stage_number, status, created_at, updated_at)
SELECT (u.act_rank - 1) * 36 + pos,
       u.id,
       ((pos - 1) / 3 + u.voff) % 12 + 1,
       ((pos - 1) % 3 + 1)::smallint,
       CASE WHEN pos < u.frontier THEN 'completed'
            WHEN pos = u.frontier THEN 'in_progress'
            ELSE 'not_started' END,
       u.created_at + interval '1 hour',
       CASE WHEN pos <= u.frontier
            THEN u.created_at + interval '1 hour' + make_interval(secs => u.span_s * pos / 38)
            ELSE u.created_at + interval '1 hour' END
  -- n_pos through the ordered sub-select keeps the series lateral: rows come out user by user.
  FROM (SELECT g.*, 36 AS n_pos FROM g_user g WHERE g.active ORDER BY g.ord) u
 CROSS JOIN LATERAL generate_series(1, u.n_pos) AS pos;

INSERT INTO public.user_active_virtue (id, user_id, virtue_id, created_at, updated_at)
SELECT u.act_rank, u.id, ((least(u.frontier, 36) - 1) / 3 + u.voff) % 12 + 1,
       u.created_at + interval '1 hour',
       u.created_at + interval '1 hour' + make_interval(secs => u.span_s * least(u.frontier, 36) / 38)
  FROM g_user u
 WHERE u.active
 ORDER BY u.act_rank;

-- One hash per entry, split into mixed-radix digits (12 x 12 x 12 x 3 x 6 x 3600 < 2^32).
INSERT INTO public.journal_entries (id, created_at, user_id, entry_text)
SELECT x.id,
       x.created_at + make_interval(secs => x.v / 31104 % 3600),
       x.user_id,
       (ARRAY['Woke up tired but kept my morning routine.', 'Hard conversation at work today.',
              'Quiet day, mostly at home.', 'Felt the old pattern come back this afternoon.',
              'Spent the evening with family.', 'Busy day, little time to reflect.',
              'Noticed my irritation before it took over.', 'Talked with my sponsor on the phone.',
              'Long walk after dinner helped.', 'Slept badly and it showed.',
              'A small win this morning.', 'Struggled with comparison on social media.'])[1 + x.v % 12]
       || ' Today I worked on ' ||
       (ARRAY['humility', 'honesty', 'gratitude', 'patience', 'generosity', 'courage', 'temperance',
              'justice', 'prudence', 'forgiveness', 'diligence', 'kindness'])[1 + x.v / 12 % 12]
       || ' ' ||
       (ARRAY['by listening before answering.', 'by admitting a mistake out loud.',
              'by writing down three things I am thankful for.', 'by waiting instead of reacting.',
              'by giving my time without keeping score.', 'by saying the difficult thing kindly.',
              'by stopping at one.', 'by treating both sides fairly.', 'by sleeping on a decision.',
              'by letting go of an old grudge.', 'by finishing what I started.',
              'by checking in on a friend.'])[1 + x.v / 144 % 12]
       || CASE WHEN x.v / 1728 % 3 = 0
               THEN ' ' || (ARRAY['Tomorrow I want to try again.', 'It went better than expected.',
                                  'I still feel unsettled about it.', 'Grateful for the progress.',
                                  'Need to bring this up in my next check-in.',
                                  'Not perfect, but honest.'])[1 + x.v / 5184 % 6]
               ELSE '' END
  FROM (SELECT u.je_off + k AS id, u.id AS user_id,
               u.created_at + make_interval(secs => u.span_s * k / (u.je_cnt + 1)) AS created_at,
               pg_temp.h('journal', u.i, k) AS v
          FROM (SELECT g.* FROM g_user g WHERE g.je_cnt > 0 ORDER BY g.ord) u
         CROSS JOIN LATERAL generate_series(1, u.je_cnt) AS k
        OFFSET 0) x;

-- Digits: 4 (no virtue) x 6 (text) x 86400 (edit delay).
INSERT INTO public.practitioner_freeform_entries (id, user_id, virtue_id, stage_number, entry_text, created_at, updated_at)
SELECT x.id, x.user_id,
       CASE WHEN x.v % 4 <> 0 THEN x.virtue_id END,
       CASE WHEN x.v % 4 <> 0 THEN x.stage_number END,
       (ARRAY['Notes from this week''s meeting.', 'Things I want to remember about this stage.',
              'A letter I will not send.', 'List of situations that trigger me.',
              'What I would tell myself a year ago.', 'Questions for my next check-in.'])[1 + x.v / 4 % 6],
       x.created_at,
       x.created_at + make_interval(secs => x.v / 24 % 86400)
  FROM (SELECT (u.act_rank - 1) * 5 + k AS id, u.id AS user_id,
               ((least(u.frontier, 36) - 1) / 3 + u.voff) % 12 + 1 AS virtue_id,
               ((least(u.frontier, 36) - 1) % 3 + 1)::smallint AS stage_number,
               u.created_at + make_interval(secs => u.span_s * k / 6) AS created_at,
               pg_temp.h('freeform', u.i, k) AS v
          FROM (SELECT g.*, (pg_temp.h('ffn', g.i) % 6)::int AS n_ff
                  FROM g_user g WHERE g.active ORDER BY g.ord) u
         CROSS JOIN LATERAL generate_series(1, u.n_ff) AS k
        OFFSET 0) x;

-- Memos use the per-user bit masks and hash from g_user instead of a hash per stage.
INSERT INTO public.user_virtue_stage_memos (id, user_id, virtue_id, stage_number, memo_text, created_at, updated_at)
SELECT (u.act_rank - 1) * 36 + pos, u.id,
       ((pos - 1) / 3 + u.voff) % 12 + 1, ((pos - 1) % 3 + 1)::smallint,
       'What this stage taught me: ' ||
       (ARRAY['slow down.', 'ask for help sooner.', 'the pattern starts earlier than I thought.',
              'small steps count.', 'be honest about the setbacks.'])[1 + (u.hmemo + pos) % 5],
       u.created_at + make_interval(secs => u.span_s * pos / 38),
       u.created_at + make_interval(secs => u.span_s * pos / 38 + u.hmemo * pos % 86400)
  FROM (SELECT g.* FROM g_user g WHERE g.active ORDER BY g.ord) u
 CROSS JOIN LATERAL generate_series(1, least(u.frontier, 36)) AS pos
 WHERE (u.mask_uvm >> ((pos - 1) % 32)::int) & 1 = 1;

INSERT INTO public.practitioner_stage_memos (id, user_id, virtue_id, stage_number, memo_text, created_at, updated_at)
SELECT (u.act_rank - 1) * 36 + pos, u.id,
       ((pos - 1) / 3 + u.voff) % 12 + 1, ((pos - 1) % 3 + 1)::smallint,
       'Private memo: ' ||
       (ARRAY['this one was harder than it looked.', 'revisit after the holidays.',
              'talk about this with my sponsor.', 'proud of this one.'])[1 + (u.hmemo / 7 + pos) % 4],
       u.created_at + make_interval(secs => u.span_s * pos / 38),
       u.created_at + make_interval(secs => u.span_s * pos / 38 + u.hmemo / 3 * pos % 86400)
  FROM (SELECT g.* FROM g_user g WHERE g.active ORDER BY g.ord) u
 CROSS JOIN LATERAL generate_series(1, least(u.frontier, 36)) AS pos
 WHERE (u.mask_psm >> ((pos - 1) % 32)::int) & 1 = 1;

-- Published memos (completed stages only) exist for practitioners who have or had a sponsor.
INSERT INTO public.sponsor_visible_memos (id, user_id, virtue_id, stage_number, memo_text,
                                          practitioner_updated_at, sponsor_read_at, created_at)
SELECT (u.act_rank - 1) * 36 + pos, u.id,
       ((pos - 1) / 3 + u.voff) % 12 + 1, ((pos - 1) % 3 + 1)::smallint,
       'For my sponsor: ' ||
       (ARRAY['I finally see where this comes from.', 'I need your help with the next step.',
              'This stage went well, thank you.', 'I keep slipping here.'])[1 + (u.hmemo / 11 + pos) % 4],
       u.created_at + make_interval(secs => u.span_s * pos / 38 + 3600),
       CASE WHEN (u.hmemo / 13 + pos) % 10 < 6
            THEN u.created_at + make_interval(secs => u.span_s * pos / 38 + 3600 + u.hmemo / 5 * pos % 172800)
       END,
       u.created_at + make_interval(secs => u.span_s * pos / 38)
  FROM (SELECT g.* FROM g_user g
         WHERE g.active AND EXISTS (SELECT 1 FROM g_rel r WHERE r.i = g.i AND r.sponsor_id IS NOT NULL)
         ORDER BY g.ord) u
 CROSS JOIN LATERAL generate_series(1, least(u.frontier, 36) - 1) AS pos
 WHERE (u.mask_svm >> ((pos - 1) % 32)::int) & 1 = 1;

INSERT INTO public.user_assessments (id, user_id, created_at, assessment_type, status, summary_analysis, completed_at)
SELECT a.id, a.user_id, a.created_at, a.assessment_type, a.status,
       CASE WHEN a.status = 'completed'
            THEN 'Strongest growth areas: ' ||
                 (ARRAY['humility and patience', 'honesty and courage', 'gratitude and kindness',
                        'temperance and prudence', 'forgiveness and justice', 'diligence and generosity'])
                     [1 + pg_temp.h('sum', a.id) % 6]
                 || '. Focus next on ' ||
                 (ARRAY['resentment', 'fear', 'impatience', 'pride', 'self-pity', 'dishonesty'])
                     [1 + pg_temp.h('sum2', a.id) % 6] || '.'
       END,
       CASE WHEN a.status = 'completed' THEN a.created_at + make_interval(secs => 600 + pg_temp.h('done', a.id) % 3000) END
  FROM (SELECT u.a_off + k AS id, u.id AS user_id,
               CASE WHEN k = 1 THEN 'initial' ELSE 'periodic' END AS assessment_type,
               CASE WHEN k = 1 THEN u.created_at + interval '10 minutes'
                    ELSE u.created_at + make_interval(secs => u.span_s / 2) END AS created_at,
               CASE WHEN k = 1 AND u.active THEN 'completed'
                    WHEN k = 1 THEN 'pending'
                    WHEN pg_temp.h('ast', u.i) % 100 < 80 THEN 'completed'
                    WHEN pg_temp.h('ast', u.i) % 100 < 95 THEN 'pending'
                    ELSE 'failed' END AS status
          FROM (SELECT g.* FROM g_user g WHERE g.a_cnt > 0 ORDER BY g.ord) u
         CROSS JOIN LATERAL generate_series(1, u.a_cnt) AS k) a;

-- Twelve results (one per virtue, ids 1..12) per completed assessment; digits 11 x 10001.
INSERT INTO public.user_assessment_results (id, assessment_id, user_id, virtue_name, priority_score,
                                            defect_intensity, created_at)
SELECT x.id, x.assessment_id, x.user_id, x.virtue_name,
       (x.v % 11)::smallint,
       round((x.v / 11 % 10001) / 100.0, 2),
       x.completed_at
  FROM (SELECT (a.id - 1) * 12 + vn AS id, a.id AS assessment_id, a.user_id,
               (SELECT array_agg(v.name ORDER BY v.id) FROM public.virtues v)[vn] AS virtue_name,
               a.completed_at,
               pg_temp.h('result', a.id, vn) AS v
          FROM (SELECT ua.*, 12 AS n_results FROM public.user_assessments ua
                 WHERE ua.status = 'completed' ORDER BY ua.id) a
         CROSS JOIN LATERAL generate_series(1, a.n_results) AS vn
        OFFSET 0) x;

INSERT INTO public.user_activity_sessions (user_id, last_seen, current_page, created_at, updated_at)
SELECT u.id, u.last_seen,
       (ARRAY['/dashboard', '/journal', '/journal/new', '/virtues', '/assessment', '/profile',
              '/sponsor', '/chat', '/settings'])[1 + pg_temp.h('page', u.i) % 9],
       u.created_at, u.last_seen
  FROM g_user u
 WHERE u.seen
 ORDER BY u.ord;

-- ---------------------------------------------------------------------------------------------
-- Chat and feedback on connections
-- ---------------------------------------------------------------------------------------------

-- Digits: 6 (text) x 2 (read) x 50 (deleted) x 7200 (read delay), the rest jitters the send time.
INSERT INTO public.sponsor_chat_messages (id, connection_id, sender_id, receiver_id, message_text,
                                          created_at, read_at, deleted_at)
SELECT m.id, m.conn_id,
       CASE WHEN m.k % 2 = 1 THEN m.practitioner_id ELSE m.sponsor_id END,
       CASE WHEN m.k % 2 = 1 THEN m.sponsor_id ELSE m.practitioner_id END,
       CASE WHEN m.k % 2 = 1
            THEN (ARRAY['Can we talk tonight?', 'I finished the stage memo.', 'Rough day today.',
                        'Thanks for yesterday.', 'I have a question about the next stage.',
                        'Shared a new journal entry.'])[1 + m.v % 6]
            ELSE (ARRAY['Of course, call me at eight.', 'Proud of you, keep going.',
                        'What happened? Write it down first.', 'Any time.',
                        'Read the prompt again and start small.', 'Read it, see my feedback.'])[1 + m.v % 6]
       END,
       m.sent_at,
       CASE WHEN m.k < m.chat_cnt OR m.v / 6 % 2 = 0
            THEN m.sent_at + make_interval(secs => 60 + m.v / 600 % 7200) END,
       CASE WHEN m.v / 12 % 50 = 0 THEN m.sent_at + interval '1 day' END
  FROM (SELECT y.*, y.base_at + make_interval(secs => y.v / 4320000 * 3) AS sent_at
          FROM (SELECT c.chat_off + k AS id, c.conn_id, c.practitioner_id, c.sponsor_id, c.chat_cnt, k,
                       c.created_at + make_interval(secs => k * 43200) AS base_at,
                       pg_temp.h('chat', c.conn_id, k) AS v
                  FROM (SELECT gc.* FROM g_conn gc WHERE gc.chat_cnt > 0 ORDER BY gc.conn_id) c
                 CROSS JOIN LATERAL generate_series(1, c.chat_cnt) AS k
                OFFSET 0) y) m;

-- Feedback on a shared journal entry (80 %) or on the connection in general. The entry's time is
-- recomputed with the journal formula above instead of joining journal_entries.
INSERT INTO public.sponsor_feedback (id, connection_id, journal_entry_id, feedback_text, created_at, updated_at)
SELECT f.id, f.conn_id, f.je_id,
       (ARRAY['Good insight here.', 'Notice how this connects to last week.', 'Be gentler with yourself.',
              'Let''s talk about this on Sunday.', 'This is real progress.', 'What would the next small step be?'])
           [1 + f.v % 6],
       f.about_at + make_interval(secs => 3600 + f.v / 6 % 86400),
       f.about_at + make_interval(secs => 3600 + f.v / 6 % 86400)
  FROM (SELECT g.*,
               CASE WHEN g.je_k IS NULL THEN g.conn_created
                    ELSE g.p_created
                         + make_interval(secs => g.p_span_s * g.je_k / (g.je_cnt + 1)
                                                 + pg_temp.h('journal', g.p_i, g.je_k) / 31104 % 3600)
               END AS about_at,
               g.je_off + g.je_k AS je_id
          FROM (SELECT c.fb_off + k AS id, c.conn_id, c.created_at AS conn_created,
                       c.p_i, c.p_created, c.p_span_s, c.je_off, c.je_cnt,
                       pg_temp.h('feedback', c.conn_id, k) AS v,
                       CASE WHEN pg_temp.h('fbj', c.conn_id, k) % 5 <> 0
                            THEN 1 + pg_temp.h('fbe', c.conn_id, k) % c.je_cnt END AS je_k
                  FROM (SELECT gc.* FROM g_conn gc WHERE gc.fb_cnt > 0 ORDER BY gc.conn_id) c
                 CROSS JOIN LATERAL generate_series(1, c.fb_cnt) AS k
                OFFSET 0) g
        OFFSET 0) f;

-- ---------------------------------------------------------------------------------------------
-- Operations
-- ---------------------------------------------------------------------------------------------

INSERT INTO public.support_tickets (id, user_id, subject, message, status, priority, created_at, updated_at)
SELECT t.n, u.id,
       (ARRAY['Cannot log in', 'Journal entry disappeared', 'Sponsor invitation not received',
              'Question about assessments', 'Feature request', 'Billing question'])[1 + pg_temp.h('tks', t.n) % 6],
       (ARRAY['It keeps saying my password is wrong.', 'I wrote an entry yesterday and cannot find it.',
              'My sponsor says the e-mail never arrived.', 'How often should I retake the assessment?',
              'Could the app remind me to journal?', 'Do I need to pay for the sponsor feature?'])
           [1 + pg_temp.h('tks', t.n) % 6],
       (ARRAY['open', 'in_progress', 'resolved', 'resolved', 'closed', 'closed'])[1 + pg_temp.h('tkst', t.n) % 6],
       (ARRAY['low', 'normal', 'normal', 'normal', 'high', 'urgent'])[1 + pg_temp.h('tkp', t.n) % 6],
       t.created_at, t.created_at + make_interval(secs => pg_temp.h('tku2', t.n) % (5 * 86400))
  FROM (SELECT n,
               CASE WHEN pg_temp.h('tkn', n) % 20 <> 0 THEN 1 + pg_temp.h('tku', n) % p.users END AS ui,
               p.epoch - make_interval(secs => 86400 + pg_temp.h('tkc', n) % (50 * 86400)) AS created_at
          FROM g_param p, generate_series(1, greatest(5, p.users * 3 / 100)) AS n) t
  LEFT JOIN g_user u ON u.i = t.ui
 ORDER BY t.n;

INSERT INTO public.error_logs (id, user_id, error_message, error_stack, page_url, context, severity, created_at)
SELECT e.n, u.id,
       (ARRAY['TypeError: Cannot read properties of undefined (reading ''id'')', 'Failed to fetch',
              'JWT expired', 'duplicate key value violates unique constraint', 'Network request timed out',
              'Unexpected token < in JSON at position 0'])[1 + pg_temp.h('elm', e.n) % 6],
       CASE WHEN pg_temp.h('els', e.n) % 3 <> 0
            THEN 'at Dashboard (app/dashboard/page.tsx:' || (10 + pg_temp.h('elsl', e.n) % 300) || ':17)' END,
       (ARRAY['/dashboard', '/journal', '/virtues', '/assessment', '/sponsor', '/chat'])[1 + pg_temp.h('elp', e.n) % 6],
       jsonb_build_object('release', 'v' || (1 + pg_temp.h('elr', e.n) % 3) || '.' || (pg_temp.h('elr2', e.n) % 10),
                          'browser', (ARRAY['chrome', 'safari', 'firefox', 'edge'])[1 + pg_temp.h('elb', e.n) % 4]),
       (ARRAY['info', 'warning', 'error', 'error', 'error', 'critical'])[1 + pg_temp.h('elv', e.n) % 6],
       e.created_at
  FROM (SELECT n,
               CASE WHEN pg_temp.h('eln', n) % 10 <> 0 THEN 1 + pg_temp.h('elu', n) % p.users END AS ui,
               p.epoch - make_interval(secs => pg_temp.h('elc', n) % (30 * 86400)) AS created_at
          FROM g_param p, generate_series(1, greatest(10, p.users * 6 / 100)) AS n) e
  LEFT JOIN g_user u ON u.i = e.ui
 ORDER BY e.n;

DO $rebuild$
DECLARE
    d record;
BEGIN
    FOR d IN SELECT * FROM g_deferred ORDER BY tbl::text, conname NULLS LAST, ddl LOOP
        EXECUTE d.ddl;
    END LOOP;
END
$rebuild$;

-- ---------------------------------------------------------------------------------------------
-- Identity sequences continue after the computed ids
-- ---------------------------------------------------------------------------------------------

DO $sequences$
DECLARE
    c record;
    next_id bigint;
BEGIN
    FOR c IN
        SELECT n.nspname, t.relname, a.attname
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class t ON t.oid = a.attrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = 'public' AND a.attidentity <> '' AND NOT a.attisdropped
    LOOP
        EXECUTE format('SELECT coalesce(max(%I), 0) + 1 FROM %I.%I', c.attname, c.nspname, c.relname)
            INTO next_id;
        PERFORM setval(pg_catalog.pg_get_serial_sequence(format('%I.%I', c.nspname, c.relname), c.attname),
                       next_id, false);
    END LOOP;
END
$sequences$;

-- Replica mode skipped the foreign-key triggers: verify every key set-based instead.
DO $verify$
DECLARE
    c record;
    bad bigint;
BEGIN
    -- Without replica mode the foreign-key triggers have already checked every row.
    IF current_setting('session_replication_role') <> 'replica' THEN
        RETURN;
    END IF;
    FOR c IN
        SELECT con.conname, con.conrelid::regclass AS child, con.confrelid::regclass AS parent,
               (SELECT string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ')
                  FROM unnest(con.conkey, con.confkey) AS k(ck, pk)
                  JOIN pg_catalog.pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.ck
                  JOIN pg_catalog.pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.pk) AS matches,
               (SELECT string_agg(format('c.%I IS NOT NULL', ca.attname), ' AND ')
                  FROM unnest(con.conkey) AS k(ck)
                  JOIN pg_catalog.pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.ck) AS present
          FROM pg_catalog.pg_constraint con
         WHERE con.contype = 'f'
           AND con.connamespace IN ('public'::regnamespace, 'auth'::regnamespace)
         ORDER BY 1
    LOOP
        EXECUTE format('SELECT count(*) FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s)',
                       c.child, c.present, c.parent, c.matches)
            INTO bad;
        IF bad > 0 THEN
            RAISE EXCEPTION 'generated data violates foreign key % on %: % rows', c.conname, c.child, bad;
        END IF;
    END LOOP;
END
$verify$;

COMMIT;

ANALYZE;
