-- Each organization's active_user_count equals its real number of active members
-- DOMAIN.md 4.6. Violating rows: organizations whose stored counter differs from the count.
SELECT o.slug, o.active_user_count AS stored, coalesce(m.active_members, 0) AS actual
  FROM public.organizations o
  LEFT JOIN (SELECT p.organization_id, count(*) AS active_members
               FROM public.profiles p
              WHERE p.is_active
              GROUP BY p.organization_id) m ON m.organization_id = o.id
 WHERE o.active_user_count IS DISTINCT FROM coalesce(m.active_members, 0)
 ORDER BY o.slug;
