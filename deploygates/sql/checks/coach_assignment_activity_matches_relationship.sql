-- A coach assignment is active exactly when its sponsor relationship's status is 'active'
-- DOMAIN.md 4.2. Violating rows: coach assignments whose active flag disagrees with the status.
SELECT a.id AS assignment_id, r.id AS relationship_id, r.status AS relationship_status, a.active
  FROM public.practitioner_assignments a
  JOIN public.sponsor_relationships r
    ON r.sponsor_id = a.supervisor_id AND r.practitioner_id = a.practitioner_id
 WHERE a.supervisor_role = 'coach'
   AND a.active IS DISTINCT FROM (r.status = 'active')
 ORDER BY a.id;
