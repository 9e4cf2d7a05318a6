-- A coach assignment's assigned_at equals its sponsor relationship's created_at
-- DOMAIN.md 4.2. Violating rows: coach assignments dated differently from their relationship.
SELECT a.id AS assignment_id, r.id AS relationship_id, r.created_at AS relationship_created_at,
       a.assigned_at
  FROM public.practitioner_assignments a
  JOIN public.sponsor_relationships r
    ON r.sponsor_id = a.supervisor_id AND r.practitioner_id = a.practitioner_id
 WHERE a.supervisor_role = 'coach'
   AND a.assigned_at IS DISTINCT FROM r.created_at
 ORDER BY a.id;
