-- One profile without organization
-- flagged by: profiles_have_organization
ALTER TABLE public.profiles ALTER COLUMN organization_id DROP NOT NULL;
UPDATE public.profiles SET organization_id = NULL
 WHERE id = (SELECT id FROM public.profiles ORDER BY id LIMIT 1);
