-- The practitioners a former sponsor actively sponsors, read from the database (sponsor_connections)
SELECT c.practitioner_user_id::text
  FROM public.sponsor_connections c
  JOIN auth.users u ON u.id = c.sponsor_user_id
 WHERE lower(u.email) = lower(%(email)s) AND c.status = 'active'
 ORDER BY 1
