-- The population plan the domain shaping fills the known tables from (deploygates/sql/dataset/domain/):
-- one row per user with every per-user decision (g_user), the sponsorship plan (g_rel) and the live
-- connections mirroring it (g_conn). Reads only g_param and the seeded hash functions of prologue.sql,
-- never the schema, so it runs whatever tables the baseline has.
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
       (ARRAY['Alex', 'Maria', 'James', 'Aisha', 'Chen', 'Sofia', 'Daniel', 'Fatima', 'Lucas',
              'Emma', 'Noah', 'Olivia', 'Mateo', 'Priya', 'Liam', 'Yuki', 'Omar', 'Grace',
              'Ivan', 'Zoe', 'Samuel', 'Leila', 'Henry', 'Nina'])[1 + pg_temp.h('first', dc.i) % 24]
       || ' ' ||
       (ARRAY['Smith', 'Garcia', 'Johnson', 'Khan', 'Wang', 'Rossi', 'Miller', 'Haddad', 'Silva',
              'Brown', 'Nguyen', 'Murphy', 'Lopez', 'Patel', 'Walker', 'Tanaka', 'Ali', 'Kim',
              'Petrov', 'Evans', 'Okafor', 'Novak', 'Clarke', 'Berg'])[1 + pg_temp.h('last', dc.i) % 24]
                                                                                AS full_name,
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

