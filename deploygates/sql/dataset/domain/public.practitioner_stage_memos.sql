-- Private stage memos
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
