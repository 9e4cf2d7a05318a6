-- Sponsor feedback on shared journals
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
