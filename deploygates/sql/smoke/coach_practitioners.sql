-- The practitioners a former sponsor actively sponsors, read from the database (sponsor_connections)
-- The account is found by its e-mail as stored (GoTrue stores it lower-case; Supabase types it varchar);
-- only when that finds nobody is every e-mail compared case-insensitively (COALESCE stops at the first).
SELECT c.practitioner_user_id::text
  FROM public.sponsor_connections c
 WHERE c.status = 'active'
   AND c.sponsor_user_id = COALESCE(
         (SELECT u.id FROM auth.users u WHERE u.email::text IN (%(email)s::text, lower(%(email)s::text)) LIMIT 1),
         (SELECT u.id FROM auth.users u WHERE lower(u.email) = lower(%(email)s) LIMIT 1))
 ORDER BY 1
