-- One coach assignment dated a day after its relationship
-- flagged by: coach_assignment_dates_match_relationship
UPDATE public.practitioner_assignments a SET assigned_at = r.created_at + interval '1 day'
  FROM public.sponsor_relationships r
 WHERE r.sponsor_id = a.supervisor_id AND r.practitioner_id = a.practitioner_id
   AND a.id = (SELECT id FROM public.practitioner_assignments WHERE supervisor_role = 'coach' ORDER BY id LIMIT 1);
