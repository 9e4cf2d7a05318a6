-- The sandbox's test accounts, picked deterministically from the dataset (pre-existing tables only, so
-- the same accounts come out before and after the migration; ordered by a hash of the user id)
WITH person AS (
    SELECT p.id, u.email, p.role,
           md5('smoke:' || p.id::text) AS draw,
           (SELECT count(*) FROM public.sponsor_connections c
             WHERE c.sponsor_user_id = p.id AND c.status = 'active') AS sponsoring,
           EXISTS (SELECT 1 FROM public.sponsor_connections c
                    WHERE c.practitioner_user_id = p.id AND c.status = 'active') AS sponsored,
           NOT EXISTS (SELECT 1 FROM public.sponsor_connections c
                        WHERE p.id IN (c.practitioner_user_id, c.sponsor_user_id))
           AND NOT EXISTS (SELECT 1 FROM public.sponsor_relationships r
                            WHERE p.id IN (r.practitioner_id, r.sponsor_id)) AS unlinked
      FROM public.profiles p
      JOIN auth.users u ON u.id = p.id
     WHERE u.email_confirmed_at IS NOT NULL AND u.deleted_at IS NULL
), ranked AS (
    SELECT kind, id, email,
           row_number() OVER (PARTITION BY kind ORDER BY draw) AS n
      FROM (SELECT 'test' AS kind, * FROM person WHERE role = 'user' AND unlinked
            UNION ALL
            SELECT 'coach', * FROM person WHERE role = 'sponsor' AND sponsoring >= 2
            UNION ALL
            SELECT 'idle_coach', * FROM person WHERE role = 'sponsor' AND sponsoring = 0
            UNION ALL
            SELECT 'practitioner', * FROM person WHERE role = 'user' AND sponsored
            UNION ALL
            SELECT 'other_practitioner', * FROM person WHERE role IN ('user', 'admin') AND NOT sponsored
            UNION ALL
            SELECT 'signin', * FROM person) picked
)
SELECT kind, id::text, email
  FROM ranked
 WHERE n <= CASE kind WHEN 'test' THEN 1 WHEN 'coach' THEN 3 WHEN 'idle_coach' THEN 1
                      WHEN 'practitioner' THEN 4 WHEN 'other_practitioner' THEN 2 ELSE %(signin_sample)s END
 ORDER BY kind, n
