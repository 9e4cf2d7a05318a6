-- Twelve results per completed assessment
-- load: indexes deferred (the largest tables: their indexes are rebuilt after the load, as pg_restore does)
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
