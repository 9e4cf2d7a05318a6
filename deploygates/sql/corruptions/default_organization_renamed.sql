-- The default organization renamed
-- flagged by: default_organization_exists
UPDATE public.organizations SET name = 'Individuals' WHERE slug = 'individual-users';
