-- Users the simulated application traffic acts for
SELECT p.id FROM public.profiles p JOIN public.user_activity_sessions s ON s.user_id = p.id ORDER BY p.id LIMIT 200;
