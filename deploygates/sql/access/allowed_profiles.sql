-- The profiles a user has a reason to see (read as the gate's own role, without RLS): their own, the other
-- end of an active sponsor connection or coach/therapist assignment, and, for an organization admin,
-- the members of their own organization
SELECT %(user)s::text
UNION
SELECT CASE WHEN c.sponsor_user_id = %(user)s::uuid THEN c.practitioner_user_id ELSE c.sponsor_user_id END::text
  FROM public.sponsor_connections c
 WHERE %(user)s::uuid IN (c.sponsor_user_id, c.practitioner_user_id) AND c.status = 'active'
UNION
SELECT CASE WHEN a.supervisor_id = %(user)s::uuid THEN a.practitioner_id ELSE a.supervisor_id END::text
  FROM public.practitioner_assignments a
 WHERE %(user)s::uuid IN (a.supervisor_id, a.practitioner_id) AND a.active
UNION
SELECT member.id::text
  FROM public.profiles me
  JOIN public.profiles member ON member.organization_id = me.organization_id
 WHERE me.id = %(user)s::uuid AND 'admin' = ANY (me.roles) AND me.is_active
