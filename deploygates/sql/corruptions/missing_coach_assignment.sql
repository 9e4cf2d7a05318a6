-- One sponsor relationship without its coach assignment
-- flagged by: sponsor_relationships_have_one_coach_assignment
DELETE FROM public.practitioner_assignments
 WHERE id = (SELECT a.id FROM public.practitioner_assignments a
               JOIN public.sponsor_relationships r
                 ON r.sponsor_id = a.supervisor_id AND r.practitioner_id = a.practitioner_id
              WHERE r.status <> 'active'
              ORDER BY a.id LIMIT 1);
