-- One assignment moved to an organization its practitioner is not in
-- flagged by: assignment_organization_matches_practitioner
INSERT INTO public.organizations (name, slug) VALUES ('Elsewhere', 'elsewhere');
UPDATE public.practitioner_assignments
   SET organization_id = (SELECT id FROM public.organizations WHERE slug = 'elsewhere')
 WHERE id = (SELECT id FROM public.practitioner_assignments ORDER BY id LIMIT 1);
