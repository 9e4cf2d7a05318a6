-- Virtue progress: 36 rows per active user
-- load: indexes deferred (the largest tables: their indexes are rebuilt after the load, as pg_restore does)
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
