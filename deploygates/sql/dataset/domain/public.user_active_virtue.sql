-- Each active user's current virtue
INSERT INTO public.user_active_virtue (id, user_id, virtue_id, created_at, updated_at)
SELECT u.act_rank, u.id, ((least(u.frontier, 36) - 1) / 3 + u.voff) % 12 + 1,
       u.created_at + interval '1 hour',
       u.created_at + interval '1 hour' + make_interval(secs => u.span_s * least(u.frontier, 36) / 38)
  FROM g_user u
 WHERE u.active
 ORDER BY u.act_rank;
