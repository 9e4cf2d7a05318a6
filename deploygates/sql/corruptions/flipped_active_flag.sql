-- One coach assignment active although its sponsor relationship is not
-- flagged by: coach_assignment_activity_matches_relationship
UPDATE public.practitioner_assignments SET active = true
 WHERE id = (SELECT a.id FROM public.practitioner_assignments a
               JOIN public.sponsor_relationships r
                 ON r.sponsor_id = a.supervisor_id AND r.practitioner_id = a.practitioner_id
              WHERE r.status <> 'active'
              ORDER BY a.id LIMIT 1);
