-- A coach assignment no sponsor relationship or connection explains
-- flagged by: coach_assignments_have_a_source
INSERT INTO public.practitioner_assignments (practitioner_id, supervisor_id, supervisor_role, organization_id)
SELECT p.id, s.id, 'coach', p.organization_id
  FROM (SELECT id, organization_id FROM public.profiles WHERE role = 'user' ORDER BY id LIMIT 1) p,
       (SELECT id FROM public.profiles WHERE role = 'sponsor' ORDER BY id LIMIT 1) s
 WHERE NOT EXISTS (SELECT 1 FROM public.sponsor_relationships r
                    WHERE r.sponsor_id = s.id AND r.practitioner_id = p.id);
