-- Each sponsor relationship with a sponsor has exactly one coach assignment
-- DOMAIN.md 4.2. Violating rows: relationships with a sponsor and zero or several coach
-- assignments for the same practitioner and supervisor.
SELECT r.id AS relationship_id, r.sponsor_id, r.practitioner_id, r.status,
       count(a.id) AS coach_assignments
  FROM public.sponsor_relationships r
  LEFT JOIN public.practitioner_assignments a
         ON a.practitioner_id = r.practitioner_id
        AND a.supervisor_id = r.sponsor_id
        AND a.supervisor_role = 'coach'
 WHERE r.sponsor_id IS NOT NULL
 GROUP BY r.id
HAVING count(a.id) <> 1
 ORDER BY r.id;
