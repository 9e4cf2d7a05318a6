-- Error logs: 6 per 100 users
INSERT INTO public.error_logs (id, user_id, error_message, error_stack, page_url, context, severity, created_at)
SELECT e.n, u.id,
       (ARRAY['TypeError: Cannot read properties of undefined (reading ''id'')', 'Failed to fetch',
              'JWT expired', 'duplicate key value violates unique constraint', 'Network request timed out',
              'Unexpected token < in JSON at position 0'])[1 + pg_temp.h('elm', e.n) % 6],
       CASE WHEN pg_temp.h('els', e.n) % 3 <> 0
            THEN 'at Dashboard (app/dashboard/page.tsx:' || (10 + pg_temp.h('elsl', e.n) % 300) || ':17)' END,
       (ARRAY['/dashboard', '/journal', '/virtues', '/assessment', '/sponsor', '/chat'])[1 + pg_temp.h('elp', e.n) % 6],
       jsonb_build_object('release', 'v' || (1 + pg_temp.h('elr', e.n) % 3) || '.' || (pg_temp.h('elr2', e.n) % 10),
                          'browser', (ARRAY['chrome', 'safari', 'firefox', 'edge'])[1 + pg_temp.h('elb', e.n) % 4]),
       (ARRAY['info', 'warning', 'error', 'error', 'error', 'critical'])[1 + pg_temp.h('elv', e.n) % 6],
       e.created_at
  FROM (SELECT n,
               CASE WHEN pg_temp.h('eln', n) % 10 <> 0 THEN 1 + pg_temp.h('elu', n) % p.users END AS ui,
               p.epoch - make_interval(secs => pg_temp.h('elc', n) % (30 * 86400)) AS created_at
          FROM g_param p, generate_series(1, greatest(10, p.users * 6 / 100)) AS n) e
  LEFT JOIN g_user u ON u.i = e.ui
 ORDER BY e.n;
