-- Lighthouse: organizational model, part 2 of 3 — everyone into the default organization, roles from
-- the old role and the sponsorships, every sponsor relationship into a coach assignment.
BEGIN;
SET LOCAL lock_timeout = '10s';

UPDATE public.profiles
   SET organization_id = (SELECT o.id FROM public.organizations o WHERE o.slug = 'individual-users')
 WHERE organization_id IS NULL;
ALTER TABLE public.profiles ALTER COLUMN organization_id SET NOT NULL;

WITH derived AS (
    SELECT p.id,
           array_remove(ARRAY[
               CASE WHEN p.role = 'admin' THEN 'admin' END,
               CASE WHEN p.role = 'sponsor'
                         OR EXISTS (SELECT 1 FROM public.sponsor_relationships r WHERE r.sponsor_id = p.id)
                         OR EXISTS (SELECT 1 FROM public.sponsor_connections c WHERE c.sponsor_user_id = p.id)
                    THEN 'coach' END,
               CASE WHEN p.role = 'user'
                         OR EXISTS (SELECT 1 FROM public.sponsor_relationships r WHERE r.practitioner_id = p.id)
                         OR EXISTS (SELECT 1 FROM public.sponsor_connections c WHERE c.practitioner_user_id = p.id)
                    THEN 'practitioner' END], NULL) AS roles
      FROM public.profiles p
)
UPDATE public.profiles p
   SET roles = coalesce(nullif(d.roles, '{}'), '{practitioner}')
  FROM derived d
 WHERE d.id = p.id;

INSERT INTO public.practitioner_assignments
       (practitioner_id, supervisor_id, supervisor_role, organization_id, assigned_at, active)
SELECT r.practitioner_id, r.sponsor_id, 'coach', p.organization_id, r.created_at, r.status = 'active'
  FROM public.sponsor_relationships r
  JOIN public.profiles p ON p.id = r.practitioner_id
 WHERE r.sponsor_id IS NOT NULL;

-- A live link nobody invited anyone to still shows on the coach dashboard.
INSERT INTO public.practitioner_assignments
       (practitioner_id, supervisor_id, supervisor_role, organization_id, assigned_at, active)
SELECT c.practitioner_user_id, c.sponsor_user_id, 'coach', p.organization_id, c.created_at, true
  FROM public.sponsor_connections c
  JOIN public.profiles p ON p.id = c.practitioner_user_id
 WHERE c.status = 'active'
   AND NOT EXISTS (SELECT 1 FROM public.sponsor_relationships r
                    WHERE r.sponsor_id = c.sponsor_user_id AND r.practitioner_id = c.practitioner_user_id);

SELECT public.fn_recount_active_users();

COMMIT;
