-- Support tickets: 3 per 100 users
INSERT INTO public.support_tickets (id, user_id, subject, message, status, priority, created_at, updated_at)
SELECT t.n, u.id,
       (ARRAY['Cannot log in', 'Journal entry disappeared', 'Sponsor invitation not received',
              'Question about assessments', 'Feature request', 'Billing question'])[1 + pg_temp.h('tks', t.n) % 6],
       (ARRAY['It keeps saying my password is wrong.', 'I wrote an entry yesterday and cannot find it.',
              'My sponsor says the e-mail never arrived.', 'How often should I retake the assessment?',
              'Could the app remind me to journal?', 'Do I need to pay for the sponsor feature?'])
           [1 + pg_temp.h('tks', t.n) % 6],
       (ARRAY['open', 'in_progress', 'resolved', 'resolved', 'closed', 'closed'])[1 + pg_temp.h('tkst', t.n) % 6],
       (ARRAY['low', 'normal', 'normal', 'normal', 'high', 'urgent'])[1 + pg_temp.h('tkp', t.n) % 6],
       t.created_at, t.created_at + make_interval(secs => pg_temp.h('tku2', t.n) % (5 * 86400))
  FROM (SELECT n,
               CASE WHEN pg_temp.h('tkn', n) % 20 <> 0 THEN 1 + pg_temp.h('tku', n) % p.users END AS ui,
               p.epoch - make_interval(secs => 86400 + pg_temp.h('tkc', n) % (50 * 86400)) AS created_at
          FROM g_param p, generate_series(1, greatest(5, p.users * 3 / 100)) AS n) t
  LEFT JOIN g_user u ON u.i = t.ui
 ORDER BY t.n;
