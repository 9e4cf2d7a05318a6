-- Last activity of users seen
INSERT INTO public.user_activity_sessions (user_id, last_seen, current_page, created_at, updated_at)
SELECT u.id, u.last_seen,
       (ARRAY['/dashboard', '/journal', '/journal/new', '/virtues', '/assessment', '/profile',
              '/sponsor', '/chat', '/settings'])[1 + pg_temp.h('page', u.i) % 9],
       u.created_at, u.last_seen
  FROM g_user u
 WHERE u.seen
 ORDER BY u.ord;
