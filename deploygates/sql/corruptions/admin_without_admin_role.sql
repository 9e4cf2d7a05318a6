-- One admin without the admin role
-- flagged by: admins_keep_admin_role
-- The tables' own triggers (a team's guard on profiles or organizations) do not fire for it.
SET session_replication_role = replica;
UPDATE public.profiles SET roles = ARRAY['practitioner']
 WHERE id = (SELECT id FROM public.profiles WHERE role = 'admin' ORDER BY id LIMIT 1);
