-- Journal entries: 0-40 per active user
-- load: indexes deferred (the largest tables: their indexes are rebuilt after the load, as pg_restore does)
-- One hash per entry, split into mixed-radix digits (12 x 12 x 12 x 3 x 6 x 3600 < 2^32).
INSERT INTO public.journal_entries (id, created_at, user_id, entry_text)
SELECT x.id,
       x.created_at + make_interval(secs => x.v / 31104 % 3600),
       x.user_id,
       (ARRAY['Woke up tired but kept my morning routine.', 'Hard conversation at work today.',
              'Quiet day, mostly at home.', 'Felt the old pattern come back this afternoon.',
              'Spent the evening with family.', 'Busy day, little time to reflect.',
              'Noticed my irritation before it took over.', 'Talked with my sponsor on the phone.',
              'Long walk after dinner helped.', 'Slept badly and it showed.',
              'A small win this morning.', 'Struggled with comparison on social media.'])[1 + x.v % 12]
       || ' Today I worked on ' ||
       (ARRAY['humility', 'honesty', 'gratitude', 'patience', 'generosity', 'courage', 'temperance',
              'justice', 'prudence', 'forgiveness', 'diligence', 'kindness'])[1 + x.v / 12 % 12]
       || ' ' ||
       (ARRAY['by listening before answering.', 'by admitting a mistake out loud.',
              'by writing down three things I am thankful for.', 'by waiting instead of reacting.',
              'by giving my time without keeping score.', 'by saying the difficult thing kindly.',
              'by stopping at one.', 'by treating both sides fairly.', 'by sleeping on a decision.',
              'by letting go of an old grudge.', 'by finishing what I started.',
              'by checking in on a friend.'])[1 + x.v / 144 % 12]
       || CASE WHEN x.v / 1728 % 3 = 0
               THEN ' ' || (ARRAY['Tomorrow I want to try again.', 'It went better than expected.',
                                  'I still feel unsettled about it.', 'Grateful for the progress.',
                                  'Need to bring this up in my next check-in.',
                                  'Not perfect, but honest.'])[1 + x.v / 5184 % 6]
               ELSE '' END
  FROM (SELECT u.je_off + k AS id, u.id AS user_id,
               u.created_at + make_interval(secs => u.span_s * k / (u.je_cnt + 1)) AS created_at,
               pg_temp.h('journal', u.i, k) AS v
          FROM (SELECT g.* FROM g_user g WHERE g.je_cnt > 0 ORDER BY g.ord) u
         CROSS JOIN LATERAL generate_series(1, u.je_cnt) AS k
        OFFSET 0) x;
