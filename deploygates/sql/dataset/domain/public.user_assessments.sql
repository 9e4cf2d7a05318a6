-- Assessments: an initial one, some periodic
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
