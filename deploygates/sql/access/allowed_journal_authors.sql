-- Whose journal entries a user has a reason to read (as the gate's own role, without RLS): their own,
-- and those of practitioners they actively sponsor or supervise
SELECT %(user)s::text
UNION
SELECT c.practitioner_user_id::text
  FROM public.sponsor_connections c
 WHERE c.sponsor_user_id = %(user)s::uuid AND c.status = 'active'
UNION
SELECT a.practitioner_id::text
  FROM public.practitioner_assignments a
 WHERE a.supervisor_id = %(user)s::uuid AND a.active
