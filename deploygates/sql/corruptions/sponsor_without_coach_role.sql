-- One sponsor without the coach role
-- flagged by: sponsors_hold_coach_role
-- The tables' own triggers (a team's guard on profiles or organizations) do not fire for it.
SET session_replication_role = replica;
UPDATE public.profiles SET roles = ARRAY['practitioner']
 WHERE id = (SELECT id FROM public.profiles WHERE role = 'sponsor' ORDER BY id LIMIT 1);
