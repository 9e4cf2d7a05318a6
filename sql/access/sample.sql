-- A deterministic sample of users of each kind (pre-existing tables only, so the sample is the same
-- before and after the migration): practitioners with a sponsor, sponsors with practitioners,
-- admins, and users with no sponsorship at all; ordered by a hash of the user id
WITH person AS (
    SELECT p.id, u.email, p.role,
           md5('access:' || p.id::text) AS draw,
           EXISTS (SELECT 1 FROM public.sponsor_connections c
                    WHERE c.practitioner_user_id = p.id AND c.status = 'active') AS sponsored,
           EXISTS (SELECT 1 FROM public.sponsor_connections c
                    WHERE c.sponsor_user_id = p.id AND c.status = 'active') AS sponsoring,
           NOT EXISTS (SELECT 1 FROM public.sponsor_connections c
                        WHERE p.id IN (c.practitioner_user_id, c.sponsor_user_id))
           AND NOT EXISTS (SELECT 1 FROM public.sponsor_relationships r
                            WHERE p.id IN (r.practitioner_id, r.sponsor_id)) AS unlinked
      FROM public.profiles p
      JOIN auth.users u ON u.id = p.id
), ranked AS (
    SELECT kind, id, email, row_number() OVER (PARTITION BY kind ORDER BY draw) AS n
      FROM (SELECT 'practitioner' AS kind, * FROM person WHERE role = 'user' AND sponsored
            UNION ALL
            SELECT 'sponsor', * FROM person WHERE role = 'sponsor' AND sponsoring
            UNION ALL
            SELECT 'admin', * FROM person WHERE role = 'admin'
            UNION ALL
            SELECT 'unlinked', * FROM person WHERE role = 'user' AND unlinked) picked
)
SELECT kind, id::text, coalesce(email, '')
  FROM ranked
 WHERE n <= %(per_kind)s
 ORDER BY kind, n
