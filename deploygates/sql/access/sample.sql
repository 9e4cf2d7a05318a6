-- A deterministic sample of users of each kind (pre-existing tables only, so the sample is the same
-- before and after the migration): practitioners with a sponsor, sponsors with practitioners,
-- admins, and users with no sponsorship at all; the first of each kind in user-id order.
-- User ids are random uuids, so id order is an unbiased draw, and walking the primary key (or
-- profiles_role_idx for the admins) stops after a few users instead of ranking every profile:
-- milliseconds at a million users where a hash of every id took seconds.
SELECT kind, id::text, email
  FROM ((SELECT 'practitioner' AS kind, p.id, coalesce(u.email, '') AS email
           FROM public.profiles p
           JOIN auth.users u ON u.id = p.id
          WHERE p.role = 'user'
            AND EXISTS (SELECT 1 FROM public.sponsor_connections c
                         WHERE c.practitioner_user_id = p.id AND c.status = 'active')
          ORDER BY p.id LIMIT %(per_kind)s)
        UNION ALL
        (SELECT 'sponsor', p.id, coalesce(u.email, '')
           FROM public.profiles p
           JOIN auth.users u ON u.id = p.id
          WHERE p.role = 'sponsor'
            AND EXISTS (SELECT 1 FROM public.sponsor_connections c
                         WHERE c.sponsor_user_id = p.id AND c.status = 'active')
          ORDER BY p.id LIMIT %(per_kind)s)
        UNION ALL
        (SELECT 'admin', p.id, coalesce(u.email, '')
           FROM public.profiles p
           JOIN auth.users u ON u.id = p.id
          WHERE p.role = 'admin'
          ORDER BY p.id LIMIT %(per_kind)s)
        UNION ALL
        (SELECT 'unlinked', p.id, coalesce(u.email, '')
           FROM public.profiles p
           JOIN auth.users u ON u.id = p.id
          WHERE p.role = 'user'
            AND NOT EXISTS (SELECT 1 FROM public.sponsor_connections c WHERE c.practitioner_user_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM public.sponsor_connections c WHERE c.sponsor_user_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM public.sponsor_relationships r WHERE r.practitioner_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM public.sponsor_relationships r WHERE r.sponsor_id = p.id)
          ORDER BY p.id LIMIT %(per_kind)s)) picked
 ORDER BY kind, id
