-- The default organization "Individual Users" (slug individual-users) exists
-- DOMAIN.md 4.1: users who had no organization go there. One row when it is missing or misnamed.
-- new model: the migration creates the default organization
SELECT 'no organization with slug individual-users' AS problem, NULL::text AS found_name
 WHERE NOT EXISTS (SELECT 1 FROM public.organizations o WHERE o.slug = 'individual-users')
UNION ALL
SELECT 'the individual-users organization is not named Individual Users', o.name
  FROM public.organizations o
 WHERE o.slug = 'individual-users' AND o.name IS DISTINCT FROM 'Individual Users';
