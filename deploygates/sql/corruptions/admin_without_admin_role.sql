-- One admin without the admin role
-- flagged by: admins_keep_admin_role
UPDATE public.profiles SET roles = ARRAY['practitioner']
 WHERE id = (SELECT id FROM public.profiles WHERE role = 'admin' ORDER BY id LIMIT 1);
