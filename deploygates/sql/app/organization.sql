-- The caller's organization, as its row level security lets them read it
SELECT jsonb_build_object('id', o.id, 'name', o.name, 'slug', o.slug)
  FROM public.organizations o
 WHERE o.id = (SELECT p.organization_id FROM public.profiles p WHERE p.id = (SELECT auth.uid()))
