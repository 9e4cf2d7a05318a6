-- Stage memos of active users
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
