-- Memos published to the sponsor
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
