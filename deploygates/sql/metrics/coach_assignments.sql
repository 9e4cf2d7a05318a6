-- Coach Assignments
-- SUCCESS-2 of the runbook: practitioner assignments in the coach role.
SELECT count(*) AS coach_assignments FROM public.practitioner_assignments WHERE supervisor_role = 'coach';
