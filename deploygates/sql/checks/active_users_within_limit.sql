-- No organization has more active users than its max_users
-- DOMAIN.md 4.6: limits hold, by the stored counter and by the real count of active members.
SELECT o.slug, o.max_users, o.active_user_count AS stored, coalesce(m.active_members, 0) AS actual
  FROM public.organizations o
  LEFT JOIN (SELECT p.organization_id, count(*) AS active_members
               FROM public.profiles p
              WHERE p.is_active
              GROUP BY p.organization_id) m ON m.organization_id = o.id
 WHERE greatest(o.active_user_count, coalesce(m.active_members, 0)) > o.max_users
    OR o.max_users IS NULL
 ORDER BY o.slug;
