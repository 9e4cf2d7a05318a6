-- One sponsor without the coach role
-- flagged by: sponsors_hold_coach_role
UPDATE public.profiles SET roles = ARRAY['practitioner']
 WHERE id = (SELECT id FROM public.profiles WHERE role = 'sponsor' ORDER BY id LIMIT 1);
