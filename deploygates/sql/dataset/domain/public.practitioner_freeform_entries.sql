-- Free-form entries of active users
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
